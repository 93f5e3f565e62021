import { Button, Card, Form, type FormInstance } from 'antd';
import { useNavigate } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PageHeader } from '../../components/PageHeader';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { useIsPhone } from '../../lib/responsive';
import { useCreateCustomer, type CustomerInput } from './api';
import { CustomerFields } from './CustomerFields';

/** Where a 409 DUPLICATE_PARTY's field shows, in the customer form's names. */
const DUPLICATE_FIELD: Record<string, { name: keyof CustomerInput; message: string }> = {
  companyName: { name: 'name', message: '同名' },
  uscc: { name: 'uscc', message: '使用该统一社会信用代码' },
  contactPhone: { name: 'contactPhone', message: '使用该联系电话' },
};

/** A refused submit puts its messages on the fields they concern; the typing stays. */
function placeErrors(form: FormInstance<CustomerInput>, error: unknown) {
  if (!(error instanceof ApiError)) return;
  const p = error.problem;
  const dup = p.code === 'DUPLICATE_PARTY' && p.duplicateOf ? DUPLICATE_FIELD[p.duplicateOf.field] : undefined;
  if (dup) {
    const who = p.duplicateOf?.entity === 'prospect' ? '潜在客户' : '客户';
    form.setFields([{ name: dup.name, errors: [`已有${who}${dup.message}`] }]);
    return;
  }
  form.setFields(Object.entries(fieldErrors(p)).map(([name, errors]) => ({ name: name as keyof CustomerInput, errors })));
}

/** 新建客户 (客户档案, SAL-6.3): the 内勤 enters a customer directly; she becomes its owner. */
export default function CustomerCreatePage() {
  const [form] = Form.useForm<CustomerInput>();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const create = useCreateCustomer();

  const submit = (v: CustomerInput) =>
    create.mutate(v, {
      onSuccess: (c) => navigate(`/customers/${c.id}`, { replace: true, state: { created: true } }),
      onError: (e) => placeErrors(form, e),
    });

  return (
    <>
      <PageHeader back title="新建客户" />
      <Card size="small">
        <ProblemAlert error={create.error} />
        <Form form={form} name="customer" layout="vertical" size={isPhone ? 'large' : 'middle'} onFinish={submit} scrollToFirstError style={{ maxWidth: 640 }}>
          <CustomerFields />
          <Button type="primary" htmlType="submit" size="large" block={isPhone} loading={create.isPending}>
            保存
          </Button>
        </Form>
      </Card>
    </>
  );
}
