import { Button, Drawer, Form, Input, Select } from 'antd';
import { parseParty, PartyPicker, partyValue } from '../../components/PartyPicker';
import { PHONE_TAP } from '../../components/phone-tap';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useCreateMarketInfo, useUpdateMarketInfo, type MarketInfo, type MarketInfoInput } from './api';
import { CATEGORY_OPTIONS } from './vocab';

interface Values {
  category?: MarketInfo['category'];
  title?: string;
  body?: string;
  region?: string;
  industry?: string;
  source?: string;
  customer?: string;
}

const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);

const fromEntry = (e: MarketInfo): Values => ({
  category: e.category,
  title: e.title,
  body: e.body,
  region: e.region ?? '',
  industry: e.industry ?? '',
  source: e.source ?? '',
  // a customer the reader may not read is left as it is (not shown, not sent)
  customer: e.customerId && e.customerName ? partyValue({ kind: 'customer', id: e.customerId }) : undefined,
});

/** The fields as the API takes them (null clears an optional one). */
function toBody(v: Values): Required<Omit<MarketInfoInput, 'customerId'>> & { customerId: string | null } {
  return {
    category: v.category!,
    title: (v.title ?? '').trim(),
    body: (v.body ?? '').trim(),
    region: text(v.region),
    industry: text(v.industry),
    source: text(v.source),
    customerId: parseParty(v.customer)?.id ?? null,
  };
}

/**
 * 登记 / 修改市场信息, in a drawer (a sheet from the bottom on a phone). A refused save keeps what
 * was typed; a change made meanwhile (409) offers to reload. Editing sends only what changed — the
 * linked customer among it only when it changed, since a curator may not read every colleague's customer.
 */
export function MarketInfoDrawer({ open, entry, onClose, onSaved, onStale }: { open: boolean; entry?: MarketInfo; onClose: () => void; onSaved: (e: MarketInfo) => void; onStale?: () => void }) {
  const isPhone = useIsPhone();
  return (
    <Drawer title={entry ? '修改市场信息' : '登记市场信息'} open={open} onClose={onClose} placement={isPhone ? 'bottom' : 'right'} size={isPhone ? '92%' : 560} destroyOnHidden>
      {open && <EntryForm key={entry?.version ?? 'new'} entry={entry} onSaved={onSaved} onStale={onStale} />}
    </Drawer>
  );
}

function EntryForm({ entry, onSaved, onStale }: { entry?: MarketInfo; onSaved: (e: MarketInfo) => void; onStale?: () => void }) {
  const isPhone = useIsPhone();
  const session = useSession();
  const create = useCreateMarketInfo();
  const update = useUpdateMarketInfo(entry?.id ?? '');
  const mutation = entry ? update : create;
  const [form] = Form.useForm<Values>();

  const onError = (e: unknown) => {
    if (!(e instanceof ApiError)) return;
    const rename: Record<string, keyof Values> = { customerId: 'customer' };
    form.setFields(Object.entries(fieldErrors(e.problem)).map(([name, errors]) => ({ name: rename[name] ?? (name as keyof Values), errors })));
  };

  const submit = (v: Values) => {
    const body = toBody(v);
    if (!entry) {
      const { customerId, ...rest } = body;
      create.mutate({ ...rest, ...(customerId ? { customerId } : {}) }, { onSuccess: onSaved, onError });
      return;
    }
    const was = toBody(fromEntry(entry));
    const changed = Object.fromEntries(Object.entries(body).filter(([k, value]) => was[k as keyof typeof was] !== value));
    update.mutate({ version: entry.version, ...changed }, { onSuccess: onSaved, onError });
  };

  const tap = isPhone ? PHONE_TAP.select : undefined;
  return (
    <>
      <ProblemAlert error={mutation.error} onReload={onStale} />
      <Form form={form} layout="vertical" size={isPhone ? 'large' : 'middle'} onFinish={submit} initialValues={entry ? fromEntry(entry) : {}} scrollToFirstError name="market-info">
        <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select placeholder="选择类别" options={CATEGORY_OPTIONS} styles={tap} />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: 200, message: '标题最多 200 字' }]}>
          <Input maxLength={200} placeholder="如：华东区竞品中端型号降价 8%" autoComplete="off" />
        </Form.Item>
        <Form.Item name="body" label="内容" rules={[{ required: true, whitespace: true, message: '请填写内容' }, { max: 8000, message: '内容最多 8000 字' }]}>
          <Input.TextArea rows={5} maxLength={8000} placeholder="看到、听到或统计到的情况，越具体越好" />
        </Form.Item>
        <Form.Item name="region" label="地区" rules={[{ max: 50, message: '最多 50 字' }]}>
          <Input maxLength={50} placeholder="如：华东" autoComplete="off" />
        </Form.Item>
        <Form.Item name="industry" label="行业" rules={[{ max: 50, message: '最多 50 字' }]}>
          <Input maxLength={50} placeholder="如：电子制造" autoComplete="off" />
        </Form.Item>
        <Form.Item name="source" label="来源" rules={[{ max: 200, message: '最多 200 字' }]}>
          <Input maxLength={200} placeholder="如：经销商座谈会、门店走访" autoComplete="off" />
        </Form.Item>
        {session.can('customer.read') && (
          <Form.Item
            name="customer"
            label="关联客户"
            extra={entry?.customerId && !entry.customerName ? '已关联一位您无权查看的客户；选择客户会替换它' : '可不填；只能关联您有权查看的客户'}
          >
            <PartyPicker
              kinds={['customer']}
              placeholder="输入客户名称搜索"
              initial={entry?.customerId && entry.customerName ? { kind: 'customer', id: entry.customerId, name: entry.customerName } : undefined}
            />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" size="large" block loading={mutation.isPending}>
          保存
        </Button>
      </Form>
    </>
  );
}
