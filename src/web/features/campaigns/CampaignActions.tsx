import { Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { MoneyInput, moneyRule } from '../../components/MoneyInput';
import { PHONE_TAP } from '../../components/phone-tap';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { useIsPhone } from '../../lib/responsive';
import { useCampaignStep, type Campaign, type CampaignStep } from './api';
import { CampaignEditDrawer } from './CampaignDrawer';
import { useReaches } from './scope';
import { campaignAllows } from './vocab';

type Dialog = 'finish' | 'cancel';

/**
 * 开始, 结束 (with the 总结, required, and the final cost), 取消 (with the reason), 修改, and 登记潜在客户
 * through this campaign — each for the roles and records the API would allow, in the states that
 * allow it (campaign-rules.ts). A dialog keeps what was typed when the API refuses.
 */
export function CampaignActions({ c, onStale }: { c: Campaign; onStale: () => void }) {
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const size = isPhone ? ('large' as const) : undefined;
  const manage = useReaches('campaign.manage', c);
  const step = useCampaignStep(c.id);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ conclusion?: string; actualCost?: string; reason?: string }>();
  const open = c.status === 'planned' || c.status === 'running';

  const run = async (s: CampaignStep) => {
    setError(null);
    try {
      await step.mutateAsync(s);
      setDialog(null);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const errs = Object.entries(fieldErrors(e.problem));
        if (errs.length) form.setFields(errs.map(([name, errors]) => ({ name: name as 'conclusion', errors })));
        if (e.status === 409) onStale();
      }
    }
  };

  const submit = async () => {
    const v = await form.validateFields();
    if (dialog === 'finish') return run({ kind: 'finish', conclusion: v.conclusion!.trim(), actualCost: v.actualCost || undefined });
    return run({ kind: 'cancel', reason: v.reason!.trim() });
  };

  return (
    <>
      <Space wrap>
        <Action permission="prospect.create" when={open} size={size} onClick={() => navigate(`/prospects/new?campaignId=${c.id}`)}>
          登记潜在客户
        </Action>
        <Action permission="campaign.manage" when={manage && campaignAllows(c.status, 'start')} type="primary" size={size} loading={step.isPending && step.variables?.kind === 'start'} onClick={() => void run({ kind: 'start' })}>
          开始活动
        </Action>
        <Action permission="campaign.manage" when={manage && campaignAllows(c.status, 'finish')} type="primary" size={size} onClick={() => { setError(null); setDialog('finish'); }}>
          结束并总结
        </Action>
        <Action permission="campaign.manage" when={manage && campaignAllows(c.status, 'edit')} size={size} onClick={() => setEditing(true)}>
          修改
        </Action>
        <Action permission="campaign.manage" when={manage && campaignAllows(c.status, 'cancel')} danger size={size} onClick={() => { setError(null); setDialog('cancel'); }}>
          取消活动
        </Action>
      </Space>
      {!dialog && error ? <ProblemAlert error={error} /> : null}
      <Modal
        open={dialog !== null}
        title={dialog === 'finish' ? '结束推广活动' : '取消推广活动'}
        okText={dialog === 'finish' ? '结束活动' : '取消活动'}
        cancelText="返回"
        confirmLoading={step.isPending}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        <ProblemAlert error={error} />
        <Form form={form} layout="vertical" preserve={false} name={`campaign-${dialog ?? 'step'}`} initialValues={{ actualCost: c.actualCost ?? '' }}>
          {dialog === 'finish' ? (
            <>
              <Form.Item name="conclusion" label="活动总结" rules={[{ required: true, whitespace: true, message: '请填写活动总结' }, { max: 4000, message: '最多 4000 字' }]} extra="效果如何、有哪些经验与改进；各项数字由系统按记录计算">
                <Input.TextArea rows={5} maxLength={4000} />
              </Form.Item>
              <Form.Item name="actualCost" label="实际费用" rules={[moneyRule]} extra="不填时沿用已填写的实际费用">
                <MoneyInput styles={isPhone ? PHONE_TAP.affixInput : undefined} />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="reason" label="取消原因" rules={[{ required: true, whitespace: true, message: '请填写取消原因' }, { max: 2000, message: '最多 2000 字' }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
      {manage && <CampaignEditDrawer c={c} open={editing} onClose={() => setEditing(false)} onStale={onStale} />}
    </>
  );
}
