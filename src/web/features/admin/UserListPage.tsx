import { PlusOutlined } from '@ant-design/icons';
import { Checkbox, Flex, Form, Segmented, Select, Skeleton } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useUrlParams } from '../../components/url-state';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { fetchUsers, useAllUsers, type User } from './api';
import { ReportingTree } from './ReportingTree';
import { ActiveTag } from './Tags';
import { UserCreateDrawer } from './UserCreateDrawer';
import { DEPARTMENT_OPTIONS, departmentName, ROLE_FILTER_OPTIONS } from './vocab';

const VIEWS = [
  { value: 'list', label: '用户列表' },
  { value: 'tree', label: '汇报关系' },
];

/** 用户管理: the accounts (filters in the URL) or the reporting lines; 新建用户 from either. */
export default function UserListPage() {
  const { params, update } = useUrlParams();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [creating, setCreating] = useState(false);
  const all = useAllUsers();
  const byId = new Map((all.data ?? []).map((u) => [u.id, u]));
  const view = params.view === 'tree' ? 'tree' : 'list';

  const actions = (
    <>
      <Segmented aria-label="视图" options={VIEWS} value={view} onChange={(v) => update({ view: v === 'tree' ? 'tree' : undefined })} />
      <Action permission="user.manage" type="primary" size={isPhone ? 'large' : 'middle'} icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
        新建用户
      </Action>
    </>
  );
  const drawer = <UserCreateDrawer open={creating} onClose={() => setCreating(false)} onCreated={(u) => navigate(`/users/${u.id}`, { state: { created: true } })} />;

  if (view === 'tree') {
    return (
      <>
        <PageHeader title="用户管理" extra={<Flex gap={8} wrap>{actions}</Flex>} />
        <Form layout={isPhone ? 'vertical' : 'inline'} role="search" style={{ marginBottom: 12 }}>
          <Form.Item label="部门" htmlFor="tree-department" style={{ minWidth: 200, marginBottom: 8 }}>
            <Select id="tree-department" allowClear placeholder="全公司" value={params.department} options={DEPARTMENT_OPTIONS} onChange={(v?: string) => update({ department: v })} />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Checkbox checked={params.inactive === '1'} onChange={(e) => update({ inactive: e.target.checked ? '1' : undefined })}>
              显示已停用的账号
            </Checkbox>
          </Form.Item>
        </Form>
        <ProblemAlert error={all.error} onReload={() => void all.refetch()} />
        {all.isPending ? <Skeleton active /> : <ReportingTree users={all.data ?? []} department={params.department} includeInactive={params.inactive === '1'} />}
        {drawer}
      </>
    );
  }

  const supervisors = (all.data ?? []).filter((u) => (all.data ?? []).some((r) => r.supervisorId === u.id));
  const filters: FilterSpec[] = [
    { name: 'q', label: '搜索', kind: 'search', placeholder: '用户名或姓名' },
    { name: 'role', label: '角色', kind: 'select', options: ROLE_FILTER_OPTIONS },
    { name: 'department', label: '部门', kind: 'select', options: DEPARTMENT_OPTIONS },
    {
      name: 'active',
      label: '状态',
      kind: 'select',
      options: [
        { value: 'true', label: '启用' },
        { value: 'false', label: '已停用' },
      ],
    },
    { name: 'supervisorId', label: '上级', kind: 'select', options: supervisors.map((u) => ({ value: u.id, label: `${u.displayName} · ${u.roleName}` })) },
  ];
  const supervisorName = (id: string | null) => (id ? (byId.get(id)?.displayName ?? '…') : '—');
  const columns: ColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', key: 'username', sorter: true },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName', sorter: true },
    { title: '角色', dataIndex: 'roleName', key: 'role', sorter: true },
    { title: '部门', dataIndex: 'department', render: (d: string) => departmentName(d) },
    { title: '上级', dataIndex: 'supervisorId', render: (id: string | null) => supervisorName(id) },
    { title: '状态', dataIndex: 'active', render: (a: boolean) => <ActiveTag active={a} /> },
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', sorter: true, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <ListPage<User>
        title="用户管理"
        resource="users"
        fetch={fetchUsers}
        filters={filters}
        columns={columns}
        actions={actions}
        to={(u) => `/users/${u.id}`}
        emptyText="没有符合条件的用户"
        card={(u) => ({
          title: `${u.displayName}（${u.username}）`,
          description: [u.roleName, u.supervisorId ? `上级 ${supervisorName(u.supervisorId)}` : null].filter(Boolean).join(' · '),
          extra: <ActiveTag active={u.active} />,
        })}
      />
      {drawer}
    </>
  );
}
