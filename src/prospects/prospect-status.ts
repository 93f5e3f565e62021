import { AppError } from '../common/app-error';

export const PROSPECT_STATUSES = ['new', 'contacting', 'qualified', 'converted', 'disqualified'] as const;
export type ProspectStatus = (typeof PROSPECT_STATUSES)[number];

export const PROSPECT_STATUS_NAMES: Record<ProspectStatus, string> = {
  new: '新登记',
  contacting: '接洽中',
  qualified: '已评估合格',
  converted: '已转为客户',
  disqualified: '已淘汰',
};

/**
 * The one table of allowed status changes: a first visit moves `new` to `contacting`; an
 * evaluation (评估、验资) passes (`qualified`) or fails (`disqualified`); only a `qualified`
 * prospect is chosen as a partner (选择合作对象) and `converted` into a customer.
 */
export const PROSPECT_TRANSITIONS: Record<ProspectStatus, readonly ProspectStatus[]> = {
  new: ['contacting', 'qualified', 'disqualified'],
  contacting: ['qualified', 'disqualified'],
  qualified: ['converted', 'disqualified'],
  converted: [],
  disqualified: [],
};

export function canTransition(from: ProspectStatus, to: ProspectStatus): boolean {
  return PROSPECT_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: ProspectStatus, to: ProspectStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError(
      409,
      'PROSPECT_INVALID_TRANSITION',
      '状态不允许此操作',
      `潜在客户当前状态为「${PROSPECT_STATUS_NAMES[from]}」，不能变为「${PROSPECT_STATUS_NAMES[to]}」`,
      { from, to },
    );
  }
}

export const EVALUATION_CONCLUSIONS = ['pass', 'fail', 'pending'] as const;
export type EvaluationConclusion = (typeof EVALUATION_CONCLUSIONS)[number];

/** Status after an evaluation; `pending` records the evaluation and changes nothing. */
export function statusAfterEvaluation(current: ProspectStatus, conclusion: EvaluationConclusion): ProspectStatus {
  if (current === 'converted' || current === 'disqualified') {
    throw new AppError(409, 'PROSPECT_INVALID_TRANSITION', '状态不允许此操作', `「${PROSPECT_STATUS_NAMES[current]}」的潜在客户不能再评估`, {
      from: current,
    });
  }
  if (conclusion === 'pending') return current;
  const to: ProspectStatus = conclusion === 'pass' ? 'qualified' : 'disqualified';
  if (to === current) return current;
  assertTransition(current, to);
  return to;
}
