import { Alert, Form, Modal, Select } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { todayInBusinessTz } from '../../lib/format';
import { useSession } from '../../lib/session';
import { useDirectory, useSchemeInForce, useStartReview } from './api';
import { PERIOD_TYPE_LABEL, periodLabel, recentPeriods } from './figures';

/**
 * 开始考核: whom (a direct report for a 主管, the department's people below the 经理 for a 经理 —
 * the API decides) and which period of the scheme in force; the figures are filled in by the API.
 */
export function ReviewStartModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const session = useSession();
  const me = session.me.user;
  const scope = session.grant('review.conduct')?.scope;
  const [form] = Form.useForm<{ revieweeId: string; period: string }>();
  const scheme = useSchemeInForce(open ? me.department : undefined);
  const dir = useDirectory(open);
  const start = useStartReview();
  const navigate = useNavigate();

  const people = useMemo(
    () =>
      (dir.data ?? [])
        .filter((u) => u.id !== me.id && (scope === 'team' ? u.supervisorId === me.id : u.department === me.department && !u.role.endsWith('.manager')))
        .map((u) => ({ value: u.id, label: `${u.displayName}（${u.roleName}）` })),
    [dir.data, me.id, me.department, scope],
  );
  const periods = useMemo(() => (scheme.data ? recentPeriods(scheme.data.periodType, todayInBusinessTz(), 6) : []), [scheme.data]);

  return (
    <Modal
      title="开始考核"
      open={open}
      onCancel={onClose}
      okText="开始"
      cancelText="取消"
      okButtonProps={{ loading: start.isPending, disabled: scheme.data === null }}
      onOk={() => form.submit()}
      afterClose={() => {
        form.resetFields();
        start.reset();
      }}
    >
      {scheme.data === null && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="本部门还没有经总经理批准的考核方案，批准后才能开始考核" />}
      {scheme.data && (
        <p data-testid="scheme-in-force">
          按现行方案「{scheme.data.name}」（{PERIOD_TYPE_LABEL[scheme.data.periodType]}）考核，实测数据由系统根据记录计算。
        </p>
      )}
      <ProblemAlert error={start.error ?? scheme.error} />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => start.mutate(v, { onSuccess: (r) => navigate(`/reviews/${r.id}`) })}
      >
        <Form.Item name="revieweeId" label="被考核人" htmlFor="review-reviewee" rules={[{ required: true, message: '请选择被考核人' }]}>
          <Select id="review-reviewee" size="large" showSearch={{ optionFilterProp: 'label' }} options={people} placeholder="请选择" loading={dir.isPending} />
        </Form.Item>
        <Form.Item name="period" label="考核期间" htmlFor="review-period" rules={[{ required: true, message: '请选择考核期间' }]}>
          <Select id="review-period" size="large" options={periods.map((p) => ({ value: p, label: periodLabel(p) }))} placeholder="请选择" disabled={!scheme.data} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
