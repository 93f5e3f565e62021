import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Drawer, Flex, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { PHONE_TAP } from '../../components/phone-tap';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { useDirectory } from '../../lib/directory';
import { dayjs, getBusinessTz } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useCreateTraining, useUpdateTraining, type Training, type TrainingInput } from './api';
import { INVITE_WORDS, KIND_OPTIONS, MAX_ATTENDEES, MAX_LINKS, mayInvite } from './vocab';

interface Values {
  title?: string;
  kind?: TrainingInput['kind'];
  trainerName?: string;
  heldAt?: Dayjs | null;
  hours?: number | null;
  attendeeIds?: string[];
  material?: string;
  materialLinks?: { title?: string; url?: string }[];
}

const WALL = 'YYYY-MM-DDTHH:mm:ss';
/** The picker shows business wall-clock time; the API takes the instant with its offset. */
const toWall = (iso: string): Dayjs => dayjs(dayjs(iso).tz(getBusinessTz()).format(WALL));
const fromWall = (d: Dayjs): string => dayjs.tz(d.format(WALL), getBusinessTz()).format();

const fromTraining = (t: Training): Values => ({
  title: t.title,
  kind: t.kind,
  trainerName: t.trainerName,
  heldAt: toWall(t.heldAt),
  hours: t.hours,
  attendeeIds: t.attendees.map((a) => a.userId),
  material: t.material ?? undefined,
  materialLinks: t.materialLinks.map((l) => ({ title: l.title, url: l.url })),
});

const toBody = (v: Values) => ({
  title: v.title!.trim(),
  kind: v.kind!,
  trainerName: v.trainerName!.trim(),
  heldAt: fromWall(v.heldAt!),
  hours: v.hours!,
  attendeeIds: v.attendeeIds ?? [],
  material: v.material?.trim() ? v.material.trim() : null,
  materialLinks: (v.materialLinks ?? []).map((l) => ({ title: (l.title ?? '').trim(), url: (l.url ?? '').trim() })),
});

/**
 * 组织培训 / 修改 in a drawer that keeps what was typed when the server refuses: the 受训人员
 * picker offers only those within the organiser's reach (the API decides again), the material as
 * text and links; the server's field errors are shown on the fields.
 */
export function TrainingDrawer({ open, editing, onClose, onSaved }: { open: boolean; editing?: Training; onClose: () => void; onSaved: (t: Training) => void }) {
  const isPhone = useIsPhone();
  return (
    <Drawer title={editing ? '修改培训' : '组织培训'} open={open} onClose={onClose} placement={isPhone ? 'bottom' : 'right'} size={isPhone ? '92%' : 560} destroyOnHidden>
      {open && <TrainingForm editing={editing} onSaved={onSaved} />}
    </Drawer>
  );
}

