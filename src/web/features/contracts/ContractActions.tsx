import { DatePicker, Form, Input, Modal, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ErrorResult';
import { dayjs, todayInBusinessTz } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useContractAction, type Contract } from './api';
import { ArchiveDialog } from './ArchiveDialog';
import { ARCHIVABLE, EDITABLE, PENDING } from './vocab';

type Dialog = 'submit' | 'sign' | 'approve' | 'reject' | 'terminate';

const DIALOG = {
  submit: { title: '提交审批', ok: '提交' },
  sign: { title: '签订合同', ok: '确认签订' },
  approve: { title: '审批通过', ok: '通过' },
  reject: { title: '退回合同', ok: '退回' },
  terminate: { title: '终止合同', ok: '终止' },
};

/**
 * What the caller may do with this contract now, by permission and state: the owner edits and
 * submits a draft or a rejected one; the owner or an approver signs an approved one; an approver
 * named for the current step decides it; an approver terminates a signed one; the 内勤 or 助理
 * files (归档) a signed, completed or terminated one and prints its record. The API stays the authority.
 */
export function ContractActions({ contract }: { contract: Contract }) {
  const session = useSession();
  const size = useIsPhone() ? 'large' : undefined;
  const navigate = useNavigate();
  const action = useContractAction(contract.id);
  // The kind stays set while the dialog fades out, so it keeps its title (its accessible name).
  const [dialog, setDialog] = useState<Dialog>('submit');
  const [shown, setShown] = useState(false);
  const [dialogError, setDialogError] = useState<unknown>(null);
  const [archiving, setArchiving] = useState(false);
  const [form] = Form.useForm<{ signedAt?: Dayjs; comment?: string; reason?: string }>();
  const me = session.me.user.id;
  const mine = contract.ownerId === me;
  const editable = mine && EDITABLE.includes(contract.status);
  const mayDecide = PENDING.includes(contract.status) && (contract.awaitingApprovers ?? []).some((u) => u.id === me);
  const maySign = contract.status === 'approved' && (mine || session.can('contract.approve'));
  const fileable = ARCHIVABLE.includes(contract.status);

  const open = (d: Dialog) => {
    setDialogError(null);
    setDialog(d);
    setShown(true);
  };
  const run = async () => {
    const v = await form.validateFields();
    setDialogError(null);
    try {
      if (dialog === 'submit') await action.mutateAsync({ kind: 'submit' });
      if (dialog === 'sign') await action.mutateAsync({ kind: 'sign', signedAt: v.signedAt!.format('YYYY-MM-DD') });
      if (dialog === 'approve') await action.mutateAsync({ kind: 'approve', comment: v.comment?.trim() || undefined });
      if (dialog === 'reject') await action.mutateAsync({ kind: 'reject', comment: v.comment!.trim() });
      if (dialog === 'terminate') await action.mutateAsync({ kind: 'terminate', reason: v.reason!.trim() });
      setShown(false);
    } catch (e) {
      setDialogError(e);
    }
  };

  return (
    <>
      <Space wrap>
        <Action size={size} permission="contract.create" when={editable} onClick={() => navigate(`/contracts/${contract.id}/edit`)}>
          编辑
        </Action>
        <Action size={size} permission="contract.create" when={editable} type="primary" onClick={() => open('submit')}>
          提交审批
        </Action>
        <Action size={size} permission="contract.approve" when={mayDecide} type="primary" onClick={() => open('approve')}>
          审批通过
        </Action>
        <Action size={size} permission="contract.approve" when={mayDecide} danger onClick={() => open('reject')}>
          退回
        </Action>
        <Action size={size} permission="contract.read" when={maySign} type="primary" onClick={() => open('sign')}>
          签订
        </Action>
        <Action size={size} permission="contract.archive" when={fileable && !contract.archiveNo} type="primary" onClick={() => setArchiving(true)}>
          归档
        </Action>
        <Action size={size} permission="contract.read" when={fileable} onClick={() => navigate(`/contracts/${contract.id}/print`)}>
          打印登记表
        </Action>
        <Action size={size} permission="contract.approve" when={contract.status === 'signed'} danger onClick={() => open('terminate')}>
          终止
        </Action>
      </Space>
      <ArchiveDialog contract={archiving ? contract : null} onClose={() => setArchiving(false)} />
      <Modal
        open={shown}
        title={DIALOG[dialog].title}
        okText={DIALOG[dialog].ok}
        okButtonProps={{ danger: dialog === 'reject' || dialog === 'terminate' }}
        cancelText="取消"
        confirmLoading={action.isPending}
        onOk={() => void run().catch(() => undefined)}
        onCancel={() => setShown(false)}
        destroyOnHidden
      >
        <ProblemAlert error={dialogError} />
        <Form form={form} layout="vertical" preserve={false} initialValues={dialog === 'sign' ? { signedAt: dayjs(todayInBusinessTz()) } : undefined}>
          {dialog === 'submit' ? (
            <p>提交后合同进入审批，审批期间不能修改。审批人将在待办中看到它。</p>
          ) : dialog === 'sign' ? (
            <Form.Item name="signedAt" label="签订日期" rules={[{ required: true, message: '请选择签订日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          ) : dialog === 'terminate' ? (
            <>
              <p>终止后合同不再履行，也不能恢复为已签订。请写明原因，它会记入合同与审计日志。</p>
              <Form.Item
                name="reason"
                label="终止原因"
                rules={[{ required: true, whitespace: true, message: '请写明终止原因' }, { max: 1000, message: '最多 1000 字' }]}
              >
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
            </>
          ) : (
            <Form.Item
              name="comment"
              label="审批意见"
              rules={[{ required: dialog === 'reject', whitespace: true, message: '请写明退回原因' }, { max: 1000, message: '最多 1000 字' }]}
            >
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
