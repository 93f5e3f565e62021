import { Link, useParams } from 'react-router';
import { TAP_LINK } from '../../components/phone-tap';
import { RecordPage, Section, type Field } from '../../components/RecordPage';
import { formatDate, formatMoney } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useContract, useDirectory, type Contract } from './api';
import { ApprovalTrail } from './ApprovalTrail';
import { PlanSection } from './PlanSection';
import { ContractActions } from './ContractActions';
import { ContractArchiveInfo, ContractPayments, ContractReceivables } from './ContractSections';
import { StatusTag } from './StatusTag';
import { ARCHIVABLE } from './vocab';
import { AttachmentsSection } from '../attachments/AttachmentsSection';

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
  return out;
}

/**
 * 合同: its figures, the payment plan, the approval trail and, once signed, its receivables, the
 * payments booked on it (for those who read receivables) and its archive record.
 */
export default function ContractDetailPage() {
  const { id = '' } = useParams();
  const q = useContract(id);
  const dir = useDirectory();
  const nameOf = (uid: string) => dir.data?.find((u) => u.id === uid)?.displayName ?? '—';
  const c = q.data;
  const isPhone = useIsPhone();
  const session = useSession();
  const money = session.can('receivable.read');
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
          <PlanSection contract={c} />
          <Section title="审批记录">
            <ApprovalTrail contract={c} nameOf={nameOf} />
          </Section>
          {ARCHIVABLE.includes(c.status) && money && (
            <>
              <Section title="应收账款">
                <ContractReceivables contract={c} />
              </Section>
              <Section title="回款记录">
                <ContractPayments contract={c} />
              </Section>
            </>
          )}
          {ARCHIVABLE.includes(c.status) && (
            <Section title="合同档案">
              <ContractArchiveInfo contract={c} nameOf={nameOf} />
            </Section>
          )}
          <AttachmentsSection parentType="contract" parentId={c.id} hint="暂无附件，签订后请上传双方签字盖章的合同扫描件（PDF 或图片）" />
        </>
      )}
    </RecordPage>
  );
}
