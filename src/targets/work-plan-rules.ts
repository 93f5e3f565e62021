import { AppError } from '../common/app-error';

export const WORK_PLAN_STATUSES = ['draft', 'active', 'closed'] as const;
export type WorkPlanStatus = (typeof WORK_PLAN_STATUSES)[number];

export const WORK_PLAN_STATUS_NAMES: Record<WorkPlanStatus, string> = { draft: '草稿', active: '执行中', closed: '已关闭' };

/**
 * The one table of work-plan status changes: a draft is put into effect (下达/执行) or dropped; a
 * plan in effect is closed at the end of its period. A closed plan is kept as it was.
 */
export const WORK_PLAN_TRANSITIONS: Record<WorkPlanStatus, readonly WorkPlanStatus[]> = {
  draft: ['active', 'closed'],
  active: ['closed'],
  closed: [],
};

/** Checks a change of status (the same status is no change); an illegal one is 409. */
export function workPlanTransition(from: WorkPlanStatus, to: WorkPlanStatus): WorkPlanStatus {
  if (from === to) return to;
  if (!WORK_PLAN_TRANSITIONS[from].includes(to)) {
    throw new AppError(409, 'WORK_PLAN_INVALID_TRANSITION', '工作计划状态不允许此操作', `工作计划当前为「${WORK_PLAN_STATUS_NAMES[from]}」，不能改为「${WORK_PLAN_STATUS_NAMES[to]}」`, {
      currentStatus: from,
      requestedStatus: to,
    });
  }
  return to;
}

/** A closed plan is read-only. */
export function assertEditable(status: WorkPlanStatus): void {
  if (status === 'closed') throw new AppError(409, 'WORK_PLAN_CLOSED', '工作计划已关闭', '已关闭的工作计划不能再修改');
}
