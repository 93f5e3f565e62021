import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { useActiveChannels } from '../../components/Attribution';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { formatMoney } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { fetchCampaigns, type Campaign } from './api';
import { CampaignCreateDrawer } from './CampaignDrawer';
import { CampaignStatusTag } from './Tags';
import { CAMPAIGN_STATUS, options } from './vocab';

const period = (c: Campaign) => `${c.startDate} 至 ${c.endDate}`;
const prospects = (c: Campaign) => (c.targetProspects !== null ? `${c.prospectCount} / ${c.targetProspects}` : String(c.prospectCount));

const columns: ColumnsType<Campaign> = [
  { title: '活动名称', dataIndex: 'name', sorter: true, render: (_: unknown, c) => <strong>{c.name}</strong> },
  { title: '期间', dataIndex: 'startDate', sorter: true, render: (_: unknown, c) => <span style={{ whiteSpace: 'nowrap' }}>{period(c)}</span> },
  { title: '渠道', dataIndex: 'channelName', render: (v: string | null) => v ?? '—' },
  { title: '地区', dataIndex: 'region', render: (v: string | null) => v ?? '—' },
  { title: '预算', dataIndex: 'budget', sorter: true, align: 'right', render: (v: string) => formatMoney(v) },
  { title: '实际费用', dataIndex: 'actualCost', align: 'right', render: (v: string | null) => formatMoney(v) },
  { title: '潜在客户 / 目标', key: 'prospects', align: 'right', render: (_, c) => prospects(c) },
  { title: '负责人', dataIndex: 'ownerName' },
  { title: '状态', dataIndex: 'status', render: (_: unknown, c) => <CampaignStatusTag c={c} /> },
];

/**
 * 推广活动 (MKT-5.5, KA-5.3): the campaigns of the caller's scope — status and period filters,
 * sort and page in the URL; the prospects registered through each counted from the records.
 */
export default function CampaignListPage() {
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [creating, setCreating] = useState(false);
  const session = useSession();
  const channels = useActiveChannels(session.can('channel.read'));

  const filters: FilterSpec[] = [
    { name: 'q', label: '搜索', kind: 'search', placeholder: '活动名称' },
    { name: 'status', label: '状态', kind: 'select', options: options(CAMPAIGN_STATUS) },
    { name: 'periodFrom', label: '期间自', kind: 'date' },
    { name: 'periodTo', label: '期间至', kind: 'date' },
    ...(session.can('channel.read') ? [{ name: 'channelId', label: '渠道', kind: 'select' as const, options: (channels.data ?? []).map((c) => ({ value: c.id, label: c.name })) }] : []),
  ];

  return (
    <>
      <ListPage<Campaign>
        title="推广活动"
        resource="campaigns"
        fetch={fetchCampaigns}
        columns={columns}
        filters={filters}
        defaults={{ sort: '-startDate' }}
        to={(c) => `/campaigns/${c.id}`}
        emptyText="暂无推广活动"
        card={(c) => ({
          title: c.name,
          description: (
            <>
              <div>{period(c)}</div>
              <div>
                预算 {formatMoney(c.budget)} · 潜在客户 {prospects(c)}
              </div>
            </>
          ),
          extra: <CampaignStatusTag c={c} />,
        })}
        actions={
          <Action permission="campaign.manage" type="primary" size={isPhone ? 'large' : undefined} icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建活动
          </Action>
        }
      />
      <CampaignCreateDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          navigate(`/campaigns/${c.id}`);
        }}
      />
    </>
  );
}
