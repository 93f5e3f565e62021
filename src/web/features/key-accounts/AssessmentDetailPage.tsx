import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Flex, Form, Modal, Select } from 'antd';
import { DecisionComment } from '../../components/DecisionComment';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RecordPage, type Field } from '../../components/RecordPage';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { tierLabel, useAssessment, useCustomerNames, useDecide, useDirectory, useTiers, type Assessment } from './api';
import { AssessmentStatusTag, SOURCE } from './vocab';
import { AttachmentsSection } from '../attachments/AttachmentsSection';

/** 批准 with an optional 负责人 of the key-account department, or 驳回 with the reason. */
function DecisionModal({ a, kind, onClose }: { a: Assessment; kind: 'approve' | 'reject' | null; onClose: () => void }) {
  const [form] = Form.useForm<{ assigneeId?: string; comment?: string }>();
  const decide = useDecide(a.id);
  const dir = useDirectory(kind === 'approve');
  const assignees = useMemo(
    () => (dir.data ?? []).filter((u) => u.department === 'key_account').map((u) => ({ value: u.id, label: `${u.displayName}（${u.roleName}）` })),
    [dir.data],
  );
  const becomesKey = !a.currentTierCode && !!a.proposedTierCode;

  const submit = (v: { assigneeId?: string; comment?: string }) =>
    decide.mutate(kind === 'approve' ? { kind: 'approve', assigneeId: v.assigneeId, comment: v.comment?.trim() } : { kind: 'reject', comment: (v.comment ?? '').trim() }, {
      onSuccess: onClose,
    });

  return (
    <Modal
      title={kind === 'approve' ? '批准等级评定' : '驳回等级评定'}
      open={!!kind}
      onCancel={onClose}
      okText={kind === 'approve' ? '批准' : '驳回'}
      cancelText="取消"
      okButtonProps={{ loading: decide.isPending, danger: kind === 'reject' }}
      onOk={() => form.submit()}
      afterClose={() => {
        form.resetFields();
        decide.reset();
      }}
    >
      <ProblemAlert error={decide.error} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        {kind === 'approve' && (
          <Form.Item
            name="assigneeId"
            label="大客户部负责人"
            htmlFor="decision-assignee"
            extra={becomesKey ? '客户成为大客户时须指定负责人（已由大客户部负责的除外）' : '不选则负责人不变'}
          >
            <Select id="decision-assignee" allowClear showSearch={{ optionFilterProp: 'label' }} options={assignees} placeholder="请选择" />
          </Form.Item>
        )}
        <DecisionComment kind={kind} />
      </Form>
    </Modal>
  );
}

/** 等级评定: the proposal, the customer it is about, and the manager's decision. */
export default function AssessmentDetailPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const isPhone = useIsPhone();
  const q = useAssessment(id);
  const a = q.data;
  const tiers = useTiers();
  const dir = useDirectory();
  const customerName = useCustomerNames(a ? [a.customerId] : []);
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const nameOf = (uid: string | null) => (uid ? (dir.data?.find((u) => u.id === uid)?.displayName ?? '—') : '—');
  const pending = a?.status === 'pending';
  const mine = a?.proposedBy === session.me.user.id; // 职责分离: the API refuses one's own
  const size = isPhone ? ('large' as const) : undefined;

  const fields: Field[] = a
    ? [
        { label: '客户', value: <Link to={`/customers/${a.customerId}`}>{customerName(a.customerId) ?? '查看客户'}</Link> },
        { label: '来源', value: SOURCE[a.source] },
        { label: '当前等级', value: tierLabel(tiers.data, a.currentTierCode) },
        { label: '提议等级', value: <strong data-testid="proposed-tier">{tierLabel(tiers.data, a.proposedTierCode)}</strong> },
        ...(a.trailingAmount !== null ? [{ label: '近 12 个月签约额', value: formatMoney(a.trailingAmount) }] : []),
        { label: '提议人', value: a.proposedBy ? nameOf(a.proposedBy) : '系统（年度评估）' },
        { label: '提出时间', value: formatDateTime(a.createdAt) },
        { label: '理由', value: a.reason, wide: true },
        ...(a.status !== 'pending'
          ? [
              { label: '审批人', value: nameOf(a.decidedBy) },
              { label: '审批时间', value: formatDateTime(a.decidedAt) },
              ...(a.assigneeId ? [{ label: '负责人', value: nameOf(a.assigneeId) }] : []),
              { label: '审批意见', value: a.decisionComment ?? '—', wide: true },
            ]
          : []),
      ]
    : [];

  return (
    <RecordPage
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      title={a ? `等级评定：${customerName(a.customerId) ?? ''}` : undefined}
      tags={a && <AssessmentStatusTag a={a} />}
      actions={
        a && (
          <Flex gap={8} wrap>
            <Action permission="tier.approve" when={pending && !mine} type="primary" size={size} icon={<CheckOutlined />} onClick={() => setDeciding('approve')}>
              批准
            </Action>
            <Action permission="tier.approve" when={pending && !mine} danger size={size} icon={<CloseOutlined />} onClick={() => setDeciding('reject')}>
              驳回
            </Action>
          </Flex>
        )
      }
      fields={fields}
    >
      {a && <AttachmentsSection parentType="assessment" parentId={a.id} hint="暂无附件，可上传评估材料：年度采购额统计、合作协议等" />}
      {a && session.can('tier.approve') && <DecisionModal a={a} kind={deciding} onClose={() => setDeciding(null)} />}
    </RecordPage>
  );
}
