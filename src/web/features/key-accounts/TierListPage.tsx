import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, Form, InputNumber, Input, Modal, Skeleton, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Action } from '../../components/Action';
import { MoneyInput, moneyRule } from '../../components/MoneyInput';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReadableTag } from '../../components/ReadableTag';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useCreateTier, useTiers, useUpdateTier, type Tier } from './api';

interface TierForm {
  name: string;
  rank: number;
  minAnnualAmount: string;
  visitIntervalDays: number;
  complaintResponseHours: number;
}

/** The service standard's fields, shared by 新增 and 修改. */
function TierFields() {
  return (
    <>
      <Form.Item name="name" label="等级名称" rules={[{ required: true, whitespace: true, message: '请填写等级名称' }, { max: 50, message: '最多 50 字' }]}>
        <Input />
      </Form.Item>
      <Form.Item name="rank" label="排序（1 为最高等级）" rules={[{ required: true, message: '请填写排序' }]}>
        <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="minAnnualAmount" label="年度签约金额门槛（元）" rules={[{ required: true, message: '请填写金额门槛' }, moneyRule]}>
        <MoneyInput />
      </Form.Item>
      <Form.Item name="visitIntervalDays" label="拜访周期（天）" rules={[{ required: true, message: '请填写拜访周期' }]}>
        <InputNumber min={1} max={366} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="complaintResponseHours" label="投诉响应时限（小时）" rules={[{ required: true, message: '请填写投诉响应时限' }]}>
        <InputNumber min={1} max={720} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </>
  );
}

/** 新增等级: a code of capitals, digits, _ or - (the API's rule), and its service standard. */
function TierCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<TierForm & { code: string }>();
  const create = useCreateTier();
  return (
    <Modal
      title="新增等级"
      open={open}
      onCancel={onClose}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: create.isPending }}
      onOk={() => form.submit()}
      afterClose={() => {
        form.resetFields();
        create.reset();
      }}
    >
      <ProblemAlert error={create.error} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => create.mutate({ ...v, code: v.code.trim() }, { onSuccess: onClose })}>
        <Form.Item
          name="code"
          label="等级代码"
          rules={[
            { required: true, message: '请填写等级代码' },
            { pattern: /^[A-Z0-9_-]{1,20}$/, message: '只能是 1 到 20 位大写字母、数字、下划线或连字符' },
          ]}
        >
          <Input placeholder="如：S" />
        </Form.Item>
        <TierFields />
      </Form>
    </Modal>
  );
}

/** 修改服务标准: sent with the version read; if someone saved first, the 409 offers a reload. */
function TierEditModal({ tier, onClose, onReload }: { tier: Tier | null; onClose: () => void; onReload: () => Promise<Tier | undefined> }) {
  const [form] = Form.useForm<TierForm>();
  const update = useUpdateTier();
  const [base, setBase] = useState<Tier | null>(tier);

  useEffect(() => {
    setBase(tier);
    update.reset();
    if (tier) form.setFieldsValue(tier);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tier]);

  const reload = async () => {
    const fresh = await onReload();
    if (fresh) {
      setBase(fresh);
      form.setFieldsValue(fresh);
      update.reset();
    }
  };

  const save = (v: TierForm) => {
    if (!base) return;
    update.mutate({ code: base.code, body: { version: base.version, ...v } }, { onSuccess: onClose });
  };

  return (
    <Modal
      title={base ? `修改「${base.name}」的服务标准` : ''}
      open={!!tier}
      onCancel={onClose}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: update.isPending, htmlType: 'submit' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ProblemAlert error={update.error} onReload={() => void reload()} />
      <Form form={form} layout="vertical" onFinish={save} requiredMark={false}>
        <TierFields />
      </Form>
    </Modal>
  );
}

/** 大客户等级与服务标准 (KA-4.3, KA-4.9): readable by every tier reader, edited by the manager. */
export default function TierListPage() {
  const tiers = useTiers();
  const isPhone = useIsPhone();
  const [editing, setEditing] = useState<Tier | null>(null);
  const [creating, setCreating] = useState(false);

  const edit = (t: Tier) => (
    <Action permission="tier.manage" size={isPhone ? 'large' : 'middle'} icon={<EditOutlined />} aria-label={`修改 ${t.name}`} onClick={() => setEditing(t)}>
      修改
    </Action>
  );

  const columns: ColumnsType<Tier> = [
    { title: '等级', dataIndex: 'name', render: (v: string, t) => <ReadableTag tone="gold">{`${v}（${t.code}）`}</ReadableTag> },
    { title: '年度签约金额门槛', dataIndex: 'minAnnualAmount', align: 'right', render: (v: string) => formatMoney(v) },
    { title: '拜访周期', dataIndex: 'visitIntervalDays', render: (v: number) => <span data-testid="tier-interval">每 {v} 天</span> },
    { title: '投诉响应时限', dataIndex: 'complaintResponseHours', render: (v: number) => `${v} 小时` },
    { title: '更新于', dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
    { title: '操作', key: 'edit', render: (_: unknown, t) => edit(t) },
  ];

  return (
    <>
      <PageHeader
        back
        title="等级与服务标准"
        subTitle="各等级大客户应得的拜访频次与投诉响应时限"
        extra={
          <Action permission="tier.manage" type="primary" size={isPhone ? 'large' : undefined} icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新增等级
          </Action>
        }
      />
      <ProblemAlert error={tiers.error} />
      {tiers.isPending ? (
        <Skeleton active />
      ) : isPhone ? (
        (tiers.data ?? []).length === 0 ? (
          <Empty description="尚未设置等级" />
        ) : (
          (tiers.data ?? []).map((t) => (
            <Card key={t.code} size="small" style={{ marginBottom: 12 }} title={`${t.name}（${t.code}）`} extra={edit(t)} data-testid="tier-card">
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'a', label: '年度签约金额门槛', children: formatMoney(t.minAnnualAmount) },
                  { key: 'v', label: '拜访周期', children: <span data-testid="tier-interval">每 {t.visitIntervalDays} 天</span> },
                  { key: 'c', label: '投诉响应时限', children: `${t.complaintResponseHours} 小时` },
                ]}
              />
            </Card>
          ))
        )
      ) : (
        <Table<Tier> rowKey="code" columns={columns} dataSource={tiers.data ?? []} pagination={false} locale={{ emptyText: <Empty description="尚未设置等级" /> }} />
      )}
      <TierCreateModal open={creating} onClose={() => setCreating(false)} />
      <TierEditModal tier={editing} onClose={() => setEditing(null)} onReload={async () => (await tiers.refetch()).data?.find((t) => t.code === editing?.code)} />
    </>
  );
}
