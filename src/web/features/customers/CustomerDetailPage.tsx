import { AlertOutlined, AuditOutlined, EditOutlined, FileAddOutlined, PhoneOutlined, PlusOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Alert, Flex } from 'antd';
import { ReadableTag } from '../../components/ReadableTag';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { Action } from '../../components/Action';
import { RecordPage, type Field } from '../../components/RecordPage';
import { formatDate, formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useCustomer, useDirectory, useKeyAccount, useTiers, type KeyAccount } from './api';
import { ProposeModal } from '../key-accounts/ProposeModal';
import { CustomerAssignModal } from './CustomerAssignModal';
import { CustomerEditDrawer } from './CustomerEditDrawer';
import { ComplaintsSection, ContractsSection, ReceivablesSection, TierHistorySection, VisitsSection } from './CustomerSections';
import { TierTag } from './TierTag';

const DEPARTMENT: Record<string, string> = { market: '市场开拓部', sales: '销售部', key_account: '大客户部', management: '公司' };

/** A phone number as a link a thumb can hit (44 px, without pushing the row apart): tapping it calls. */
function Tel({ phone }: { phone: string }) {
  return (
    <a
      href={`tel:${phone.replace(/[^\d+]/g, '')}`}
      data-testid="customer-tel"
      style={{ display: 'inline-flex', alignItems: 'center', gap: 6, minHeight: 44, minWidth: 44, margin: '-12px 0' }}
    >
      <PhoneOutlined aria-hidden />
      {phone}
    </a>
  );
}

function NextVisit({ ka }: { ka: KeyAccount }) {
  return (
    <span data-testid="next-visit-due">
      {formatDate(ka.nextVisitDue)}{' '}
      {ka.visitOverdue ? <ReadableTag tone="red">拜访已逾期</ReadableTag> : <ReadableTag>每 {ka.visitIntervalDays} 天一次</ReadableTag>}
    </span>
  );
}

/** 客户档案: fields and contact, a key account's tier and visit rhythm, and what the caller may see of it. */
export default function CustomerDetailPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const isPhone = useIsPhone();
  const customer = useCustomer(id);
  const c = customer.data;
  const canTiers = session.can('tier.read');
  const tiers = useTiers(canTiers);
  const ka = useKeyAccount(c, canTiers);
  const directory = useDirectory();
  const [editing, setEditing] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const [proposing, setProposing] = useState(false);

  const tierName = c?.tierCode ? tiers.data?.find((t) => t.code === c.tierCode)?.name : undefined;
  const owner = c ? (directory.data?.find((u) => u.id === c.ownerId)?.displayName ?? '—') : '—';
  // SAL-7.3: a rep drafts contracts for general customers only.
  const mayDraftContract = !!c && !(c.isKeyAccount && session.me.user.role === 'sales.rep');
  const size = isPhone ? ('large' as const) : undefined;

  const fields: Field[] = c
    ? [
        { label: '联系人', value: c.contactName },
        { label: '联系电话', value: <Tel phone={c.contactPhone} /> },
        { label: '统一社会信用代码', value: c.uscc ?? '—' },
        { label: '地址', value: c.address ?? '—' },
        { label: '地区', value: c.region ?? '—' },
        { label: '行业', value: c.industry ?? '—' },
        { label: '负责人', value: `${owner}（${DEPARTMENT[c.department] ?? c.department}）` },
        ...(c.isKeyAccount
          ? [
              { label: '大客户等级', value: <TierTag customer={c} name={tierName} /> },
              ...(ka.data
                ? [
                    { label: '最近拜访', value: ka.data.lastVisitAt ? formatDateTime(ka.data.lastVisitAt) : '尚未拜访' },
                    { label: '下次拜访应在', value: <NextVisit ka={ka.data} /> },
                  ]
                : []),
            ]
          : []),
      ]
    : [];

  return (
    <RecordPage
      loading={customer.isPending}
      error={customer.error}
      onRetry={() => void customer.refetch()}
      title={c?.name}
      tags={c ? <TierTag customer={c} name={tierName} /> : undefined}
      actions={
        c && (
          <Flex gap={8} wrap style={isPhone ? { width: '100%' } : undefined}>
            <Action permission="visit.create" type="primary" size={size} icon={<PlusOutlined />} onClick={() => navigate(`/visits/new?customerId=${c.id}`)}>
              记录拜访
            </Action>
            <Action permission="customer.update" size={size} icon={<EditOutlined />} onClick={() => setEditing(true)}>
              编辑
            </Action>
            <Action permission="contract.create" when={mayDraftContract} size={size} icon={<FileAddOutlined />} onClick={() => navigate(`/contracts/new?customerId=${c.id}`)}>
              新建合同
            </Action>
            <Action permission="complaint.create" size={size} icon={<AlertOutlined />} onClick={() => navigate(`/complaints/new?customerId=${c.id}`)}>
              登记投诉
            </Action>
            <Action permission="customer.assign" size={size} icon={<UserSwitchOutlined />} onClick={() => setAssigning(true)}>
              分配负责人
            </Action>
            <Action permission="tier.propose" size={size} icon={<AuditOutlined />} onClick={() => setProposing(true)}>
              提出等级评定
            </Action>
          </Flex>
        )
      }
      fields={fields}
    >
      {c && (
        <>
          {(location.state as { created?: boolean } | null)?.created && <Alert type="success" showIcon style={{ marginBottom: 16 }} title="客户已建档" />}
          {session.can('visit.read') && <VisitsSection customerId={c.id} />}
          {session.can('contract.read') && <ContractsSection customerId={c.id} />}
          {session.can('receivable.read') && <ReceivablesSection customerId={c.id} />}
          {session.can('complaint.read') && <ComplaintsSection customerId={c.id} />}
          {canTiers && c.isKeyAccount && <TierHistorySection customerId={c.id} tiers={tiers.data} />}
          {session.can('customer.assign') && <CustomerAssignModal customer={c} open={assigning} onClose={() => setAssigning(false)} />}
          {session.can('tier.propose') && <ProposeModal customer={c} open={proposing} onClose={() => setProposing(false)} />}
          {session.can('customer.update') && (
            <CustomerEditDrawer customer={c} open={editing} onClose={() => setEditing(false)} onReload={async () => (await customer.refetch()).data} />
          )}
        </>
      )}
    </RecordPage>
  );
}
