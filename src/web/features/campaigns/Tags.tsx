import { ReadableTag } from '../../components/ReadableTag';
import type { Campaign, Channel, Plan } from './api';
import { CAMPAIGN_STATUS, CHANNEL_STATUS, PLAN_STATUS } from './vocab';

export const CampaignStatusTag = ({ c }: { c: Pick<Campaign, 'status'> }) => (
  <ReadableTag tone={CAMPAIGN_STATUS[c.status].tone} data-testid="campaign-status">
    {CAMPAIGN_STATUS[c.status].label}
  </ReadableTag>
);

export const ChannelStatusTag = ({ c }: { c: Pick<Channel, 'status'> }) => <ReadableTag tone={CHANNEL_STATUS[c.status].tone}>{CHANNEL_STATUS[c.status].label}</ReadableTag>;

export const PlanStatusTag = ({ p }: { p: Pick<Plan, 'status'> }) => <ReadableTag tone={PLAN_STATUS[p.status].tone}>{PLAN_STATUS[p.status].label}</ReadableTag>;
