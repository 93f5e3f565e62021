import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { Segmented } from 'antd';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { useUrlParams } from '../../components/url-state';
import { useSession } from '../../lib/session';
import { ComplaintBoard } from './ComplaintBoard';
import { useIsPhone } from '../../lib/responsive';
import { Action } from '../../components/Action';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { formatDateTime } from '../../lib/format';
import { fetchComplaints, type Complaint } from './api';
import { SlaText } from './SlaClock';
import { SeverityTag, StatusTags } from './Tags';
import { CATEGORY, DEPARTMENT, options, SEVERITY, STATUS } from './vocab';

const ellipsis = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n)}…` : s);

const columns: ColumnsType<Complaint> = [
  { title: '登记时间', dataIndex: 'createdAt', sorter: true, render: (v: string) => formatDateTime(v) },
  { title: '投诉内容', dataIndex: 'description', render: (v: string) => ellipsis(v) },
  { title: '类别', dataIndex: 'category', render: (v: Complaint['category']) => CATEGORY[v] },
  { title: '严重程度', dataIndex: 'severity', sorter: true, render: (_: unknown, c) => <SeverityTag c={c} /> },
  { title: '状态', dataIndex: 'status', render: (_: unknown, c) => <StatusTags c={c} /> },
  {
    title: '处理期限',
    dataIndex: 'dueAt',
    sorter: true,
    render: (v: string, c) => (
      <div data-testid="complaint-due">
        <div style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</div>
        <SlaText c={c} />
      </div>
    ),
  },
  { title: '处理部门', dataIndex: 'handlingDepartment', render: (v: Complaint['handlingDepartment']) => DEPARTMENT[v] },
];

const filters: FilterSpec[] = [
  { name: 'status', label: '状态', kind: 'select', options: options(STATUS) },
  { name: 'severity', label: '严重程度', kind: 'select', options: options(SEVERITY) },
  {
    name: 'escalated',
    label: '是否升级',
    kind: 'select',
    options: [
      { value: 'true', label: '已升级' },
      { value: 'false', label: '未升级' },
    ],
  },
  {
    name: 'overdue',
    label: '是否超时',
    kind: 'select',
    options: [
      { value: 'true', label: '已超时未解决' },
      { value: 'false', label: '未超时' },
    ],
  },
  { name: 'department', label: '处理部门', kind: 'select', options: options(DEPARTMENT) },
];

/** 投诉: the complaints the caller may read, newest first; 登记投诉 for those who file them. */
export default function ComplaintListPage() {
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  // 看板 for readers beyond their own complaints (managers, 总经理, 大客户主管); the view is in the URL
  const wide = (useSession().grant('complaint.read')?.scope ?? 'own') !== 'own';
  const { params, update } = useUrlParams();
  const view = wide && params.view === 'board' ? 'board' : 'list';
  const switcher = wide && (
    <Segmented
      aria-label="视图"
      style={{ marginBottom: 12 }}
      size={isPhone ? 'large' : undefined}
      value={view}
      onChange={(v) => update(v === 'board' ? { view: 'board' } : Object.fromEntries([...Object.keys(params)].map((k) => [k, undefined])))}
      options={[
        { value: 'list', label: '列表' },
        { value: 'board', label: '看板' },
      ]}
    />
  );
  if (view === 'board')
    return (
      <>
        <PageHeader title="投诉看板" subTitle="未解决的投诉，按处理部门分列，已超时的在前" />
        {switcher}
        <ComplaintBoard />
      </>
    );
  return (
    <ListPage<Complaint>
      intro={switcher}
      title="投诉"
      resource="complaints"
      fetch={fetchComplaints}
      columns={columns}
      filters={filters}
      defaults={{ sort: '-createdAt' }}
      to={(c) => `/complaints/${c.id}`}
      emptyText="暂无投诉"
      card={(c) => ({
        title: ellipsis(c.description, 24),
        description: (
          <>
            <div>
              {CATEGORY[c.category]} · 严重程度 {SEVERITY[c.severity].label}
            </div>
            <div data-testid="complaint-due">
              <div>处理期限 {formatDateTime(c.dueAt)}</div>
              <SlaText c={c} />
            </div>
          </>
        ),
        extra: (
          <div style={{ textAlign: 'right', flexShrink: 0 }}>
            <StatusTags c={c} />
          </div>
        ),
      })}
      actions={
        <Action permission="complaint.create" type="primary" size={isPhone ? 'large' : undefined} icon={<PlusOutlined />} onClick={() => navigate('/complaints/new')}>
          登记投诉
        </Action>
      }
    />
  );
}
