import { Form, Input } from 'antd';

/** The comment of an approve / reject decision: optional when approving, the reason when rejecting. */
export function DecisionComment({ kind }: { kind: 'approve' | 'reject' | null }) {
  return (
    <Form.Item
      name="comment"
      label={kind === 'approve' ? '意见（可选）' : '驳回理由'}
      rules={[...(kind === 'reject' ? [{ required: true, whitespace: true, message: '请填写驳回理由' }] : []), { max: 1000, message: '最多 1000 字' }]}
    >
      <Input.TextArea rows={3} />
    </Form.Item>
  );
}
