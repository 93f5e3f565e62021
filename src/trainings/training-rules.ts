import type { Scope } from '../access/duty.types';
import type { RoleCode } from '../access/roles';
import { withinReach, type Person } from '../assignments/assignment-rules';
import { AppError } from '../common/app-error';

/**
 * The rules of 培训 (MKT-4.4, MKT-5.7, SAL-5.5, KA-4.7) in one place, free of the database: the
 * states, who may be invited, and the figures of the evaluation of effect (检查培训效果) — computed
 * from the attendance and scores, never typed in. The console bundles this file too.
 */

export const TRAINING_KINDS = ['onboarding', 'business'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const KIND_NAMES: Record<TrainingKind, string> = { onboarding: '入职培训', business: '业务培训' };

export const TRAINING_STATUSES = ['planned', 'held', 'evaluated', 'cancelled'] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];
export const STATUS_NAMES: Record<TrainingStatus, string> = { planned: '计划中', held: '已举办', evaluated: '已评估', cancelled: '已取消' };

export const MAX_ATTENDEES = 200;
export const MAX_LINKS = 20;
/** A score at or above this passes (及格). */
export const PASS_SCORE = 60;

export type TrainingAction = 'edit' | 'hold' | 'evaluate' | 'cancel';
export const ACTION_NAMES: Record<TrainingAction, string> = { edit: '修改', hold: '记录培训情况', evaluate: '评估效果', cancel: '取消' };

/**
 * The one table of status changes. `hold` records attendance and scores after the session (and
 * may correct them until the evaluation); `evaluate` closes the session with the assessment.
 */
export const TRAINING_TRANSITIONS: Readonly<Record<TrainingAction, Partial<Record<TrainingStatus, TrainingStatus>>>> = {
  edit: { planned: 'planned' },
  hold: { planned: 'held', held: 'held' },
  evaluate: { held: 'evaluated' },
  cancel: { planned: 'cancelled' },
};

export function allows(from: TrainingStatus, action: TrainingAction): boolean {
  return TRAINING_TRANSITIONS[action][from] !== undefined;
}

/** The status after `action`, or 409 TRAINING_INVALID_TRANSITION. */
export function trainingTransition(from: TrainingStatus, action: TrainingAction): TrainingStatus {
  const to = TRAINING_TRANSITIONS[action][from];
  if (!to) {
    throw new AppError(409, 'TRAINING_INVALID_TRANSITION', '培训状态不允许此操作', `培训当前为「${STATUS_NAMES[from]}」，不能${ACTION_NAMES[action]}`, { currentStatus: from, action });
  }
  return to;
}

/**
 * Whom an organiser may invite: within the reach of their training.manage (team: direct reports;
 * department: the department's staff), never oneself, and only people of a business department.
 */
export function mayInvite(scope: Scope | undefined, organiser: Pick<Person, 'id' | 'department'>, who: Pick<Person, 'id' | 'department' | 'supervisorId'> & { role: RoleCode }): boolean {
  if (who.role === 'gm' || who.role === 'admin') return false;
  return withinReach(scope === 'all' ? 'department' : scope, organiser, who);
}

/** The reach in words, for a refusal and for the console's picker. */
export const INVITE_WORDS: Record<Scope, string> = {
  own: '无权组织培训',
  team: '只能邀请自己的直接下属参加',
  department: '只能邀请本部门的人员参加',
  all: '只能邀请本部门的人员参加',
};

export interface AttendanceRow {
  attended: boolean | null;
  score: number | null;
}

export interface TrainingFigures {
  invited: number;
  attended: number;
  scored: number;
  passed: number;
  /** attended ÷ invited, four decimals ("0.7500"); null with nobody invited. */
  attendanceRate: string | null;
  /** Mean score of those who attended and were scored, two decimals ("78.50"); null when nobody was scored. */
  averageScore: string | null;
  /** passed (score ≥ PASS_SCORE) ÷ scored, four decimals; null when nobody was scored. */
  passRate: string | null;
}

/** n ÷ d rounded half up to `places` decimals, in integers (no float drift), as a string. */
export function ratio(n: number, d: number, places: number): string | null {
  if (d === 0) return null;
  const scale = 10 ** places;
  const units = Math.floor((2 * n * scale + d) / (2 * d));
  const whole = Math.floor(units / scale);
  return places ? `${whole}.${String(units % scale).padStart(places, '0')}` : String(whole);
}

/**
 * 培训效果: attendance rate over everyone invited; average score and pass rate over those who
 * attended and were given a score (an attendee without a score is not counted as failed).
 */
export function trainingFigures(rows: readonly AttendanceRow[]): TrainingFigures {
  const attended = rows.filter((r) => r.attended === true);
  const scores = attended.flatMap((r) => (r.score === null ? [] : [r.score]));
  const passed = scores.filter((s) => s >= PASS_SCORE).length;
  const sum = scores.reduce((a, b) => a + b, 0);
  return {
    invited: rows.length,
    attended: attended.length,
    scored: scores.length,
    passed,
    attendanceRate: ratio(attended.length, rows.length, 4),
    averageScore: ratio(sum, scores.length, 2),
    passRate: ratio(passed, scores.length, 4),
  };
}
