import { PlusOutlined } from '@ant-design/icons';
import { Drawer, Form } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { Action } from '../../components/Action';
import { ContractPicker } from '../../components/ContractPicker';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { PartyPicker, parseParty, partyValue } from '../../components/PartyPicker';
import { ReadableTag } from '../../components/ReadableTag';
import { useUrlParams } from '../../components/url-state';
import { formatDate, formatMoney } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { fetchPayments, useCustomerName, type Payment, type RecordedPayment } from './api';
import { AllocationResult } from './AllocationResult';
import { PaymentForm } from './PaymentForm';
import { ReverseDialog } from './ReverseDialog';
import { PAYMENT_METHOD } from './vocab';

const FILTERS: FilterSpec[] = [
  { name: 'from', label: '收款日期从', kind: 'date' },
  { name: 'to', label: '至', kind: 'date' },
];

/** On a desk the picker takes the row's room beside its label instead of wrapping under it. */
const FILL = { style: { flex: '1 1 0', minWidth: 0 } };

/** Contracts that can have payments: signed ones, and those completed or terminated after some. */
const WITH_PAYMENTS = ['signed', 'completed', 'terminated'] as const;

const negative = (p: Payment) => p.amount.startsWith('-');

/** 冲销 for a reversal, 已冲销 for a payment that was reversed; nothing for a standing payment. */
function PaymentState({ p }: { p: Payment }) {
  if (negative(p)) return <ReadableTag tone="orange">冲销</ReadableTag>;
  if (p.reversedByPaymentId) return <ReadableTag tone="default">已冲销</ReadableTag>;
  return null;
}

const amountCell = (p: Payment) => <span style={{ whiteSpace: 'nowrap', color: negative(p) ? '#a8071a' : undefined, fontWeight: 500 }}>{formatMoney(p.amount)}</span>;

/** The 登记回款 drawer: the form, then what the payment paid. A new form (and a new Idempotency-Key) each time it opens. */
function RecordDrawer({ contractId, onClose }: { contractId?: string; onClose: () => void }) {
  const isPhone = useIsPhone();
  const [saved, setSaved] = useState<RecordedPayment | null>(null);
  const [round, setRound] = useState(0);
  return (
    <Drawer title={saved ? '回款已登记' : '登记回款'} open onClose={onClose} placement={isPhone ? 'bottom' : 'right'} size={isPhone ? '92%' : 560}>
      {saved ? (
        <AllocationResult
          payment={saved}
          onClose={onClose}
          onAnother={() => {
            setSaved(null);
            setRound((n) => n + 1);
          }}
        />
      ) : (
        <PaymentForm key={round} initialContractId={round === 0 ? contractId : undefined} onSaved={setSaved} />
      )}
    </Drawer>
  );
}

/**
 * 回款: payments and reversals with contract, customer and date filters in the URL; 登记回款 and
 * 冲销 for the 内勤 (payment.record).
 */
