import type { RoleCode } from '../access/roles';
import { takesWork, withinReach, type GrantOf, type Person } from '../assignments/assignment-rules';
import { AppError } from '../common/app-error';

/**
 * The rules of 部门会议记录 (SAL-8.6) in one place, free of the database: the server checks them,
 * and the console bundles this file to offer only what the API would take.
 */

export const MEETING_KINDS = ['regular', 'topic', 'other'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const KIND_NAMES: Record<MeetingKind, string> = { regular: '例会', topic: '专题会', other: '其他会议' };

export const MEETING_STATUSES = ['draft', 'published'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const STATUS_NAMES: Record<MeetingStatus, string> = { draft: '草稿', published: '已发布' };

/** How much one set of minutes holds. */
export const MAX_ATTENDEES = 100;
export const MAX_DECISIONS = 50;
export const MAX_ACTION_ITEMS = 30;

export type MeetingAction = 'edit' | 'publish';
export const ACTION_NAMES: Record<MeetingAction, string> = { edit: '修改', publish: '发布' };

/** The one table of status changes: a draft is edited and published; published minutes are final. */
export const MEETING_TRANSITIONS: Readonly<Record<MeetingAction, Partial<Record<MeetingStatus, MeetingStatus>>>> = {
  edit: { draft: 'draft' },
  publish: { draft: 'published' },
};

export function allows(from: MeetingStatus, action: MeetingAction): boolean {
  return MEETING_TRANSITIONS[action][from] !== undefined;
}

/** The status after `action`, or 409 MEETING_INVALID_TRANSITION. */
export function meetingTransition(from: MeetingStatus, action: MeetingAction): MeetingStatus {
  const to = MEETING_TRANSITIONS[action][from];
  if (!to) {
    throw new AppError(409, 'MEETING_INVALID_TRANSITION', '会议纪要状态不允许此操作', `会议纪要当前为「${STATUS_NAMES[from]}」，不能${ACTION_NAMES[action]}`, {
      currentStatus: from,
      action,
    });
  }
  return to;
}

/** Who chairs a department's meeting: its 经理 or one of its 主管 (the 助理 only records). */
export function mayChair(role: RoleCode, department: string): boolean {
  return role === `${department}.manager` || role === `${department}.supervisor`;
}

/**
 * Whether the chair may hand an action item to `who` — the chair's own reach of assignment.assign
 * (a 主管: direct reports; a 经理: the department), as when the chair assigns work in person.
 */
export function chairReaches(chair: Pick<Person, 'id' | 'role' | 'department'>, who: Person, grantOf: GrantOf): boolean {
  return takesWork(who.role, grantOf) && withinReach(grantOf(chair.role, 'assignment.assign')?.scope, chair, who);
}
