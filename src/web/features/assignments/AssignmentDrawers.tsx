import { Button, DatePicker, Drawer, Form, Input, Radio, Select, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { PHONE_TAP } from '../../components/phone-tap';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { todayInBusinessTz } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { REACH_WORDS } from '../../../assignments/assignment-rules';
import { useCreateAssignment, useCreateRequest, useDirectory, type AssignmentDetail } from './api';
import { assigneeCandidates, personLabel } from './reach';
import { options, PRIORITY, requestDepartments } from './vocab';
import { useGrantOf } from '../../lib/grants';

interface WorkValues {
  title: string;
  description?: string;
  due: Dayjs;
  priority: 'low' | 'normal' | 'high' | 'urgent';
}

/** 标题, 说明, 截止日期, 优先级: what an assignment and a request both carry. */
export function WorkFields({ phone }: { phone: boolean }) {
  const today = todayInBusinessTz();
  return (
    <>
      <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: 200, message: '标题最多 200 字' }]}>
        <Input maxLength={200} placeholder="如：整理华东区重点客户名单" autoComplete="off" />
      </Form.Item>
      <Form.Item name="description" label="说明" rules={[{ max: 4000, message: '说明最多 4000 字' }]}>
        <Input.TextArea rows={3} maxLength={4000} placeholder="要做什么、做到什么程度（可不填）" />
      </Form.Item>
      <Form.Item name="due" label="截止日期" rules={[{ required: true, message: '请选择截止日期' }]} extra="截止到当天 24 点；前一天和当天会提醒承办人，逾期会提醒交办人">
        <DatePicker style={{ width: '100%' }} styles={phone ? PHONE_TAP.picker : undefined} inputReadOnly={phone} disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
      </Form.Item>
      <Form.Item name="priority" label="优先级">
        <Radio.Group optionType="button" buttonStyle="solid" options={options(PRIORITY)} />
      </Form.Item>
    </>
  );
}

const work = (v: WorkValues) => ({ title: v.title.trim(), ...(v.description?.trim() ? { description: v.description.trim() } : {}), dueAt: v.due.format('YYYY-MM-DD'), priority: v.priority });

/** Puts the API's field errors on the fields (dueAt is the form's 截止日期); the rest stays in the alert. */
function showFieldErrors<T>(form: FormInstance<T>, e: unknown) {
  if (!(e instanceof ApiError)) return;
  const byField = fieldErrors(e.problem);
  const rename: Record<string, string> = { dueAt: 'due' };
  form.setFields(Object.entries(byField).map(([name, errors]) => ({ name: (rename[name] ?? name) as never, errors })));
}

function Shell({ title, open, onClose, children }: { title: string; open: boolean; onClose: () => void; children: ReactNode }) {
  const isPhone = useIsPhone();
  return (
    <Drawer title={title} open={open} onClose={onClose} placement={isPhone ? 'bottom' : 'right'} size={isPhone ? '92%' : 520} destroyOnHidden>
      {open && children}
    </Drawer>
  );
}

/** 新建交办: to someone within my reach of assignment.assign (the picker offers only them). */
export function AssignDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (a: AssignmentDetail) => void }) {
  return (
    <Shell title="新建交办" open={open} onClose={onClose}>
      <AssignForm onCreated={onCreated} />
    </Shell>
  );
}

function AssignForm({ onCreated }: { onCreated: (a: AssignmentDetail) => void }) {
  const isPhone = useIsPhone();
  const session = useSession();
  const grant = session.grant('assignment.assign');
  const directory = useDirectory();
  const create = useCreateAssignment();
  const [form] = Form.useForm<WorkValues & { assigneeId: string }>();
  const grantOf = useGrantOf();
  const candidates = assigneeCandidates(directory.data ?? [], grant, session.me.user, grantOf);

  const submit = (v: WorkValues & { assigneeId: string }) =>
    create.mutate({ assigneeId: v.assigneeId, ...work(v) }, { onSuccess: onCreated, onError: (e) => showFieldErrors(form, e) });

  return (
    <>
      <ProblemAlert error={create.error} />
      <Form form={form} layout="vertical" size={isPhone ? 'large' : 'middle'} onFinish={submit} initialValues={{ priority: 'normal' }} scrollToFirstError name="assign">
        <Form.Item name="assigneeId" label="承办人" rules={[{ required: true, message: '请选择承办人' }]} extra={grant ? REACH_WORDS[grant.scope as keyof typeof REACH_WORDS] : undefined}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={directory.isPending}
            placeholder="选择承办人"
            notFoundContent="没有可交办的人员"
            styles={isPhone ? PHONE_TAP.select : undefined}
            options={candidates.map((u) => ({ value: u.id, label: personLabel(u) }))}
          />
        </Form.Item>
        <WorkFields phone={isPhone} />
        <Button type="primary" htmlType="submit" size="large" block loading={create.isPending}>
          交办
        </Button>
      </Form>
    </>
  );
}

/** 协作请求 (MKT-4.8, SAL-5.1): to another department's 经理 — the one chosen, or else the first of them. */
export function RequestDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (a: AssignmentDetail) => void }) {
  return (
    <Shell title="协作请求" open={open} onClose={onClose}>
      <RequestForm onCreated={onCreated} />
    </Shell>
  );
}

function RequestForm({ onCreated }: { onCreated: (a: AssignmentDetail) => void }) {
  const isPhone = useIsPhone();
  const session = useSession();
  const directory = useDirectory();
  const create = useCreateRequest();
  const [form] = Form.useForm<WorkValues & { toDepartment: 'market' | 'sales' | 'key_account'; managerId?: string }>();
  const to = Form.useWatch('toDepartment', form);
  const departments = requestDepartments(session.me.user.department);
  const managers = (directory.data ?? []).filter((u) => to && u.role === `${to}.manager`);

  const submit = (v: WorkValues & { toDepartment: 'market' | 'sales' | 'key_account'; managerId?: string }) =>
    create.mutate({ toDepartment: v.toDepartment, ...(v.managerId ? { managerId: v.managerId } : {}), ...work(v) }, { onSuccess: onCreated, onError: (e) => showFieldErrors(form, e) });

  return (
    <>
      <ProblemAlert error={create.error} />
      <Form
        form={form}
        layout="vertical"
        size={isPhone ? 'large' : 'middle'}
        onFinish={submit}
        initialValues={{ priority: 'normal' }}
        onValuesChange={(changed) => {
          if ('toDepartment' in changed) form.setFieldsValue({ managerId: undefined });
        }}
        scrollToFirstError
        name="request"
      >
        <Form.Item name="toDepartment" label="请求部门" rules={[{ required: true, message: '请选择请求协作的部门' }]} extra="协作请求交给该部门经理，由经理受理或转派">
          <Radio.Group optionType="button" buttonStyle="solid" options={departments} />
        </Form.Item>
        <Form.Item name="managerId" label="接收经理" extra="不选时交给该部门在职经理中的第一位">
          <Select
            allowClear
            disabled={!to}
            placeholder={to ? '该部门经理' : '先选择请求部门'}
            styles={isPhone ? PHONE_TAP.select : undefined}
            options={managers.map((u) => ({ value: u.id, label: personLabel(u) }))}
          />
        </Form.Item>
        <WorkFields phone={isPhone} />
        <Button type="primary" htmlType="submit" size="large" block loading={create.isPending}>
          提交请求
        </Button>
      </Form>
    </>
  );
}
