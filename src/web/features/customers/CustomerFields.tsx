import { Form, Input } from 'antd';
import { usccRule } from '../../lib/uscc';

/** As the server accepts it (src/parties/party-keys.ts): 7–20 characters of digits, spaces, +, -, brackets. */
const PHONE = /^\+?[0-9０-９ ()（）-]{7,20}$/;
const max = (n: number, label: string) => ({ max: n, message: `${label}最多 ${n} 个字` });

/**
 * The customer's fields (新建 and 编辑), labelled as the API names them. The 统一社会信用代码 is
 * checked with the server's own rule (src/parties/uscc.ts) before submitting; the API checks again.
 */
export function CustomerFields() {
  return (
    <>
      <Form.Item name="name" label="客户名称" rules={[{ required: true, whitespace: true, message: '请填写客户名称' }, max(200, '客户名称')]}>
        <Input autoComplete="organization" maxLength={200} />
      </Form.Item>
      <Form.Item name="uscc" label="统一社会信用代码" rules={[usccRule]} validateTrigger={['onBlur', 'onChange']}>
        <Input autoComplete="off" autoCapitalize="characters" maxLength={24} placeholder="18 位，可选" />
      </Form.Item>
      <Form.Item name="contactName" label="联系人" rules={[{ required: true, whitespace: true, message: '请填写联系人' }, max(50, '联系人')]}>
        <Input autoComplete="off" maxLength={50} />
      </Form.Item>
      <Form.Item
        name="contactPhone"
        label="联系电话"
        rules={[
          { required: true, whitespace: true, message: '请填写联系电话' },
          { pattern: PHONE, message: '联系电话为 7 到 20 位数字（可含空格、+、-、括号）' },
        ]}
      >
        <Input type="tel" inputMode="tel" autoComplete="off" maxLength={20} />
      </Form.Item>
      <Form.Item name="address" label="地址" rules={[max(300, '地址')]}>
        <Input autoComplete="off" maxLength={300} />
      </Form.Item>
      <Form.Item name="region" label="地区" rules={[max(50, '地区')]}>
        <Input placeholder="如：华南" autoComplete="off" maxLength={50} />
      </Form.Item>
      <Form.Item name="industry" label="行业" rules={[max(50, '行业')]}>
        <Input placeholder="如：制造业" autoComplete="off" maxLength={50} />
      </Form.Item>
    </>
  );
}
