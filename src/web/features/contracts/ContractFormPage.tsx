import { Card, DatePicker, Flex, Form, Input, Skeleton } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { Action } from '../../components/Action';
import { ErrorResult, ProblemAlert } from '../../components/ErrorResult';
import { MoneyInput, moneyRule } from '../../components/MoneyInput';
import { PHONE_TAP } from '../../components/phone-tap';
import { PageHeader } from '../../components/PageHeader';
import { parseParty, partyValue, PartyPicker, type Party } from '../../components/PartyPicker';
import { api, call } from '../../lib/api/client';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { dayjs } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useContract, useCreateContract, useCustomerName, useSaved, useUpdateContract, type Contract, type ContractInput } from './api';
import { PaymentPlanEditor, usePlanBalance, type PlanFormRow } from './PaymentPlanEditor';
import { EDITABLE } from './vocab';

interface FormValues {
  customer?: string;
  title?: string;
  amount?: string;
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  paymentPlan?: PlanFormRow[];
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');

function toInput(v: FormValues): ContractInput {
  return {
    customerId: parseParty(v.customer)?.id ?? '',
    title: (v.title ?? '').trim(),
    amount: v.amount ?? '',
    startDate: day(v.startDate),
    endDate: day(v.endDate),
    paymentPlan: (v.paymentPlan ?? []).map((r) => ({ dueDate: day(r.dueDate), amount: r.amount ?? '' })),
  };
}

function fromContract(c: Contract): FormValues {
  return {
    customer: partyValue({ kind: 'customer', id: c.customerId }),
    title: c.title,
    amount: c.amount,
    startDate: dayjs(c.startDate),
    endDate: dayjs(c.endDate),
    paymentPlan: c.paymentPlan.map((l) => ({ dueDate: dayjs(l.dueDate), amount: l.amount })),
  };
}

/** "paymentPlan.1.amount" → ['paymentPlan', 1, 'amount'], the form's name path. */
const namePath = (field: string) => field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/** The save buttons: usable only while the plan adds up to the amount, to the cent. */
function SaveButtons({ busy, onSubmitToo }: { busy: boolean; onSubmitToo: () => void }) {
  const { balanced } = usePlanBalance();
  const isPhone = useIsPhone();
  return (
    <Flex vertical={isPhone} gap={8} style={{ marginTop: 8 }}>
      <Action permission="contract.create" type="primary" htmlType="submit" size="large" block={isPhone} disabled={!balanced} loading={busy}>
        保存草稿
      </Action>
      <Action permission="contract.create" size="large" block={isPhone} disabled={!balanced || busy} onClick={onSubmitToo}>
        保存并提交审批
      </Action>
    </Flex>
  );
}

/**
 * 拟定合同 / 修改合同: customer, title, amount, dates and the payment plan. Saved as a draft
 * (POST, or PATCH with version while draft or rejected); "提交审批" sends it on. A failed save
 * keeps every field as typed.
 */
export default function ContractFormPage() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<FormValues>();
  const existing = useContract(id);
  const prefillId = id ? null : search.get('customerId');
  const prefill = useCustomerName(prefillId);
  const create = useCreateContract();
  const update = useUpdateContract();
  const cacheContract = useSaved();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // After a save whose submit failed, the next attempt updates that contract instead of making another.
  const [saved, setSaved] = useState<{ id: string; version: number } | null>(null);

  const initialParty: Party | undefined = useMemo(() => {
    if (existing.data) return { kind: 'customer', id: existing.data.customerId, name: existing.data.customerName };
    if (prefill.data) return { kind: 'customer', id: prefill.data.id, name: prefill.data.name };
    return undefined;
  }, [existing.data, prefill.data]);

  useEffect(() => {
    if (existing.data) form.setFieldsValue(fromContract(existing.data));
  }, [existing.data, form]);
  useEffect(() => {
    if (prefill.data) form.setFieldValue('customer', partyValue({ kind: 'customer', id: prefill.data.id }));
  }, [prefill.data, form]);

