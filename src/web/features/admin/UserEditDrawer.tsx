import { Button, Drawer, Form, Input, Select } from 'antd';
import { useMemo } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useAllUsers, useUpdateUser, type User } from './api';
import { SupervisorSelect } from './SupervisorSelect';
import { reportsBelow } from './tree';
import { ROLE_OPTIONS, type RoleCode } from './vocab';

interface EditValues {
  displayName: string;
  email: string;
  role: RoleCode;
  supervisorId: string | null;
}

const valuesOf = (u: User): EditValues => ({ displayName: u.displayName, email: u.email ?? '', role: u.role, supervisorId: u.supervisorId });

/** 编辑用户: 姓名, 邮箱, 角色 and 上级, sent with the version the page showed; a stale one (409) offers to reload. */
export function UserEditDrawer({ user, open, onClose, onReload }: { user: User; open: boolean; onClose: () => void; onReload: () => Promise<User | undefined> }) {
  const isPhone = useIsPhone();
  return (
    <Drawer title={`编辑用户 ${user.displayName}`} open={open} onClose={onClose} placement={isPhone ? 'bottom' : 'right'} size={isPhone ? '92%' : 520} destroyOnHidden>
      {open && <EditForm user={user} onDone={onClose} onReload={onReload} />}
    </Drawer>
  );
}

function EditForm({ user, onDone, onReload }: { user: User; onDone: () => void; onReload: () => Promise<User | undefined> }) {
  const [form] = Form.useForm<EditValues>();
  const isPhone = useIsPhone();
  const update = useUpdateUser(user.id);
  const all = useAllUsers();
  const self = useSession().me.user.id === user.id;
  const role = Form.useWatch('role', form) ?? user.role;
  // Neither the user nor anyone below them may become their supervisor: the server refuses a loop.
  const exclude = useMemo(() => new Set([user.id, ...reportsBelow(all.data ?? [], user.id)]), [all.data, user.id]);
  const current = user.supervisorId ? all.data?.find((u) => u.id === user.supervisorId) : null;

  const submit = (v: EditValues) => {
    const change: { displayName?: string; email?: string | null; role?: RoleCode; supervisorId?: string | null } = {};
    if (v.displayName.trim() !== user.displayName) change.displayName = v.displayName.trim();
    if ((v.email?.trim() || null) !== user.email) change.email = v.email?.trim() || null;
    if (v.role !== user.role) change.role = v.role;
    if ((v.supervisorId ?? null) !== user.supervisorId) change.supervisorId = v.supervisorId ?? null;
    if (Object.keys(change).length === 0) return onDone();
    update.mutate(
      { change, version: user.version },
      {
        onSuccess: onDone,
        onError: (e) => {
          if (e instanceof ApiError) form.setFields(Object.entries(fieldErrors(e.problem)).map(([name, errors]) => ({ name: name as keyof EditValues, errors })));
        },
      },
    );
  };

  return (
    <>
      <ProblemAlert
        error={update.error}
        onReload={() =>
          void onReload().then((fresh) => {
            update.reset();
            if (fresh) form.setFieldsValue(valuesOf(fresh));
          })
        }
      />
      <Form form={form} layout="vertical" size={isPhone ? 'large' : 'middle'} initialValues={valuesOf(user)} onFinish={submit} autoComplete="off">
        <Form.Item label="用户名">
          <Input value={user.username} disabled aria-label="用户名" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 100, message: '姓名最多 100 个字' }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="email"
          label="邮箱"
          extra="接收邮件通知的地址；清空则不再发邮件"
          normalize={(v?: string) => v?.trim()}
          rules={[{ type: 'email', message: '邮箱地址格式不正确' }, { max: 254, message: '邮箱最长 254 个字符' }]}
        >
          <Input type="email" autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item
          name="role"
          label="角色"
          extra={self ? '不能修改自己的角色，请由另一位管理员操作' : '修改角色后，部门随之改变，该用户需要重新登录'}
          rules={[{ required: true, message: '请选择角色' }]}
        >
          <Select options={ROLE_OPTIONS} disabled={self} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="supervisorId" label="上级" extra="在职的业务人员（不含系统管理员）；不能选本人或其下属">
          <SupervisorSelect role={role} exclude={exclude} current={current} size={isPhone ? 'large' : 'middle'} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={update.isPending}>
          保存
        </Button>
      </Form>
    </>
  );
}
