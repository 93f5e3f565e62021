import type { Actor } from '../access/actor';
import { grantFor } from '../access/policy';
import { scopeCondition, type ScopeCondition } from '../access/scope';

type Who = Pick<Actor, 'id' | 'role' | 'department'>;

/** A session belongs to its organiser and the organiser's department. */
export const TRAINING_SCOPE_COLUMNS = { owner: 't.organiser_id', department: 't.department' };

/** Mine: a session I organised or was invited to. */
const MINE = `(t.organiser_id = :readerId OR EXISTS (SELECT 1 FROM training_attendees ta WHERE ta.training_id = t.id AND ta.user_id = :readerId))`;
/** My team's: a session one of my direct reports organised or was invited to. */
const TEAM = `(t.organiser_id IN (SELECT su.id FROM users su WHERE su.supervisor_id = :readerId)
  OR EXISTS (SELECT 1 FROM training_attendees tt JOIN users su ON su.id = tt.user_id WHERE tt.training_id = t.id AND su.supervisor_id = :readerId))`;

/**
 * training.read: own — the sessions I attended or organised; team — those and my direct reports';
 * department — the department's sessions (and my own); all — every session.
 */
export function trainingReadScope(actor: Who): ScopeCondition {
  const scope = grantFor(actor.role, 'training.read')?.scope;
  const params = { readerId: actor.id };
  switch (scope) {
    case 'all':
      return { scope, sql: 'TRUE', params: {} };
    case 'department':
      return { scope, sql: `(t.department = :readerDepartment OR ${MINE})`, params: { ...params, readerDepartment: actor.department } };
    case 'team':
      return { scope, sql: `(${MINE} OR ${TEAM})`, params };
    case 'own':
      return { scope, sql: MINE, params };
    default:
      return { scope: null, sql: 'FALSE', params: {} };
  }
}

/** training.manage: the sessions the caller's grant reaches by organiser (team: mine and my reports'; department: the department's). */
export function trainingManageScope(actor: Who): ScopeCondition {
  return scopeCondition(actor, 'training.manage', TRAINING_SCOPE_COLUMNS);
}