  if (id && existing.error) return <ErrorResult error={existing.error} onRetry={() => void existing.refetch()} />;
  if (id && existing.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  const c = existing.data;
  if (c && (!EDITABLE.includes(c.status) || c.ownerId !== session.me.user.id)) {
    return (
      <>
        <PageHeader back title="修改合同" />
        <ProblemAlert error={new ApiError({ title: '不能修改', status: 409, code: 'CONTRACT_NOT_EDITABLE', detail: '只有拟定人可以修改草稿或已退回的合同。' })} />
      </>
    );
  }

  const save = async (andSubmit: boolean) => {
    setError(null);
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const input = toInput(values);
    const target = saved ?? (c ? { id: c.id, version: c.version } : null);
    setBusy(true);
    try {
      const { customerId, ...changes } = input;
      // The customer is fixed once drafted: PATCH does not take it.
      let result = target ? await update.mutateAsync({ ...changes, ...target }) : await create.mutateAsync({ ...changes, customerId });
      setSaved({ id: result.id, version: result.version });
      if (andSubmit) {
        result = await call(api.POST('/api/v1/contracts/{id}/submit', { params: { path: { id: result.id } } }));
        await cacheContract(result);
      }
      navigate(`/contracts/${result.id}`, { replace: true });
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const errs = Object.entries(fieldErrors(e.problem));
        if (errs.length) form.setFields(errs.map(([field, messages]) => ({ name: namePath(field) as never, errors: messages })));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader back title={c ? `修改合同 ${c.number}` : '拟定合同'} />
      <ProblemAlert error={error} onReload={() => void existing.refetch().then(() => setError(null))} />
      <Card size="small">
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={{ paymentPlan: [{ dueDate: null, amount: undefined }] }}
          size={isPhone ? 'large' : undefined}
          onFinish={() => void save(false)}
          scrollToFirstError
          requiredMark
        >
          {c ? (
            <Form.Item label="客户" htmlFor="contract-customer">
              <Input id="contract-customer" value={c.customerName} disabled />
            </Form.Item>
          ) : (
          <Form.Item name="customer" label="客户" rules={[{ required: true, message: '请选择客户' }]}>
            <PartyPicker
              kinds={['customer']}
              initial={initialParty}
              // SAL-7.3: a rep drafts contracts for general customers only; key accounts are the KA department's.
              customerFilter={session.me.user.role === 'sales.rep' ? { isKeyAccount: 'false' } : undefined}
              placeholder="输入客户名称搜索"
              // A required field: on a phone another pick replaces it; the tiny ✕ is no tap target.
              allowClear={!isPhone}
            />
          </Form.Item>
          )}
          <Form.Item name="title" label="合同名称" rules={[{ required: true, whitespace: true, message: '请填写合同名称' }, { max: 200, message: '最多 200 字' }]}>
            <Input maxLength={200} placeholder="如：2027 年度设备采购合同" />
          </Form.Item>
          <Form.Item name="amount" label="合同金额" rules={[{ required: true, message: '请填写合同金额' }, moneyRule]}>
            <MoneyInput styles={isPhone ? PHONE_TAP.affixInput : undefined} />
          </Form.Item>
          <Flex gap={isPhone ? 0 : 8} vertical={isPhone}>
            <Form.Item name="startDate" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]} style={{ flex: 1 }}>
              <DatePicker style={{ width: '100%' }} placeholder="选择日期" allowClear={!isPhone} styles={isPhone ? PHONE_TAP.picker : undefined} />
            </Form.Item>
            <Form.Item
              name="endDate"
              label="结束日期"
              dependencies={['startDate']}
              style={{ flex: 1 }}
              rules={[
                { required: true, message: '请选择结束日期' },
                ({ getFieldValue }) => ({
                  validator: (_, v?: Dayjs | null) => {
                    const start = getFieldValue('startDate') as Dayjs | null;
                    return !v || !start || !v.isBefore(start, 'day') ? Promise.resolve() : Promise.reject(new Error('结束日期不能早于开始日期'));
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} placeholder="选择日期" allowClear={!isPhone} styles={isPhone ? PHONE_TAP.picker : undefined} />
            </Form.Item>
          </Flex>
          <PaymentPlanEditor />
          <SaveButtons busy={busy} onSubmitToo={() => void save(true)} />
        </Form>
      </Card>
    </>
  );
}
