import { Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { TAP_LINK } from '../../components/phone-tap';
import { RecordPage, Section, type Field } from '../../components/RecordPage';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useComplaint, useCustomer, useDirectory, type Complaint } from './api';
import { SeverityTag, StatusTags } from './Tags';
import { CATEGORY, CHANNEL, DEPARTMENT, isOverdue } from './vocab';

function Deadline({ c }: { c: Complaint }) {
  const late = isOverdue(c);
  return (
    <span data-testid="complaint-due" style={late ? { color: '#cf1322', fontWeight: 600 } : undefined}>
      {formatDateTime(c.dueAt)}（{c.responseHours} 小时内{late ? '，已超时' : ''}）
    </span>
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
    { label: '处理期限', value: <Deadline c={c} /> },
    { label: '处理部门', value: DEPARTMENT[c.handlingDepartment] },
    { label: '登记人', value: nameOf(c.reporterId) },
    { label: '处理人', value: nameOf(c.assigneeId) },
    { label: '登记时间', value: formatDateTime(c.createdAt) },
    ...(c.escalatedAt ? [{ label: '升级时间', value: formatDateTime(c.escalatedAt) }] : []),
    { label: '描述', value: <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.description}</div>, wide: true },
  ];

  return (
    <RecordPage loading={q.isPending} error={q.error} onRetry={() => void q.refetch()} title={c ? `${CATEGORY[c.category]}投诉` : "投诉"} subTitle={customer.data?.name} tags={c && <StatusTags c={c} />} fields={fields}>
      {c && (
        <Section title="处理结果">
          {c.resolution ? (
            <>
              <p>
                <Typography.Text strong>解决办法：</Typography.Text>
                {c.resolution}
              </p>
              <p>
                <Typography.Text strong>措施：</Typography.Text>
                {c.measures}
              </p>
              {c.compensation && (
                <p>
                  <Typography.Text strong>赔偿：</Typography.Text>
                  {formatMoney(c.compensation.amount)}（{c.compensation.status === 'approved' ? '已批准' : '待批准'}）
                </p>
              )}
              <Typography.Text type="secondary">
                {formatDateTime(c.resolvedAt)} 由 {nameOf(c.resolvedBy)} 解决
                {c.satisfaction ? `，客户满意度 ${c.satisfaction} / 5` : ''}
              </Typography.Text>
            </>
          ) : (
            <Typography.Text type="secondary">尚未解决，处理部门须在期限内答复客户。</Typography.Text>
          )}
        </Section>
      )}
    </RecordPage>
  );
}
