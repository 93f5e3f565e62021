import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { Link } from 'react-router';
import { api, call } from '../lib/api/client';
import { useIsPhone } from '../lib/responsive';
import { useSession } from '../lib/session';
import { PHONE_TAP, TAP_LINK } from './phone-tap';

/**
 * 登记来源: the pickers of a prospect's campaign and channel (登记潜在客户), and how an attribution
 * reads on the prospect's page. Only for those who can read campaigns and channels; the API checks
 * again (422 when the registrant cannot read the one chosen, or it no longer takes prospects).
 */

/** Campaigns that take prospects: planned (筹备中) or running (进行中), within the caller's campaign.read. */
export function useOpenCampaigns(enabled: boolean) {
  return useQuery({
    queryKey: ['campaigns', 'open-for-attribution'],
    enabled,
    staleTime: 60_000,
    queryFn: async () => {
      const [running, planned] = await Promise.all(
        (['running', 'planned'] as const).map((status) => call(api.GET('/api/v1/campaigns', { params: { query: { status, sort: '-startDate', pageSize: 100 } } }))),
      );
      return [...running.items, ...planned.items];
    },
  });
}

/** Channels in use, within the caller's channel.read. */
export function useActiveChannels(enabled: boolean) {
  return useQuery({
    queryKey: ['channels', 'active-for-attribution'],
    enabled,
    staleTime: 60_000,
    queryFn: async () => (await call(api.GET('/api/v1/channels', { params: { query: { status: 'active', sort: 'name', pageSize: 100 } } }))).items,
  });
}

const NO_CAMPAIGN = '不属于任何推广活动';
const NO_CHANNEL = '不经由任何渠道';
/** A phone has no clear icon (too small a target): its first choice is "none". */
type PickerProps = { id?: string; value?: string; onChange?: (v: string | undefined) => void };

export function CampaignPicker(props: PickerProps) {
  const isPhone = useIsPhone();
  const campaigns = useOpenCampaigns(true);
  return (
    <Select
      id={props.id}
      allowClear={!isPhone}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={NO_CAMPAIGN}
      loading={campaigns.isPending}
      notFoundContent="没有筹备中或进行中的推广活动"
      styles={isPhone ? PHONE_TAP.select : undefined}
      value={props.value || undefined}
      onChange={(v?: string) => props.onChange?.(v || undefined)}
      options={[...(isPhone ? [{ value: '', label: NO_CAMPAIGN }] : []), ...(campaigns.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.startDate} 至 ${c.endDate}）` }))]}
    />
  );
}

/** Channels in use; `current` keeps a channel already chosen (perhaps stopped since) readable by its name. */
export function ChannelPicker(props: PickerProps & { placeholder?: string; current?: { id: string; name: string } | null }) {
  const isPhone = useIsPhone();
  const channels = useActiveChannels(true);
  const list = [...(channels.data ?? [])];
  if (props.current && !list.some((c) => c.id === props.current!.id)) list.unshift({ ...props.current } as (typeof list)[number]);
  return (
    <Select
      id={props.id}
      allowClear={!isPhone}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={props.placeholder ?? NO_CHANNEL}
      loading={channels.isPending}
      notFoundContent="没有启用中的渠道"
      styles={isPhone ? PHONE_TAP.select : undefined}
      value={props.value || undefined}
      onChange={(v?: string) => props.onChange?.(v || undefined)}
      options={[...(isPhone ? [{ value: '', label: props.placeholder ?? NO_CHANNEL }] : []), ...list.map((c) => ({ value: c.id, label: c.name }))]}
    />
  );
}

/** A prospect's campaign or channel by name, linked for those who can read it; "—" when none. */
export function AttributionLink({ kind, id }: { kind: 'campaign' | 'channel'; id: string | null }) {
  const session = useSession();
  const isPhone = useIsPhone();
  const readable = !!id && session.can(kind === 'campaign' ? 'campaign.read' : 'channel.read');
  const q = useQuery({
    queryKey: [kind === 'campaign' ? 'campaigns' : 'channels', 'detail', id ?? ''],
    enabled: readable,
    retry: false,
    queryFn: async (): Promise<{ name: string }> =>
      kind === 'campaign'
        ? call(api.GET('/api/v1/campaigns/{id}', { params: { path: { id: id! } } }))
        : call(api.GET('/api/v1/channels/{id}', { params: { path: { id: id! } } })),
  });
  if (!id) return <>—</>;
  if (!readable || q.isError) return <>已归属（不在您的查阅范围内）</>;
  if (!q.data) return <>…</>;
  return (
    <Link to={`/${kind === 'campaign' ? 'campaigns' : 'channels'}/${id}`} style={isPhone ? TAP_LINK : undefined} data-testid={`attribution-${kind}`}>
      {q.data.name}
    </Link>
  );
}
