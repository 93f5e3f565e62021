import type { Actor } from '../access/actor';
import { grantFor } from '../access/policy';
import type { Permission } from '../access/duty.types';
import { scopeCondition, type ScopeCondition } from '../access/scope';

type Who = Pick<Actor, 'id' | 'role' | 'department'>;

/** A review belongs to its reviewee (owner) and the reviewee's department. */
export const REVIEW_SCOPE_COLUMNS = { owner: 'r.owner_id', department: 'r.department' };
/** A scheme belongs to its department; its drafter is the owner column. */
export const SCHEME_SCOPE_COLUMNS = { owner: 's.owner_id', department: 's.department' };

/**
 * Schemes are a department's rules, so a reader's scope reaches its whole department's schemes
 * (a 主管 reading at team scope reads the scheme the team is reviewed by). A draft is the drafting
 * department's own until it is submitted; below the 经理 (who drafts them) a reader sees only the
 * schemes that are or were in force.
 */
export function schemeScope(actor: Who, permission: Permission): ScopeCondition {
  const grant = grantFor(actor.role, permission);
  if (!grant) return { scope: null, sql: 'FALSE', params: {} };
  if (permission !== 'review.read') return scopeCondition(actor, permission, SCHEME_SCOPE_COLUMNS);
  if (grant.scope === 'all') return { scope: 'all', sql: `s.status <> 'draft'`, params: {} };
  const drafts = grantFor(actor.role, 'review.scheme') ? 'TRUE' : `s.status IN ('approved', 'superseded')`;
  return { scope: 'department', sql: `(s.department = :scopeDepartment AND ${drafts})`, params: { scopeDepartment: actor.department } };
}

/**
 * review.read: the role's scope over reviewees, and the reviews the caller wrote; never one's own
 * review before the reviewer submits it (the reviewee sees it from submission on).
 */
export function reviewReadScope(actor: Who): ScopeCondition {
  const scope = scopeCondition(actor, 'review.read', REVIEW_SCOPE_COLUMNS);
  if (scope.scope === null) return scope;
  return {
    scope: scope.scope,
    sql: `((${scope.sql}) OR r.reviewer_id = :readerId) AND NOT (r.owner_id = :readerId AND r.status IN ('draft', 'returned'))`,
    params: { ...scope.params, readerId: actor.id },
  };
}

/** The scope a review is acted on in: the role's scope of `permission` over reviewees. */
export function reviewScope(actor: Who, permission: Permission): ScopeCondition {
  return permission === 'review.read' ? reviewReadScope(actor) : scopeCondition(actor, permission, REVIEW_SCOPE_COLUMNS);
}
