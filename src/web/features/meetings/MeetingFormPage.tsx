import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Form, Input, Radio, Select, Skeleton } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Action } from '../../components/Action';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { PHONE_TAP } from '../../components/phone-tap';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { useDirectory } from '../../lib/directory';
import { dayjs, getBusinessTz, todayInBusinessTz } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useCreateMeeting, useMeeting, useUpdateMeeting, type Meeting, type MeetingInput } from './api';
import { chairReaches, KIND_OPTIONS, MAX_ACTION_ITEMS, MAX_DECISIONS, mayChair, PRIORITY_OPTIONS } from './vocab';
import { useGrantOf } from '../../lib/grants';

type Priority = 'low' | 'normal' | 'high' | 'urgent';
interface ItemValues {
  title?: string;
  assigneeId?: string;
  due?: Dayjs | null;
  priority?: Priority;
}
interface Values {
  title?: string;
  kind?: MeetingInput['kind'];
  heldAt?: Dayjs | null;
  location?: string;
  chairId?: string;
  attendeeIds?: string[];
  agenda?: string;
  minutes?: string;
  decisions?: { text?: string }[];
  actionItems?: ItemValues[];
}

const WALL = 'YYYY-MM-DDTHH:mm:ss';
/** The picker shows business wall-clock time; the API takes the instant with its offset. */
const toWall = (iso: string): Dayjs => dayjs(dayjs(iso).tz(getBusinessTz()).format(WALL));
const fromWall = (d: Dayjs): string => dayjs.tz(d.format(WALL), getBusinessTz()).format();

const fromMeeting = (m: Meeting): Values => ({
  title: m.title,
  kind: m.kind,
  heldAt: toWall(m.heldAt),
  location: m.location ?? undefined,
  chairId: m.chairId,
  attendeeIds: m.attendees.map((a) => a.id),
  agenda: m.agenda ?? undefined,
  minutes: m.minutes ?? undefined,
  decisions: m.decisions.map((text) => ({ text })),
  actionItems: m.actionItems.map((i) => ({ title: i.title, assigneeId: i.assigneeId, due: dayjs(i.dueDate), priority: i.priority })),
});

const text = (v?: string) => (v?.trim() ? v.trim() : null);
const toBody = (v: Values) => ({
  title: v.title!.trim(),
  kind: v.kind!,
  heldAt: fromWall(v.heldAt!),
  location: text(v.location),
  chairId: v.chairId!,
  attendeeIds: v.attendeeIds ?? [],
  agenda: text(v.agenda),
  minutes: text(v.minutes),
  decisions: (v.decisions ?? []).map((d) => (d.text ?? '').trim()).filter(Boolean),
  actionItems: (v.actionItems ?? []).map((i) => ({ title: (i.title ?? '').trim(), assigneeId: i.assigneeId!, dueAt: i.due!.format('YYYY-MM-DD'), priority: i.priority ?? 'normal' })),
});

type Person = { id: string; displayName: string; roleName: string; role: string; department: string; supervisorId: string | null };
const label = (u: Person) => `${u.displayName} · ${u.roleName}`;