export default function PaymentListPage() {
  const { params, update } = useUrlParams();
  const isPhone = useIsPhone();
  // ?record=<contractId> (e.g. from a receivable) opens the form on that contract
  const [recording, setRecording] = useState<{ contractId?: string } | null>(() => (params.record ? { contractId: params.record === 'new' ? undefined : params.record } : null));
  const [reversing, setReversing] = useState<Payment | null>(null);
  const [reversed, setReversed] = useState<RecordedPayment | null>(null);
  const customer = parseParty(params.customerId ? `customer:${params.customerId}` : undefined);
  const customerName = useCustomerName(customer?.id);

  const closeRecording = () => {
    setRecording(null);
    if (params.record) update({ record: undefined }, false);
  };

  const columns: ColumnsType<Payment> = [
    { title: '收款日期', dataIndex: 'receivedAt', key: 'receivedAt', sorter: true, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(v)}</span> },
    { title: '合同', dataIndex: 'contractNumber', render: (v: string, p) => <Link to={`/contracts/${p.contractId}`}>{v}</Link> },
    // filtered to one contract or customer, the customer column would repeat one name
    ...(params.contractId || params.customerId ? [] : [{ title: '客户', dataIndex: 'customerName', render: (v: string, p: Payment) => <Link to={`/customers/${p.customerId}`}>{v}</Link> }]),
    { title: '金额', dataIndex: 'amount', key: 'amount', sorter: true, align: 'right', render: (_: string, p) => amountCell(p) },
    { title: '收款方式', dataIndex: 'method', render: (m: Payment['method']) => PAYMENT_METHOD[m] },
    { title: '凭证号', dataIndex: 'reference', render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      key: 'state',
      render: (_, p) => (
        <div style={{ minWidth: 80, maxWidth: 220, overflowWrap: 'anywhere' }}>
          <PaymentState p={p} />
          {p.reason && <span style={{ color: '#595959' }}>{p.reason}</span>}
        </div>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, p) => (
        <Action permission="payment.record" when={!negative(p) && !p.reversedByPaymentId} size="small" danger onClick={() => setReversing(p)} aria-label={`冲销 ${p.contractNumber} ${formatMoney(p.amount)}`}>
          冲销
        </Action>
      ),
    },
  ];

  const intro = (
    <Form layout={isPhone ? 'vertical' : 'inline'} style={{ marginBottom: 12 }}>
      <Form.Item label="合同" htmlFor="payment-contract-filter" wrapperCol={isPhone ? undefined : FILL} style={{ marginBottom: 8, minWidth: isPhone ? undefined : 320, maxWidth: 480, flex: isPhone ? undefined : 1 }}>
        <ContractPicker id="payment-contract-filter" statuses={[...WITH_PAYMENTS]} value={params.contractId} placeholder="全部（输入编号、名称或客户）" onChange={(v) => update({ contractId: v })} />
      </Form.Item>
      <Form.Item label="客户" htmlFor="payment-customer-filter" wrapperCol={isPhone ? undefined : FILL} style={{ marginBottom: 8, minWidth: isPhone ? undefined : 260, maxWidth: 420, flex: isPhone ? undefined : 1 }}>
        <PartyPicker
          id="payment-customer-filter"
          value={customer ? partyValue(customer) : undefined}
          initial={customer && customerName.data ? { ...customer, name: customerName.data } : undefined}
          placeholder="全部（输入名称搜索）"
          onChange={(v) => update({ customerId: parseParty(v)?.id })}
        />
      </Form.Item>
    </Form>
  );

  return (
    <>
      <ListPage<Payment>
        title="回款"
        resource="payments"
        fetch={fetchPayments}
        columns={columns}
        filters={FILTERS}
        defaults={{ sort: '-receivedAt' }}
        intro={intro}
        emptyText="暂无回款记录"
        card={(p) => ({
          title: p.customerName,
          description: (
            <>
              <div>
                {p.contractNumber} · {formatDate(p.receivedAt)} · {PAYMENT_METHOD[p.method]}
              </div>
              {p.reference && <div style={{ overflowWrap: 'anywhere' }}>凭证号 {p.reference}</div>}
              {p.reason && <div style={{ overflowWrap: 'anywhere' }}>冲销原因：{p.reason}</div>}
              <Action
                permission="payment.record"
                when={!negative(p) && !p.reversedByPaymentId}
                size="large"
                danger
                style={{ marginTop: 8 }}
                onClick={() => setReversing(p)}
                aria-label={`冲销 ${p.contractNumber} ${formatMoney(p.amount)}`}
              >
                冲销
              </Action>
            </>
          ),
          extra: (
            <div style={{ textAlign: 'right' }}>
              {amountCell(p)}
              <div>
                <PaymentState p={p} />
              </div>
            </div>
          ),
        })}
        actions={
          <Action permission="payment.record" type="primary" icon={<PlusOutlined />} size={isPhone ? 'large' : undefined} onClick={() => setRecording({})}>
            登记回款
          </Action>
        }
      />
      {recording && <RecordDrawer contractId={recording.contractId} onClose={closeRecording} />}
      {reversing && (
        <ReverseDialog
          payment={reversing}
          onClose={() => setReversing(null)}
          onReversed={(r) => {
            setReversing(null);
            setReversed(r);
          }}
        />
      )}
      {reversed && (
        <Drawer title="冲销已登记" open onClose={() => setReversed(null)} placement={isPhone ? 'bottom' : 'right'} size={isPhone ? '92%' : 560}>
          <AllocationResult payment={reversed} onClose={() => setReversed(null)} />
        </Drawer>
      )}
    </>
  );
}
