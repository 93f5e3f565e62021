/**
 * Words of 渠道 and 推广活动. Kinds, statuses and the table of which step is allowed when come from
 * the server's own rules (src/campaigns/campaign-rules.ts, bundled here); only the tones live here.
 */
import {
  CAMPAIGN_STATUS_NAMES,
  CHANNEL_KIND_NAMES,
  CHANNEL_STATUS_NAMES,
  PLAN_STATUS_NAMES,
  type CampaignStatus,
  type ChannelKind,
  type ChannelStatus,
  type PlanStatus,
} from '../../../campaigns/campaign-rules';
import type { Tone } from '../../components/ReadableTag';

export { campaignAllows, channelAllows, planAllows } from '../../../campaigns/campaign-rules';

export const CAMPAIGN_STATUS: Record<CampaignStatus, { label: string; tone: Tone }> = {
  planned: { label: CAMPAIGN_STATUS_NAMES.planned, tone: 'blue' },
  running: { label: CAMPAIGN_STATUS_NAMES.running, tone: 'cyan' },
  finished: { label: CAMPAIGN_STATUS_NAMES.finished, tone: 'green' },
  cancelled: { label: CAMPAIGN_STATUS_NAMES.cancelled, tone: 'default' },
};

export const CHANNEL_STATUS: Record<ChannelStatus, { label: string; tone: Tone }> = {
  active: { label: CHANNEL_STATUS_NAMES.active, tone: 'green' },
  inactive: { label: CHANNEL_STATUS_NAMES.inactive, tone: 'default' },
};

export const PLAN_STATUS: Record<PlanStatus, { label: string; tone: Tone }> = {
  planned: { label: PLAN_STATUS_NAMES.planned, tone: 'blue' },
  done: { label: PLAN_STATUS_NAMES.done, tone: 'green' },
  cancelled: { label: PLAN_STATUS_NAMES.cancelled, tone: 'default' },
};

export const KIND_NAMES: Record<ChannelKind, string> = CHANNEL_KIND_NAMES;

export const options = <T extends string>(m: Record<T, { label: string } | string>) =>
  (Object.keys(m) as T[]).map((value) => ({ value, label: typeof m[value] === 'string' ? (m[value] as string) : (m[value] as { label: string }).label }));
