import type { Actor } from '../access/actor';
import { grantFor } from '../access/policy';
import { scopeCondition, ScopeColumns, ScopeCondition } from '../access/scope';

export const COMPLAINT_SCOPE_COLUMNS = { owner: 'p.owner_id', department: 'p.department' };

/**
 * complaint.read: the role's scope, and for every reporter their own complaints too — a 销售助理
 * (department scope) still sees a key-account complaint they took down (SPEC §4: reporters: own).
 */
export function complaintReadScope(actor: Pick<Actor, 'id' | 'role' | 'department'>, cols: ScopeColumns = COMPLAINT_SCOPE_COLUMNS): ScopeCondition {
  const scope = scopeCondition(actor, 'complaint.read', cols);
  if (!grantFor(actor.role, 'complaint.create') || scope.scope === 'all' || scope.scope === 'own') return scope;
  return { scope: scope.scope, sql: `(${scope.sql} OR ${cols.owner} = :reporterId)`, params: { ...scope.params, reporterId: actor.id } };
}
