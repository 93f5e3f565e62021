import { Button, DatePicker, Drawer, Form, Input, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { ChannelPicker } from '../../components/Attribution';
import { MoneyInput, moneyRule } from '../../components/MoneyInput';
import { PHONE_TAP } from '../../components/phone-tap';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { dayjs } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useCreateCampaign, useUpdateCampaign, type Campaign } from './api';

interface Values {
  name: string;
  channelId?: string;
  region?: string;
  targetAudience?: string;
  targetProspects?: string;
  start: Dayjs;
  end: Dayjs;
  budget: string;
  actualCost?: string;
}

const WHOLE = /^\d{1,7}$/;

/** 活动名称, 渠道, 地区, 目标受众, 目标潜在客户数, 开始日期, 结束日期, 预算, 实际费用. */
function CampaignFields({ form, phone, current }: { form: FormInstance<Values>; phone: boolean; current?: { id: string; name: string } | null }) {
  const session = useSession();
  const picker = phone ? PHONE_TAP.picker : undefined;
  return (
    <>
      <Form.Item name="name" label="活动名称" rules={[{ required: true, whitespace: true, message: '请填写活动名称' }, { max: 100, message: '最多 100 字' }]}>
        <Input maxLength={100} placeholder="如：2026 华东工业展推广" autoComplete="off" />
      </Form.Item>
      {session.can('channel.read') && (
        <Form.Item name="channelId" label="渠道" extra="经由哪个渠道开展（可不选）">
          <ChannelPicker current={current} />
        </Form.Item>
      )}
      <Form.Item name="region" label="地区" rules={[{ max: 50, message: '最多 50 字' }]}>
        <Input maxLength={50} placeholder="如：华东" autoComplete="off" />
      </Form.Item>
      <Form.Item name="targetAudience" label="目标受众" rules={[{ max: 500, message: '最多 500 字' }]}>
        <Input.TextArea rows={2} maxLength={500} placeholder="面向谁推广" />
      </Form.Item>
      <Form.Item name="targetProspects" label="目标潜在客户数" rules={[{ pattern: WHOLE, message: '请填写整数' }]}>
        <Input inputMode="numeric" maxLength={7} placeholder="如：30" autoComplete="off" />
      </Form.Item>
      <Form.Item name="start" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
        <DatePicker style={{ width: '100%' }} styles={picker} inputReadOnly={phone} />
      </Form.Item>
      <Form.Item
        name="end"
        label="结束日期"
        dependencies={['start']}
        rules={[
          { required: true, message: '请选择结束日期' },
          { validator: (_, v?: Dayjs) => (!v || !form.getFieldValue('start') || !v.isBefore(form.getFieldValue('start'), 'day') ? Promise.resolve() : Promise.reject(new Error('结束日期不能早于开始日期'))) },
        ]}
      >
        <DatePicker style={{ width: '100%' }} styles={picker} inputReadOnly={phone} />
      </Form.Item>
      <Form.Item name="budget" label="预算" rules={[{ required: true, message: '请填写预算' }, moneyRule]}>
        <MoneyInput styles={phone ? PHONE_TAP.affixInput : undefined} />
      </Form.Item>
      <Form.Item name="actualCost" label="实际费用" rules={[moneyRule]} extra="可在活动期间或结束时填写">
        <MoneyInput styles={phone ? PHONE_TAP.affixInput : undefined} />
      </Form.Item>
    </>
  );
}

/** The API's field errors onto the form's fields (startDate/endDate are the form's 开始/结束日期). */
function placeErrors(form: FormInstance<Values>, e: unknown) {
  if (!(e instanceof ApiError)) return;
  const rename: Record<string, string> = { startDate: 'start', endDate: 'end' };
  form.setFields(Object.entries(fieldErrors(e.problem)).map(([name, errors]) => ({ name: (rename[name] ?? name) as keyof Values, errors })));
}

const text = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

