import { AppError } from '../common/app-error';
import {
  ATTRIBUTABLE_CAMPAIGN_STATUSES,
  CAMPAIGN_STATUSES,
  campaignAllows,
  campaignTransition,
  CHANNEL_STATUSES,
  channelTransition,
  periodInOrder,
  PLAN_STATUSES,
  planTransition,
  type CampaignAction,
  type CampaignStatus,
} from './campaign-rules';

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return `${e.status} ${e.code} ${String(e.extra.currentStatus)}`;
    throw e;
  }
  return 'allowed';
};

describe('campaign rules', () => {
  /** The whole table, written out: [from, action] → to, or refused. */
  const EXPECTED: Record<CampaignAction, Partial<Record<CampaignStatus, CampaignStatus>>> = {
    edit: { planned: 'planned', running: 'running' },
    start: { planned: 'running' },
    finish: { running: 'finished' },
    cancel: { planned: 'cancelled', running: 'cancelled' },
  };
  const cases = (Object.keys(EXPECTED) as CampaignAction[]).flatMap((action) => CAMPAIGN_STATUSES.map((from) => [from, action] as const));

  it.each(cases)('a campaign %s: %s', (from, action) => {
    const to = EXPECTED[action][from];
    expect(campaignAllows(from, action)).toBe(to !== undefined);
    if (to) expect(campaignTransition(from, action)).toBe(to);
    else expect(refusal(() => campaignTransition(from, action))).toBe(`409 CAMPAIGN_INVALID_TRANSITION ${from}`);
  });

  it('cancels only before the finish; a finished or cancelled campaign takes no prospects', () => {
    expect(refusal(() => campaignTransition('finished', 'cancel'))).toBe('409 CAMPAIGN_INVALID_TRANSITION finished');
    expect(ATTRIBUTABLE_CAMPAIGN_STATUSES).toEqual(['planned', 'running']);
  });

  it('says what was refused, in Chinese', () => {
    try {
      campaignTransition('finished', 'edit');
    } catch (e) {
      expect((e as AppError).detail).toBe('推广活动当前为「已结束」，不能修改');
    }
  });

  it('a channel is stopped and started again; a plan is completed or cancelled while planned, and edited only then', () => {
    expect(CHANNEL_STATUSES.map((s) => refusal(() => channelTransition(s, 'deactivate')))).toEqual(['allowed', '409 CHANNEL_INVALID_TRANSITION inactive']);
    expect(CHANNEL_STATUSES.map((s) => refusal(() => channelTransition(s, 'activate')))).toEqual(['409 CHANNEL_INVALID_TRANSITION active', 'allowed']);
    for (const action of ['edit', 'complete', 'cancel'] as const) {
      expect(PLAN_STATUSES.map((s) => refusal(() => planTransition(s, action)))).toEqual([
        'allowed',
        '409 CHANNEL_PLAN_INVALID_TRANSITION done',
        '409 CHANNEL_PLAN_INVALID_TRANSITION cancelled',
      ]);
    }
    expect(planTransition('planned', 'complete')).toBe('done');
  });

  it('a period ends on or after its first day', () => {
    expect(periodInOrder('2026-11-01', '2026-11-01')).toBe(true);
    expect(periodInOrder('2026-11-01', '2026-10-31')).toBe(false);
    expect(periodInOrder('2026-09-30', '2026-10-01')).toBe(true);
  });
});
