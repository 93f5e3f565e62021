import { PlusOutlined } from '@ant-design/icons';
import { DatePicker, Empty, Flex, Form, Input, List, Modal, Skeleton, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Action } from '../../components/Action';
import { PHONE_TAP } from '../../components/phone-tap';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/RecordPage';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { dayjs, formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { usePlans, usePlanStep, type Channel, type Plan, type PlanStep } from './api';
import { PlanStatusTag } from './Tags';
import { planAllows } from './vocab';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'complete' | 'cancel'; plan: Plan };
interface Values {
  title?: string;
  from?: Dayjs;
  to?: Dayjs;
  actions?: string;
  result?: string;
  reason?: string;
}

const TITLES = { create: '编制维护方案', edit: '修改维护方案', complete: '完成维护方案', cancel: '取消维护方案' } as const;
const OK = { create: '保存', edit: '保存', complete: '完成', cancel: '取消方案' } as const;

/**
 * 渠道维护方案 (MKT-5.4 编制渠道维护与管理工作方案): the channel's plans, newest period first; for those
 * who manage the channel, 编制 (while it is in use), and 修改 / 完成 (with the result) / 取消 while planned.
 */
export function PlanSection({ channel, manage }: { channel: Channel; manage: boolean }) {
  const isPhone = useIsPhone();
  const plans = usePlans(channel.id);
  const step = usePlanStep(channel.id);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<Values>();
  const size = isPhone ? ('large' as const) : ('small' as const);

  const open = (d: Dialog) => {
    setError(null);
    setDialog(d);
  };

  const submit = async () => {
    if (!dialog) return;
    const v = await form.validateFields();
    const body = () => ({ title: v.title!.trim(), periodFrom: v.from!.format('YYYY-MM-DD'), periodTo: v.to!.format('YYYY-MM-DD'), actions: v.actions!.trim() });
    const s: PlanStep =
      dialog.kind === 'create'
        ? { kind: 'create', body: body() }
        : dialog.kind === 'edit'
          ? { kind: 'edit', planId: dialog.plan.id, body: { version: dialog.plan.version, ...body() } }
          : dialog.kind === 'complete'
            ? { kind: 'complete', planId: dialog.plan.id, result: v.result!.trim() }
            : { kind: 'cancel', planId: dialog.plan.id, reason: v.reason?.trim() || undefined };
    setError(null);
    try {
      await step.mutateAsync(s);
      setDialog(null);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const rename: Record<string, keyof Values> = { periodFrom: 'from', periodTo: 'to' };
        form.setFields(Object.entries(fieldErrors(e.problem)).map(([name, errors]) => ({ name: rename[name] ?? (name as keyof Values), errors })));
        if (e.status === 409) void plans.refetch();
      }
    }
  };

  const initial = dialog?.kind === 'edit' ? { title: dialog.plan.title, from: dayjs(dialog.plan.periodFrom), to: dayjs(dialog.plan.periodTo), actions: dialog.plan.actions } : {};
  const picker = isPhone ? PHONE_TAP.picker : undefined;

  return (
    <Section
      title="维护方案"
      extra={
        <Action permission="channel.manage" when={manage && channel.status === 'active'} size={size} icon={<PlusOutlined />} onClick={() => open({ kind: 'create' })}>
          编制方案
        </Action>
      }
    >
      {plans.error ? (
        <ProblemAlert error={plans.error} />
      ) : plans.isPending ? (
        <Skeleton active />
      ) : (
        <List
          dataSource={plans.data.items}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无维护方案" /> }}
          renderItem={(p) => (
            <li key={p.id} data-testid="channel-plan" style={{ listStyle: 'none', borderBottom: '1px solid #f0f0f0', padding: '10px 0' }}>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{p.title}</Typography.Text>
                <PlanStatusTag p={p} />
              </Flex>
              <div style={{ color: '#595959', fontSize: 13 }}>
                {p.periodFrom} 至 {p.periodTo} · {p.createdByName} 编制
              </div>
              <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginTop: 4 }}>{p.actions}</div>
              {p.result && (
                <div style={{ marginTop: 4 }}>
                  执行结果：{p.result}（{p.completedByName}，{formatDateTime(p.completedAt)}）
                </div>
              )}
              {p.cancelledAt && <div style={{ marginTop: 4 }}>已取消{p.cancelReason ? `：${p.cancelReason}` : ''}</div>}
              {manage && p.status === 'planned' && (
                <Space wrap style={{ marginTop: 8 }}>
                  <Action permission="channel.manage" when={planAllows(p.status, 'complete')} size={size} type="primary" onClick={() => open({ kind: 'complete', plan: p })}>
                    完成
                  </Action>
                  <Action permission="channel.manage" when={planAllows(p.status, 'edit')} size={size} onClick={() => open({ kind: 'edit', plan: p })}>
                    修改
                  </Action>
                  <Action permission="channel.manage" when={planAllows(p.status, 'cancel')} size={size} danger onClick={() => open({ kind: 'cancel', plan: p })}>
                    取消
                  </Action>
                </Space>
              )}
            </li>
          )}
        />
      )}
      <Modal
        open={dialog !== null}
        title={dialog ? TITLES[dialog.kind] : undefined}
        okText={dialog ? OK[dialog.kind] : undefined}
        cancelText="返回"
        confirmLoading={step.isPending}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        <ProblemAlert error={error} />
        <Form form={form} layout="vertical" preserve={false} name="channel-plan" initialValues={initial} size={isPhone ? 'large' : 'middle'}>
          {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
            <>
              <Form.Item name="title" label="方案名称" rules={[{ required: true, whitespace: true, message: '请填写方案名称' }, { max: 200, message: '最多 200 字' }]}>
                <Input maxLength={200} placeholder="如：第四季度代理商走访与培训" autoComplete="off" />
              </Form.Item>
              <Form.Item name="from" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
                <DatePicker style={{ width: '100%' }} styles={picker} inputReadOnly={isPhone} />
              </Form.Item>
              <Form.Item name="to" label="结束日期" rules={[{ required: true, message: '请选择结束日期' }]}>
                <DatePicker style={{ width: '100%' }} styles={picker} inputReadOnly={isPhone} />
              </Form.Item>
              <Form.Item name="actions" label="维护措施" rules={[{ required: true, whitespace: true, message: '请填写维护措施' }, { max: 4000, message: '最多 4000 字' }]}>
                <Input.TextArea rows={4} maxLength={4000} placeholder="走访、培训、联合推广……" />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'complete' && (
            <Form.Item name="result" label="执行结果" rules={[{ required: true, whitespace: true, message: '请填写执行结果' }, { max: 2000, message: '最多 2000 字' }]}>
              <Input.TextArea rows={4} maxLength={2000} placeholder="做了什么、效果如何" />
            </Form.Item>
          )}
          {dialog?.kind === 'cancel' && (
            <Form.Item name="reason" label="取消原因" rules={[{ max: 2000, message: '最多 2000 字' }]}>
              <Input.TextArea rows={3} maxLength={2000} placeholder="可不填" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Section>
  );
}
