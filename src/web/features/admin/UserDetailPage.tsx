import { Alert, List } from 'antd';
import { Link, useLocation, useParams } from 'react-router';
import { RecordPage, Section, type Field } from '../../components/RecordPage';
import { formatDateTime } from '../../lib/format';
import { useAllUsers, useUser } from './api';
import { ActiveTag } from './Tags';
import { UserActions } from './UserActions';
import { departmentName } from './vocab';

/** One account: who, role and reporting line, its direct reports, and what the admin may do with it. */
export default function UserDetailPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const user = useUser(id);
  const all = useAllUsers();
  const u = user.data;
  const supervisor = u?.supervisorId ? all.data?.find((s) => s.id === u.supervisorId) : undefined;
  const reports = (all.data ?? []).filter((r) => r.supervisorId === id);
  const created = (location.state as { created?: boolean } | null)?.created;

  const fields: Field[] = u
    ? [
        { label: '用户名', value: u.username },
        { label: '姓名', value: u.displayName },
        { label: '邮箱', value: u.email ?? '—' },
        { label: '角色', value: u.roleName },
        { label: '部门', value: departmentName(u.department) },
        {
          label: '上级',
          value: u.supervisorId ? (
            <Link to={`/users/${u.supervisorId}`} data-testid="user-supervisor">
              {supervisor ? `${supervisor.displayName}（${supervisor.roleName}）` : '查看'}
            </Link>
          ) : (
            '无'
          ),
        },
        { label: '状态', value: <ActiveTag active={u.active} /> },
        { label: '创建时间', value: formatDateTime(u.createdAt) },
        { label: '最后修改', value: `${formatDateTime(u.updatedAt)}（版本 ${u.version}）` },
      ]
    : [];

  return (
    <RecordPage
      loading={user.isPending}
      error={user.error}
      onRetry={() => void user.refetch()}
      title={u?.displayName}
      subTitle={u ? `${u.username} · ${u.roleName}` : undefined}
      tags={u && <ActiveTag active={u.active} />}
      actions={u && <UserActions user={u} onReload={async () => (await user.refetch()).data} />}
      fields={fields}
    >
      {created && u && (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} title={`已创建用户 ${u.displayName}`} description={`${u.username} 现在可以用初始密码登录。`} />
      )}
      <Section title={`直接下属（${reports.length}）`} extra={<Link to={`/audit?entity=user&entityId=${id}`}>审计记录</Link>}>
        {reports.length === 0 ? (
          <p style={{ margin: 0, color: '#595959' }}>没有直接下属</p>
        ) : (
          <List
            size="small"
            dataSource={reports}
            renderItem={(r) => (
              <List.Item>
                <Link to={`/users/${r.id}`}>{r.displayName}</Link>
                <span style={{ color: '#595959' }}>
                  {r.roleName} {!r.active && <ActiveTag active={false} />}
                </span>
              </List.Item>
            )}
          />
        )}
      </Section>
    </RecordPage>
  );
}
