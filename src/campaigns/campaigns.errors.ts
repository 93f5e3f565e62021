import { AppError } from '../common/app-error';

const fieldError = (status: number, code: string, title: string, field: string, detail: string) => new AppError(status, code, title, detail, { errors: [{ field, message: detail }] });

/**
 * The refusals of 渠道 and 推广活动. Codes (stable):
 * - 400 VALIDATION_FAILED — a period whose last day comes before its first (endDate, periodTo);
 * - 409 CHANNEL_NAME_TAKEN — the department already has a channel of that name;
 * - 409 CHANNEL_INACTIVE — a maintenance plan for a channel that is not in use;
 * - 409 CHANNEL_INVALID_TRANSITION, CHANNEL_PLAN_INVALID_TRANSITION, CAMPAIGN_INVALID_TRANSITION
 *   (campaign-rules.ts), 409 STALE_VERSION;
 * - 422 CAMPAIGN_CHANNEL_UNAVAILABLE — a campaign's channel that the planner cannot read, or that is not in use;
 * - 422 ATTRIBUTION_CAMPAIGN_UNAVAILABLE / ATTRIBUTION_CAMPAIGN_CLOSED / ATTRIBUTION_CHANNEL_UNAVAILABLE /
 *   ATTRIBUTION_CHANNEL_INACTIVE — a prospect registered with a campaign or channel the registrant
 *   cannot read, a campaign already finished or cancelled, a channel not in use.
 */
export const CampaignsErrors = {
  periodOrder: (field: string, detail: string) => fieldError(400, 'VALIDATION_FAILED', '请求参数无效', field, detail),
  channelNameTaken: (name: string) => fieldError(409, 'CHANNEL_NAME_TAKEN', '渠道名称重复', 'name', `本部门已有名为「${name}」的渠道`),
  channelInactive: () => new AppError(409, 'CHANNEL_INACTIVE', '渠道已停用', '该渠道已停用，不能再编制维护方案；请先启用渠道'),
  campaignChannel: (detail: string) => fieldError(422, 'CAMPAIGN_CHANNEL_UNAVAILABLE', '渠道不可用', 'channelId', detail),
  attributionCampaign: () =>
    fieldError(422, 'ATTRIBUTION_CAMPAIGN_UNAVAILABLE', '推广活动不可用', 'campaignId', '推广活动不存在，或不在您的查阅范围内（campaign.read），不能作为潜在客户的来源'),
  attributionCampaignClosed: (statusName: string) =>
    fieldError(422, 'ATTRIBUTION_CAMPAIGN_CLOSED', '推广活动已结束', 'campaignId', `推广活动${statusName}，只有筹备中或进行中的活动可以登记潜在客户`),
  attributionChannel: () =>
    fieldError(422, 'ATTRIBUTION_CHANNEL_UNAVAILABLE', '渠道不可用', 'channelId', '渠道不存在，或不在您的查阅范围内（channel.read），不能作为潜在客户的来源'),
  attributionChannelInactive: () => fieldError(422, 'ATTRIBUTION_CHANNEL_INACTIVE', '渠道已停用', 'channelId', '渠道已停用，不能再作为潜在客户的来源'),
};
