import type { Actor } from './actor';
import { policyFor } from './policy';
import type { Permission, Scope } from './duty.types';

/** SQL expressions of a resource's ownership columns, e.g. `{ owner: 'p.owner_id', department: 'p.department' }`. */
export interface ScopeColumns {
  owner: string;
  department: string;
}

export interface ScopeCondition {
  scope: Scope | null;
  /** A boolean SQL expression with named parameters (`:scopeActorId`, `:scopeDepartment`). */
  sql: string;
  params: Record<string, string>;
}

/**
 * The one scope rule (SPEC §3–§4): turns (caller, permission) into a WHERE condition over the
 * resource's owner and department columns. Lists, single reads, aggregates and exports all use
 * it. A caller without the grant gets `FALSE`: access fails closed.
 */
export function scopeCondition(actor: Pick<Actor, 'id' | 'role' | 'department' | 'policyVersion' | 'policy'>, permission: Permission, cols: ScopeColumns): ScopeCondition {
  return scopeConditionAt(policyFor(actor).grantFor(actor.role, permission)?.scope ?? null, actor, cols);
}

/** The condition of a given scope (null: no grant) — what a scope would let `actor` see, e.g. in a revision's impact. */
export function scopeConditionAt(scope: Scope | null, actor: Pick<Actor, 'id' | 'department'>, cols: ScopeColumns): ScopeCondition {
  switch (scope) {
    case 'all':
      return { scope: 'all', sql: 'TRUE', params: {} };
    case 'department':
      return { scope: 'department', sql: `${cols.department} = :scopeDepartment`, params: { scopeDepartment: actor.department } };
    case 'team':
      return {
        scope: 'team',
        sql: `(${cols.owner} = :scopeActorId OR ${cols.owner} IN (SELECT su.id FROM users su WHERE su.supervisor_id = :scopeActorId))`,
        params: { scopeActorId: actor.id },
      };
    case 'own':
      return { scope: 'own', sql: `${cols.owner} = :scopeActorId`, params: { scopeActorId: actor.id } };
    case null:
    default:
      return { scope: null, sql: 'FALSE', params: {} };
  }
}

/**
 * The condition for raw SQL with positional parameters: its named parameters are appended to
 * `params` and replaced by `$n`.
 */
export function positionalScope(scope: Pick<ScopeCondition, 'sql' | 'params'>, params: unknown[]): string {
  return scope.sql.replace(/:(\w+)/g, (_, name: string) => `$${params.push(scope.params[name])}`);
}
