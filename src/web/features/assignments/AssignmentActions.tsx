import { Button, Drawer, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { Action } from '../../components/Action';
import { PHONE_TAP } from '../../components/phone-tap';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { dayjs } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useAssignmentStep, useDirectory, useUpdateAssignment, type AssignmentDetail, type Step } from './api';
import { WorkFields } from './AssignmentDrawers';
import { assigneeCandidates, personLabel, stepsFor } from './reach';
import { useGrantOf } from '../../lib/grants';

type Dialog = 'complete' | 'return' | 'confirm' | 'cancel' | 'delegate';

const DIALOG: Record<Dialog, { title: string; ok: string; note?: string; required?: boolean }> = {
  complete: { title: '完成交办事项', ok: '完成', note: '完成说明' },
  return: { title: '退回重办', ok: '退回', note: '退回原因', required: true },
  confirm: { title: '确认完成', ok: '确认完成', note: '确认意见' },
  cancel: { title: '取消交办事项', ok: '取消事项', note: '取消原因' },
  delegate: { title: '转派', ok: '转派', note: '转派说明' },
};

/** What the caller may do now: by state, by party and by permission (the API stays the authority). */
export function useSteps(a: AssignmentDetail) {
  const session = useSession();
  return stepsFor(a, session.me.user.id, session.can);
}

/**
 * 开始, 完成, 退回 (with a comment), 确认, 取消, 转派, 修改 — each behind its permission (the clause
 * on hover), for the party whose step it is, in the states that allow it. A dialog keeps what was
 * typed when the API refuses; a 409 shows the assignment as it now stands.
 */
