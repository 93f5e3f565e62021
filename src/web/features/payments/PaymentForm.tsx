import { Button, DatePicker, Flex, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { Action } from '../../components/Action';
import { ContractPicker } from '../../components/ContractPicker';
import { ProblemAlert } from '../../components/ProblemAlert';
import { MoneyInput, moneyRule } from '../../components/MoneyInput';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { dayjs, formatMoney, getBusinessTz, toCents } from '../../lib/format';
import { useOutstanding, useRecordPayment, type PaymentInput, type RecordedPayment } from './api';
import { IdempotentSubmission } from './submission';
import { PAYMENT_METHOD_OPTIONS } from './vocab';

interface Values {
  contractId?: string;
  amount?: string;
  receivedAt?: Dayjs;
  method?: PaymentInput['method'];
  reference?: string;
}

const todayOnWall = () => dayjs(dayjs().tz(getBusinessTz()).format('YYYY-MM-DD'));

/** What is still owed on the chosen contract, and a shortcut to receive all of it. */
function Outstanding({ contractId, onFill }: { contractId?: string; onFill: (amount: string) => void }) {
  const q = useOutstanding(contractId);
  if (!contractId) return <span>选择合同后显示其未收余额</span>;
  if (q.isPending) return <span>正在读取未收余额…</span>;
  if (q.error || !q.data) return <span>未收余额暂不可见</span>;
  return (
    <Flex gap={8} align="center" wrap data-testid="contract-outstanding">
      <span>
        未收余额 <strong>{formatMoney(q.data.total)}</strong>（{q.data.open} 期未结清）
      </span>
      {q.data.open > 0 && (
        <Button size="small" type="link" style={{ paddingInline: 0 }} onClick={() => onFill(q.data.total)}>
          填入全部
        </Button>
      )}
    </Flex>
  );
}

/**
 * 登记回款: 合同, 金额, 收款日期, 收款方式, 凭证号. Each submission carries one Idempotency-Key
 * (./submission.ts): a double click or a retry of the same values is answered with the first
 * response, so a payment is never recorded twice. What was typed stays after a refusal.
 */
export function PaymentForm({ initialContractId, onSaved }: { initialContractId?: string; onSaved: (p: RecordedPayment) => void }) {
  const [form] = Form.useForm<Values>();
  // made once, when the form opens; kept for retries of the same values
  const [submission] = useState(() => new IdempotentSubmission());
  const done = useRef(false);
  const record = useRecordPayment();
  const [error, setError] = useState<unknown>(null);
  const contractId = Form.useWatch('contractId', form);
  const outstanding = useOutstanding(contractId);

  const submit = async (v: Values) => {
    if (done.current) return;
    setError(null);
    const body: PaymentInput = {
      contractId: v.contractId!,
      amount: v.amount!,
      receivedAt: v.receivedAt!.format('YYYY-MM-DD'),
      method: v.method!,
      reference: v.reference?.trim() || undefined,
    };
    const key = submission.keyFor(body);
    try {
      const saved = await record.mutateAsync({ body, key });
      if (done.current) return;
      done.current = true;
      submission.succeeded();
      onSaved(saved);
    } catch (e) {
      if (done.current) return;
      setError(e);
      if (e instanceof ApiError) {
        const errs = Object.entries(fieldErrors(e.problem));
        if (errs.length) form.setFields(errs.map(([name, errors]) => ({ name: name as keyof Values, errors })));
      }
    }
  };

  // Said while typing (in AA-contrast text, not antd's pale warning colour); the server still decides.
  const amount = Form.useWatch('amount', form);
  const owed = outstanding.data ? toCents(outstanding.data.total) : null;
  const typed = toCents(amount);
  const over = owed !== null && typed !== null && typed > owed;

  return (
    <>
      <ProblemAlert error={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        name="payment"
        initialValues={{ contractId: initialContractId, receivedAt: todayOnWall(), method: 'bank_transfer' }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="contractId"
          label="合同"
          rules={[{ required: true, message: '请选择已签订的合同' }]}
          extra={<Outstanding contractId={contractId} onFill={(a) => form.setFieldsValue({ amount: a })} />}
        >
          <ContractPicker allowClear={false} />
        </Form.Item>
        <Form.Item
          name="amount"
          label="金额"
          rules={[
            { required: true, message: '请输入回款金额' },
            moneyRule,
            { validator: (_: unknown, v?: string) => (v && toCents(v) === 0n ? Promise.reject(new Error('金额必须大于 0')) : Promise.resolve()) },
          ]}
          extra={over ? <span style={{ color: '#873800' }} data-testid="amount-over">超过未收余额 {formatMoney(outstanding.data!.total)}，登记会被拒绝</span> : undefined}
        >
          <MoneyInput />
        </Form.Item>
        <Form.Item name="receivedAt" label="收款日期" rules={[{ required: true, message: '请选择收款日期' }]} extra="以银行回单或收据上的日期为准，不能晚于今天">
          <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(todayOnWall(), 'day')} />
        </Form.Item>
        <Form.Item name="method" label="收款方式" rules={[{ required: true, message: '请选择收款方式' }]}>
          <Select options={PAYMENT_METHOD_OPTIONS} />
        </Form.Item>
        <Form.Item name="reference" label="凭证号" rules={[{ max: 100, message: '最多 100 个字符' }]}>
          <Input placeholder="如：工行回单 20261126-001" maxLength={100} autoComplete="off" />
        </Form.Item>
        <Action permission="payment.record" type="primary" htmlType="submit" size="large" loading={record.isPending}>
          登记回款
        </Action>
      </Form>
    </>
  );
}
