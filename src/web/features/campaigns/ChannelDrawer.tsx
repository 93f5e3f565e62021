import { Button, Drawer, Form, Input, Select, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { PHONE_TAP } from '../../components/phone-tap';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { useIsPhone } from '../../lib/responsive';
import { useCreateChannel, useUpdateChannel, type Channel } from './api';
import { KIND_NAMES, options } from './vocab';

interface Values {
  name: string;
  kind: Channel['kind'];
  region?: string;
  description?: string;
}

function ChannelFields({ phone }: { phone: boolean }) {
  return (
    <>
      <Form.Item name="name" label="渠道名称" rules={[{ required: true, whitespace: true, message: '请填写渠道名称' }, { max: 100, message: '最多 100 字' }]}>
        <Input maxLength={100} placeholder="如：华东区域代理商联盟" autoComplete="off" />
      </Form.Item>
      <Form.Item name="kind" label="渠道类型" rules={[{ required: true, message: '请选择渠道类型' }]}>
        <Select options={options(KIND_NAMES)} placeholder="代理商、经销商、展会……" styles={phone ? PHONE_TAP.select : undefined} />
      </Form.Item>
      <Form.Item name="region" label="地区" rules={[{ max: 50, message: '最多 50 字' }]}>
        <Input maxLength={50} placeholder="如：华东" autoComplete="off" />
      </Form.Item>
      <Form.Item name="description" label="说明" rules={[{ max: 2000, message: '最多 2000 字' }]}>
        <Input.TextArea rows={3} maxLength={2000} placeholder="渠道的构成、合作方式" />
      </Form.Item>
    </>
  );
}

const text = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);
const placeErrors = (form: FormInstance<Values>, e: unknown) => {
  if (e instanceof ApiError) form.setFields(Object.entries(fieldErrors(e.problem)).map(([name, errors]) => ({ name: name as keyof Values, errors })));
};

function Shell({ title, open, onClose, children }: { title: string; open: boolean; onClose: () => void; children: ReactNode }) {
  const isPhone = useIsPhone();
  return (
    <Drawer title={title} open={open} onClose={onClose} placement={isPhone ? 'bottom' : 'right'} size={isPhone ? '92%' : 520} destroyOnHidden>
      {open && children}
    </Drawer>
  );
}

/** 新建渠道: the caller owns it, in their department (同部门不可重名). */
export function ChannelCreateDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (c: Channel) => void }) {
  const isPhone = useIsPhone();
  const create = useCreateChannel();
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) =>
    create.mutate(
      { name: v.name.trim(), kind: v.kind, ...(text(v.region) ? { region: text(v.region) } : {}), ...(text(v.description) ? { description: text(v.description) } : {}) },
      { onSuccess: onCreated, onError: (e) => placeErrors(form, e) },
    );
  return (
    <Shell title="新建渠道" open={open} onClose={onClose}>
      <ProblemAlert error={create.error} />
      <Form form={form} layout="vertical" size={isPhone ? 'large' : 'middle'} onFinish={submit} name="channel-create">
        <ChannelFields phone={isPhone} />
        <Button type="primary" htmlType="submit" size="large" block loading={create.isPending}>
          保存
        </Button>
      </Form>
    </Shell>
  );
}

/** 修改 with the version read; a change meanwhile is 409 (重新加载). */
export function ChannelEditDrawer({ c, open, onClose, onStale }: { c: Channel; open: boolean; onClose: () => void; onStale: () => void }) {
  return (
    <Shell title="修改渠道" open={open} onClose={onClose}>
      <EditForm key={c.version} c={c} onSaved={onClose} onStale={onStale} />
    </Shell>
  );
}

function EditForm({ c, onSaved, onStale }: { c: Channel; onSaved: () => void; onStale: () => void }) {
  const isPhone = useIsPhone();
  const update = useUpdateChannel(c.id);
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) =>
    update.mutate(
      { version: c.version, name: v.name.trim(), kind: v.kind, region: text(v.region) ?? null, description: text(v.description) ?? null },
      { onSuccess: onSaved, onError: (e) => placeErrors(form, e) },
    );
  return (
    <>
      <ProblemAlert error={update.error} onReload={onStale} />
      <Form
        form={form}
        layout="vertical"
        size={isPhone ? 'large' : 'middle'}
        onFinish={submit}
        name="channel-edit"
        initialValues={{ name: c.name, kind: c.kind, region: c.region ?? '', description: c.description ?? '' }}
      >
        <ChannelFields phone={isPhone} />
        <Button type="primary" htmlType="submit" size="large" block loading={update.isPending}>
          保存
        </Button>
      </Form>
    </>
  );
}
