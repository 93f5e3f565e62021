import { Button, Card, Form } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { CampaignPicker, ChannelPicker, useOpenCampaigns } from '../../components/Attribution';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PageHeader } from '../../components/PageHeader';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useCreateProspect, type ProspectInput } from './api';
import { placeErrors, ProspectFields } from './ProspectFields';

/**
 * 登记来源: the campaign and channel the prospect came through — for those who can read them. A
 * campaign run through a channel attributes the prospect to that channel too when none is chosen.
 */
function AttributionFields({ form }: { form: ReturnType<typeof Form.useForm<ProspectInput>>[0] }) {
  const session = useSession();
  const campaignId = Form.useWatch('campaignId', form);
  const channelId = Form.useWatch('channelId', form);
  const campaigns = useOpenCampaigns(session.can('campaign.read'));
  const through = campaigns.data?.find((c) => c.id === campaignId)?.channelName;
  return (
    <>
      {session.can('campaign.read') && (
        <Form.Item label="推广活动" name="campaignId" extra="来自哪个推广活动（筹备中或进行中的）">
          <CampaignPicker />
        </Form.Item>
      )}
      {session.can('channel.read') && (
        <Form.Item label="渠道" name="channelId" extra={through && !channelId ? `不选时随推广活动归属渠道「${through}」` : '来自哪个渠道（启用中的）'}>
          <ChannelPicker />
        </Form.Item>
      )}
    </>
  );
}

/** 潜在客户登记备案: one form with live 查重; the registrant becomes the owner. */
export default function ProspectCreatePage() {
  const [form] = Form.useForm<ProspectInput>();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const create = useCreateProspect();
  const [search] = useSearchParams();

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
        <Form
          form={form}
          layout="vertical"
          size={isPhone ? 'large' : 'middle'}
          onFinish={submit}
          scrollToFirstError
          style={{ maxWidth: 640 }}
          initialValues={{ campaignId: search.get('campaignId') ?? undefined, channelId: search.get('channelId') ?? undefined }}
        >
          <ProspectFields form={form} />
          <AttributionFields form={form} />
          <Button type="primary" htmlType="submit" size="large" block={isPhone} loading={create.isPending}>
            提交登记
          </Button>
        </Form>
      </Card>
    </>
  );
}
