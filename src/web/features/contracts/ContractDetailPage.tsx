import { List, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ReadableTag } from '../../components/ReadableTag';
import { TAP_LINK } from '../../components/phone-tap';
import { RecordPage, Section, type Field } from '../../components/RecordPage';
import { formatDate, formatMoney } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useContract, useContractReceivables, useDirectory, type Contract } from './api';
import { ApprovalTrail } from './ApprovalTrail';
import { ContractActions } from './ContractActions';
import { StatusTag } from './StatusTag';
import { RECEIVABLE_STATUS } from './vocab';

const HAS_RECEIVABLES: Contract['status'][] = ['signed', 'completed', 'terminated'];

function fieldsOf(c: Contract, nameOf: (id: string) => string, isPhone: boolean): Field[] {
  const out: Field[] = [
    { label: '合同编号', value: c.number },
    { label: '客户', value: <Link to={`/customers/${c.customerId}`} style={isPhone ? TAP_LINK : undefined}>
          {c.customerName}
        </Link> },
    { label: '合同金额', value: formatMoney(c.amount) },
    { label: '起止日期', value: `${formatDate(c.startDate)} ~ ${formatDate(c.endDate)}` },
    { label: '拟定人', value: nameOf(c.ownerId) },
    { label: '提交时间', value: formatDate(c.submittedAt) },
    { label: '批准时间', value: formatDate(c.approvedAt) },
    { label: '签订日期', value: formatDate(c.signedAt) },
  ];
  if (c.terminatedAt) out.push({ label: '终止', value: `${formatDate(c.terminatedAt)} ${c.terminationReason ?? ''}`, wide: true });
  if (c.archiveNo) out.push({ label: '档案号', value: `${c.archiveNo}（${c.archiveLocation ?? ''}）`, wide: true });
  return out;
}

function Receivables({ contract }: { contract: Contract }) {
  const q = useContractReceivables(contract.id, true);
  return (
    <List
      loading={q.isPending}
      dataSource={q.data?.items ?? []}
      locale={{ emptyText: <Typography.Text type="secondary">{q.error ? '应收账款暂不可见' : '暂无应收账款'}</Typography.Text> }}
      renderItem={(r) => (
        <li style={{ listStyle: 'none', borderBottom: '1px solid #f0f0f0' }}>
          <Link to={`/receivables/${r.id}`} style={{ display: 'flex', justifyContent: 'space-between', gap: 8, minHeight: 44, alignItems: 'center', color: 'inherit' }}>
            <span>
              第 {r.seq} 期 · {formatDate(r.dueDate)}
            </span>
            <span>
              未收 {formatMoney(r.outstanding)}{' '}
              <ReadableTag tone={r.overdue ? 'red' : r.status === 'paid' ? 'green' : 'default'}>{r.overdue ? `逾期 ${r.daysOverdue} 天` : (RECEIVABLE_STATUS[r.status] ?? r.status)}</ReadableTag>
            </span>
          </Link>
        </li>
      )}
    />
  );
}

/** 合同: its figures, the payment plan, the approval trail and, once signed, its receivables. */
export default function ContractDetailPage() {
  const { id = '' } = useParams();
  const q = useContract(id);
  const dir = useDirectory();
  const nameOf = (uid: string) => dir.data?.find((u) => u.id === uid)?.displayName ?? '—';
  const c = q.data;
  const isPhone = useIsPhone();
  return (
    <RecordPage
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      title={c?.title}
      subTitle={c?.number}
      tags={c && <StatusTag status={c.status} />}
      actions={c && <ContractActions contract={c} />}
      fields={c && fieldsOf(c, nameOf, isPhone)}
    >
      {c && (
        <>
          <Section title="回款计划" extra={<Typography.Text type="secondary">合计 {formatMoney(c.amount)}</Typography.Text>}>
            <List
              size="small"
              dataSource={c.paymentPlan}
              renderItem={(l) => (
                <List.Item data-testid="plan-line">
                  <span>
                    第 {l.seq} 期 · {formatDate(l.dueDate)}
                  </span>
                  <span>{formatMoney(l.amount)}</span>
                </List.Item>
              )}
            />
          </Section>
          <Section title="审批记录">
            <ApprovalTrail contract={c} nameOf={nameOf} />
          </Section>
          {HAS_RECEIVABLES.includes(c.status) && (
            <Section title="应收账款">
              <Receivables contract={c} />
            </Section>
          )}
        </>
      )}
    </RecordPage>
  );
}