function Shell({ title, open, onClose, children }: { title: string; open: boolean; onClose: () => void; children: React.ReactNode }) {
  const isPhone = useIsPhone();
  return (
    <Drawer title={title} open={open} onClose={onClose} placement={isPhone ? 'bottom' : 'right'} size={isPhone ? '92%' : 560} destroyOnHidden>
      {open && children}
    </Drawer>
  );
}

/** 新建推广活动: the planner owns it; it starts 筹备中. A refused submit keeps what was typed. */
export function CampaignCreateDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (c: Campaign) => void }) {
  return (
    <Shell title="新建推广活动" open={open} onClose={onClose}>
      <CreateForm onCreated={onCreated} />
    </Shell>
  );
}

function CreateForm({ onCreated }: { onCreated: (c: Campaign) => void }) {
  const isPhone = useIsPhone();
  const create = useCreateCampaign();
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) =>
    create.mutate(
      {
        name: v.name.trim(),
        ...(v.channelId ? { channelId: v.channelId } : {}),
        ...(text(v.region) ? { region: text(v.region) } : {}),
        ...(text(v.targetAudience) ? { targetAudience: text(v.targetAudience) } : {}),
        ...(v.targetProspects ? { targetProspects: Number(v.targetProspects) } : {}),
        startDate: v.start.format('YYYY-MM-DD'),
        endDate: v.end.format('YYYY-MM-DD'),
        budget: v.budget,
        ...(v.actualCost ? { actualCost: v.actualCost } : {}),
      },
      { onSuccess: onCreated, onError: (e) => placeErrors(form, e) },
    );
  return (
    <>
      <ProblemAlert error={create.error} />
      <Form form={form} layout="vertical" size={isPhone ? 'large' : 'middle'} onFinish={submit} scrollToFirstError name="campaign-create">
        <CampaignFields form={form} phone={isPhone} />
        <Button type="primary" htmlType="submit" size="large" block loading={create.isPending}>
          保存方案
        </Button>
      </Form>
    </>
  );
}

/** 修改 while planned or running, with the version read: a change meanwhile is 409 (重新加载). */
export function CampaignEditDrawer({ c, open, onClose, onStale }: { c: Campaign; open: boolean; onClose: () => void; onStale: () => void }) {
  return (
    <Shell title="修改推广活动" open={open} onClose={onClose}>
      <EditForm key={c.version} c={c} onSaved={onClose} onStale={onStale} />
    </Shell>
  );
}

function EditForm({ c, onSaved, onStale }: { c: Campaign; onSaved: () => void; onStale: () => void }) {
  const isPhone = useIsPhone();
  const session = useSession();
  const update = useUpdateCampaign(c.id);
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) =>
    update.mutate(
      {
        version: c.version,
        name: v.name.trim(),
        ...(session.can('channel.read') ? { channelId: v.channelId ?? null } : {}),
        region: text(v.region) ?? null,
        targetAudience: text(v.targetAudience) ?? null,
        targetProspects: v.targetProspects ? Number(v.targetProspects) : null,
        startDate: v.start.format('YYYY-MM-DD'),
        endDate: v.end.format('YYYY-MM-DD'),
        budget: v.budget,
        actualCost: v.actualCost ? v.actualCost : null,
      },
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
        scrollToFirstError
        name="campaign-edit"
        initialValues={{
          name: c.name,
          channelId: c.channelId ?? undefined,
          region: c.region ?? '',
          targetAudience: c.targetAudience ?? '',
          targetProspects: c.targetProspects === null ? '' : String(c.targetProspects),
          start: dayjs(c.startDate),
          end: dayjs(c.endDate),
          budget: c.budget,
          actualCost: c.actualCost ?? '',
        }}
      >
        <CampaignFields form={form} phone={isPhone} current={c.channelId && c.channelName ? { id: c.channelId, name: c.channelName } : null} />
        <Button type="primary" htmlType="submit" size="large" block loading={update.isPending}>
          保存
        </Button>
      </Form>
    </>
  );
}
