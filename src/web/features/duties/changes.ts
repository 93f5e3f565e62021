import type { DutyClause, DutyMatrix, Permission, RevisionChange, RoleCode, Scope } from './api';

/**
 * A change of a revision as the form holds it: first what it is about (授权 or 条款), then what to
 * do with it. It maps one-to-one onto the API's change kinds (a grant.change that sets both scope
 * and clauses becomes two rows — applied in order, the result is the same).
 */
export type GrantAction = 'remove' | 'scope' | 'clauses' | 'add';
export type ClauseAction = 'change' | 'withdraw' | 'add';

export interface ChangeRowValue {
  target?: 'grant' | 'clause';
  action?: GrantAction | ClauseAction;
  role?: RoleCode;
  permission?: Permission;
  scope?: Scope;
  clauses?: string[];
  clauseId?: string;
  clauseRole?: RoleCode;
  summary?: string;
  text?: string;
}

export const GRANT_ACTIONS: Record<GrantAction, string> = { remove: '取消授权', scope: '调整范围', clauses: '调整引用条款', add: '新增授权' };
export const CLAUSE_ACTIONS: Record<ClauseAction, string> = { change: '修改原文', withdraw: '撤销', add: '新增' };

/** The grant a role holds of a permission in a version of the matrix. */
export function grantOf(matrix: DutyMatrix | undefined, permission: string | undefined, role: string | undefined) {
  if (!matrix || !permission || !role) return undefined;
  return matrix.items.find((e) => e.permission === permission)?.grants.find((g) => g.role === role);
}

/** The API's change for a row; `clauses` of the base version tell which summary actually changed. */
export function toChange(row: ChangeRowValue, catalogue: DutyClause[]): RevisionChange {
  const text = row.text?.trim();
  const summary = row.summary?.trim();
  if (row.target === 'clause') {
    if (row.action === 'withdraw') return { kind: 'clause.withdraw', clauseId: row.clauseId };
    if (row.action === 'add') return { kind: 'clause.add', clauseId: row.clauseId?.trim(), role: row.clauseRole ?? null, summary, text };
    const before = catalogue.find((c) => c.id === row.clauseId);
    return { kind: 'clause.change', clauseId: row.clauseId, text, ...(summary && summary !== before?.summary ? { summary } : {}) };
  }
  const grant = { permission: row.permission, role: row.role };
  if (row.action === 'remove') return { kind: 'grant.remove', ...grant };
  if (row.action === 'scope') return { kind: 'grant.change', ...grant, scope: row.scope };
  if (row.action === 'clauses') return { kind: 'grant.change', ...grant, clauses: row.clauses ?? [] };
  return { kind: 'grant.add', ...grant, scope: row.scope, clauses: row.clauses ?? [] };
}

/** The rows for a stored draft's changes (for 修改). */
export function toRows(changes: RevisionChange[]): ChangeRowValue[] {
  return changes.flatMap((c): ChangeRowValue[] => {
    const role = (c.role ?? undefined) as RoleCode | undefined;
    switch (c.kind) {
      case 'clause.add':
        return [{ target: 'clause', action: 'add', clauseId: c.clauseId, clauseRole: role, summary: c.summary, text: c.text }];
      case 'clause.change':
        return [{ target: 'clause', action: 'change', clauseId: c.clauseId, summary: c.summary, text: c.text }];
      case 'clause.withdraw':
        return [{ target: 'clause', action: 'withdraw', clauseId: c.clauseId }];
      case 'grant.add':
        return [{ target: 'grant', action: 'add', role, permission: c.permission, scope: c.scope, clauses: c.clauses }];
      case 'grant.remove':
        return [{ target: 'grant', action: 'remove', role, permission: c.permission }];
      default: {
        const rows: ChangeRowValue[] = [];
        if (c.scope !== undefined) rows.push({ target: 'grant', action: 'scope', role, permission: c.permission, scope: c.scope });
        if (c.clauses !== undefined) rows.push({ target: 'grant', action: 'clauses', role, permission: c.permission, clauses: c.clauses });
        return rows;
      }
    }
  });
}

/** `changes[3]` (or `changes.3.scope` from the validation of the body) → 3. */
export function rowOfField(field: string): number | undefined {
  const m = /^changes(?:\[(\d+)\]|\.(\d+))/.exec(field);
  return m ? Number(m[1] ?? m[2]) : undefined;
}
