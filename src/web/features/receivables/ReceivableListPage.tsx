import { Form } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { PartyPicker, parseParty, partyValue } from '../../components/PartyPicker';
import { useUrlParams } from '../../components/url-state';
import { formatDate, formatMoney } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { fetchReceivables, useCustomerName, useDirectory, type Receivable } from './api';
import { ReceivableStatus } from './ReceivableStatus';
import { RECEIVABLE_STATUS_OPTIONS } from './vocab';

/**
 * Overdue rows stand out: every cell of the row gets the same pale red, the first a red bar, and the
 * status column says 逾期 N 天 in words (not colour alone).
 */
const overdueCell = (r: Receivable) => ({ style: r.overdue ? { background: '#fff1f0' } : undefined, 'data-overdue': r.overdue ? 'true' : undefined });
const overdueFirstCell = (r: Receivable) => ({ style: r.overdue ? { background: '#fff1f0', boxShadow: 'inset 3px 0 0 #cf1322' } : undefined, 'data-overdue': r.overdue ? 'true' : undefined });

const plain: ColumnsType<Receivable> = [
  { title: '合同编号', dataIndex: 'contractNumber' },
  { title: '客户', dataIndex: 'customerName' },
  { title: '期次', dataIndex: 'seq', render: (v: number) => `第 ${v} 期` },
  { title: '到期日', dataIndex: 'dueDate', sorter: true, render: (v: string) => formatDate(v) },
  { title: '应收金额', dataIndex: 'amountDue', sorter: true, align: 'right', render: (v: string) => formatMoney(v) },
  { title: '已收', dataIndex: 'amountPaid', align: 'right', render: (v: string) => formatMoney(v) },
  { title: '未收', dataIndex: 'outstanding', align: 'right', render: (v: string) => formatMoney(v) },
  { title: '状态', key: 'status', render: (_, r) => <ReceivableStatus r={r} /> },
];
const withHighlight = (cols: ColumnsType<Receivable>): ColumnsType<Receivable> => cols.map((c, i) => ({ ...c, onCell: i === 0 ? overdueFirstCell : overdueCell }));

const filters: FilterSpec[] = [
  { name: 'status', label: '状态', kind: 'select', options: RECEIVABLE_STATUS_OPTIONS },
  {
    name: 'overdue',
    label: '是否逾期',
    kind: 'select',
    options: [
      { value: 'true', label: '已逾期' },
      { value: 'false', label: '未逾期' },
    ],
  },
  { name: 'dueBefore', label: '到期日早于', kind: 'date' },
];

/**
 * 应收账款: one line per payment-plan instalment of a signed contract; overdue ones highlighted. A
 * reader of more than their own (内勤, 主管, 经理) also filters by customer and 负责人 and sees who owns each.
 */
export default function ReceivableListPage() {
  const { params, update } = useUrlParams();
  const isPhone = useIsPhone();
  const wider = (useSession().grant('receivable.read')?.scope ?? 'own') !== 'own';
  const directory = useDirectory(wider);
  const nameOf = (id: string) => directory.data?.find((u) => u.id === id)?.displayName ?? '—';
  const customer = parseParty(params.customerId ? `customer:${params.customerId}` : undefined);
  const customerName = useCustomerName(customer?.id);

  const columns = withHighlight(wider ? [...plain.slice(0, 2), { title: '负责人', dataIndex: 'ownerId', render: (id: string) => nameOf(id) }, ...plain.slice(2)] : plain);
  const ownerFilter: FilterSpec[] = wider
    ? [{ name: 'ownerId', label: '负责人', kind: 'select', options: (directory.data ?? []).map((u) => ({ value: u.id, label: u.displayName })) }]
    : [];
  const intro = (
    <Form layout={isPhone ? 'vertical' : 'inline'} style={{ marginBottom: 12 }}>
      <Form.Item label="客户" htmlFor="receivable-customer" style={{ marginBottom: 8, minWidth: isPhone ? undefined : 260, maxWidth: 420, flex: isPhone ? undefined : 1 }}>
        <PartyPicker
          id="receivable-customer"
          value={customer ? partyValue(customer) : undefined}
          initial={customer && customerName.data ? { ...customer, name: customerName.data } : undefined}
          placeholder="全部（输入名称搜索）"
          onChange={(v) => update({ customerId: parseParty(v)?.id })}
        />
      </Form.Item>
    </Form>
  );
  return (
    <ListPage<Receivable>
      title="应收账款"
      resource="receivables"
      fetch={fetchReceivables}
      columns={columns}
      filters={[...filters, ...ownerFilter]}
      intro={intro}
      defaults={{ sort: 'dueDate' }}
      to={(r) => `/receivables/${r.id}`}
      emptyText="暂无应收账款"
      card={(r) => ({
        title: r.customerName,
        description: (
          <>
            <div>
              {r.contractNumber} 第 {r.seq} 期 · 到期 {formatDate(r.dueDate)}
            </div>
            <div style={r.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>未收 {formatMoney(r.outstanding)}</div>
          </>
        ),
        extra: <ReceivableStatus r={r} />,
      })}
    />
  );
}
