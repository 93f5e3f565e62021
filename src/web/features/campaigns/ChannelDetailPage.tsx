import { Button, Space } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RecordPage, Section, type Field } from '../../components/RecordPage';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useChannel, useChannelEvaluation, useChannelStatus } from './api';
import { ChannelEditDrawer } from './ChannelDrawer';
import { Figures } from './Figures';
import { PlanSection } from './PlanSection';
import { useReaches } from './scope';
import { ChannelStatusTag } from './Tags';
import { channelAllows, KIND_NAMES } from './vocab';

const BASIS = '按记录实时计算：登记时归属本渠道的全部潜在客户（直接归属或经由其推广活动归属，不论负责人）；预算与费用为经由本渠道的推广活动的合计';

/** 渠道: its fields, 修改 / 停用 / 启用 for those who manage it, its computed figures and its maintenance plans. */
export default function ChannelDetailPage() {
  const { id = '' } = useParams();
  const q = useChannel(id);
  const navigate = useNavigate();
  const evaluation = useChannelEvaluation(id);
  const session = useSession();
  const isPhone = useIsPhone();
  const c = q.data;
  const manage = useReaches('channel.manage', c);
  const status = useChannelStatus(id);
  const [editing, setEditing] = useState(false);
  const size = isPhone ? ('large' as const) : undefined;

  const fields: Field[] | undefined = c && [
    { label: '类型', value: KIND_NAMES[c.kind] },
    { label: '状态', value: <ChannelStatusTag c={c} /> },
    { label: '地区', value: c.region ?? '—' },
    { label: '负责人', value: c.ownerName },
    { label: '计划中的维护方案', value: `${c.openPlans} 项` },
    { label: '经此渠道的潜在客户', value: `${c.prospectCount} 家` },
    { label: '创建时间', value: formatDateTime(c.createdAt) },
    ...(c.deactivatedAt ? [{ label: '停用时间', value: formatDateTime(c.deactivatedAt) }] : []),
    { label: '说明', value: <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.description || '—'}</div>, wide: true },
  ];

  return (
    <RecordPage
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      title={c?.name ?? '渠道'}
      subTitle={c && KIND_NAMES[c.kind]}
      actions={
        c && (
          <Space wrap>
            {session.can('campaign.read') && (
              <Button size={size} onClick={() => navigate(`/campaigns?channelId=${c.id}`)}>
                经此渠道的推广活动
              </Button>
            )}
            <Action permission="channel.manage" when={manage} size={size} onClick={() => setEditing(true)}>
              修改
            </Action>
            <Action permission="channel.manage" when={manage && channelAllows(c.status, 'deactivate')} danger size={size} loading={status.isPending} onClick={() => status.mutate('deactivate')}>
              停用
            </Action>
            <Action permission="channel.manage" when={manage && channelAllows(c.status, 'activate')} size={size} loading={status.isPending} onClick={() => status.mutate('activate')}>
              启用
            </Action>
          </Space>
        )
      }
      fields={fields}
    >
      {c && (
        <>
          <ProblemAlert error={status.error} />
          <Section title="渠道评估">
            <Figures data={evaluation.data} error={evaluation.error} loading={evaluation.isPending} basis={BASIS} />
          </Section>
          <PlanSection channel={c} manage={manage} />
          {manage && <ChannelEditDrawer c={c} open={editing} onClose={() => setEditing(false)} onStale={() => void q.refetch()} />}
        </>
      )}
    </RecordPage>
  );
}
