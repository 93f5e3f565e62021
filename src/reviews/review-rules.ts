import { AppError } from '../common/app-error';
import { periodBounds, type PeriodBounds } from '../common/time';

export const REVIEW_PERIOD_TYPES = ['month', 'quarter', 'year'] as const;
export type ReviewPeriodType = (typeof REVIEW_PERIOD_TYPES)[number];

/** Where a criterion's measured figure comes from; `manual` has none (the reviewer judges). */
export const CRITERION_SOURCES = ['target_attainment', 'visits', 'collection_rate', 'complaint_sla', 'manual'] as const;
export type CriterionSource = (typeof CRITERION_SOURCES)[number];

export const SCHEME_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'superseded'] as const;
export type SchemeStatus = (typeof SCHEME_STATUSES)[number];
export const REVIEW_STATUSES = ['draft', 'submitted', 'confirmed', 'returned'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** `2026` (year), `2026-Q4` (quarter), `2026-12` (month). */
export const PERIOD_PATTERN = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

export interface Criterion {
  name: string;
  weight: number;
  source: CriterionSource;
}

// ── state machines: one table each, checked in one function ─────────────

export type SchemeAction = 'edit' | 'submit' | 'approve' | 'reject' | 'supersede';
export const SCHEME_TRANSITIONS: Record<SchemeAction, Partial<Record<SchemeStatus, SchemeStatus>>> = {
  edit: { draft: 'draft', rejected: 'rejected' },
  submit: { draft: 'submitted', rejected: 'submitted' },
  approve: { submitted: 'approved' },
  reject: { submitted: 'rejected' },
  supersede: { approved: 'superseded' },
};
const SCHEME_NAMES: Record<SchemeStatus, string> = { draft: '草稿', submitted: '待审批', approved: '已生效', rejected: '已驳回', superseded: '已被替代' };
const SCHEME_ACTIONS: Record<SchemeAction, string> = { edit: '修改', submit: '提交审批', approve: '批准', reject: '驳回', supersede: '替代' };

export function schemeTransition(from: SchemeStatus, action: SchemeAction): SchemeStatus {
  const to = SCHEME_TRANSITIONS[action][from];
  if (!to) {
    throw new AppError(409, 'REVIEW_SCHEME_INVALID_TRANSITION', '考核方案状态不允许此操作', `考核方案当前为「${SCHEME_NAMES[from]}」，不能${SCHEME_ACTIONS[action]}`, {
      currentStatus: from,
      action,
    });
  }
  return to;
}

export type ReviewAction = 'edit' | 'submit' | 'confirm' | 'return';
export const REVIEW_TRANSITIONS: Record<ReviewAction, Partial<Record<ReviewStatus, ReviewStatus>>> = {
  edit: { draft: 'draft', returned: 'returned' },
  submit: { draft: 'submitted', returned: 'submitted' },
  confirm: { submitted: 'confirmed' },
  return: { submitted: 'returned' },
};
const REVIEW_NAMES: Record<ReviewStatus, string> = { draft: '草稿', submitted: '待确认', confirmed: '已确认', returned: '已退回' };
const REVIEW_ACTIONS: Record<ReviewAction, string> = { edit: '修改评分', submit: '提交', confirm: '确认', return: '退回' };

export function reviewTransition(from: ReviewStatus, action: ReviewAction): ReviewStatus {
  const to = REVIEW_TRANSITIONS[action][from];
  if (!to) {
    throw new AppError(409, 'REVIEW_INVALID_TRANSITION', '考核状态不允许此操作', `考核当前为「${REVIEW_NAMES[from]}」，不能${REVIEW_ACTIONS[action]}`, {
      currentStatus: from,
      action,
    });
  }
  return to;
}

// ── criteria and scores ──────────────────────────────────────────────────

/** Weights are whole numbers that sum to exactly 100; criterion names are distinct. */
export function checkCriteria(criteria: Criterion[]): void {
  const sum = criteria.reduce((s, c) => s + c.weight, 0);
  if (sum !== 100) {
    throw new AppError(422, 'REVIEW_SCHEME_WEIGHTS', '权重之和必须为 100', `各项考核指标的权重之和为 ${sum}，必须正好为 100`, { weightSum: sum });
  }
  const seen = new Set<string>();
  for (const c of criteria) {
    if (seen.has(c.name)) throw new AppError(422, 'REVIEW_SCHEME_DUPLICATE_CRITERION', '考核指标重名', `考核指标「${c.name}」出现了不止一次`, { name: c.name });
    seen.add(c.name);
  }
}

/**
 * The weighted total: Σ score × weight ÷ 100, exact in hundredths (scores and weights are whole
 * numbers), as a two-decimal string; null while a criterion is unscored.
 */
export function weightedTotal(items: Array<{ weight: number; score: number | null }>): string | null {
  if (items.some((i) => i.score === null)) return null;
  const hundredths = items.reduce((s, i) => s + i.score! * i.weight, 0);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

// ── periods ──────────────────────────────────────────────────────────────

/** The type a period string is written in: `2026` year, `2026-Q4` quarter, `2026-12` month. */
export function periodTypeOf(period: string): ReviewPeriodType {
  if (/^\d{4}$/.test(period)) return 'year';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  return 'month';
}

/** The period's first day and first day after, and the same as instants in `tz` (BUSINESS_TZ). */
export function reviewPeriodBounds(period: string, tz: string): PeriodBounds {
  const type = periodTypeOf(period);
  const year = period.slice(0, 4);
  const firstDay =
    type === 'year' ? `${year}-01-01` : type === 'quarter' ? `${year}-${String((Number(period.slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01` : `${period}-01`;
  return periodBounds(type, firstDay, tz);
}

/** The last day of the period (the day before `until`). */
export function lastDayOf(b: Pick<PeriodBounds, 'until'>): string {
  return new Date(Date.parse(`${b.until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
