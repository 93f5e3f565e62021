import { EllipsisOutlined, PhoneOutlined, TeamOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { Alert, Button, Card, ConfigProvider, DatePicker, Form, Input, Segmented, type DatePickerProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, type ReactNode } from 'react';
import { ProblemAlert } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { PartyPicker, type Party } from '../../components/PartyPicker';
import { ApiError } from '../../lib/api/problem';
import { useIsPhone } from '../../lib/responsive';
import { METHOD_LABEL, type Visit, type VisitMethod } from './api';
import { CheckIn } from './CheckIn';
import { clearDraft, formErrors, isInFuture, LIMITS, nowWall, saveDraft, type VisitFormValues } from './visit-form';

const METHOD_ICON: Record<VisitMethod, ReactNode> = {
  phone: <PhoneOutlined />,
  in_person: <TeamOutlined />,
  video: <VideoCameraOutlined />,
  other: <EllipsisOutlined />,
};

/** 拜访方式: big, thumb-sized choices, an icon over the word; the chosen one stands out in colour. */
function MethodPicker({ value, onChange, id }: { value?: VisitMethod; onChange?: (v: VisitMethod) => void; id?: string }) {
  return (
    <Segmented<VisitMethod>
      id={id}
      block
      aria-label="拜访方式"
      // null, not undefined: nothing is chosen until the user chooses (undefined would show the first)
      value={(value ?? null) as VisitMethod}
      onChange={(v) => onChange?.(v)}
      options={(Object.keys(METHOD_LABEL) as VisitMethod[]).map((m) => ({
        value: m,
        label: (
          <div style={{ lineHeight: 1.3, padding: '8px 0', ...(m === value ? { color: '#0958d9', fontWeight: 600 } : {}) }}>
            <div style={{ fontSize: 20 }} aria-hidden>
              {METHOD_ICON[m]}
            </div>
            <div>{METHOD_LABEL[m]}</div>
          </div>
        ),
      }))}
    />
  );
}

const max = (n: number, label: string) => ({ max: n, message: `${label}最多 ${n} 个字` });
const required = (label: string) => ({ required: true, whitespace: true, message: `请填写${label}` });

/** Date and time panels side by side fit a 390 px screen only with narrower cells. */
const PHONE_PICKER = { components: { DatePicker: { cellWidth: 30, cellHeight: 28, timeColumnWidth: 44 } } };
/** The picker's own input fills its 44 px box, so the tap target is the whole field. */
const PHONE_PICKER_STYLES = { root: { paddingBlock: 0 }, input: { height: 44 } };

/** 拜访时间: date and time in business time, never later than now; Form.Item's props pass through. */
function TimePicker({ phone, ...rest }: DatePickerProps & { phone: boolean }) {
  const picker = (
    <DatePicker
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      allowClear={false}
      inputReadOnly={phone}
      styles={phone ? PHONE_PICKER_STYLES : undefined}
      disabledDate={(d) => d.isAfter(nowWall(), 'day')}
      style={{ width: '100%' }}
      {...rest}
    />
  );
  return phone ? <ConfigProvider theme={PHONE_PICKER}>{picker}</ConfigProvider> : picker;
}

export interface VisitFormProps {
  title: string;
  /** Where the draft is kept (the page's URL). */
  where: string;
  initialValues: VisitFormValues;
  /** The party to show by name (from the URL or a restored draft). */
  initialParty?: Party;
  /** On edit the party cannot change: its name, shown read-only. */
  fixedParty?: string;
  version?: number;
  restored: boolean;
  onDiscardDraft: () => void;
  notice?: ReactNode;
  pending: boolean;
  error: unknown;
  onReload?: () => void;
  submit: (v: VisitFormValues) => Promise<Visit>;
  onSaved: (v: Visit) => void;
}

/** The visit form itself: one screen, the save button always at hand at the bottom. */
export function VisitForm(props: VisitFormProps) {
  const [form] = Form.useForm<VisitFormValues>();
  const isPhone = useIsPhone();
  const partyName = useRef(props.initialParty?.name);

  const finish = async (values: VisitFormValues) => {
    try {
      const saved = await props.submit(values);
      clearDraft(props.where);
      props.onSaved(saved);
    } catch (e) {
      // What was typed stays; the server's per-field messages go onto the fields.
      if (e instanceof ApiError) form.setFields(formErrors(e.problem));
    }
  };

  return (
    <>
      <PageHeader back title={props.title} />
      <Card size="small">
        {props.restored && (
          <Alert
            type="info"
            showIcon
            title="已恢复上次未保存的内容"
            action={
              <Button size="small" onClick={props.onDiscardDraft}>
                放弃草稿
              </Button>
            }
            style={{ marginBottom: 16 }}
          />
        )}
        {props.notice}
        <ProblemAlert error={props.error} onReload={props.onReload} />
        <Form
          form={form}
          layout="vertical"
          size={isPhone ? 'large' : 'middle'}
          initialValues={props.initialValues}
          onFinish={(v) => void finish(v)}
          onValuesChange={(_, all) => saveDraft(props.where, all, partyName.current, props.version)}
          scrollToFirstError
          style={{ maxWidth: 720 }}
        >
          {props.fixedParty ? (
            <Form.Item label="拜访对象" htmlFor="visit-party">
              <Input id="visit-party" value={props.fixedParty} readOnly variant="filled" />
            </Form.Item>
          ) : (
            <Form.Item name="party" label="拜访对象" rules={[{ required: true, message: '请选择拜访对象' }]}>
              <PartyPicker
                kinds={['customer', 'prospect']}
                allowClear={false}
                initial={props.initialParty}
                placeholder="最近拜访的在前，输入名称搜索"
                onChange={(_v, p) => (partyName.current = p?.name)}
              />
            </Form.Item>
          )}
          <Form.Item name="method" label="拜访方式" rules={[{ required: true, message: '请选择拜访方式' }]}>
            <MethodPicker />
          </Form.Item>
          <Form.Item
            name="visitedAt"
            label="拜访时间"
            rules={[
              { required: true, message: '请选择拜访时间' },
              { validator: (_, d?: Dayjs | null) => (d && isInFuture(d) ? Promise.reject(new Error('拜访时间不能晚于现在')) : Promise.resolve()) },
            ]}
          >
            <TimePicker phone={isPhone} />
          </Form.Item>
          <Form.Item name="purpose" label="拜访目的" rules={[required('拜访目的'), max(LIMITS.purpose, '拜访目的')]}>
            <Input placeholder="如：介绍新产品、跟进报价" autoComplete="off" />
          </Form.Item>
          <Form.Item name="summary" label="拜访情况" rules={[required('拜访情况'), max(LIMITS.summary, '拜访情况')]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} placeholder="客户的反应、谈了什么、达成了什么" />
          </Form.Item>
          <Form.Item name="issues" label="发现的问题" rules={[max(LIMITS.issues, '发现的问题')]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
          </Form.Item>
          <Form.Item name="suggestions" label="客户建议" rules={[max(LIMITS.suggestions, '客户建议')]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder="客户对产品及政策的建议" />
          </Form.Item>
          <Form.Item name="nextStep" label="下一步" rules={[max(LIMITS.nextStep, '下一步')]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          <Form.Item name="nextVisitAt" label="下次拜访时间">
            <DatePicker inputReadOnly={isPhone} styles={isPhone ? PHONE_PICKER_STYLES : undefined} disabledDate={(d) => d.isBefore(nowWall(), 'day')} style={{ width: '100%' }} placeholder="可不填" />
          </Form.Item>
          <Form.Item name="location" label="签到位置">
            <CheckIn />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => !a.location !== !b.location}>
            {({ getFieldValue }) =>
              getFieldValue('location') ? (
                <Form.Item name="address" label="签到地址" rules={[max(LIMITS.address, '签到地址')]}>
                  <Input placeholder="如：深圳市福田区深南大道 1000 号（可不填）" autoComplete="street-address" />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <div
            style={
              isPhone
                ? { position: 'sticky', bottom: 'calc(64px + env(safe-area-inset-bottom))', background: '#fff', padding: '8px 0', zIndex: 5 }
                : undefined
            }
          >
            <Button type="primary" htmlType="submit" size="large" block loading={props.pending}>
              保存
            </Button>
          </div>
        </Form>
      </Card>
    </>
  );
}
