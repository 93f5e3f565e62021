import type { ColumnsType } from 'antd/es/table';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { formatDate, formatMoney } from '../../lib/format';
import { fetchReceivables, type Receivable } from './api';
import { ReceivableStatus } from './ReceivableStatus';
import { RECEIVABLE_STATUS_OPTIONS } from './vocab';

/** Overdue rows stand out: every cell of the row gets the same pale red. */
const overdueCell = (r: Receivable) => ({ style: r.overdue ? { background: '#fff1f0' } : undefined });

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
const columns: ColumnsType<Receivable> = plain.map((c) => ({ ...c, onCell: overdueCell }));

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

/** 应收账款: one line per payment-plan instalment of a signed contract; overdue ones in red. */
export default function ReceivableListPage() {
  return (
    <ListPage<Receivable>
      title="应收账款"
      resource="receivables"
      fetch={fetchReceivables}
      columns={columns}
      filters={filters}
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
            <div style={r.overdue ? { color: '#cf1322' } : undefined}>未收 {formatMoney(r.outstanding)}</div>
          </>
        ),
        extra: <ReceivableStatus r={r} />,
      })}
    />
  );
}
