import type { RoleCode } from '../../../access/roles';
import { allows, ASSIGNMENT_TRANSITIONS, takesWork, withinReach, type AssignmentAction, type GrantOf } from '../../../assignments/assignment-rules';
import type { Grant, Me } from '../../lib/session';
import type { Assignment, DirectoryEntry } from './api';

/**
 * Whom the caller may hand work to (新建交办, 转派): active staff who take assigned work (in the
 * version of the rules in force: `grantOf`), within the caller's reach of assignment.assign — the
 * same rule the API applies (assignment-rules.ts). Empty until the matrix has loaded.
 */
export function assigneeCandidates(users: DirectoryEntry[], grant: Grant | undefined, me: Me['user'], grantOf: GrantOf | undefined, exclude: string[] = []): DirectoryEntry[] {
  if (!grant || !grantOf) return [];
  const scope = grant.scope as Parameters<typeof withinReach>[0];
  return users.filter((u) => !exclude.includes(u.id) && takesWork(u.role as RoleCode, grantOf) && withinReach(scope, me, u));
}

/** "吴昊 · 销售业务员": how a person reads in a picker. */
export const personLabel = (u: Pick<DirectoryEntry, 'displayName' | 'roleName'>) => `${u.displayName} · ${u.roleName}`;

/**
 * The steps the caller may take on this assignment now: by the state (the server's table), by
 * party (the assignee's steps for the assignee, the assigner's for the assigner) and by permission.
 */
export function stepsFor(a: Pick<Assignment, 'status' | 'assigneeId' | 'assignerId'>, meId: string, can: (p: string) => boolean): Record<AssignmentAction, boolean> {
  const party = (action: AssignmentAction) => (ASSIGNMENT_TRANSITIONS[action].by === 'assignee' ? a.assigneeId === meId : a.assignerId === meId);
  const permission: Record<AssignmentAction, string> = {
    start: 'assignment.work',
    complete: 'assignment.work',
    delegate: 'assignment.assign',
    return: 'assignment.assign',
    confirm: 'assignment.assign',
    cancel: 'assignment.assign',
    edit: 'assignment.assign',
  };
  const out = {} as Record<AssignmentAction, boolean>;
  for (const action of Object.keys(permission) as AssignmentAction[]) out[action] = allows(a.status, action) && party(action) && can(permission[action]);
  return out;
}
