import { List, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Action } from '../../components/Action';
import { ReadableTag } from '../../components/ReadableTag';
import { TAP_LINK } from '../../components/phone-tap';
import { RecordPage, Section } from '../../components/RecordPage';
import { formatDate, formatDateTime, formatMoney, todayInBusinessTz } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useCollections, useContractPayments, useReceivable, type Collection, type ContractPayment } from './api';
import { CollectionForm } from './CollectionForm';
import { ReceivableStatus } from './ReceivableStatus';
import { COLLECTION_METHOD, COLLECTION_RESULT } from './vocab';

/** A promise to pay that has passed while money is still owed: said in words beside the date. */
function PromiseDate({ c, owed }: { c: Collection; owed: boolean }) {
  if (!c.promisedDate) return null;
  const broken = owed && c.promisedDate < todayInBusinessTz();
  return (
    <div>
      承诺付款日期：{formatDate(c.promisedDate)} {broken && <ReadableTag tone="red">已过承诺日期</ReadableTag>}
    </div>
  );
}

/** A payment on the contract: its day, amount and reference; a reversal says so and why. */
function PaymentItem({ p }: { p: ContractPayment }) {
  const reversal = p.amount.startsWith('-');
  return (
    <List.Item data-testid="contract-payment">
      <span>
        {formatDate(p.receivedAt)} {reversal ? <ReadableTag tone="orange">冲销</ReadableTag> : p.reversedByPaymentId ? <ReadableTag>已冲销</ReadableTag> : null}
        <Typography.Text type="secondary">{reversal ? p.reason : p.reference}</Typography.Text>
      </span>
      <span style={{ whiteSpace: 'nowrap', color: reversal ? '#a8071a' : undefined }}>{formatMoney(p.amount)}</span>
    </List.Item>
  );
}

function CollectionItem({ c, owed }: { c: Collection; owed: boolean }) {
  return (
    <List.Item data-testid="collection">
      <div style={{ width: '100%' }}>
        <div>
          <Typography.Text strong>{COLLECTION_RESULT[c.result]}</Typography.Text>{' '}
          <Typography.Text type="secondary">
            {COLLECTION_METHOD[c.method]} · {c.collectorName} · {formatDateTime(c.contactedAt)}
          </Typography.Text>
        </div>
        <PromiseDate c={c} owed={owed} />
        <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.note}</div>
      </div>
    </List.Item>
  );
}

/**
 * 应收: its figures, its contract and customer, the 催收记录 and — for collectors — a form to log
 * one; the payments received on its contract, and 登记回款 for the 内勤.
 */
export default function ReceivableDetailPage() {
  const { id = '' } = useParams();
  const q = useReceivable(id);
  const collections = useCollections(id);
  const [logging, setLogging] = useState(false);
  const r = q.data;
  const payments = useContractPayments(r?.contractId);
  const navigate = useNavigate();
  const owed = !!r && r.status !== 'paid';
  const isPhone = useIsPhone();
  const link = isPhone ? TAP_LINK : undefined;
  return (
    <RecordPage
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      title={r && `${r.customerName}`}
      subTitle={r && `${r.contractNumber} 第 ${r.seq} 期`}
      tags={r && <ReceivableStatus r={r} />}
      actions={
        r && (
          <Action permission="payment.record" when={owed} type="primary" size={isPhone ? 'large' : undefined} onClick={() => navigate(`/payments?record=${r.contractId}`)}>
            登记回款
          </Action>
        )
      }
      fields={
        r && [
          { label: '合同', value: <Link to={`/contracts/${r.contractId}`} style={link}>{r.contractNumber}</Link> },
          { label: '客户', value: <Link to={`/customers/${r.customerId}`} style={link}>{r.customerName}</Link> },
          { label: '期次', value: `第 ${r.seq} 期` },
          { label: '到期日', value: formatDate(r.dueDate) },
          { label: '应收金额', value: formatMoney(r.amountDue) },
          { label: '已收金额', value: formatMoney(r.amountPaid) },
          { label: '未收金额', value: <span style={r.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>{formatMoney(r.outstanding)}</span> },
          { label: '逾期天数', value: r.overdue ? `${r.daysOverdue} 天` : '未逾期' },
        ]
      }
    >
      {r && (
        <>
          {logging && (
            <Section title="记录催收">
              <CollectionForm receivableId={r.id} onDone={() => setLogging(false)} />
            </Section>
          )}
          <Section
            title={collections.data?.total ? `催收记录（${collections.data.total}）` : '催收记录'}
            extra={
              <Action size={isPhone ? 'large' : undefined} permission="collection.log" when={!logging && r.status !== 'paid'} type="primary" onClick={() => setLogging(true)}>
                记录催收
              </Action>
            }
          >
            <List
              loading={collections.isPending}
              dataSource={collections.data?.items ?? []}
              locale={{ emptyText: <Typography.Text type="secondary">{collections.error ? '催收记录加载失败' : '尚无催收记录'}</Typography.Text> }}
              renderItem={(c) => <CollectionItem c={c} owed={owed} />}
            />
          </Section>
          <Section title="合同回款记录">
            <List
              loading={payments.isPending}
              dataSource={payments.data?.items ?? []}
              locale={{ emptyText: <Typography.Text type="secondary">{payments.error ? '回款记录暂不可见' : '该合同尚无回款'}</Typography.Text> }}
              renderItem={(p) => <PaymentItem p={p} />}
            />
          </Section>
        </>
      )}
    </RecordPage>
  );
}
