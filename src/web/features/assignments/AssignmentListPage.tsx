import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Segmented } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { PHONE_TAP } from '../../components/phone-tap';
import { useUrlParams } from '../../components/url-state';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { fetchAssignments, useDirectory, type Assignment, type AssignmentDetail } from './api';
import { AssignDrawer, RequestDrawer } from './AssignmentDrawers';
import { Due, KindTag, PriorityTag, StatusTag } from './Tags';
import { departmentName, KIND, options, STATUS } from './vocab';

/** Overdue rows: a pale red ground and a red bar on the first cell (the words say it too). */
const late = (a: Assignment) => ({ style: a.overdue ? { background: '#fff1f0' } : undefined, 'data-overdue': a.overdue ? 'true' : undefined });
const lateFirst = (a: Assignment) => ({ style: a.overdue ? { background: '#fff1f0', boxShadow: 'inset 3px 0 0 #cf1322' } : undefined, 'data-overdue': a.overdue ? 'true' : undefined });

const plain: ColumnsType<Assignment> = [
  {
    title: '事项',
    key: 'title',
    render: (_, a) => (
      <span>
        <strong>{a.title}</strong> <KindTag a={a} />
      </span>
    ),
  },
  { title: '承办人', dataIndex: 'assigneeName' },
  { title: '交办人', key: 'assigner', render: (_, a) => (a.kind === 'request' ? `${a.assignerName}（${departmentName(a.assignerDepartment)}）` : a.assignerName) },
  { title: '截止时间', dataIndex: 'dueAt', sorter: true, render: (_: unknown, a) => <Due a={a} /> },
  { title: '优先级', dataIndex: 'priority', sorter: true, render: (_: unknown, a) => <PriorityTag a={a} /> },
  { title: '状态', dataIndex: 'status', render: (_: unknown, a) => <StatusTag a={a} /> },
];
const columns: ColumnsType<Assignment> = plain.map((c, i) => ({ ...c, onCell: i === 0 ? lateFirst : late }));

type Tab = 'assigned' | 'created' | 'all';

/**
 * 交办事项: 交给我的 (what I must do), 我交办的 (what I handed out or asked for), and for readers
 * beyond their own, 团队 (all the work my scope reaches). Tab, filters, sort and page in the URL;
 * overdue work highlighted; cards on a phone.
 */
export default function AssignmentListPage() {
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const session = useSession();
  const { params, update } = useUrlParams();
  const [drawer, setDrawer] = useState<'assign' | 'request' | null>(null);
  const wide = (session.grant('assignment.read')?.scope ?? 'own') !== 'own';
  const hands = session.can('assignment.assign') || session.can('assignment.request');
  const directory = useDirectory(wide);

  const tabs: { value: Tab; label: string }[] = [
    { value: 'assigned', label: '交给我的' },
    ...(hands ? [{ value: 'created' as const, label: '我交办的' }] : []),
    ...(wide ? [{ value: 'all' as const, label: '团队' }] : []),
  ];
  const tab: Tab = tabs.some((t) => t.value === params.mine) ? (params.mine as Tab) : 'assigned';

  const filters: FilterSpec[] = [
    { name: 'q', label: '搜索', kind: 'search', placeholder: '标题' },
    { name: 'status', label: '状态', kind: 'select', options: options(STATUS) },
    {
      name: 'overdue',
      label: '是否逾期',
      kind: 'select',
      options: [
        { value: 'true', label: '已逾期' },
        { value: 'false', label: '未逾期' },
      ],
    },
    { name: 'kind', label: '类型', kind: 'select', options: Object.entries(KIND).map(([value, label]) => ({ value, label })) },
    { name: 'dueBefore', label: '截止早于', kind: 'date' },
    ...(wide && tab === 'all'
      ? [{ name: 'assigneeId', label: '承办人', kind: 'select' as const, options: (directory.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.roleName}）` })) }]
      : []),
  ];

  const opened = (a: AssignmentDetail) => {
    setDrawer(null);
    navigate(`/assignments/${a.id}`);
  };
  const size = isPhone ? ('large' as const) : undefined;

  return (
    <>
      <ListPage<Assignment>
        title="交办事项"
        resource="assignments"
        fetch={(p) => fetchAssignments({ ...p, mine: tab })}
        columns={columns}
        filters={filters}
        defaults={{ sort: 'dueAt' }}
        to={(a) => `/assignments/${a.id}`}
        emptyText={tab === 'assigned' ? '暂无交给我的事项' : tab === 'created' ? '暂无我交办的事项' : '暂无交办事项'}
        intro={
          tabs.length > 1 && (
            <Segmented
              aria-label="范围"
              style={{ marginBottom: 12 }}
              size={size}
              styles={isPhone ? PHONE_TAP.segmented : undefined}
              value={tab}
              onChange={(v) => update({ mine: v === 'assigned' ? undefined : String(v), assigneeId: undefined })}
              options={tabs}
            />
          )
        }
        card={(a) => ({
          title: (
            <>
              {a.title} <KindTag a={a} />
            </>
          ),
          description: (
            <>
              <div>
                {tab === 'assigned' ? `交办人 ${a.assignerName}` : `承办人 ${a.assigneeName}`} · 优先级 <PriorityTag a={a} />
              </div>
              <div style={a.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>
                <Due a={a} />
              </div>
            </>
          ),
          extra: <StatusTag a={a} />,
        })}
        actions={
          <>
            <Action permission="assignment.request" size={size} icon={<SendOutlined />} onClick={() => setDrawer('request')}>
              协作请求
            </Action>
            <Action permission="assignment.assign" type="primary" size={size} icon={<PlusOutlined />} onClick={() => setDrawer('assign')}>
              新建交办
            </Action>
          </>
        }
      />
      <AssignDrawer open={drawer === 'assign'} onClose={() => setDrawer(null)} onCreated={opened} />
      <RequestDrawer open={drawer === 'request'} onClose={() => setDrawer(null)} onCreated={opened} />
    </>
  );
}
