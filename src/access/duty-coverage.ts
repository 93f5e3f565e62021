import type { DutyClause, Permission, PermissionEntry } from './duty.types';
import type { DeclaredRoute } from './route-table';

/** How one clause is served: by the permissions citing it that some route demands, or not, and why. */
export type ClauseCoverage = { servedBy: { permission: Permission; routes: string[] }[] } | { servedBy: []; notServed: string };

export interface DutyCoverage {
  byClause: Map<string, ClauseCoverage>;
  /** The numbered clauses (款), and how many of them are served. */
  numbered: number;
  numberedServed: number;
  /** Permissions of the matrix that no route demands (they serve nothing). */
  unrouted: Permission[];
  /** Problems that make the catalogue, the matrix, the routes and the reasons disagree. */
  problems: string[];
}

/**
 * Derives, for every clause, the permissions whose grants cite it and the routes that demand those
 * permissions: a clause is served when at least one such route exists. Clauses not served take
 * their reason from `reasons`. Reports as problems: a grant citing a clause that does not exist, a
 * clause neither served nor given a reason, and a reason kept for a clause that is served.
 */
export function dutyCoverage(
  clauses: readonly DutyClause[],
  matrix: readonly PermissionEntry[],
  routes: readonly DeclaredRoute[],
  reasons: Readonly<Record<string, string>>,
): DutyCoverage {
  const problems: string[] = [];
  const known = new Set(clauses.map((c) => c.id));
  const routesBy = new Map<Permission, string[]>();
  for (const r of routes) {
    for (const p of [...(r.permission ? [r.permission] : []), ...(r.alsoChecks ?? [])]) routesBy.set(p, [...(routesBy.get(p) ?? []), `${r.method} ${r.path}`]);
  }
  const citing = new Map<string, Permission[]>();
  const unrouted: Permission[] = [];
  for (const entry of matrix) {
    if (!routesBy.get(entry.permission)?.length) unrouted.push(entry.permission);
    for (const g of entry.grants) {
      for (const id of g.clauses) {
        if (!known.has(id)) problems.push(`权限 ${entry.permission} 授予 ${g.role} 时引用了不存在的条款 ${id}`);
        const list = citing.get(id) ?? [];
        if (!list.includes(entry.permission)) citing.set(id, [...list, entry.permission]);
      }
    }
  }
  const byClause = new Map<string, ClauseCoverage>();
  let numberedServed = 0;
  for (const c of clauses) {
    const servedBy = (citing.get(c.id) ?? [])
      .map((permission) => ({ permission, routes: [...(routesBy.get(permission) ?? [])].sort() }))
      .filter((s) => s.routes.length > 0);
    const reason = reasons[c.id];
    if (servedBy.length > 0) {
      if (reason !== undefined) problems.push(`条款 ${c.id} 已有路由服务，却仍列为未服务：${reason}`);
      byClause.set(c.id, { servedBy });
      if (c.item !== null) numberedServed += 1;
    } else {
      if (reason === undefined) problems.push(`条款 ${c.id} 既没有路由服务，也没有说明原因`);
      byClause.set(c.id, { servedBy: [], notServed: reason ?? '尚未实现' });
    }
  }
  for (const id of Object.keys(reasons)) if (!known.has(id)) problems.push(`未服务原因列出了不存在的条款 ${id}`);
  return { byClause, numbered: clauses.filter((c) => c.item !== null).length, numberedServed, unrouted, problems };
}
