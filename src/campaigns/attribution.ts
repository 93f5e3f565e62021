import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { positionalScope, scopeCondition } from '../access/scope';
import { ATTRIBUTABLE_CAMPAIGN_STATUSES, CAMPAIGN_STATUS_NAMES, type CampaignStatus, type ChannelStatus } from './campaign-rules';
import { CampaignsErrors } from './campaigns.errors';

export const CHANNEL_SCOPE_COLUMNS = { owner: 'ch.owner_id', department: 'ch.department' };
export const CAMPAIGN_SCOPE_COLUMNS = { owner: 'c.owner_id', department: 'c.department' };

export interface Attribution {
  campaignId: string | null;
  channelId: string | null;
}

/**
 * 登记来源: the campaign and channel a prospect is registered through (POST /prospects). The
 * registrant must be able to read them (campaign.read / channel.read, else 422); a campaign must be
 * planned or running, a channel in use. A campaign run through a channel attributes the prospect to
 * that channel as well when no channel is given. Both rows are share-locked until the registration
 * commits, so a campaign cannot be finished, nor a channel stopped, half-way through it.
 */
export async function resolveAttribution(m: EntityManager, actor: Actor, input: { campaignId?: string | null; channelId?: string | null }): Promise<Attribution> {
  let campaignId: string | null = null;
  let implied: string | null = null;
  if (input.campaignId) {
    const params: unknown[] = [input.campaignId];
    const scope = positionalScope(scopeCondition(actor, 'campaign.read', CAMPAIGN_SCOPE_COLUMNS), params);
    const [c]: { id: string; status: CampaignStatus; channel_id: string | null }[] = await m.query(
      `SELECT c.id, c.status, c.channel_id FROM campaigns c WHERE c.id = $1 AND ${scope} FOR SHARE OF c`,
      params,
    );
    if (!c) throw CampaignsErrors.attributionCampaign();
    if (!ATTRIBUTABLE_CAMPAIGN_STATUSES.includes(c.status)) throw CampaignsErrors.attributionCampaignClosed(CAMPAIGN_STATUS_NAMES[c.status]);
    campaignId = c.id;
    implied = c.channel_id;
  }
  if (!input.channelId) return { campaignId, channelId: implied };
  const params: unknown[] = [input.channelId];
  const scope = positionalScope(scopeCondition(actor, 'channel.read', CHANNEL_SCOPE_COLUMNS), params);
  const [ch]: { id: string; status: ChannelStatus }[] = await m.query(`SELECT ch.id, ch.status FROM channels ch WHERE ch.id = $1 AND ${scope} FOR SHARE OF ch`, params);
  if (!ch) throw CampaignsErrors.attributionChannel();
  if (ch.status !== 'active') throw CampaignsErrors.attributionChannelInactive();
  return { campaignId, channelId: ch.id };
}
