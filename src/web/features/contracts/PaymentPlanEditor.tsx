import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { PHONE_TAP } from '../../components/phone-tap';
import { MoneyInput, moneyRule } from '../../components/MoneyInput';
import { centsToString, formatMoney } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { planBalance, splitEvenly, type PlanBalance } from './plan';

/** A plan row as the form holds it: the picker's day and the typed amount. */
export interface PlanFormRow {
  dueDate?: Dayjs | null;
  amount?: string;
}

const money = (c: bigint | null) => (c === null ? '—' : formatMoney(centsToString(c)));

/** "计划合计 ¥x / 合同金额 ¥y — 还差 ¥z", red until the two are equal to the cent. */
export function PlanBalanceLine({ balance }: { balance: PlanBalance }) {
  const { total, amount, difference, balanced } = balance;
  let tail: string;
  if (amount === null) tail = '，请先填写合同金额';
  else if (total === null) tail = '，请填写每期金额';
  else if (difference! > 0n) tail = ` — 还差 ${money(difference)}`;
  else if (difference! < 0n) tail = ` — 超出 ${money(-difference!)}`;
  else tail = ' — 已与合同金额一致';
  return (
    <div
      data-testid="plan-balance"
      data-balanced={balanced ? 'true' : 'false'}
      aria-live="polite"
      style={{ color: balanced ? '#237804' : '#cf1322', fontWeight: 500, margin: '4px 0 16px', wordBreak: 'keep-all' }}
    >
      计划合计 {money(total)} / 合同金额 {money(amount)}
      {tail}
    </div>
  );
}

/** Reads the editor's rows in cents against the contract amount, live. */
export function usePlanBalance(): PlanBalance {
  const form = Form.useFormInstance();
  const amount = Form.useWatch('amount', form) as string | undefined;
  const rows = Form.useWatch('paymentPlan', form) as PlanFormRow[] | undefined;
  return planBalance(amount, rows);
}

/**
 * 回款计划: rows of {到期日, 金额}, at least one; "按金额平均分期" splits the contract amount over
 * the rows in whole cents (the remainder on the last); the balance line shows what is missing.
 */
export function PaymentPlanEditor() {
  const form = Form.useFormInstance();
  const balance = usePlanBalance();
  const isPhone = useIsPhone();

  const splitEven = () => {
    const rows: PlanFormRow[] = form.getFieldValue('paymentPlan') ?? [];
    const start = form.getFieldValue('startDate') as Dayjs | null | undefined;
    const parts = splitEvenly(form.getFieldValue('amount') ?? '', Math.max(rows.length, 1));
    if (!parts) {
      void form.validateFields(['amount']);
      return;
    }
    form.setFieldValue(
      'paymentPlan',
      parts.map((amount, i) => ({ dueDate: rows[i]?.dueDate ?? (start ? start.add(i + 1, 'month') : null), amount })),
    );
    void form.validateFields(parts.map((_, i) => ['paymentPlan', i, 'amount']));
  };

  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <legend style={{ fontSize: 15, fontWeight: 600, marginBottom: 8, border: 0 }}>回款计划</legend>
      <Form.List name="paymentPlan">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <div key={field.key} style={{ borderBottom: '1px dashed #d9d9d9', marginBottom: 8 }}>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  第 {i + 1} 期
                </Typography.Text>
                <Flex gap={8} align="start">
                  <Form.Item name={[field.name, 'dueDate']} label="到期日" rules={[{ required: true, message: '请选择到期日' }]} style={{ flex: 1, minWidth: 0, marginBottom: 8 }}>
                    <DatePicker style={{ width: '100%' }} placeholder="选择日期" allowClear={!isPhone} styles={isPhone ? PHONE_TAP.picker : undefined} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'amount']} label="金额" rules={[{ required: true, message: '请填写金额' }, moneyRule]} style={{ flex: 1, minWidth: 0, marginBottom: 8 }}>
                    {/* Narrow on a phone: the formatted echo would cover the digits; the balance line shows sums. */}
                    <MoneyInput suffix={undefined} styles={isPhone ? PHONE_TAP.affixInput : undefined} />
                  </Form.Item>
                  <Button
                    aria-label={`删除第 ${i + 1} 期`}
                    icon={<DeleteOutlined />}
                    disabled={fields.length <= 1}
                    onClick={() => remove(field.name)}
                    style={{ marginTop: 30, minWidth: 44, minHeight: 44 }}
                  />
                </Flex>
              </div>
            ))}
            <Flex gap={8} wrap>
              <Button
                icon={<PlusOutlined />}
                onClick={() => {
                  const rows: PlanFormRow[] = form.getFieldValue('paymentPlan') ?? [];
                  const last = rows[rows.length - 1]?.dueDate;
                  add({ dueDate: last ? last.add(1, 'month') : null, amount: undefined });
                }}
                style={{ minHeight: 44 }}
              >
                添加一期
              </Button>
              <Button onClick={splitEven} style={{ minHeight: 44 }}>
                按金额平均分期
              </Button>
            </Flex>
          </>
        )}
      </Form.List>
      <PlanBalanceLine balance={balance} />
    </fieldset>
  );
}
