import { Form, Input, Modal, Select } from 'antd';
import { useNavigate } from 'react-router';
import { PartyPicker, parseParty } from '../../components/PartyPicker';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePropose, useTiers } from './api';

const NOT_KEY = '__none__';

interface ProposeForm {
  party?: string;
  tier: string;
  reason: string;
}

/**
 * 提出等级评定 (KA-5.4, KA-6.4): a tier — or "不是大客户" — for a customer, with the reason. From a
 * customer's page the customer is fixed; from the assessments page it is picked.
 */
export function ProposeModal({ open, onClose, customer }: { open: boolean; onClose: () => void; customer?: { id: string; name: string; tierCode: string | null } }) {
  const [form] = Form.useForm<ProposeForm>();
  const tiers = useTiers(open);
  const propose = usePropose();
  const navigate = useNavigate();

  const submit = (v: ProposeForm) => {
    const customerId = customer?.id ?? parseParty(v.party)?.id;
    if (!customerId) return;
    propose.mutate(
      { customerId, proposedTierCode: v.tier === NOT_KEY ? null : v.tier, reason: v.reason.trim() },
      {
        onSuccess: (a) => {
          onClose();
          navigate(`/key-accounts/assessments/${a.id}`);
        },
      },
    );
  };

  const options = [
    ...(tiers.data ?? []).filter((t) => t.code !== customer?.tierCode).map((t) => ({ value: t.code, label: t.name })),
    ...(customer && !customer.tierCode ? [] : [{ value: NOT_KEY, label: '不是大客户' }]),
  ];

  return (
    <Modal
      title={customer ? `提出等级评定：${customer.name}` : '提出等级评定'}
      open={open}
      onCancel={onClose}
      okText="提交评定"
      cancelText="取消"
      okButtonProps={{ loading: propose.isPending }}
      onOk={() => form.submit()}
      afterClose={() => {
        form.resetFields();
        propose.reset();
      }}
    >
      <ProblemAlert error={propose.error} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        {!customer && (
          <Form.Item name="party" label="客户" htmlFor="propose-customer" rules={[{ required: true, message: '请选择客户' }]}>
            <PartyPicker id="propose-customer" kinds={['customer']} placeholder="输入客户名称搜索" />
          </Form.Item>
        )}
        <Form.Item name="tier" label="提议等级" htmlFor="propose-tier" rules={[{ required: true, message: '请选择提议的等级' }]}>
          <Select id="propose-tier" options={options} placeholder="请选择" />
        </Form.Item>
        <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请填写理由' }, { max: 1000, message: '最多 1000 字' }]}>
          <Input.TextArea rows={3} placeholder="如：近一年签约额 620 万元，符合 A 级标准" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
