import { Alert, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { TAP_LINK } from '../../components/phone-tap';
import { RecordPage, Section, type Field } from '../../components/RecordPage';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useComplaint, useCustomer, useDirectory, type Complaint } from './api';
import { ComplaintActions, useComplaintPermissions } from './ComplaintActions';
import { ComplaintHistory } from './ComplaintHistory';
import { Deadline } from './SlaClock';
import { SeverityTag, StatusTags } from './Tags';
import { CATEGORY, CHANNEL, DEPARTMENT, SATISFACTION } from './vocab';
import { AttachmentsSection } from '../attachments/AttachmentsSection';

/** 处理结果: 解决办法, 措施, the compensation and where its approval stands, the customer's satisfaction. */
function Outcome({ c, nameOf }: { c: Complaint; nameOf: (id: string | null) => string }) {
  const may = useComplaintPermissions(c);
  if (!c.resolution) return <Typography.Text type="secondary">尚未解决，处理部门须在期限内答复客户。</Typography.Text>;
  const comp = c.compensation;
  return (
    <div data-testid="complaint-outcome">
      {c.status === 'in_progress' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="已重新打开：以下是上一次的处理结果，须重新登记解决办法。" />}
      <p>
        <Typography.Text strong>解决办法：</Typography.Text>
        <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.resolution}</span>
      </p>
      <p>
        <Typography.Text strong>措施：</Typography.Text>
        <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.measures}</span>
      </p>
      {comp && (
        <p data-testid="complaint-compensation">
          <Typography.Text strong>赔偿金额：</Typography.Text>
          {formatMoney(comp.amount)}（{comp.status === 'approved' ? `已由 ${nameOf(comp.approvedBy)} 批准` : '待审批'}）
          {may.ownProposal && <Typography.Text type="secondary">；您提出的赔偿须由他人审批</Typography.Text>}
        </p>
      )}
      {c.satisfaction !== null && (
        <p>
          <Typography.Text strong>客户满意度：</Typography.Text>
          <span data-testid="complaint-satisfaction">
            {c.satisfaction} / 5（{SATISFACTION[c.satisfaction - 1]}）
          </span>
        </p>
      )}
      {may.closeWaits && <Alert type="info" showIcon title="赔偿待审批，审批后方可关闭投诉。" />}
    </div>
  );
}

/** 投诉: the complaint, its response deadline (SLA) with overdue and escalation flagged, and how it was resolved. */
export default function ComplaintDetailPage() {
  const { id = '' } = useParams();
  const q = useComplaint(id);
  const c = q.data;
  const customer = useCustomer(c?.customerId);
  const dir = useDirectory();
  const isPhone = useIsPhone();
  const nameOf = (uid: string | null) => (uid ? (dir.data?.find((u) => u.id === uid)?.displayName ?? '—') : '未指派');

  const fields: Field[] | undefined = c && [
    { label: '客户', value: <Link to={`/customers/${c.customerId}`} style={isPhone ? TAP_LINK : undefined}>{customer.data?.name ?? '查看客户'}</Link> },
    { label: '渠道', value: CHANNEL[c.channel] },
    { label: '类别', value: CATEGORY[c.category] },
    { label: '严重程度', value: <SeverityTag c={c} /> },
    { label: '处理期限', value: <Deadline c={c} withHours /> },
    { label: '处理部门', value: DEPARTMENT[c.handlingDepartment] },
    { label: '登记人', value: nameOf(c.reporterId) },
    { label: '处理人', value: nameOf(c.assigneeId) },
    { label: '登记时间', value: formatDateTime(c.createdAt) },
    ...(c.escalatedAt ? [{ label: '升级时间', value: formatDateTime(c.escalatedAt) }] : []),
    ...(c.closedAt ? [{ label: '关闭时间', value: formatDateTime(c.closedAt) }] : []),
    { label: '描述', value: <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.description}</div>, wide: true },
  ];

  return (
    <RecordPage
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      title={c ? `${CATEGORY[c.category]}投诉` : '投诉'}
      subTitle={customer.data?.name}
      tags={c && <StatusTags c={c} />}
      actions={c && <ComplaintActions c={c} onStale={() => void q.refetch()} />}
      fields={fields}
    >
      {c && (
        <>
          <Section title="处理结果">
            <Outcome c={c} nameOf={nameOf} />
          </Section>
          <Section title="处理经过">
            <ComplaintHistory c={c} nameOf={nameOf} />
          </Section>
          <AttachmentsSection parentType="complaint" parentId={c.id} camera hint="暂无附件，可上传投诉凭证：照片、检测报告、往来函件等" />
        </>
      )}
    </RecordPage>
  );
}
