import { Link, useParams } from 'react-router';
import { TAP_LINK } from '../../components/phone-tap';
import { RecordPage, Section, type Field } from '../../components/RecordPage';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useCampaign, useEvaluation } from './api';
import { CampaignActions } from './CampaignActions';
import { Figures } from './Figures';
import { CampaignStatusTag } from './Tags';
import { CAMPAIGN_STATUS } from './vocab';

const BASIS = '按记录实时计算：登记时归属本活动的全部潜在客户（不论负责人），其中转为客户的，以及这些客户已签订的合同与回款';

/** 推广活动: the plan, the steps the caller may take now, the computed evaluation and the written 总结. */
export default function CampaignDetailPage() {
  const { id = '' } = useParams();
  const q = useCampaign(id);
  const evaluation = useEvaluation(id);
  const session = useSession();
  const isPhone = useIsPhone();
  const c = q.data;
  const tap = isPhone ? TAP_LINK : undefined;

  const fields: Field[] | undefined = c && [
    { label: '期间', value: `${c.startDate} 至 ${c.endDate}` },
    { label: '状态', value: <CampaignStatusTag c={c} /> },
    {
      label: '渠道',
      value: c.channelId && session.can('channel.read') ? <Link to={`/channels/${c.channelId}`} style={tap}>{c.channelName}</Link> : (c.channelName ?? '—'),
    },
    { label: '地区', value: c.region ?? '—' },
    { label: '预算', value: formatMoney(c.budget) },
    { label: '实际费用', value: formatMoney(c.actualCost) },
    { label: '目标潜在客户数', value: c.targetProspects ?? '—' },
    {
      label: '已登记潜在客户',
      value: session.can('prospect.read') ? <Link to={`/prospects?campaignId=${c.id}`} style={tap}>{c.prospectCount} 家（查看我能看到的）</Link> : `${c.prospectCount} 家`,
    },
    { label: '负责人', value: c.ownerName },
    { label: '创建时间', value: formatDateTime(c.createdAt) },
    ...(c.startedAt ? [{ label: '开始时间', value: formatDateTime(c.startedAt) }] : []),
    ...(c.finishedAt ? [{ label: '结束时间', value: formatDateTime(c.finishedAt) }] : []),
    ...(c.cancelledAt ? [{ label: '取消时间', value: formatDateTime(c.cancelledAt) }] : []),
    { label: '目标受众', value: <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.targetAudience || '—'}</div>, wide: true },
  ];

  return (
    <RecordPage
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      title={c?.name ?? '推广活动'}
      subTitle={c && CAMPAIGN_STATUS[c.status].label}
      actions={c && <CampaignActions c={c} onStale={() => void q.refetch()} />}
      fields={fields}
    >
      {c && (
        <>
          <Section title="活动评估">
            <Figures data={evaluation.data} error={evaluation.error} loading={evaluation.isPending} target={c.targetProspects} basis={BASIS} />
          </Section>
          {c.conclusion && (
            <Section title="活动总结">
              <div data-testid="campaign-conclusion" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {c.conclusion}
              </div>
            </Section>
          )}
          {c.cancelReason && (
            <Section title="取消原因">
              <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.cancelReason}</div>
            </Section>
          )}
        </>
      )}
    </RecordPage>
  );
}