/** One action item: what, who (within the chair's reach — warned here, decided on publishing), by when, how urgent. */
function ItemRow({ name, remove, people, chair, isPhone }: { name: number; remove: () => void; people: Person[]; chair: Person | undefined; isPhone: boolean }) {
  const form = Form.useFormInstance<Values>();
  const assigneeId = Form.useWatch(['actionItems', name, 'assigneeId'], form) as string | undefined;
  const assignee = people.find((p) => p.id === assigneeId);
  const grantOf = useGrantOf();
  const out = !!(grantOf && chair && assignee && !chairReaches({ id: chair.id, role: chair.role as never, department: chair.department }, { ...assignee, role: assignee.role as never }, grantOf));
  const today = todayInBusinessTz();
  const n = name + 1;
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="action-item">
      <Form.Item name={[name, 'title']} label={`行动项 ${n}`} rules={[{ required: true, whitespace: true, message: '请填写要做的事' }, { max: 200, message: '最多 200 字' }]}>
        <Input maxLength={200} placeholder="要做的事" autoComplete="off" />
      </Form.Item>
      <Flex gap={8} vertical={isPhone} align={isPhone ? 'stretch' : 'start'}>
        <Form.Item
          name={[name, 'assigneeId']}
          label={`承办人 ${n}`}
          style={{ flex: 2 }}
          rules={[{ required: true, message: '请选择承办人' }]}
          validateStatus={out ? 'warning' : undefined}
          help={out ? `不在主持人 ${chair?.displayName} 的交办范围内，发布时会被拒绝` : undefined}
        >
          <Select showSearch={{ optionFilterProp: 'label' }} placeholder="选择承办人" options={people.map((u) => ({ value: u.id, label: label(u) }))} styles={isPhone ? PHONE_TAP.select : undefined} />
        </Form.Item>
        <Form.Item name={[name, 'due']} label={`截止日期 ${n}`} style={{ flex: 1 }} rules={[{ required: true, message: '请选择截止日期' }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly={isPhone} styles={isPhone ? PHONE_TAP.picker : undefined} disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
        </Form.Item>
        <Form.Item name={[name, 'priority']} label={`优先级 ${n}`} style={{ flex: 1 }}>
          <Select options={PRIORITY_OPTIONS} styles={isPhone ? PHONE_TAP.select : undefined} />
        </Form.Item>
        <Button aria-label={`删除行动项 ${n}`} icon={<DeleteOutlined />} danger onClick={remove} style={{ marginTop: isPhone ? 0 : 30, minHeight: 44, minWidth: 44 }} />
      </Flex>
    </Card>
  );
}

/**
 * 记录会议 / 修改纪要 (SAL-8.6): the 助理's draft — the meeting, its chair (a 经理 or 主管 of her
 * department), attendees, agenda and minutes, decisions and action items as rows. A failed save
 * keeps everything typed; a change meanwhile (409) offers to reload.
 */
export default function MeetingFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const existing = useMeeting(id);
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const me = useSession().me.user;
  const directory = useDirectory();
  const create = useCreateMeeting();
  const update = useUpdateMeeting(id ?? '');
  const [base, setBase] = useState<Meeting | null>(null);
  const chairId = Form.useWatch('chairId', form);

  useEffect(() => {
    if (existing.data && !base) {
      setBase(existing.data);
      form.setFieldsValue(fromMeeting(existing.data));
    }
  }, [existing.data, base, form]);

  const people = useMemo(() => (directory.data ?? []).filter((u) => u.role !== 'admin') as Person[], [directory.data]);
  const chairs = people.filter((u) => mayChair(u.role as never, me.department));
  const chair = people.find((p) => p.id === chairId);

  const error = create.error ?? update.error;
  /** The API's field errors on the form's fields: `actionItems.1.dueAt` on 截止日期 2, `attendeeIds.3` on 参会人员. */
  const showFieldErrors = (e: unknown) => {
    if (!(e instanceof ApiError)) return;
    const path = (name: string): (string | number)[] => {
      const parts = name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p === 'dueAt' ? 'due' : p));
      if (parts[0] === 'attendeeIds') return ['attendeeIds'];
      if (parts[0] === 'decisions' && parts.length === 2) return [...parts, 'text'];
      return parts;
    };
    const errs = Object.entries(fieldErrors(e.problem));
    if (errs.length) form.setFields(errs.map(([name, errors]) => ({ name: path(name) as never, errors })));
  };

  const onFinish = (v: Values) => {
    const body = toBody(v);
    const done = { onSuccess: (m: Meeting) => navigate(`/meetings/${m.id}`, { replace: true }), onError: showFieldErrors };
    if (editing && base) update.mutate({ version: base.version, ...body }, done);
    else create.mutate(body, done);
  };

  const reload = async () => {
    const fresh = (await existing.refetch()).data;
    if (fresh) {
      setBase(fresh);
      form.setFieldsValue(fromMeeting(fresh));
      update.reset();
    }
  };

  if (editing && existing.error) return <ErrorResult error={existing.error} onRetry={() => void existing.refetch()} />;
  if (editing && !base) return <Skeleton active />;

  const select = isPhone ? PHONE_TAP.select : undefined;
  return (
    <>
      <PageHeader back title={editing ? '修改会议纪要' : '记录会议'} subTitle={editing && base ? `${base.title}（草稿）` : '保存为草稿，发布后行动项成为主持人交办的交办事项'} />
      <ProblemAlert error={error} onReload={() => void reload()} />
      <Form<Values>
        form={form}
        layout="vertical"
        size={isPhone ? 'large' : undefined}
        initialValues={{ kind: 'regular', heldAt: toWall(dayjs().startOf('minute').toISOString()), attendeeIds: [], decisions: [], actionItems: [] }}
        onFinish={onFinish}
        requiredMark={false}
        scrollToFirstError
        name="meeting"
      >
        <Card size="small" title="会议" style={{ marginBottom: 16 }}>
          <Form.Item name="title" label="会议名称" rules={[{ required: true, whitespace: true, message: '请填写会议名称' }, { max: 200, message: '最多 200 字' }]}>
            <Input maxLength={200} placeholder="如：销售部十二月第一周例会" autoComplete="off" />
          </Form.Item>
          <Form.Item name="kind" label="会议类型">
            <Radio.Group optionType="button" buttonStyle="solid" options={KIND_OPTIONS} />
          </Form.Item>
          <Flex gap={8} vertical={isPhone}>
            <Form.Item name="heldAt" label="开会时间" style={{ flex: 1 }} rules={[{ required: true, message: '请选择开会时间' }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear={false} style={{ width: '100%' }} inputReadOnly={isPhone} styles={isPhone ? PHONE_TAP.picker : undefined} />
            </Form.Item>
            <Form.Item name="location" label="地点" style={{ flex: 1 }} rules={[{ max: 200, message: '最多 200 字' }]}>
              <Input maxLength={200} placeholder="如：三楼会议室" autoComplete="off" />
            </Form.Item>
          </Flex>
          <Form.Item name="chairId" label="主持人" rules={[{ required: true, message: '请选择主持人' }]} extra="本部门的经理或主管；行动项由主持人交办">
            <Select loading={directory.isPending} placeholder="选择主持人" options={chairs.map((u) => ({ value: u.id, label: label(u) }))} styles={select} />
          </Form.Item>
          <Form.Item name="attendeeIds" label="参会人员">
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} loading={directory.isPending} placeholder="选择参会人员" options={people.map((u) => ({ value: u.id, label: label(u) }))} maxCount={100} />
          </Form.Item>
        </Card>
        <Card size="small" title="议程与记录" style={{ marginBottom: 16 }}>
          <Form.Item name="agenda" label="议程" rules={[{ max: 4000, message: '最多 4000 字' }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
          </Form.Item>
          <Form.Item name="minutes" label="会议记录" rules={[{ max: 20000, message: '最多 20000 字' }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={20000} />
          </Form.Item>
        </Card>
        <Card size="small" title="决议" style={{ marginBottom: 16 }}>
          <Form.List name="decisions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="start">
                    <Form.Item name={[f.name, 'text']} label={`决议 ${f.name + 1}`} style={{ flex: 1 }} rules={[{ required: true, whitespace: true, message: '请填写决议内容，或删除这一条' }, { max: 1000, message: '最多 1000 字' }]}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
                    </Form.Item>
                    <Button aria-label={`删除决议 ${f.name + 1}`} icon={<DeleteOutlined />} danger onClick={() => remove(f.name)} style={{ marginTop: 30, minHeight: 44, minWidth: 44 }} />
                  </Flex>
                ))}
                <Button block icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= MAX_DECISIONS} style={{ minHeight: 44 }}>
                  添加决议
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card size="small" title="行动项" style={{ marginBottom: 16 }} extra={<span style={{ color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>发布后成为交办事项</span>}>
          <Form.List name="actionItems">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <ItemRow key={f.key} name={f.name} remove={() => remove(f.name)} people={people} chair={chair} isPhone={isPhone} />
                ))}
                <Button block icon={<PlusOutlined />} onClick={() => add({ priority: 'normal' })} disabled={fields.length >= MAX_ACTION_ITEMS} style={{ minHeight: 44 }}>
                  添加行动项
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Action permission="meeting.record" type="primary" htmlType="submit" size="large" block={isPhone} loading={create.isPending || update.isPending}>
          保存草稿
        </Action>
      </Form>
    </>
  );
}
