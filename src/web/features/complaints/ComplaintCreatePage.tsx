import { Card, Form, Input, Radio, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ErrorResult';
import { PHONE_TAP } from '../../components/phone-tap';
import { PageHeader } from '../../components/PageHeader';
import { parseParty, partyValue, PartyPicker, type Party } from '../../components/PartyPicker';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { useIsPhone } from '../../lib/responsive';
import { useCreateComplaint, useCustomer, type ComplaintInput } from './api';
import { CATEGORY, CHANNEL, options, SEVERITY } from './vocab';

interface Values {
  customer?: string;
  channel?: ComplaintInput['channel'];
  category?: ComplaintInput['category'];
  severity?: ComplaintInput['severity'];
  description?: string;
}

/** 登记投诉: who complains, how it came in, what about, how serious, and what was said. */
export default function ComplaintCreatePage() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const prefillId = search.get('customerId');
  const prefill = useCustomer(prefillId);
  const create = useCreateComplaint();
  const [error, setError] = useState<unknown>(null);

  const initial: Party | undefined = useMemo(() => (prefill.data ? { kind: 'customer', id: prefill.data.id, name: prefill.data.name } : undefined), [prefill.data]);
  useEffect(() => {
    if (prefill.data) form.setFieldValue('customer', partyValue({ kind: 'customer', id: prefill.data.id }));
  }, [prefill.data, form]);

  const submit = async (v: Values) => {
    setError(null);
    try {
      const c = await create.mutateAsync({
        customerId: parseParty(v.customer)?.id ?? '',
        channel: v.channel!,
        category: v.category!,
        severity: v.severity!,
        description: (v.description ?? '').trim(),
      });
      navigate(`/complaints/${c.id}`, { replace: true });
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const errs = Object.entries(fieldErrors(e.problem)).map(([name, errors]) => ({ name: (name === 'customerId' ? 'customer' : name) as keyof Values, errors }));
        if (errs.length) form.setFields(errs);
      }
    }
  };

  return (
    <>
      <PageHeader back title="登记投诉" />
      <ProblemAlert error={error} />
      <Card size="small">
        <Form<Values> form={form} layout="vertical" initialValues={{ severity: 'medium' }} onFinish={(v) => void submit(v)} scrollToFirstError size={isPhone ? 'large' : undefined}>
          <Form.Item name="customer" label="客户" rules={[{ required: true, message: '请选择客户' }]}>
            <PartyPicker kinds={['customer']} initial={initial} placeholder="输入客户名称搜索" allowClear={!isPhone} />
          </Form.Item>
          <Form.Item name="channel" label="渠道" rules={[{ required: true, message: '请选择投诉渠道' }]}>
            <Select options={options(CHANNEL)} placeholder="客户通过什么方式投诉" styles={isPhone ? PHONE_TAP.select : undefined} />
          </Form.Item>
          <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择投诉类别' }]}>
            <Select options={options(CATEGORY)} placeholder="请选择" styles={isPhone ? PHONE_TAP.select : undefined} />
          </Form.Item>
          <Form.Item name="severity" label="严重程度" rules={[{ required: true, message: '请选择严重程度' }]} extra="严重程度决定处理期限；大客户按其等级的响应时限">
            <Radio.Group optionType="button" buttonStyle="solid" options={options(SEVERITY)} style={{ display: 'flex' }} />
          </Form.Item>
          <Form.Item name="description" label="描述" rules={[{ required: true, whitespace: true, message: '请描述投诉内容' }, { max: 4000, message: '最多 4000 字' }]}>
            <Input.TextArea rows={4} maxLength={4000} showCount placeholder="客户反映的问题、涉及的合同或货物、客户的要求" />
          </Form.Item>
          <Action permission="complaint.create" type="primary" htmlType="submit" size="large" block={isPhone} loading={create.isPending}>
            提交投诉
          </Action>
        </Form>
      </Card>
    </>
  );
}
