import { Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Action } from '../../components/Action';
import { MoneyInput, moneyRule } from '../../components/MoneyInput';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { formatMoney } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useComplaintAction, useDirectory, useRolesWith, type Complaint, type ComplaintAction } from './api';
import { handlerCandidates, reaches } from './reach';
import { SATISFACTION } from './vocab';

type Dialog = 'assign' | 'resolve' | 'approve' | 'reopen' | 'close';

interface Values {
  assigneeId?: string;
  resolution?: string;
  measures?: string;
  compensationAmount?: string;
  satisfaction?: number;
}

const DIALOG: Record<Dialog, { title: string; ok: string }> = {
  assign: { title: '分派投诉', ok: '分派' },
  resolve: { title: '登记解决办法及措施', ok: '登记解决' },
  approve: { title: '审批赔偿', ok: '批准赔偿' },
  reopen: { title: '重新打开投诉', ok: '重新打开' },
  close: { title: '关闭投诉', ok: '关闭投诉' },
};

/** What the caller may do with the complaint now: by permission, by the complaint's department and by its state. */
export function useComplaintPermissions(c: Complaint) {
  const session = useSession();
  const me = session.me.user;
  const handle = reaches(session.grant('complaint.handle'), c, me);
  const compensation = c.compensation;
  return {
    assign: handle && (c.status === 'open' || c.status === 'in_progress'),
    resolve: handle && c.status === 'in_progress',
    /** 赔偿 may be proposed with a resolution by its holders, unless one was already approved. */
    propose: reaches(session.grant('complaint.compensate'), c, me) && compensation?.status !== 'approved',
    approve: reaches(session.grant('complaint.approve_compensation'), c, me) && compensation?.status === 'proposed' && compensation.proposedBy !== me.id,
    /** The proposer may not approve their own compensation (separation of duties). */
    ownProposal: compensation?.status === 'proposed' && compensation.proposedBy === me.id,
    reopen: handle && c.status === 'resolved',
    close: handle && c.status === 'resolved' && compensation?.status !== 'proposed',
    /** Resolved, but the compensation waits for approval: closing must wait too. */
    closeWaits: handle && c.status === 'resolved' && compensation?.status === 'proposed',
  };
}

/**
 * 分派, 登记解决 (with an optional 赔偿), 审批赔偿, 重新打开, 关闭 with 满意度 — each behind its permission
 * (the clause on hover) and only in the states that allow it. The API stays the authority.
 */
