import { Alert, Form, Input, List, Modal, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Action } from '../../components/Action';
import { TAP_LINK } from '../../components/phone-tap';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RecordPage, Section, type Field } from '../../components/RecordPage';
import { ApiError, fieldErrors } from '../../lib/api/problem';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useReport, useReportStep, type ReportDetail, type ReportStep } from './api';
import { CategoryTag, ReportStatusTag, StaleTag } from './Tags';
import { departmentName, REPORT_VERB, researchAllows } from './vocab';

const prose = (v: string | null) => <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{v || '—'}</div>;

/** What the caller may do now: the writer edits and submits, the department's 经理 decides (the API stays the authority). */
function useMay(r: ReportDetail) {
  const session = useSession();
  const mine = r.ownerId === session.me.user.id;
  const writes = session.can('research.write') && mine;
  const reviews = session.can('research.review') && !mine;
  return { edit: writes && researchAllows(r.status, 'edit'), submit: writes && researchAllows(r.status, 'submit'), decide: reviews && researchAllows(r.status, 'accept') };
}

type Decision = 'accept' | 'return';

function ReportActions({ r, onStale }: { r: ReportDetail; onStale: () => void }) {
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const size = isPhone ? ('large' as const) : undefined;
  const may = useMay(r);
  const step = useReportStep(r.id);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ comment?: string }>();

  const run = async (s: ReportStep) => {
    setError(null);
    try {
      await step.mutateAsync(s);
      setDecision(null);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const errs = fieldErrors(e.problem).comment;
        if (errs) form.setFields([{ name: 'comment', errors: errs }]);
        if (e.status === 409) onStale();
      }
    }
  };
  const decide = async () => {
    const v = await form.validateFields();
    const comment = v.comment?.trim() || undefined;
    return run(decision === 'return' ? { kind: 'return', comment: comment! } : { kind: 'accept', comment });
  };

  return (
    <>
      <Space wrap>
        <Action size={size} permission="research.write" when={may.submit} type="primary" loading={step.isPending && step.variables?.kind === 'submit'} onClick={() => void run({ kind: 'submit' })}>
          提交审核
        </Action>
        <Action size={size} permission="research.write" when={may.edit} onClick={() => navigate(`/research-reports/${r.id}/edit`)}>
          修改
        </Action>
        <Action size={size} permission="research.review" when={may.decide} type="primary" onClick={() => setDecision('accept')}>
          通过
        </Action>
        <Action size={size} permission="research.review" when={may.decide} onClick={() => setDecision('return')}>
          退回
        </Action>
      </Space>
      {!decision && error ? <ProblemAlert error={error} onReload={onStale} /> : null}
      <Modal
        open={decision !== null}
        title={decision === 'return' ? '退回调查报告' : '审核通过'}
        okText={decision === 'return' ? '退回' : '通过'}
        cancelText="返回"
        confirmLoading={step.isPending}
        onOk={() => void decide().catch(() => undefined)}
        onCancel={() => setDecision(null)}
        destroyOnHidden
      >
        <ProblemAlert error={error} />
        <Form form={form} layout="vertical" preserve={false} name={`research-${decision ?? 'decision'}`}>
          <Form.Item
            name="comment"
            label={decision === 'return' ? '退回原因' : '审核意见（可选）'}
            rules={[...(decision === 'return' ? [{ required: true, whitespace: true, message: '请填写退回原因' }] : []), { max: 2000, message: '最多 2000 字' }]}
          >
            <Input.TextArea rows={3} maxLength={2000} placeholder={decision === 'return' ? '写明需要补充或改正的地方' : '可不填'} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Where the report stands, in one sentence, for the person looking at it. */
function Waiting({ r }: { r: ReportDetail }) {
  const me = useSession().me.user.id;
  const may = useMay(r);
  if (r.status === 'returned') return <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`已被 ${r.decidedByName ?? ''} 退回：${r.decisionComment ?? ''}`} />;
  if (r.status === 'submitted' && may.decide) return <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`${r.ownerName} 提交的调查报告，请审核：通过，或写明原因退回。`} />;
  if (r.status === 'submitted' && r.ownerId === me) return <Alert type="info" showIcon style={{ marginBottom: 16 }} title="已提交，等待部门经理审核。" />;
  return null;
}

/** 调查报告: the findings, the conclusions, the market information behind them, and how the report went. */
export default function ResearchReportDetailPage() {
  const { id = '' } = useParams();
  const q = useReport(id);
  const r = q.data;
  const isPhone = useIsPhone();

  const fields: Field[] | undefined = r && [
    { label: '状态', value: <ReportStatusTag r={r} /> },
    { label: '调查主题', value: r.topic },
    { label: '地区', value: r.region || '—' },
    { label: '编写人', value: `${r.ownerName}（${departmentName(r.department)}）` },
    { label: '提交时间', value: r.submittedAt ? formatDateTime(r.submittedAt) : '—' },
    ...(r.decidedAt ? [{ label: '审核', value: `${r.decidedByName ?? ''} ${formatDateTime(r.decidedAt)}` }] : []),
    ...(r.decisionComment ? [{ label: '审核意见', value: prose(r.decisionComment), wide: true }] : []),
    ...(r.returnCount ? [{ label: '退回次数', value: String(r.returnCount) }] : []),
  ];

  return (
    <RecordPage
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      title={r?.title ?? '调查报告'}
      actions={r && <ReportActions r={r} onStale={() => void q.refetch()} />}
      fields={fields}
    >
      {r && (
        <>
          <Waiting r={r} />
          <Section title="正文">{prose(r.body)}</Section>
          <Section title="结论与建议">{prose(r.conclusions)}</Section>
          <Section title={`依据的市场信息（${r.entryCount}）`}>
            <List
              size="small"
              dataSource={r.entries}
              locale={{ emptyText: '未引用市场信息' }}
              renderItem={(e) => (
                <List.Item key={e.id}>
                  <Space wrap>
                    <CategoryTag e={e} />
                    <Link to={`/market-info/${e.id}`} style={isPhone ? TAP_LINK : undefined}>
                      {e.title}
                    </Link>
                    <StaleTag e={e} />
                  </Space>
                </List.Item>
              )}
            />
          </Section>
          <Section title="经过">
            <Timeline
              items={r.history.map((h) => ({
                key: String(h.id),
                color: h.action === 'return' ? 'orange' : h.action === 'accept' ? 'green' : 'blue',
                content: (
                  <div data-testid="report-step" data-step={h.action}>
                    <div>
                      {h.actorName} {REPORT_VERB[h.action] ?? h.action}
                    </div>
                    {h.comment && <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>「{h.comment}」</div>}
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {formatDateTime(h.at)}
                    </Typography.Text>
                  </div>
                ),
              }))}
            />
          </Section>
        </>
      )}
    </RecordPage>
  );
}
