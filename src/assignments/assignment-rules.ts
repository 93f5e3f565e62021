import type { Scope } from '../access/duty.types';
import type { RoleCode } from '../access/roles';
import { AppError } from '../common/app-error';

/**
 * The rules of 交办事项 (assigned work, MKT-4.9 … KA-6.7) and 协作请求 (MKT-4.8, SAL-5.1) in one
 * place, free of the database: the server checks them, and the console bundles this file to show
 * only the actions the API would take. The API stays the authority.
 */

export const ASSIGNMENT_KINDS = ['assignment', 'request'] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];

export const ASSIGNMENT_STATUSES = ['assigned', 'in_progress', 'done', 'confirmed', 'cancelled'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const ASSIGNMENT_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type AssignmentPriority = (typeof ASSIGNMENT_PRIORITIES)[number];

/** The departments a 协作请求 may be addressed to (each has a 经理). */
export const REQUEST_DEPARTMENTS = ['market', 'sales', 'key_account'] as const;
export type RequestDepartment = (typeof REQUEST_DEPARTMENTS)[number];

export const STATUS_NAMES: Record<AssignmentStatus, string> = {
  assigned: '待开始',
  in_progress: '进行中',
  done: '已完成待确认',
  confirmed: '已确认',
  cancelled: '已取消',
};

export const PRIORITY_NAMES: Record<AssignmentPriority, string> = { low: '低', normal: '普通', high: '高', urgent: '紧急' };

/**
 * Who takes an action: the person the work is with now (`assignee`), or the person who handed it
 * out — for a 协作请求, the one who asked (`assigner`).
 */
export type ActionParty = 'assignee' | 'assigner';

export type AssignmentAction = 'start' | 'complete' | 'return' | 'confirm' | 'cancel' | 'delegate' | 'edit';

/**
 * The one table of assignment status changes. `edit` (PATCH title, description, due date,
 * priority) keeps the status; `delegate` (转派) hands the work on within the assignee's own reach,
 * and the new assignee starts it afresh.
 */
export const ASSIGNMENT_TRANSITIONS: Readonly<Record<AssignmentAction, { by: ActionParty; from: Partial<Record<AssignmentStatus, AssignmentStatus>> }>> = {
  start: { by: 'assignee', from: { assigned: 'in_progress' } },
  complete: { by: 'assignee', from: { in_progress: 'done' } },
  delegate: { by: 'assignee', from: { assigned: 'assigned', in_progress: 'assigned' } },
  return: { by: 'assigner', from: { done: 'in_progress' } },
  confirm: { by: 'assigner', from: { done: 'confirmed' } },
  cancel: { by: 'assigner', from: { assigned: 'cancelled', in_progress: 'cancelled' } },
  edit: { by: 'assigner', from: { assigned: 'assigned', in_progress: 'in_progress' } },
};

export const ACTION_NAMES: Record<AssignmentAction | 'create' | 'request', string> = {
  create: '交办',
  request: '提出协作请求',
  start: '开始',
  complete: '完成',
  return: '退回',
  confirm: '确认完成',
  cancel: '取消',
  delegate: '转派',
  edit: '修改',
};

/** Whether `action` is allowed from `from` (the console asks this to show a button). */
export function allows(from: AssignmentStatus, action: AssignmentAction): boolean {
  return ASSIGNMENT_TRANSITIONS[action].from[from] !== undefined;
}

/** The status after `action`, or 409 ASSIGNMENT_INVALID_TRANSITION. */
export function assignmentTransition(from: AssignmentStatus, action: AssignmentAction): AssignmentStatus {
  const to = ASSIGNMENT_TRANSITIONS[action].from[from];
  if (!to) {
    throw new AppError(409, 'ASSIGNMENT_INVALID_TRANSITION', '交办事项状态不允许此操作', `交办事项当前为「${STATUS_NAMES[from]}」，不能${ACTION_NAMES[action]}`, {
      currentStatus: from,
      action,
    });
  }
  return to;
}

/** Open work: not yet done, so it can be overdue and is reminded of. */
export const OPEN_STATUSES: readonly AssignmentStatus[] = ['assigned', 'in_progress'];

export interface Person {
  id: string;
  role: RoleCode;
  department: string;
  supervisorId: string | null;
}

/**
 * Who holds a permission, in the version of the rules in force: the server passes policy.ts's
 * grantFor; the console a lookup over GET /duties/matrix (so a revision reaches its hints too).
 */
export type GrantOf = (role: RoleCode, permission: 'assignment.work' | 'assignment.assign') => { scope: Scope } | undefined;

/** Who can be handed work at all: a holder of assignment.work (not the 总经理, not admin). */
export function takesWork(role: RoleCode, grantOf: GrantOf): boolean {
  return grantOf(role, 'assignment.work') !== undefined;
}

/**
 * Whether `scope` (the assigner's grant of assignment.assign) reaches `who`: at `team` their
 * direct reports, at `department` anyone of their department, at `all` anyone. Never oneself.
 */
export function withinReach(scope: Scope | undefined, actor: Pick<Person, 'id' | 'department'>, who: Pick<Person, 'id' | 'department' | 'supervisorId'>): boolean {
  if (who.id === actor.id) return false;
  switch (scope) {
    case 'all':
      return true;
    case 'department':
      return who.department === actor.department;
    case 'team':
      return who.supervisorId === actor.id;
    default:
      return false;
  }
}

/** The reach in words, for a refusal and for the console's picker. */
export const REACH_WORDS: Record<Scope, string> = {
  own: '无权交办',
  team: '只能交办给自己的直接下属',
  department: '只能交办给本部门的人员',
  all: '可以交办给任何在职人员',
};
