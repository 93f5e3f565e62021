import { EditOutlined, KeyOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useUpdateUser, type User } from './api';
import { UserEditDrawer } from './UserEditDrawer';
import { generatePassword, PASSWORD_MAX, PASSWORD_RULE, passwordHint } from './vocab';

type Dialog = 'deactivate' | 'reactivate' | 'password';

const TITLE: Record<Dialog, string> = { deactivate: '停用账号', reactivate: '重新启用账号', password: '重置密码' };

/**
 * 编辑, 重置密码, 停用 / 启用 — each with the version the page showed. Deactivating and a new password
 * end the user's sessions on the server; a stale version (409) offers to reload.
 */
export function UserActions({ user, onReload }: { user: User; onReload: () => Promise<User | undefined> }) {
  const session = useSession();
  const size = useIsPhone() ? ('large' as const) : undefined;
  const self = session.me.user.id === user.id;
  const update = useUpdateUser(user.id);
  const [editing, setEditing] = useState(false);
  // The kind stays set while the dialog fades out, so it keeps its title (its accessible name).
  const [dialog, setDialog] = useState<Dialog>('password');
  const [shown, setShown] = useState(false);
  /** The new password, shown once after it took effect; gone when the dialog closes. */
  const [issued, setIssued] = useState<string | null>(null);
  const [visible, setVisible] = useState(false);
  const [form] = Form.useForm<{ password: string }>();

  const open = (d: Dialog) => {
    update.reset();
    setIssued(null);
    setVisible(false);
    setDialog(d);
    setShown(true);
  };
  const close = () => {
    setShown(false);
    setIssued(null);
  };
  const run = async () => {
    if (issued) return close();
    if (dialog === 'password') {
      const { password } = await form.validateFields();
      await update.mutateAsync({ change: { password }, version: user.version });
      setIssued(password);
      return;
    }
    await update.mutateAsync({ change: { active: dialog === 'reactivate' }, version: user.version });
    close();
  };

  return (
    <>
      <Space wrap>
        <Action size={size} permission="user.manage" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
          编辑
        </Action>
        <Action size={size} permission="user.manage" icon={<KeyOutlined aria-hidden />} onClick={() => open('password')}>
          重置密码
        </Action>
        <Action size={size} permission="user.manage" when={user.active && !self} danger icon={<StopOutlined aria-hidden />} onClick={() => open('deactivate')}>
          停用
        </Action>
        <Action size={size} permission="user.manage" when={!user.active} icon={<UndoOutlined aria-hidden />} onClick={() => open('reactivate')}>
          启用
        </Action>
      </Space>
      <UserEditDrawer user={user} open={editing} onClose={() => setEditing(false)} onReload={onReload} />
      <Modal
        open={shown}
        title={TITLE[dialog]}
        okText={issued ? '我已记下，关闭' : dialog === 'password' ? '设为新密码' : dialog === 'deactivate' ? '停用' : '启用'}
        okButtonProps={{ danger: dialog === 'deactivate' && !issued }}
        cancelButtonProps={{ style: issued ? { display: 'none' } : undefined }}
        cancelText="取消"
        confirmLoading={update.isPending}
        onOk={() => void run().catch(() => undefined)}
        onCancel={close}
        maskClosable={!issued}
        destroyOnHidden
      >
        <ProblemAlert
          error={update.error}
          onReload={() =>
            void onReload().then(() => {
              update.reset();
            })
          }
        />
        {dialog === 'deactivate' && (
          <p>
            停用后 <strong>{user.displayName}</strong>（{user.username}）不能再登录，已登录的会话立即失效；其名下的记录保持不变，可以随时重新启用。
          </p>
        )}
        {dialog === 'reactivate' && (
          <p>
            重新启用后 <strong>{user.displayName}</strong>（{user.username}）可以用原来的密码登录。
          </p>
        )}
        {dialog === 'password' &&
          (issued ? (
            <Alert
              type="success"
              showIcon
              title={`${user.displayName} 的新密码已生效`}
              description={
                <>
                  <p style={{ margin: '4px 0' }}>
                    新密码：<code data-testid="issued-password" style={{ fontSize: 16, userSelect: 'all' }}>{issued}</code>
                  </p>
                  <p style={{ margin: 0 }}>只显示这一次，关闭后无法再查看。请通过安全的方式告知本人；原来的密码和已登录的会话都已失效。</p>
                </>
              }
            />
          ) : (
            <Form form={form} layout="vertical" preserve={false} autoComplete="off">
              <p>为 {user.displayName}（{user.username}）设置一个新密码，用户用它登录。</p>
              <Form.Item label="新密码" htmlFor="new-password" required extra={PASSWORD_RULE}>
                <Space.Compact style={{ width: '100%' }}>
                  <Form.Item
                    name="password"
                    noStyle
                    rules={[
                      { required: true, message: '请填写新密码' },
                      { validator: (_, v?: string) => (v && passwordHint(v, user.username) ? Promise.reject(new Error(passwordHint(v, user.username)!)) : Promise.resolve()) },
                    ]}
                  >
                    <Input.Password id="new-password" maxLength={PASSWORD_MAX} autoComplete="new-password" visibilityToggle={{ visible, onVisibleChange: setVisible }} />
                  </Form.Item>
                  <Button
                    onClick={() => {
                      form.setFieldsValue({ password: generatePassword() });
                      setVisible(true);
                      void form.validateFields(['password']);
                    }}
                  >
                    生成
                  </Button>
                </Space.Compact>
              </Form.Item>
            </Form>
          ))}
      </Modal>
    </>
  );
}
