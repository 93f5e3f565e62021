import { Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { useIsPhone } from '../../lib/responsive';
import { useCreateUser, type User, type UserInput } from './api';
import { SupervisorSelect } from './SupervisorSelect';
import { generatePassword, PASSWORD_MAX, PASSWORD_RULE, passwordHint, ROLE_OPTIONS } from './vocab';

/** Mirrors CreateUserDto (src/users/dto/user.dto.ts); the server checks again. */
const USERNAME = /^[A-Za-z0-9._-]{3,64}$/;

/** 新建用户: 用户名, 姓名, 邮箱, 角色, 上级, 初始密码 — the account can sign in at once. */
export function UserCreateDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (u: User) => void }) {
  const isPhone = useIsPhone();
  return (
    <Drawer title="新建用户" open={open} onClose={onClose} placement={isPhone ? 'bottom' : 'right'} size={isPhone ? '92%' : 520} destroyOnHidden>
      {open && <CreateForm onCreated={onCreated} />}
    </Drawer>
  );
}

function CreateForm({ onCreated }: { onCreated: (u: User) => void }) {
  const [form] = Form.useForm<UserInput>();
  const isPhone = useIsPhone();
  const create = useCreateUser();
  const role = Form.useWatch('role', form);
  const [shown, setShown] = useState(false);

  const submit = (v: UserInput) =>
    create.mutate({ ...v, email: v.email || undefined }, {
      onSuccess: onCreated,
      onError: (e) => {
        if (!(e instanceof ApiError)) return;
        const byField = fieldErrors(e.problem);
        if (e.code === 'USER_USERNAME_TAKEN') byField.username = [e.problem.detail];
        form.setFields(Object.entries(byField).map(([name, errors]) => ({ name: name as keyof UserInput, errors })));
      },
    });

  return (
    <>
      <ProblemAlert error={create.error} />
      <Form form={form} layout="vertical" size={isPhone ? 'large' : 'middle'} onFinish={submit} scrollToFirstError autoComplete="off">
        <Form.Item
          name="username"
          label="用户名"
          extra="登录用，创建后不能修改：字母、数字、点、下划线或连字符，3 到 64 位"
          normalize={(v?: string) => v?.trim()}
          rules={[
            { required: true, message: '请填写用户名' },
            { pattern: USERNAME, message: '用户名只能包含字母、数字、点、下划线和连字符，长度 3 到 64' },
          ]}
        >
          <Input autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 100, message: '姓名最多 100 个字' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="email"
          label="邮箱"
          extra="可选：接收邮件通知的地址"
          normalize={(v?: string) => v?.trim()}
          rules={[{ type: 'email', message: '邮箱地址格式不正确' }, { max: 254, message: '邮箱最长 254 个字符' }]}
        >
          <Input type="email" autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={ROLE_OPTIONS} placeholder="选择角色" showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="supervisorId" label="上级" extra="在职的业务人员（不含系统管理员）；同部门的排在前面">
          <SupervisorSelect role={role} size={isPhone ? 'large' : 'middle'} />
        </Form.Item>
        <Form.Item label="初始密码" htmlFor="password" required extra={PASSWORD_RULE}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="password"
              noStyle
              dependencies={['username']}
              rules={[
                { required: true, message: '请设置初始密码' },
                ({ getFieldValue }) => ({
                  validator: (_, v?: string) => {
                    const hint = v ? passwordHint(v, getFieldValue('username')) : null;
                    return hint ? Promise.reject(new Error(hint)) : Promise.resolve();
                  },
                }),
              ]}
            >
              <Input.Password id="password" maxLength={PASSWORD_MAX} autoComplete="new-password" visibilityToggle={{ visible: shown, onVisibleChange: setShown }} />
            </Form.Item>
            <Button
              onClick={() => {
                form.setFieldsValue({ password: generatePassword() });
                setShown(true);
                void form.validateFields(['password']);
              }}
            >
              生成
            </Button>
          </Space.Compact>
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={create.isPending}>
          创建用户
        </Button>
      </Form>
    </>
  );
}