export function ComplaintActions({ c, onStale }: { c: Complaint; onStale: () => void }) {
  const session = useSession();
  const size = useIsPhone() ? 'large' : undefined;
  const may = useComplaintPermissions(c);
  const action = useComplaintAction(c.id);
  const directory = useDirectory();
  const handlerRoles = useRolesWith('complaint.handle');
  const [dialog, setDialog] = useState<Dialog>('assign');
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<Values>();
  const candidates = handlerCandidates(directory.data ?? [], handlerRoles.data ?? new Set(), c, session.grant('complaint.handle'), session.me.user);

  const open = (d: Dialog) => {
    setError(null);
    setDialog(d);
    setShown(true);
  };

  const toAction = (v: Values): ComplaintAction => {
    switch (dialog) {
      case 'assign':
        return { kind: 'assign', assigneeId: v.assigneeId! };
      case 'resolve':
        return {
          kind: 'resolve',
          body: { resolution: v.resolution!.trim(), measures: v.measures!.trim(), ...(v.compensationAmount ? { compensationAmount: v.compensationAmount } : {}) },
        };
      case 'close':
        return { kind: 'close', satisfaction: v.satisfaction! };
      default:
        return { kind: dialog };
    }
  };

  const run = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await action.mutateAsync(toAction(v));
      setShown(false);
    } catch (e) {
      // the dialog stays open with what was typed; the fields the API named say why
      setError(e);
      if (e instanceof ApiError) {
        const errs = Object.entries(fieldErrors(e.problem)).filter(([name]) => name in v);
        if (errs.length) form.setFields(errs.map(([name, errors]) => ({ name: name as keyof Values, errors })));
        // someone else moved the complaint on: show its state as it is now
        if (e.status === 409) onStale();
      }
    }
  };

  return (
    <>
      <Space wrap>
        <Action size={size} permission="complaint.handle" when={may.assign} type={c.assigneeId ? 'default' : 'primary'} onClick={() => open('assign')}>
          {c.assigneeId ? '改派' : '分派'}
        </Action>
        <Action size={size} permission="complaint.handle" when={may.resolve} type="primary" onClick={() => open('resolve')}>
          登记解决
        </Action>
        <Action size={size} permission="complaint.approve_compensation" when={may.approve} type="primary" onClick={() => open('approve')}>
          审批赔偿
        </Action>
        <Action size={size} permission="complaint.handle" when={may.close} type="primary" onClick={() => open('close')}>
          关闭投诉
        </Action>
        <Action size={size} permission="complaint.handle" when={may.reopen} onClick={() => open('reopen')}>
          重新打开
        </Action>
      </Space>
      <Modal
        open={shown}
        title={DIALOG[dialog].title}
        okText={DIALOG[dialog].ok}
        cancelText="取消"
        confirmLoading={action.isPending}
        onOk={() => void run().catch(() => undefined)}
        onCancel={() => setShown(false)}
        destroyOnHidden
      >
        <ProblemAlert error={error} />
        <Form form={form} layout="vertical" preserve={false} name={`complaint-${dialog}`}>
          {dialog === 'assign' && (
            <Form.Item name="assigneeId" label="处理人" rules={[{ required: true, message: '请选择处理人' }]} extra="本部门负责处理投诉的人员；处理人会在待办中看到它">
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={directory.isPending || handlerRoles.isPending}
                placeholder="请选择"
                notFoundContent="没有可分派的人员"
                options={candidates.map((u) => ({ value: u.id, label: `${u.displayName}（${u.roleName}）`, disabled: u.id === c.assigneeId }))}
              />
            </Form.Item>
          )}
          {dialog === 'resolve' && (
            <>
              <Form.Item name="resolution" label="解决办法" rules={[{ required: true, whitespace: true, message: '请写明解决办法' }, { max: 4000, message: '最多 4000 字' }]}>
                <Input.TextArea rows={3} maxLength={4000} placeholder="如：补发三箱产品，运费由我方承担" />
              </Form.Item>
              <Form.Item name="measures" label="措施" rules={[{ required: true, whitespace: true, message: '请写明防止再发生的措施' }, { max: 4000, message: '最多 4000 字' }]}>
                <Input.TextArea rows={3} maxLength={4000} placeholder="如：更换承运商，包装增加防潮层" />
              </Form.Item>
              {may.propose ? (
                <Form.Item name="compensationAmount" label="赔偿金额" rules={[moneyRule]} extra="不赔偿可不填；赔偿须经审批后投诉才能关闭">
                  <MoneyInput />
                </Form.Item>
              ) : (
                <Typography.Paragraph type="secondary">
                  {c.compensation?.status === 'approved' ? '该投诉已批准赔偿，不能再提出新的赔偿。' : '提出赔偿须有赔偿处理职责（SAL-4.5、KA-5.6）；如需赔偿，请改派给销售部经理或大客户主管。'}
                </Typography.Paragraph>
              )}
            </>
          )}
          {dialog === 'approve' && c.compensation && (
            <p>
              批准向客户赔偿 <Typography.Text strong>{formatMoney(c.compensation.amount)}</Typography.Text>？批准后投诉即可关闭。
            </p>
          )}
          {dialog === 'reopen' && <p>客户对处理结果不满意时重新打开：投诉回到「处理中」，须重新登记解决办法。</p>}
          {dialog === 'close' && (
            <Form.Item name="satisfaction" label="客户满意度" rules={[{ required: true, message: '请选择客户满意度' }]}>
              <Radio.Group optionType="button" buttonStyle="solid" options={SATISFACTION.map((label, i) => ({ value: i + 1, label: `${i + 1} ${label}` }))} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
