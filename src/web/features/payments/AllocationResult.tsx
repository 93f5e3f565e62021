import { Alert, Button, Flex, Table } from 'antd';
import { Link } from 'react-router';
import { formatDate, formatMoney } from '../../lib/format';
import { useContractSummary, useOutstanding, type RecordedPayment } from './api';

interface Row {
  receivableId: string;
  amount: string;
  seq?: number;
  dueDate?: string;
  outstanding?: string;
}

/** After 登记回款 (or 冲销): which receivables the money went to, oldest due first, and what each still owes. */
export function AllocationResult({ payment, onAnother, onClose }: { payment: RecordedPayment; onAnother?: () => void; onClose: () => void }) {
  const contract = useContractSummary(payment.contractId);
  const receivables = useOutstanding(payment.contractId);
  const byId = new Map((receivables.data?.receivables ?? []).map((r) => [r.id, r]));
  const rows: Row[] = payment.allocations.map((a) => {
    const r = byId.get(a.receivableId);
    return { ...a, seq: r?.seq, dueDate: r?.dueDate, outstanding: r?.outstanding };
  });
  const reversal = payment.amount.startsWith('-');
  return (
    <div data-testid="allocation-result">
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 16 }}
        title={reversal ? `已冲销：生成负数回款 ${formatMoney(payment.amount)}` : `已登记回款 ${formatMoney(payment.amount)}`}
        description={
          <>
            合同{' '}
            <Link to={`/contracts/${payment.contractId}`} style={{ textDecoration: 'underline' }}>
              {contract.data?.number ?? '…'}
            </Link>
            {payment.contractStatus === 'completed' ? '：全部收清，合同已完成' : `：还未收 ${receivables.data ? formatMoney(receivables.data.total) : '…'}`}
          </>
        }
      />
      <h2 style={{ fontSize: 16, margin: '0 0 8px' }}>{reversal ? '恢复的应收' : '分配到的应收（最早到期的先收）'}</h2>
      <Table<Row>
        size="small"
        rowKey="receivableId"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        loading={receivables.isFetching}
        columns={[
          { title: '期次', dataIndex: 'seq', render: (v?: number) => (v ? `第 ${v} 期` : '—') },
          { title: '到期日', dataIndex: 'dueDate', render: (v?: string) => formatDate(v) },
          { title: reversal ? '冲回金额' : '本次分配', dataIndex: 'amount', align: 'right', render: (v: string) => formatMoney(v) },
          { title: '现未收', dataIndex: 'outstanding', align: 'right', render: (v?: string) => formatMoney(v) },
        ]}
      />
      <Flex gap={8} justify="end" style={{ marginTop: 16 }} wrap>
        {onAnother && <Button onClick={onAnother}>继续登记</Button>}
        <Button type="primary" onClick={onClose}>
          完成
        </Button>
      </Flex>
    </div>
  );
}