function TrainingForm({ editing, onSaved }: { editing?: Training; onSaved: (t: Training) => void }) {
  const isPhone = useIsPhone();
  const session = useSession();
  const me = session.me.user;
  const grant = session.grant('training.manage');
  const directory = useDirectory();
  const create = useCreateTraining();
  const update = useUpdateTraining(editing?.id ?? '');
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (editing) form.setFieldsValue(fromTraining(editing));
  }, [editing, form]);

  const scope = grant?.scope as Parameters<typeof mayInvite>[0];
  const invitees = useMemo(
    () => (directory.data ?? []).filter((u) => mayInvite(scope, me, { ...u, role: u.role as never })).map((u) => ({ value: u.id, label: `${u.displayName} · ${u.roleName}` })),
    [directory.data, scope, me],
  );

  const showFieldErrors = (e: unknown) => {
    if (!(e instanceof ApiError)) return;
    const path = (name: string): (string | number)[] => (name.startsWith('attendeeIds') ? ['attendeeIds'] : name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
    form.setFields(Object.entries(fieldErrors(e.problem)).map(([name, errors]) => ({ name: path(name) as never, errors })));
  };

  const submit = (v: Values) => {
    const done = { onSuccess: onSaved, onError: showFieldErrors };
    if (editing) update.mutate({ version: editing.version, ...toBody(v) }, done);
    else create.mutate(toBody(v), done);
  };
  const select = isPhone ? PHONE_TAP.select : undefined;

  return (
    <>
      <ProblemAlert error={create.error ?? update.error} />
      <Form form={form} layout="vertical" size={isPhone ? 'large' : 'middle'} onFinish={submit} initialValues={{ kind: 'business', hours: 2, materialLinks: [] }} scrollToFirstError name="training" requiredMark={false}>
        <Form.Item name="title" label="培训名称" rules={[{ required: true, whitespace: true, message: '请填写培训名称' }, { max: 200, message: '最多 200 字' }]}>
          <Input maxLength={200} placeholder="如：新产品知识培训" autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label="培训类型">
          <Radio.Group optionType="button" buttonStyle="solid" options={KIND_OPTIONS} />
        </Form.Item>
        <Flex gap={8} vertical={isPhone}>
          <Form.Item name="trainerName" label="讲师" style={{ flex: 1 }} rules={[{ required: true, whitespace: true, message: '请填写讲师' }, { max: 100, message: '最多 100 字' }]}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
          <Form.Item name="hours" label="学时" style={{ flex: 1 }} rules={[{ required: true, message: '请填写学时' }]}>
            <InputNumber min={0.5} max={100} step={0.5} precision={1} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="heldAt" label="培训时间" rules={[{ required: true, message: '请选择培训时间' }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} inputReadOnly={isPhone} styles={isPhone ? PHONE_TAP.picker : undefined} />
        </Form.Item>
        <Form.Item name="attendeeIds" label="受训人员" rules={[{ required: true, message: '请选择受训人员' }]} extra={grant ? INVITE_WORDS[grant.scope as keyof typeof INVITE_WORDS] : undefined}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            loading={directory.isPending}
            placeholder="选择受训人员"
            notFoundContent="没有可邀请的人员"
            maxCount={MAX_ATTENDEES}
            options={invitees}
            styles={select}
          />
        </Form.Item>
        <Form.Item name="material" label="培训资料" rules={[{ max: 10000, message: '最多 10000 字' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10000} placeholder="提纲、要点（附件以后可上传）" />
        </Form.Item>
        <Form.List name="materialLinks">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start" vertical={isPhone} data-testid="material-link">
                  <Form.Item name={[f.name, 'title']} label={`资料名称 ${f.name + 1}`} style={{ flex: 1, width: '100%' }} rules={[{ required: true, whitespace: true, message: '请填写资料名称' }, { max: 100, message: '最多 100 字' }]}>
                    <Input maxLength={100} autoComplete="off" />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'url']}
                    label={`链接 ${f.name + 1}`}
                    style={{ flex: 2, width: '100%' }}
                    rules={[{ required: true, message: '请填写链接' }, { pattern: /^https?:\/\/\S+$/i, message: '链接须以 http:// 或 https:// 开头' }, { max: 2000, message: '最长 2000 个字符' }]}
                  >
                    <Input maxLength={2000} inputMode="url" autoComplete="off" placeholder="https://" />
                  </Form.Item>
                  <Button aria-label={`删除链接 ${f.name + 1}`} icon={<DeleteOutlined />} danger onClick={() => remove(f.name)} style={{ marginTop: isPhone ? 0 : 30, minHeight: 44, minWidth: 44 }} />
                </Flex>
              ))}
              <Button block icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= MAX_LINKS} style={{ marginBottom: 16, minHeight: 44 }}>
                添加资料链接
              </Button>
            </>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" size="large" block loading={create.isPending || update.isPending}>
          {editing ? '保存' : '组织培训'}
        </Button>
      </Form>
    </>
  );
}
