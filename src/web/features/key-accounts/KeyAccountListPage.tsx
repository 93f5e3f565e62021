import { AuditOutlined, CrownOutlined, WarningOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { ReadableTag } from '../../components/ReadableTag';
import { formatDate, formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { fetchKeyAccounts, useDirectory, useTiers, type KeyAccount } from './api';

/** 拜访已逾期 (in words and an icon, the colour a third cue) or the tier's rhythm. */
export function VisitDue({ ka }: { ka: KeyAccount }) {
  return (
    <span data-testid="ka-next-visit" data-overdue={ka.visitOverdue ? 'true' : 'false'} style={{ whiteSpace: 'nowrap' }}>
      {formatDate(ka.nextVisitDue)}{' '}
      {ka.visitOverdue ? (
        <ReadableTag tone="red" icon={<WarningOutlined aria-hidden />}>
          拜访已逾期
        </ReadableTag>
      ) : (
        <ReadableTag>每 {ka.visitIntervalDays} 天</ReadableTag>
      )}
    </span>
  );
}

const columns: ColumnsType<KeyAccount> = [
  { title: '客户', dataIndex: 'name', key: 'name', sorter: true, render: (v: string) => <strong>{v}</strong> },
  {
    title: '等级',
    key: 'tier',
    sorter: true,
    render: (_: unknown, k) => (
      <ReadableTag tone="gold" icon={<CrownOutlined />}>
        {k.tierName}
      </ReadableTag>
    ),
  },
  { title: '负责人', dataIndex: 'ownerName' },
  { title: '最近拜访', key: 'lastVisit', sorter: true, render: (_: unknown, k) => (k.lastVisitAt ? formatDateTime(k.lastVisitAt) : '尚未拜访') },
  { title: '下次应拜访', key: 'nextVisitDue', sorter: true, render: (_: unknown, k) => <VisitDue ka={k} /> },
];

/** 大客户: every key account in reach with its tier, owner and visit rhythm; overdue ones flagged. */
export default function KeyAccountListPage() {
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const tiers = useTiers();
  const dir = useDirectory();
  const size = isPhone ? ('large' as const) : undefined;

  const filters: FilterSpec[] = [
    { name: 'q', label: '搜索', kind: 'search', placeholder: '客户名称' },
    { name: 'tierCode', label: '等级', kind: 'select', options: (tiers.data ?? []).map((t) => ({ value: t.code, label: t.name })) },
    {
      name: 'ownerId',
      label: '负责人',
      kind: 'select',
      options: (dir.data ?? []).filter((u) => u.department === 'key_account').map((u) => ({ value: u.id, label: `${u.displayName}（${u.roleName}）` })),
    },
    {
      name: 'visitOverdue',
      label: '拜访',
      kind: 'select',
      options: [
        { value: 'true', label: '拜访已逾期' },
        { value: 'false', label: '未逾期' },
      ],
    },
  ];

  return (
    <ListPage<KeyAccount>
      title="大客户"
      resource="key-accounts"
      fetch={fetchKeyAccounts}
      columns={columns}
      filters={filters}
      defaults={{ sort: 'nextVisitDue' }}
      rowKey={(k) => k.customerId}
      to={(k) => `/customers/${k.customerId}`}
      emptyText="没有符合条件的大客户"
      actions={
        <>
          <Button size={size} icon={<CrownOutlined />} onClick={() => navigate('/key-accounts/tiers')}>
            等级与服务标准
          </Button>
          <Button size={size} icon={<AuditOutlined />} onClick={() => navigate('/key-accounts/assessments')}>
            等级评定
          </Button>
        </>
      }
      card={(k) => ({
        title: k.name,
        description: (
          <>
            <div>
              {k.ownerName} · 最近拜访 {k.lastVisitAt ? formatDate(k.lastVisitAt) : '尚未拜访'}
            </div>
            <div>
              下次应拜访 <VisitDue ka={k} />
            </div>
          </>
        ),
        extra: (
          <ReadableTag tone="gold" icon={<CrownOutlined />} style={{ marginInlineEnd: 0 }}>
            {k.tierName}
          </ReadableTag>
        ),
      })}
    />
  );
}
