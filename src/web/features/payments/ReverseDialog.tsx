import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { formatDate, formatMoney } from '../../lib/format';
import { useReversePayment, type Payment, type RecordedPayment } from './api';

/**
 * 冲销 a payment with a reason: the ledger is append-only, so this records a new negative payment
 * and puts its allocations back on the receivables. A payment already reversed is refused by the
 * API (409), and that answer is shown here.
 */
export function ReverseDialog({ payment, onClose, onReversed }: { payment: Payment; onClose: () => void; onReversed: (r: RecordedPayment) => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const reverse = useReversePayment();
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    let reason: string;
    try {
      ({ reason } = await form.validateFields());
    } catch {
      return; // the form shows what is missing
    }
    setError(null);
    try {
      onReversed(await reverse.mutateAsync({ id: payment.id, reason: reason.trim() }));
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const errs = fieldErrors(e.problem).reason;
        if (errs) form.setFields([{ name: 'reason', errors: errs }]);
      }
    }
  };

  return (
    <Modal
      open
      title="冲销回款"
      okText="确认冲销"
      okButtonProps={{ danger: true, loading: reverse.isPending }}
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>
        {payment.contractNumber} · {payment.customerName} 于 {formatDate(payment.receivedAt)} 的回款 <strong>{formatMoney(payment.amount)}</strong>
        ：将生成一笔 {formatMoney(`-${payment.amount}`)} 的冲销记录，已分配的应收恢复为未收。原记录不会被修改或删除。
      </p>
      <ProblemAlert error={error} />
      <Form form={form} layout="vertical" name="reverse">
        <Form.Item name="reason" label="冲销原因" rules={[{ required: true, whitespace: true, message: '请写明冲销原因' }, { max: 500, message: '最多 500 字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：银行退票" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
