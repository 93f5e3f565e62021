import { Button, Drawer, Form, Input } from 'antd';
import { ProblemAlert } from '../../components/ErrorResult';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { useIsPhone } from '../../lib/responsive';
import { useUpdateCustomer, type Customer, type CustomerInput } from './api';

/** Mirrors the API (src/customers/dto, src/parties/party-keys.ts). */
const PHONE = /^\+?[0-9０-９ ()（）-]{7,20}$/;
const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const max = (n: number, label: string) => ({ max: n, message: `${label}最多 ${n} 个字` });

const valuesOf = (c: Customer): CustomerInput => ({
  name: c.name,
  uscc: c.uscc ?? undefined,
  contactName: c.contactName,
  contactPhone: c.contactPhone,
  address: c.address ?? undefined,
  region: c.region ?? undefined,
  industry: c.industry ?? undefined,
});

/** 编辑客户档案: PATCH with the version it was opened at; a stale one (409) offers to reload. */
export function CustomerEditDrawer({ customer, open, onClose, onReload }: { customer: Customer; open: boolean; onClose: () => void; onReload: () => Promise<Customer | undefined> }) {
  const isPhone = useIsPhone();
  return (
    <Drawer title="编辑客户" open={open} onClose={onClose} placement={isPhone ? 'bottom' : 'right'} size={isPhone ? '92%' : 520} destroyOnHidden>
      {/* Mounted only while open: each opening starts from the customer as it is now. */}
      {open && <EditForm customer={customer} onDone={onClose} onReload={onReload} />}
    </Drawer>
  );
}

function EditForm({ customer, onDone, onReload }: { customer: Customer; onDone: () => void; onReload: () => Promise<Customer | undefined> }) {
  const [form] = Form.useForm<CustomerInput>();
  const isPhone = useIsPhone();
  const update = useUpdateCustomer(customer.id);

  const submit = (v: CustomerInput) =>
    update.mutate(
      { v, version: customer.version },
      {
        onSuccess: onDone,
        onError: (e) => {
          if (e instanceof ApiError) form.setFields(Object.entries(fieldErrors(e.problem)).map(([name, errors]) => ({ name: name as keyof CustomerInput, errors })));
        },
      },
    );

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
      <Form form={form} layout="vertical" size={isPhone ? 'large' : 'middle'} initialValues={valuesOf(customer)} onFinish={submit} scrollToFirstError>
        <Form.Item name="name" label="客户名称" rules={[{ required: true, whitespace: true, message: '请填写客户名称' }, max(200, '客户名称')]}>
          <Input autoComplete="organization" />
        </Form.Item>
        <Form.Item
          name="uscc"
          label="统一社会信用代码"
          normalize={(v?: string) => v?.toUpperCase().replace(/\s/g, '')}
          rules={[{ pattern: USCC, message: '统一社会信用代码为 18 位数字或大写字母' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="contactName" label="联系人" rules={[{ required: true, whitespace: true, message: '请填写联系人' }, max(50, '联系人')]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label="联系电话"
          rules={[
            { required: true, message: '请填写联系电话' },
            { pattern: PHONE, message: '联系电话为 7 到 20 位数字（可含空格、+、-、括号）' },
          ]}
        >
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="address" label="地址" rules={[max(300, '地址')]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="region" label="地区" rules={[max(50, '地区')]}>
          <Input placeholder="如：华南" autoComplete="off" />
        </Form.Item>
        <Form.Item name="industry" label="行业" rules={[max(50, '行业')]}>
          <Input placeholder="如：制造业" autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={update.isPending}>
          保存
        </Button>
      </Form>
    </>
  );
}
