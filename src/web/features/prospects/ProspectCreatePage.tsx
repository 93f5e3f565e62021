import { Button, Card, Form } from 'antd';
import { useNavigate } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PageHeader } from '../../components/PageHeader';
import { useIsPhone } from '../../lib/responsive';
import { useCreateProspect, type ProspectInput } from './api';
import { placeErrors, ProspectFields } from './ProspectFields';

/** 潜在客户登记备案: one form with live 查重; the registrant becomes the owner. */
export default function ProspectCreatePage() {
  const [form] = Form.useForm<ProspectInput>();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const create = useCreateProspect();

  const submit = (v: ProspectInput) =>
    create.mutate(v, {
      onSuccess: (p) => navigate(`/prospects/${p.id}`, { replace: true, state: { created: true } }),
      onError: (e) => placeErrors(form, e),
    });

  return (
    <>
      <PageHeader back title="登记潜在客户" />
      <Card size="small">
        <ProblemAlert error={create.error} />
        <Form form={form} layout="vertical" size={isPhone ? 'large' : 'middle'} onFinish={submit} scrollToFirstError style={{ maxWidth: 640 }}>
          <ProspectFields form={form} />
          <Button type="primary" htmlType="submit" size="large" block={isPhone} loading={create.isPending}>
            提交登记
          </Button>
        </Form>
      </Card>
    </>
  );
}
