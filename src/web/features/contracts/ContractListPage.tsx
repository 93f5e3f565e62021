import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import { useIsPhone } from '../../lib/responsive';
import { Action } from '../../components/Action';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { formatDate, formatMoney } from '../../lib/format';
import { fetchContracts, useDirectory, type ContractSummary } from './api';
import { StatusTag } from './StatusTag';
import { CONTRACT_STATUS_OPTIONS } from './vocab';

const columns = (ownerName: (id: string) => string): ColumnsType<ContractSummary> => [
  { title: '合同编号', dataIndex: 'number', sorter: true },
  { title: '合同名称', dataIndex: 'title' },
  { title: '客户', dataIndex: 'customerName' },
  { title: '合同金额', dataIndex: 'amount', sorter: true, align: 'right', render: (v: string) => formatMoney(v) },
  { title: '状态', dataIndex: 'status', sorter: true, render: (v: ContractSummary['status']) => <StatusTag status={v} /> },
  { title: '起止日期', key: 'period', render: (_, r) => `${formatDate(r.startDate)} ~ ${formatDate(r.endDate)}` },
  { title: '签订日期', dataIndex: 'signedAt', sorter: true, render: (v: string | null) => formatDate(v) },
  { title: '拟定人', dataIndex: 'ownerId', render: (v: string) => ownerName(v) },
];

const filters: FilterSpec[] = [
  { name: 'q', label: '搜索', kind: 'search', placeholder: '合同编号或名称' },
  { name: 'status', label: '状态', kind: 'select', options: CONTRACT_STATUS_OPTIONS },
  { name: 'signedFrom', label: '签订日期起', kind: 'date' },
  { name: 'signedTo', label: '签订日期止', kind: 'date' },
];

/** 合同: the contracts the caller may read, with 拟定合同 for those who draft. */
export default function ContractListPage() {
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const dir = useDirectory();
  const ownerName = (id: string) => dir.data?.find((u) => u.id === id)?.displayName ?? '—';
  return (
    <ListPage<ContractSummary>
      title="合同"
      resource="contracts"
      fetch={fetchContracts}
      columns={columns(ownerName)}
      filters={filters}
      defaults={{ sort: '-createdAt' }}
      to={(c) => `/contracts/${c.id}`}
      emptyText="暂无合同"
      card={(c) => ({
        title: c.title,
        description: (
          <>
            <div>
              {c.number} · {c.customerName}
            </div>
            <div>{formatMoney(c.amount)}</div>
          </>
        ),
        extra: <StatusTag status={c.status} />,
      })}
      actions={
        <Action permission="contract.create" type="primary" size={isPhone ? 'large' : undefined} icon={<PlusOutlined />} onClick={() => navigate('/contracts/new')}>
          拟定合同
        </Action>
      }
    />
  );
}
