import { CheckOutlined, CloseOutlined, EditOutlined, SendOutlined } from '@ant-design/icons';
import { Flex, Form, Modal, Table } from 'antd';
import { DecisionComment } from '../../components/DecisionComment';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RecordPage, Section, type Field } from '../../components/RecordPage';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useScheme, useSchemeDecision, type Scheme } from './api';
import { PERIOD_TYPE_LABEL, SOURCE_LABEL } from './figures';
import { DEPARTMENT_LABEL, SchemeStatusTag } from './vocab';

/** 批准 with an optional comment, or 驳回 with the reason (required). */
function DecisionModal({ s, kind, onClose }: { s: Scheme; kind: 'approve' | 'reject' | null; onClose: () => void }) {
  const [form] = Form.useForm<{ comment?: string }>();
  const decide = useSchemeDecision(s.id);
  return (
    <Modal
      title={kind === 'approve' ? '批准考核方案' : '驳回考核方案'}
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
      {kind === 'approve' && <p>批准后立即生效{s.status === 'submitted' ? `，替代${DEPARTMENT_LABEL[s.department]}现行的考核方案（原方案保留备查）` : ''}。</p>}
      <ProblemAlert error={decide.error} />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) =>
          decide.mutate(kind === 'approve' ? { kind: 'approve', comment: v.comment?.trim() } : { kind: 'reject', comment: (v.comment ?? '').trim() }, { onSuccess: onClose })
        }
      >
        <DecisionComment kind={kind} />
      </Form>
    </Modal>
  );
}

/** 考核方案: its criteria and weights, where it stands, and the action the caller may take on it. */
export default function SchemeDetailPage() {
  const { id = '' } = useParams();
  const q = useScheme(id);
  const s = q.data;
  const session = useSession();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const submit = useSchemeDecision(id);
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const size = isPhone ? ('large' as const) : undefined;
  const editable = s?.status === 'draft' || s?.status === 'rejected';
  const mine = s?.draftedBy === session.me.user.id; // 职责分离: the API refuses one's own

  const fields: Field[] = s
    ? [
        { label: '部门', value: DEPARTMENT_LABEL[s.department] },
        { label: '考核周期', value: PERIOD_TYPE_LABEL[s.periodType] },
        { label: '起草人', value: s.draftedByName },
        { label: '提交审批', value: s.submittedAt ? formatDateTime(s.submittedAt) : '—' },
        ...(s.decidedBy
          ? [
              { label: s.status === 'rejected' ? '驳回人' : '审批人', value: s.decidedByName ?? '—' },
              { label: '审批时间', value: formatDateTime(s.decidedAt) },
              { label: '审批意见', value: s.decisionComment ?? '—', wide: true },
            ]
          : []),
        ...(s.effectiveFrom ? [{ label: '生效时间', value: formatDateTime(s.effectiveFrom) }] : []),
        ...(s.effectiveUntil ? [{ label: '失效时间', value: formatDateTime(s.effectiveUntil) }] : []),
      ]
    : [];

  return (
    <RecordPage
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      title={s?.name}
      tags={s && <SchemeStatusTag status={s.status} />}
      actions={
        s && (
          <Flex gap={8} wrap>
            <Action permission="review.scheme" when={editable} size={size} icon={<EditOutlined />} onClick={() => navigate(`/review-schemes/${s.id}/edit`)}>
              修改
            </Action>
            <Action permission="review.scheme" when={editable} type="primary" size={size} icon={<SendOutlined />} loading={submit.isPending} onClick={() => submit.mutate({ kind: 'submit' })}>
              提交审批
            </Action>
            <Action permission="review.approve_scheme" when={s.status === 'submitted' && !mine} type="primary" size={size} icon={<CheckOutlined />} onClick={() => setDeciding('approve')}>
              批准
            </Action>
            <Action permission="review.approve_scheme" when={s.status === 'submitted' && !mine} danger size={size} icon={<CloseOutlined />} onClick={() => setDeciding('reject')}>
              驳回
            </Action>
          </Flex>
        )
      }
      fields={fields}
    >
      <ProblemAlert error={submit.error} />
      {s && (
        <Section title={`考核指标（权重合计 ${s.criteria.reduce((a, c) => a + c.weight, 0)}）`}>
          <Table
            rowKey="seq"
            size="small"
            pagination={false}
            dataSource={s.criteria}
            columns={[
              { title: '指标', dataIndex: 'name' },
              { title: '权重', dataIndex: 'weight', render: (v: number) => `${v}%` },
              { title: '实测来源', dataIndex: 'source', render: (v: keyof typeof SOURCE_LABEL) => SOURCE_LABEL[v] },
            ]}
          />
        </Section>
      )}
      {s && session.can('review.approve_scheme') && <DecisionModal s={s} kind={deciding} onClose={() => setDeciding(null)} />}
    </RecordPage>
  );
}
