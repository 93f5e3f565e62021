import { PlusOutlined, UploadOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useState, type MouseEvent } from 'react';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { formatDate, formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { AssignModal } from './ProspectEditDrawer';
import { fetchProspects, useOwnerName, type Prospect } from './api';
import { StatusTag } from './StatusTag';
import { asOptions, INDUSTRIES, REGIONS, SOURCES, STATUS_OPTIONS } from './vocab';

const FILTERS: FilterSpec[] = [
  { name: 'q', label: '搜索', kind: 'search', placeholder: '公司名称或联系人' },
  { name: 'status', label: '状态', kind: 'select', options: STATUS_OPTIONS },
  { name: 'region', label: '地区', kind: 'select', options: asOptions(REGIONS) },
  { name: 'industry', label: '行业', kind: 'select', options: asOptions(INDUSTRIES) },
  { name: 'source', label: '来源', kind: 'select', options: asOptions(SOURCES) },
  { name: 'createdFrom', label: '登记日期起', kind: 'date' },
  { name: 'createdTo', label: '登记日期止', kind: 'date' },
  {
    name: 'sort',
    label: '排序',
    kind: 'select',
    options: [
      { value: '-createdAt', label: '最新登记在前' },
      { value: 'createdAt', label: '最早登记在前' },
      { value: '-lastActivityAt', label: '最近跟进在前' },
      { value: 'lastActivityAt', label: '最久未跟进在前' },
      { value: 'companyName', label: '按公司名称' },
    ],
  },
];

/** 潜在客户: mine for a specialist, my team's or department's for a supervisor or manager. */
export default function ProspectListPage() {
  const navigate = useNavigate();
  const session = useSession();
  const own = session.grant('prospect.read')?.scope === 'own';
  const ownerName = useOwnerName(!own);
  const isPhone = useIsPhone();
  // 分派 (MKT-5.1, MKT-4.2, KA-4.5) from the list: the modal sits outside the rows, so its clicks do not open a row
  const [assigning, setAssigning] = useState<Prospect | null>(null);
  const assignButton = (p: Prospect) => (
    <Action
      permission="prospect.assign"
      when={p.status !== 'converted'}
      size={isPhone ? 'large' : 'small'}
      icon={<UserSwitchOutlined />}
      aria-label={`分派 ${p.companyName}`}
      onClick={(e: MouseEvent) => {
        e.preventDefault();
        e.stopPropagation();
        setAssigning(p);
      }}
    >
      分派
    </Action>
  );

  const columns: ColumnsType<Prospect> = [
    { title: '公司名称', dataIndex: 'companyName', sorter: true, render: (v: string) => <strong>{v}</strong> },
    { title: '联系人', dataIndex: 'contactName' },
    { title: '地区', dataIndex: 'region', render: (v: string | null) => v ?? '—' },
    { title: '行业', dataIndex: 'industry', render: (v: string | null) => v ?? '—' },
    { title: '状态', dataIndex: 'status', sorter: true, render: (s: Prospect['status']) => <StatusTag status={s} /> },
    ...(own ? [] : [{ title: '负责人', dataIndex: 'ownerId', render: (v: string | null) => ownerName(v) }]),
    { title: '最近跟进', dataIndex: 'lastActivityAt', sorter: true, render: (v: string) => formatDateTime(v) },
    { title: '登记日期', dataIndex: 'createdAt', sorter: true, render: (v: string) => formatDate(v) },
    ...(session.can('prospect.assign') ? [{ title: '操作', key: 'assign', render: (_: unknown, p: Prospect) => assignButton(p) }] : []),
  ];

  return (
    <ListPage<Prospect>
      title="潜在客户"
      resource="prospects"
      fetch={fetchProspects}
      filters={FILTERS}
      defaults={{ sort: '-createdAt' }}
      columns={columns}
      to={(p) => `/prospects/${p.id}`}
      emptyText="没有符合条件的潜在客户"
      intro={assigning && <AssignModal prospect={assigning} open onClose={() => setAssigning(null)} />}
      card={(p) => ({
        title: p.companyName,
        description: (
          <>
            <div>
              {p.contactName} · {p.contactPhone}
            </div>
            <div>
              {[p.region, p.industry, p.source].filter(Boolean).join(' · ') || '—'} · 登记于 {formatDate(p.createdAt)}
              {own ? '' : ` · ${ownerName(p.ownerId)}`}
            </div>
          </>
        ),
        extra: (
          <div style={{ textAlign: 'right', flexShrink: 0 }}>
            <StatusTag status={p.status} />
            {session.can('prospect.assign') && <div style={{ marginTop: 8 }}>{assignButton(p)}</div>}
          </div>
        ),
      })}
      actions={
        <>
          <Action permission="prospect.create" icon={<UploadOutlined />} onClick={() => navigate('/imports/new?kind=prospects')}>
            导入
          </Action>
          <Action permission="prospect.create" type="primary" icon={<PlusOutlined />} onClick={() => navigate('/prospects/new')}>
            登记潜在客户
          </Action>
        </>
      }
    />
  );
}
