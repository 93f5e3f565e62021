import { AppError } from '../common/app-error';

/**
 * The rules of 渠道 (MKT-5.4, KA-6.2), 渠道维护方案 and 推广活动 (MKT-5.5, KA-5.3) in one place, free of
 * the database: the states and the one table of their changes. The server checks them; the console bundles this file to show only the actions the
 * API would take and to name things the same way. The API stays the authority.
 */

export const CHANNEL_KINDS = ['agent', 'distributor', 'exhibition', 'online', 'referral', 'other'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const CHANNEL_KIND_NAMES: Record<ChannelKind, string> = {
  agent: '代理商',
  distributor: '经销商',
  exhibition: '展会',
  online: '网络',
  referral: '转介绍',
  other: '其他',
};

export const CHANNEL_STATUSES = ['active', 'inactive'] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];
export const CHANNEL_STATUS_NAMES: Record<ChannelStatus, string> = { active: '启用', inactive: '停用' };

export const PLAN_STATUSES = ['planned', 'done', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_NAMES: Record<PlanStatus, string> = { planned: '计划中', done: '已完成', cancelled: '已取消' };

export const CAMPAIGN_STATUSES = ['planned', 'running', 'finished', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CAMPAIGN_STATUS_NAMES: Record<CampaignStatus, string> = { planned: '筹备中', running: '进行中', finished: '已结束', cancelled: '已取消' };

export type ChannelAction = 'deactivate' | 'activate';
export type PlanAction = 'edit' | 'complete' | 'cancel';
export type CampaignAction = 'edit' | 'start' | 'finish' | 'cancel';

const ACTION_NAMES: Record<ChannelAction | PlanAction | CampaignAction, string> = {
  deactivate: '停用',
  activate: '启用',
  edit: '修改',
  complete: '完成',
  start: '开始',
  finish: '结束',
  cancel: '取消',
};

/** The one table of status changes of each kind of record; `edit` keeps the status. */
export const CHANNEL_TRANSITIONS: Readonly<Record<ChannelAction, Partial<Record<ChannelStatus, ChannelStatus>>>> = {
  deactivate: { active: 'inactive' },
  activate: { inactive: 'active' },
};
export const PLAN_TRANSITIONS: Readonly<Record<PlanAction, Partial<Record<PlanStatus, PlanStatus>>>> = {
  edit: { planned: 'planned' },
  complete: { planned: 'done' },
  cancel: { planned: 'cancelled' },
};
/** planned → running → finished; cancelled only before it is finished; edits while not closed. */
export const CAMPAIGN_TRANSITIONS: Readonly<Record<CampaignAction, Partial<Record<CampaignStatus, CampaignStatus>>>> = {
  edit: { planned: 'planned', running: 'running' },
  start: { planned: 'running' },
  finish: { running: 'finished' },
  cancel: { planned: 'cancelled', running: 'cancelled' },
};

/** Statuses in which a campaign takes new prospects (登记时可归属). */
export const ATTRIBUTABLE_CAMPAIGN_STATUSES: readonly CampaignStatus[] = ['planned', 'running'];

function transition<S extends string, A extends ChannelAction | PlanAction | CampaignAction>(
  table: Readonly<Record<A, Partial<Record<S, S>>>>,
  names: Record<S, string>,
  code: string,
  what: string,
  from: S,
  action: A,
): S {
  const to = table[action][from];
  if (!to) throw new AppError(409, code, `${what}状态不允许此操作`, `${what}当前为「${names[from]}」，不能${ACTION_NAMES[action]}`, { currentStatus: from, action });
  return to;
}

/** The status after `action`, or 409 CHANNEL_INVALID_TRANSITION. */
export const channelTransition = (from: ChannelStatus, action: ChannelAction) =>
  transition(CHANNEL_TRANSITIONS, CHANNEL_STATUS_NAMES, 'CHANNEL_INVALID_TRANSITION', '渠道', from, action);
/** The status after `action`, or 409 CHANNEL_PLAN_INVALID_TRANSITION. */
export const planTransition = (from: PlanStatus, action: PlanAction) =>
  transition(PLAN_TRANSITIONS, PLAN_STATUS_NAMES, 'CHANNEL_PLAN_INVALID_TRANSITION', '渠道维护方案', from, action);
/** The status after `action`, or 409 CAMPAIGN_INVALID_TRANSITION. */
export const campaignTransition = (from: CampaignStatus, action: CampaignAction) =>
  transition(CAMPAIGN_TRANSITIONS, CAMPAIGN_STATUS_NAMES, 'CAMPAIGN_INVALID_TRANSITION', '推广活动', from, action);

/** Whether `action` is allowed from `from` (the console asks this to show a button). */
export const campaignAllows = (from: CampaignStatus, action: CampaignAction) => CAMPAIGN_TRANSITIONS[action][from] !== undefined;
export const planAllows = (from: PlanStatus, action: PlanAction) => PLAN_TRANSITIONS[action][from] !== undefined;
export const channelAllows = (from: ChannelStatus, action: ChannelAction) => CHANNEL_TRANSITIONS[action][from] !== undefined;

/** A period's last day may not come before its first. */
export const periodInOrder = (from: string, to: string) => to >= from;
