import { Form, Input } from 'antd';

/**
 * The comment of an approve / reject decision: optional when approving, the reason when rejecting
 * (called 驳回理由 unless the decision has another name for it, e.g. 退回理由).
 */
export function DecisionComment({ kind, rejectLabel = '驳回理由' }: { kind: 'approve' | 'reject' | null; rejectLabel?: string }) {
  return (
    <Form.Item
      name="comment"
      label={kind === 'approve' ? '意见（可选）' : rejectLabel}
      rules={[...(kind === 'reject' ? [{ required: true, whitespace: true, message: `请填写${rejectLabel}` }] : []), { max: 1000, message: '最多 1000 字' }]}
    >
      <Input.TextArea rows={3} />
    </Form.Item>
  );
}