export function AssignmentActions({ a, onStale }: { a: AssignmentDetail; onStale: () => void }) {
  const session = useSession();
  const isPhone = useIsPhone();
  const size = isPhone ? ('large' as const) : undefined;
  const may = useSteps(a);
  const step = useAssignmentStep(a.id);
  const directory = useDirectory(may.delegate);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ comment?: string; assigneeId?: string }>();
  const grantOf = useGrantOf();
  const candidates = assigneeCandidates(directory.data ?? [], session.grant('assignment.assign'), session.me.user, grantOf, [a.assigneeId, a.assignerId]);

  const open = (d: Dialog) => {
    setError(null);
    setDialog(d);
  };

  const run = async (s: Step) => {
    setError(null);
    try {
      await step.mutateAsync(s);
      setDialog(null);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const errs = Object.entries(fieldErrors(e.problem)).filter(([name]) => name === 'comment' || name === 'assigneeId');
        if (errs.length) form.setFields(errs.map(([name, errors]) => ({ name: name as 'comment' | 'assigneeId', errors })));
        if (e.status === 409) onStale();
      }
    }
  };

  const submit = async () => {
    if (!dialog) return;
    const v = await form.validateFields();
    const comment = v.comment?.trim() || undefined;
    if (dialog === 'return') return run({ kind: 'return', comment: comment! });
    if (dialog === 'delegate') return run({ kind: 'delegate', assigneeId: v.assigneeId!, comment });
    return run({ kind: dialog, comment });
  };

  const d = dialog ? DIALOG[dialog] : null;
  return (
    <>
      <Space wrap>
        <Action size={size} permission="assignment.work" when={may.start} type="primary" loading={step.isPending && step.variables?.kind === 'start'} onClick={() => void run({ kind: 'start' })}>
          {a.kind === 'request' ? '受理' : '开始'}
        </Action>
        <Action size={size} permission="assignment.work" when={may.complete} type="primary" onClick={() => open('complete')}>
          完成
        </Action>
        <Action size={size} permission="assignment.assign" when={may.confirm} type="primary" onClick={() => open('confirm')}>
          确认完成
        </Action>
        <Action size={size} permission="assignment.assign" when={may.return} onClick={() => open('return')}>
          退回
        </Action>
        <Action size={size} permission="assignment.assign" when={may.delegate} onClick={() => open('delegate')}>
          转派
        </Action>
        <Action size={size} permission="assignment.assign" when={may.edit} onClick={() => setEditing(true)}>
          修改
        </Action>
        <Action size={size} permission="assignment.assign" when={may.cancel} danger onClick={() => open('cancel')}>
          取消事项
        </Action>
      </Space>
      {!dialog && error ? <ProblemAlert error={error} /> : null}
      <Modal
        open={dialog !== null}
        title={d?.title}
        okText={d?.ok}
        cancelText="返回"
        confirmLoading={step.isPending}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        <ProblemAlert error={error} />
        <Form form={form} layout="vertical" preserve={false} name={`assignment-${dialog ?? 'step'}`}>
          {dialog === 'delegate' && (
            <Form.Item name="assigneeId" label="转派给" rules={[{ required: true, message: '请选择转派给谁' }]} extra="只能转派给您交办范围内的人员；对方须重新开始办理">
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={directory.isPending}
                placeholder="选择人员"
                notFoundContent="没有可转派的人员"
                styles={isPhone ? PHONE_TAP.select : undefined}
                options={candidates.map((u) => ({ value: u.id, label: personLabel(u) }))}
              />
            </Form.Item>
          )}
          {d?.note && (
            <Form.Item
              name="comment"
              label={d.note}
              rules={[...(d.required ? [{ required: true, whitespace: true, message: `请填写${d.note}` }] : []), { max: 2000, message: '最多 2000 字' }]}
            >
              <Input.TextArea rows={3} maxLength={2000} placeholder={d.required ? '写明需要补充或改正的地方' : '可不填'} />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <EditDrawer a={a} open={editing} onClose={() => setEditing(false)} onStale={onStale} />
    </>
  );
}

/** 修改 by the assigner while the work is open, with the version read: a change meanwhile is 409 (重新加载). */
function EditDrawer({ a, open, onClose, onStale }: { a: AssignmentDetail; open: boolean; onClose: () => void; onStale: () => void }) {
  const isPhone = useIsPhone();
  return (
    <Drawer title="修改交办事项" open={open} onClose={onClose} placement={isPhone ? 'bottom' : 'right'} size={isPhone ? '92%' : 520} destroyOnHidden>
      {/* a new version (after 重新加载) starts the form afresh from it */}
      {open && <EditForm key={a.version} a={a} onSaved={onClose} onStale={onStale} />}
    </Drawer>
  );
}

interface EditValues {
  title: string;
  description?: string;
  due: ReturnType<typeof dayjs>;
  priority: AssignmentDetail['priority'];
}

function EditForm({ a, onSaved, onStale }: { a: AssignmentDetail; onSaved: () => void; onStale: () => void }) {
  const isPhone = useIsPhone();
  const update = useUpdateAssignment(a.id);
  const [form] = Form.useForm<EditValues>();

  const submit = (v: EditValues) =>
    update.mutate(
      { version: a.version, title: v.title.trim(), description: v.description?.trim() ? v.description.trim() : null, dueAt: v.due.format('YYYY-MM-DD'), priority: v.priority },
      {
        onSuccess: onSaved,
        onError: (e) => {
          if (!(e instanceof ApiError)) return;
          const byField = fieldErrors(e.problem);
          form.setFields(Object.entries(byField).map(([name, errors]) => ({ name: (name === 'dueAt' ? 'due' : name) as keyof EditValues, errors })));
        },
      },
    );

  return (
    <>
      <ProblemAlert error={update.error} onReload={onStale} />
      <Form
        form={form}
        layout="vertical"
        size={isPhone ? 'large' : 'middle'}
        onFinish={submit}
        name="assignment-edit"
        initialValues={{ title: a.title, description: a.description ?? '', due: dayjs(a.dueDate), priority: a.priority }}
      >
        <WorkFields phone={isPhone} />
        <Button type="primary" htmlType="submit" size="large" block loading={update.isPending}>
          保存
        </Button>
      </Form>
    </>
  );
}
