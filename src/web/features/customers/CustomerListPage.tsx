import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { useSession } from '../../lib/session';
import { fetchCustomers, useTiers, type Customer } from './api';
import { TierTag } from './TierTag';

/** The regions the company divides its market into (地区 is kept as one of these words). */
const REGIONS = ['华南', '华东', '华北', '华中', '西南', '西北', '东北'];

/** 客户: the customers the caller may see; key accounts carry their tier. */
export default function CustomerListPage() {
  const session = useSession();
  const navigate = useNavigate();
  const tiers = useTiers(session.can('tier.read'));
  const tierName = (code: string | null) => tiers.data?.find((t) => t.code === code)?.name;

  const filters: FilterSpec[] = [
    { name: 'q', label: '搜索', kind: 'search', placeholder: '客户名称或联系人' },
    { name: 'region', label: '地区', kind: 'select', options: REGIONS.map((r) => ({ value: r, label: r })) },
    { name: 'industry', label: '行业', kind: 'search', placeholder: '如：制造业' },
    {
      name: 'isKeyAccount',
      label: '大客户',
      kind: 'select',
      options: [
        { value: 'true', label: '大客户' },
        { value: 'false', label: '普通客户' },
      ],
    },
    ...(tiers.data?.length
      ? [{ name: 'tierCode', label: '大客户等级', kind: 'select' as const, options: tiers.data.map((t) => ({ value: t.code, label: t.name })) }]
      : []),
  ];

  const columns: ColumnsType<Customer> = [
    {
      title: '客户名称',
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      render: (_, c) => (
        <>
          {c.name} <TierTag customer={c} name={tierName(c.tierCode)} />
        </>
      ),
    },
    { title: '联系人', dataIndex: 'contactName' },
    { title: '联系电话', dataIndex: 'contactPhone' },
    { title: '地区', dataIndex: 'region', key: 'region', sorter: true, render: (v: string | null) => v ?? '—' },
    { title: '行业', dataIndex: 'industry', render: (v: string | null) => v ?? '—' },
  ];

  return (
    <ListPage<Customer>
      title="客户"
      resource="customers"
      fetch={fetchCustomers}
      filters={filters}
      columns={columns}
      to={(c) => `/customers/${c.id}`}
      emptyText="没有符合条件的客户"
      actions={
        <>
          <Action permission="customer.create" icon={<UploadOutlined />} onClick={() => navigate('/imports/new?kind=customers')}>
            导入
          </Action>
          <Action permission="customer.create" type="primary" icon={<PlusOutlined />} onClick={() => navigate('/customers/new')}>
            新建客户
          </Action>
        </>
      }
      card={(c) => ({
        title: c.name,
        description: [c.contactName, c.region, c.industry].filter(Boolean).join(' · '),
        extra: <TierTag customer={c} name={tierName(c.tierCode)} />,
      })}
    />
  );
}
