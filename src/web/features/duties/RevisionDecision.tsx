import { DatePicker, Form, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { DecisionComment } from '../../components/DecisionComment';
import { PHONE_TAP } from '../../components/phone-tap';
import { dayjs, getBusinessTz } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import type { RevisionDetail, RevisionStep } from './api';
import { StepError } from './StepError';

interface Values {
  when?: 'now' | 'at';
  at?: Dayjs;
  comment?: string;
}

const WALL = 'YYYY-MM-DDTHH:mm:ss';
/** The picked wall-clock time read in the business time zone (BUSINESS_TZ), as an ISO instant. */
const fromWall = (d: Dayjs): string => dayjs.tz(d.format(WALL), getBusinessTz()).format();

/**
 * The 总经理's decision: 批准 — in force at once (立即生效) or from a chosen time (自指定时间起) — with
 * an optional comment, or 退回 with the reason (required). What was typed stays when it is refused.
 */
export function RevisionDecision(props: {
  r: RevisionDetail;
  kind: 'approve' | 'reject' | null;
  pending: boolean;
  error: unknown;
  onDecide: (s: RevisionStep) => void;
  onClose: () => void;
  onReload: () => void;
}) {
  const { r, kind } = props;
  const isPhone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const when = Form.useWatch('when', form);
  const finish = (v: Values) => {
    const comment = v.comment?.trim();
    if (kind === 'reject') props.onDecide({ kind: 'reject', comment: comment ?? '' });
    else props.onDecide({ kind: 'approve', comment: comment || undefined, effectiveFrom: v.when === 'at' && v.at ? fromWall(v.at) : undefined });
  };
  return (
    <Modal
      title={kind === 'approve' ? '批准制度修订' : '退回制度修订'}
      open={!!kind}
      onCancel={props.onClose}
      okText={kind === 'approve' ? '批准' : '退回'}
      cancelText="取消"
      okButtonProps={{ loading: props.pending, danger: kind === 'reject', size: isPhone ? 'large' : undefined }}
      cancelButtonProps={{ size: isPhone ? 'large' : undefined }}
      onOk={() => form.submit()}
      afterClose={() => form.resetFields()}
      destroyOnHidden
    >
      {kind === 'approve' && <p>批准后形成职责制度的第 {r.latestVersion + 1} 版；权限与数据范围自生效时起按新版本执行。</p>}
      {kind === 'reject' && <p>退回后由起草人修改，再次提交审批。</p>}
      <StepError error={props.error} onReload={props.onReload} />
      <Form<Values> form={form} name="revision-decision" layout="vertical" requiredMark={false} initialValues={{ when: 'now' }} onFinish={finish} size={isPhone ? 'large' : undefined}>
        {kind === 'approve' && (
          <>
            <Form.Item name="when" label="生效时间">
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: 'now', label: '立即生效' },
                  { value: 'at', label: '自指定时间起' },
                ]}
              />
            </Form.Item>
            {when === 'at' && (
              <Form.Item
                name="at"
                label="自何时起生效"
                rules={[
                  { required: true, message: '请选择生效时间' },
                  { validator: (_, v?: Dayjs) => (v && v.isBefore(dayjs()) ? Promise.reject(new Error('生效时间不能早于现在')) : Promise.resolve()) },
                ]}
              >
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  style={{ width: '100%' }}
                  disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
                  inputReadOnly={isPhone}
                  styles={isPhone ? PHONE_TAP.picker : undefined}
                />
              </Form.Item>
            )}
          </>
        )}
        <DecisionComment kind={kind} rejectLabel="退回理由" />
      </Form>
    </Modal>
  );
}
