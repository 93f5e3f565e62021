import { Button, Drawer, Form } from 'antd';
import { ProblemAlert } from '../../components/ErrorResult';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { useIsPhone } from '../../lib/responsive';
import { useUpdateCustomer, type Customer, type CustomerInput } from './api';
import { CustomerFields } from './CustomerFields';

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
      <Form form={form} name="customer-edit" layout="vertical" size={isPhone ? 'large' : 'middle'} initialValues={valuesOf(customer)} onFinish={submit} scrollToFirstError>
        <CustomerFields />
        <Button type="primary" htmlType="submit" size="large" block loading={update.isPending}>
          保存
        </Button>
      </Form>
    </>
  );
}
