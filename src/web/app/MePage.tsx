import { BellOutlined, LogoutOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, List, Tag } from 'antd';
import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader';
import { useSession } from '../lib/session';
import { PHONE_BAR_KEYS, visibleMenu } from './menu';
import { groupMenu } from './menu-groups';

const SCOPE: Record<string, string> = { own: '本人', team: '本组', department: '本部门', all: '全部' };

/** 我的: who I am, the rest of the menu on a phone, my grants with their clauses, sign-out. */
export default function MePage() {
  const session = useSession();
  const { user, permissions } = session.me;
  const more = visibleMenu(session).filter((m) => !PHONE_BAR_KEYS.includes(m.key));
  return (
    <>
      <PageHeader title="我的" />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'n', label: '姓名', children: user.displayName },
            { key: 'u', label: '用户名', children: user.username },
            { key: 'r', label: '角色', children: user.roleName },
          ]}
        />
      </Card>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Link to="/me/notifications" data-testid="me-notifications" style={{ display: 'flex', alignItems: 'center', gap: 12, minHeight: 48, color: 'inherit' }}>
          <BellOutlined aria-hidden />
          <span style={{ flex: 1 }}>
            通知设置
            <span style={{ display: 'block', color: '#595959', fontSize: 13 }}>邮件和群机器人通知，按渠道和类型开关</span>
          </span>
          <RightOutlined aria-hidden />
        </Link>
      </Card>
      {groupMenu(more).map((g) => (
        <Card key={g.title} size="small" title={g.title} style={{ marginBottom: 16 }}>
          <List
            dataSource={g.entries}
            renderItem={(m) => (
              <li style={{ listStyle: 'none' }}>
                <Link to={m.path} data-testid={`more-${m.key}`} style={{ display: 'flex', alignItems: 'center', gap: 12, minHeight: 48, color: 'inherit' }}>
                  <span aria-hidden>{m.icon}</span>
                  <span style={{ flex: 1 }}>{m.label}</span>
                  {m.extra}
                  <RightOutlined aria-hidden />
                </Link>
              </li>
            )}
          />
        </Card>
      ))}
      <Card size="small" title="我的职责权限" style={{ marginBottom: 16 }}>
        <List
          size="small"
          dataSource={permissions}
          locale={{ emptyText: '无业务权限' }}
          renderItem={(p) => (
            <List.Item>
              <span>
                {p.name} <Tag>{SCOPE[p.scope] ?? p.scope}</Tag>
              </span>
              <span style={{ color: '#595959' }}>{p.clauses.join('、') || '—'}</span>
            </List.Item>
          )}
        />
      </Card>
      <Button block size="large" danger icon={<LogoutOutlined />} onClick={() => void session.signOut()}>
        退出登录
      </Button>
    </>
  );
}
