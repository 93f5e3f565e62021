import { Alert, Button, Checkbox, Drawer, Flex, Form, Input, Radio, Select } from 'antd';
import { useEffect, useMemo } from 'react';
import { MoneyInput } from '../../components/MoneyInput';
import { PHONE_TAP } from '../../components/phone-tap';
import { ProblemAlert, problemOf } from '../../components/ProblemAlert';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { useDirectory } from '../../lib/directory';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useCreateTarget, useUpdateTarget, type Target } from './api';
import { showValue, valueRule } from './format';
import { LEVEL_NAMES, MEASURE_OF, periodName, type Measure } from './vocab';

/** What the drawer does: set the department's target, split a part from a whole, or change one. */
export type DrawerMode = { kind: 'department'; period: string; measure: Measure } | { kind: 'split'; parent: Target } | { kind: 'edit'; target: Target };

interface Values {
  level?: 'team' | 'person';
  userId?: string;
  value?: string;
  overParent?: boolean;
  note?: string;
}

/** Roles given person targets: those who read their own (业务员, 专员). */
const PERSON_ROLES = new Set(['sales.rep', 'market.specialist', 'key_account.specialist']);

/**
 * 设定 / 分解 / 修改 a target in a drawer that keeps what was typed when the server refuses it; the
 * whole's remaining amount is shown while splitting, and a refusal of the sum rule is shown on the
 * value with the server's own message.
 */
