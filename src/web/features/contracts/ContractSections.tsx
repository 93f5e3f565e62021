import { Descriptions, List, Typography } from 'antd';
import { Link } from 'react-router';
import { ReadableTag } from '../../components/ReadableTag';
import { centsToString, formatDate, formatDateTime, formatMoney, toCents } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useContractPayments, useContractReceivables, type Contract } from './api';
import { PAYMENT_METHOD, RECEIVABLE_STATUS } from './vocab';

const ROW = { display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: '4px 12px', minHeight: 44, alignItems: 'center' } as const;

/** 应收账款: one per plan line once signed — due, received, outstanding and where it stands. */
export function ContractReceivables({ contract }: { contract: Contract }) {
  const q = useContractReceivables(contract.id, true);
  return (
    <List
      loading={q.isPending}
      dataSource={q.data?.items ?? []}
      locale={{ emptyText: <Typography.Text type="secondary">{q.error ? '应收账款暂不可见' : '暂无应收账款'}</Typography.Text> }}
      renderItem={(r) => (
        <li data-testid="receivable" style={{ listStyle: 'none', borderBottom: '1px solid #f0f0f0' }}>
          <Link to={`/receivables/${r.id}`} style={{ ...ROW, color: 'inherit' }}>
            <span>
              第 {r.seq} 期 · {formatDate(r.dueDate)} · 应收 {formatMoney(r.amountDue)}
            </span>
            <span>
              已收 {formatMoney(r.amountPaid)} · 未收 {formatMoney(r.outstanding)}{' '}
              <ReadableTag tone={r.overdue ? 'red' : r.status === 'paid' ? 'green' : 'default'}>{r.overdue ? `逾期 ${r.daysOverdue} 天` : (RECEIVABLE_STATUS[r.status] ?? r.status)}</ReadableTag>
            </span>
          </Link>
        </li>
      )}
    />
  );
}

/** "-100.00" → -10000n; the API's payment amounts are negative for a reversal. */
const signedCents = (v: string) => (v.startsWith('-') ? -(toCents(v.slice(1)) ?? 0n) : (toCents(v) ?? 0n));

/** 回款: every payment booked on the contract, reversals included, and what they add up to. */
export function ContractPayments({ contract }: { contract: Contract }) {
  const q = useContractPayments(contract.id, true);
  const items = q.data?.items ?? [];
  const total = items.reduce((s, p) => s + signedCents(p.amount), 0n);
  return (
    <>
      <List
        loading={q.isPending}
        dataSource={items}
        locale={{ emptyText: <Typography.Text type="secondary">{q.error ? '回款记录暂不可见' : '尚无回款'}</Typography.Text> }}
        renderItem={(p) => (
          <li data-testid="payment" style={{ ...ROW, listStyle: 'none', borderBottom: '1px solid #f0f0f0' }}>
            <span>
              {formatDate(p.receivedAt)} · {PAYMENT_METHOD[p.method]}
              {p.reference ? ` · 凭证号 ${p.reference}` : ''}
              {p.reversesPaymentId && <Typography.Text type="secondary">（冲销：{p.reason}）</Typography.Text>}
            </span>
            <span>
              {formatMoney(p.amount)} {p.reversesPaymentId ? <ReadableTag tone="red">冲销</ReadableTag> : p.reversedByPaymentId ? <ReadableTag tone="orange">已冲销</ReadableTag> : null}
            </span>
          </li>
        )}
      />
      {items.length > 0 && (
        <div style={{ textAlign: 'right', marginTop: 8 }} data-testid="payments-total">
          实收合计 {formatMoney(centsToString(total))}
        </div>
      )}
    </>
  );
}

/** 合同档案: the archive number, where the paper copy is kept, who filed it and when. */
export function ContractArchiveInfo({ contract, nameOf }: { contract: Contract; nameOf: (id: string) => string }) {
  const isPhone = useIsPhone();
  if (!contract.archiveNo) return <Typography.Text type="secondary">尚未归档</Typography.Text>;
  return (
    <Descriptions
      data-testid="archive-info"
      size="small"
      column={isPhone ? 1 : 2}
      items={[
        { key: 'no', label: '档案号', children: contract.archiveNo },
        { key: 'location', label: '存放位置', children: contract.archiveLocation ?? '—' },
        { key: 'by', label: '归档人', children: contract.archivedBy ? nameOf(contract.archivedBy) : '—' },
        { key: 'at', label: '归档时间', children: formatDateTime(contract.archivedAt) },
      ]}
    />
  );
}
