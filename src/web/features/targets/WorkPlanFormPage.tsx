import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Form, Input, Select, Skeleton } from 'antd';
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
import { dayjs, todayInBusinessTz } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useCreateWorkPlan, useUpdateWorkPlan, useWorkPlan, type WorkPlan } from './api';
import { valueRule } from './format';
import { PeriodPicker } from './PeriodPicker';
import { MEASURE_OF, MEASURES, periodName, periodOf, type Measure } from './vocab';

interface ItemValues {
  content?: string;
  measure?: Measure;
  plannedValue?: string;
  dueDate?: Dayjs | null;
}
interface Values {
  ownerId?: string;
  title?: string;
  items?: ItemValues[];
}

const toBody = (items: ItemValues[] = []) =>
  items.map((i) => ({
    content: (i.content ?? '').trim(),
    ...(i.measure ? { measure: i.measure } : {}),
    ...(i.measure && i.plannedValue ? { plannedValue: i.plannedValue.trim() } : {}),
    ...(i.dueDate ? { dueDate: i.dueDate.format('YYYY-MM-DD') } : {}),
  }));

const fromPlan = (p: WorkPlan): Values => ({
  title: p.title,
  items: p.items.map((i) => ({ content: i.content, measure: i.measure ?? undefined, plannedValue: i.plannedValue ?? undefined, dueDate: i.dueDate ? dayjs(i.dueDate) : null })),
});

/** One line of the plan: what, optionally the measure and the planned figure, optionally by when. */
function ItemFields({ name, remove, isPhone }: { name: number; remove: () => void; isPhone: boolean }) {
  const form = Form.useFormInstance<Values>();
  const measure = Form.useWatch(['items', name, 'measure'], form) as Measure | undefined;
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="plan-item">
      <Form.Item name={[name, 'content']} label={`事项 ${name + 1}`} rules={[{ required: true, whitespace: true, message: '请填写事项内容' }, { max: 500, message: '最多 500 字' }]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
      </Form.Item>
      <Flex gap={8} vertical={isPhone} align={isPhone ? 'stretch' : 'start'}>
        <Form.Item name={[name, 'measure']} label="考核项（可选）" style={{ flex: 1 }}>
          <Select allowClear placeholder="不对应考核项" options={MEASURES.map((m) => ({ value: m.value, label: m.label }))} styles={isPhone ? PHONE_TAP.select : undefined} />
        </Form.Item>
        <Form.Item
          name={[name, 'plannedValue']}
          label={measure ? `计划数（${MEASURE_OF[measure].unit}）` : '计划数'}
          style={{ flex: 1 }}
          rules={measure ? [valueRule(measure)] : []}
        >
          <Input disabled={!measure} inputMode={measure && MEASURE_OF[measure].money ? 'decimal' : 'numeric'} autoComplete="off" placeholder={measure ? '' : '先选考核项'} />
        </Form.Item>
        <Form.Item name={[name, 'dueDate']} label="完成期限（可选）" style={{ flex: 1 }}>
          <DatePicker style={{ width: '100%' }} inputReadOnly={isPhone} styles={isPhone ? PHONE_TAP.picker : undefined} />
        </Form.Item>
        <Button aria-label={`删除事项 ${name + 1}`} icon={<DeleteOutlined />} danger onClick={remove} style={{ marginTop: isPhone ? 0 : 30, minHeight: 44, minWidth: 44 }} />
      </Flex>
    </Card>
  );
}

/**
 * 新建 / 修改工作计划: a 专员's own plan (MKT-6.3) or, for a 主管, one for a direct report (SAL-5.3);
 * the period, a title and the items. A failed save keeps everything typed.
 */
export default function WorkPlanFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const existing = useWorkPlan(id);
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const session = useSession();
  const team = session.grant('workplan.write')?.scope === 'team';
  const dir = useDirectory(team && !editing);
  const create = useCreateWorkPlan();
  const update = useUpdateWorkPlan(id ?? '');
  const [period, setPeriod] = useState(() => periodOf('month', todayInBusinessTz()));
  const [base, setBase] = useState<WorkPlan | null>(null);
  const me = session.me.user;

  useEffect(() => {
    if (existing.data && !base) {
      setBase(existing.data);
      form.setFieldsValue(fromPlan(existing.data));
    }
  }, [existing.data, base, form]);

  const owners = useMemo(
    () => [
      { value: me.id, label: `${me.displayName}（本人）` },
      ...(dir.data ?? []).filter((u) => u.supervisorId === me.id).map((u) => ({ value: u.id, label: `${u.displayName}（${u.roleName}）` })),
    ],
    [dir.data, me],
  );

  const error = create.error ?? update.error;
  const showFieldErrors = (e: unknown) => {
    if (!(e instanceof ApiError)) return;
    const errs = Object.entries(fieldErrors(e.problem));
    if (errs.length) form.setFields(errs.map(([name, errors]) => ({ name: name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) as never, errors })));
  };

  const onFinish = (v: Values) => {
    const items = toBody(v.items);
    if (editing && base) {
      update.mutate({ version: base.version, title: v.title!.trim(), items }, { onSuccess: (p) => navigate(`/work-plans/${p.id}`, { replace: true }), onError: showFieldErrors });
    } else {
      create.mutate(
        { ...(v.ownerId && v.ownerId !== me.id ? { ownerId: v.ownerId } : {}), period, title: v.title!.trim(), items },
        { onSuccess: (p) => navigate(`/work-plans/${p.id}`, { replace: true }), onError: showFieldErrors },
      );
    }
  };

  const reload = async () => {
    const fresh = (await existing.refetch()).data;
    if (fresh) {
      setBase(fresh);
      form.setFieldsValue(fromPlan(fresh));
      update.reset();
    }
  };

  if (editing && existing.error) return <ErrorResult error={existing.error} onRetry={() => void existing.refetch()} />;
  if (editing && !base) return <Skeleton active />;

  return (
    <>
      <PageHeader back title={editing ? `修改工作计划` : '新建工作计划'} subTitle={editing && base ? `${base.ownerName} · ${periodName(base.period)}` : undefined} />
      <ProblemAlert error={error} onReload={() => void reload()} />
      <Form<Values> form={form} layout="vertical" size={isPhone ? 'large' : undefined} initialValues={{ ownerId: me.id, items: [{}] }} onFinish={onFinish} requiredMark={false}>
        <Card size="small" style={{ marginBottom: 16 }}>
          {!editing && (
            <Flex gap={16} wrap vertical={isPhone}>
              <PeriodPicker value={period} onChange={setPeriod} id="plan-period" />
            </Flex>
          )}
          {!editing && team && (
            <Form.Item name="ownerId" label="计划人" htmlFor="plan-owner">
              <Select id="plan-owner" options={owners} loading={dir.isPending} styles={isPhone ? PHONE_TAP.select : undefined} />
            </Form.Item>
          )}
          <Form.Item name="title" label="标题" htmlFor="plan-title" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: 200, message: '最多 200 字' }]}>
            <Input id="plan-title" maxLength={200} placeholder={`如：${periodName(editing && base ? base.period : period)}工作计划`} />
          </Form.Item>
        </Card>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <ItemFields key={f.key} name={f.name} remove={() => remove(f.name)} isPhone={isPhone} />
              ))}
              <Button block icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 50} style={{ marginBottom: 16, minHeight: 44 }}>
                添加事项
              </Button>
            </>
          )}
        </Form.List>
        <Action permission="workplan.write" type="primary" htmlType="submit" size="large" block={isPhone} loading={create.isPending || update.isPending}>
          保存计划
        </Action>
      </Form>
    </>
  );
}