export function TargetDrawer({ mode, onClose }: { mode: DrawerMode | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const isPhone = useIsPhone();
  const session = useSession();
  const create = useCreateTarget();
  const update = useUpdateTarget();
  const dir = useDirectory(mode?.kind === 'split');
  const manageScope = session.grant('target.manage')?.scope;
  // a team's share goes to people; a department's to teams (or people) — a 主管 splits only to people
  const splitLevel = mode?.kind === 'split' && mode.parent.level === 'department' && manageScope !== 'team' ? 'team' : 'person';
  const level = Form.useWatch('level', form) ?? splitLevel;

  useEffect(() => {
    create.reset();
    update.reset();
    form.resetFields();
    if (mode?.kind === 'edit') form.setFieldsValue({ value: mode.target.value, overParent: mode.target.overParent, note: mode.target.note ?? undefined });
    if (mode?.kind === 'split') form.setFieldsValue({ level: splitLevel });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode]);

  const measure: Measure | null = mode ? (mode.kind === 'department' ? mode.measure : mode.kind === 'split' ? mode.parent.measure : mode.target.measure) : null;
  const period = mode ? (mode.kind === 'department' ? mode.period : mode.kind === 'split' ? mode.parent.period : mode.target.period) : '';
  const money = measure ? MEASURE_OF[measure].money : true;

  // whom a part may be for (the server decides; this only offers the likely ones)
  const people = useMemo(() => {
    if (mode?.kind !== 'split') return [];
    const p = mode.parent;
    return (dir.data ?? [])
      .filter((u) => u.department === p.department)
      .filter((u) => (level === 'team' ? u.role.endsWith('.supervisor') : PERSON_ROLES.has(u.role) && (p.level !== 'team' || u.supervisorId === p.userId)))
      .map((u) => ({ value: u.id, label: `${u.displayName}（${u.roleName}）` }));
  }, [mode, dir.data, level]);

  const error = create.error ?? update.error;
  const pending = create.isPending || update.isPending;

  const onFinish = (v: Values) => {
    if (!mode) return;
    const note = v.note?.trim() ? v.note.trim() : undefined;
    const done = { onSuccess: onClose, onError: (e: unknown) => showOnFields(e) };
    if (mode.kind === 'department') create.mutate({ level: 'department', period: mode.period, measure: mode.measure, value: v.value!, note }, done);
    else if (mode.kind === 'split') create.mutate({ level: v.level ?? splitLevel, parentId: mode.parent.id, userId: v.userId!, value: v.value!, overParent: v.overParent || undefined, note }, done);
    else update.mutate({ id: mode.target.id, body: { version: mode.target.version, value: v.value, overParent: mode.target.parentId ? !!v.overParent : undefined, note: note ?? null } }, done);
  };

  /** The server's message beside the field it is about (the sum rule: on the value). */
  const showOnFields = (e: unknown) => {
    if (!(e instanceof ApiError)) return;
    const p = problemOf(e);
    if (p.code === 'TARGET_PARTS_EXCEED_PARENT' || p.code === 'TARGET_BELOW_PARTS' || p.code === 'TARGET_EXISTS') form.setFields([{ name: 'value', errors: [p.detail] }]);
    else if (p.code === 'TARGET_SUBJECT_INVALID') form.setFields([{ name: 'userId', errors: [p.detail] }]);
    const fields = Object.entries(fieldErrors(e.problem)).filter(([name]) => ['userId', 'value', 'note', 'level'].includes(name));
    if (fields.length) form.setFields(fields.map(([name, errors]) => ({ name: name as keyof Values, errors })));
  };

  const title = !mode
    ? ''
    : mode.kind === 'department'
      ? `设定部门指标：${MEASURE_OF[mode.measure].label}`
      : mode.kind === 'split'
        ? `分解「${mode.parent.userName ?? mode.parent.departmentName}」的${MEASURE_OF[mode.parent.measure].label}`
        : `修改「${mode.target.userName ?? mode.target.departmentName}」的${MEASURE_OF[mode.target.measure].label}`;
  const hasParent = mode?.kind === 'split' || (mode?.kind === 'edit' && !!mode.target.parentId);
  const size = isPhone ? 'large' : undefined;

  return (
    <Drawer
      title={title}
      open={!!mode}
      onClose={onClose}
      placement={isPhone ? 'bottom' : 'right'}
      size={isPhone ? '92%' : 480}
      footer={
        <Flex gap={8} justify="end">
          <Button size={size} onClick={onClose}>
            取消
          </Button>
          <Button size={size} type="primary" loading={pending} onClick={() => form.submit()} data-testid="target-save">
            保存
          </Button>
        </Flex>
      }
    >
      <p style={{ marginTop: 0 }} data-testid="target-drawer-period">
        期间：{periodName(period)}
      </p>
      {mode?.kind === 'split' && (
        <div data-testid="target-remaining">
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={`上级${LEVEL_NAMES[mode.parent.level]}指标 ${showValue(mode.parent.measure, mode.parent.value)}，已分解 ${showValue(mode.parent.measure, mode.parent.partsSum)}，还可分解 ${showValue(mode.parent.measure, mode.parent.remaining)}`}
          />
        </div>
      )}
      {mode?.kind === 'edit' && mode.target.partsCount > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`已分解出 ${showValue(mode.target.measure, mode.target.partsSum)}，指标不能低于此数`} />
      )}
      <ProblemAlert error={error} />
      <Form<Values> form={form} layout="vertical" size={size} onFinish={onFinish} requiredMark={false}>
        {mode?.kind === 'split' && mode.parent.level === 'department' && manageScope !== 'team' && (
          <Form.Item name="level" label="分解给">
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              onChange={() => form.setFieldValue('userId', undefined)}
              options={[
                { value: 'team', label: '团队（主管）' },
                { value: 'person', label: '个人' },
              ]}
            />
          </Form.Item>
        )}
        {mode?.kind === 'split' && (
          <Form.Item name="userId" label={level === 'team' ? '主管' : '人员'} htmlFor="target-user" rules={[{ required: true, message: '请选择人员' }]}>
            <Select
              id="target-user"
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="请选择"
              loading={dir.isPending}
              options={people}
              styles={isPhone ? PHONE_TAP.select : undefined}
              notFoundContent="没有可分解的人员"
            />
          </Form.Item>
        )}
        <Form.Item
          name="value"
          label={`指标（${measure ? MEASURE_OF[measure].unit : ''}）`}
          htmlFor="target-value"
          rules={[{ required: true, message: '请填写指标' }, ...(measure ? [valueRule(measure)] : [])]}
        >
          {money ? (
            <MoneyInput id="target-value" styles={isPhone ? PHONE_TAP.affixInput : undefined} />
          ) : (
            <Input id="target-value" inputMode="numeric" autoComplete="off" suffix={measure ? MEASURE_OF[measure].unit : undefined} styles={isPhone ? PHONE_TAP.affixInput : undefined} />
          )}
        </Form.Item>
        {hasParent && (
          <Form.Item name="overParent" valuePropName="checked" extra="各部分合计超出上级指标时须明确勾选，记入审计">
            <Checkbox>允许超出上级指标</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="note" label="备注" rules={[{ max: 500, message: '最多 500 字' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
