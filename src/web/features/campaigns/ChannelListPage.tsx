import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { useIsPhone } from '../../lib/responsive';
import { fetchChannels, type Channel } from './api';
import { ChannelCreateDrawer } from './ChannelDrawer';
import { ChannelStatusTag } from './Tags';
import { CHANNEL_STATUS, KIND_NAMES, options } from './vocab';

const columns: ColumnsType<Channel> = [
  { title: '渠道名称', dataIndex: 'name', sorter: true, render: (_: unknown, c) => <strong>{c.name}</strong> },
  { title: '类型', dataIndex: 'kind', sorter: true, render: (_: unknown, c) => KIND_NAMES[c.kind] },
  { title: '地区', dataIndex: 'region', render: (v: string | null) => v ?? '—' },
  { title: '负责人', dataIndex: 'ownerName' },
  { title: '计划中的维护方案', dataIndex: 'openPlans', align: 'right' },
  { title: '潜在客户', dataIndex: 'prospectCount', align: 'right' },
  { title: '状态', dataIndex: 'status', render: (_: unknown, c) => <ChannelStatusTag c={c} /> },
];

/** 渠道 (MKT-5.4, KA-6.2): the channels of the caller's department — kind and status filters in the URL. */
export default function ChannelListPage() {
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [creating, setCreating] = useState(false);
  const filters: FilterSpec[] = [
    { name: 'q', label: '搜索', kind: 'search', placeholder: '渠道名称' },
    { name: 'kind', label: '类型', kind: 'select', options: options(KIND_NAMES) },
    { name: 'status', label: '状态', kind: 'select', options: options(CHANNEL_STATUS) },
  ];
  return (
    <>
      <ListPage<Channel>
        title="渠道"
        resource="channels"
        fetch={fetchChannels}
        columns={columns}
        filters={filters}
        defaults={{ sort: 'name' }}
        to={(c) => `/channels/${c.id}`}
        emptyText="暂无渠道"
        card={(c) => ({
          title: c.name,
          description: (
            <div>
              {KIND_NAMES[c.kind]} · {c.region ?? '未填地区'} · 潜在客户 {c.prospectCount}
            </div>
          ),
          extra: <ChannelStatusTag c={c} />,
        })}
        actions={
          <Action permission="channel.manage" type="primary" size={isPhone ? 'large' : undefined} icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建渠道
          </Action>
        }
      />
      <ChannelCreateDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          navigate(`/channels/${c.id}`);
        }}
      />
    </>
  );
}
