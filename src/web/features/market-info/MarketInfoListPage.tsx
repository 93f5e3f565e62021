import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { fetchMarketInfo, type MarketInfo } from './api';
import { MarketInfoDrawer } from './MarketInfoDrawer';
import { CategoryTag, EntryStatusTag, StaleTag } from './Tags';
import { CATEGORY_OPTIONS, ENTRY_STATUS, options } from './vocab';

const columns: ColumnsType<MarketInfo> = [
  {
    title: '标题',
    dataIndex: 'title',
    sorter: true,
    render: (_: unknown, e) => (
      <span>
        <strong>{e.title}</strong> <StaleTag e={e} />
      </span>
    ),
  },
  { title: '类别', dataIndex: 'category', sorter: true, render: (_: unknown, e) => <CategoryTag e={e} /> },
  { title: '地区', dataIndex: 'region', sorter: true, render: (v: string | null) => v ?? '—' },
  { title: '行业', dataIndex: 'industry', render: (v: string | null) => v ?? '—' },
  { title: '来源', dataIndex: 'source', render: (v: string | null) => v ?? '—' },
  { title: '登记人', dataIndex: 'ownerName' },
  { title: '更新于', dataIndex: 'updatedAt', sorter: true, render: (v: string) => formatDateTime(v) },
  { title: '状态', dataIndex: 'status', render: (_: unknown, e) => <EntryStatusTag e={e} /> },
];

const filters: FilterSpec[] = [
  { name: 'q', label: '搜索', kind: 'search', placeholder: '标题、内容、来源；多个词用空格分隔' },
  { name: 'category', label: '类别', kind: 'select', options: CATEGORY_OPTIONS },
  { name: 'region', label: '地区', kind: 'search', placeholder: '如 华东' },
  {
    name: 'stale',
    label: '是否过时',
    kind: 'select',
    options: [
      { value: 'true', label: '已过时' },
      { value: 'false', label: '未过时' },
    ],
  },
  { name: 'status', label: '状态', kind: 'select', options: options(ENTRY_STATUS) },
];

/**
 * 市场信息库: what the department has collected — competitors, prices, sources of customers,
 * channels, policy, product flow, terminal sales, customer opinion. Search, category and region in
 * the URL; stale entries carry 过时; cards on a phone; 登记信息 opens a drawer.
 */
export default function MarketInfoListPage() {
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <ListPage<MarketInfo>
        title="市场信息"
        resource="market-info"
        fetch={fetchMarketInfo}
        columns={columns}
        filters={filters}
        to={(e) => `/market-info/${e.id}`}
        emptyText="暂无市场信息"
        card={(e) => ({
          title: (
            <>
              {e.title} <StaleTag e={e} />
            </>
          ),
          description: [e.region, e.ownerName, formatDateTime(e.updatedAt)].filter(Boolean).join(' · '),
          extra: <CategoryTag e={e} />,
        })}
        actions={
          <Action permission="marketinfo.write" type="primary" size={isPhone ? 'large' : undefined} icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            登记信息
          </Action>
        }
      />
      <MarketInfoDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(e) => {
          setCreating(false);
          navigate(`/market-info/${e.id}`);
        }}
      />
    </>
  );
}
