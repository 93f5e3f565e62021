import type { EntityManager } from 'typeorm';
import type { Permission, Scope } from '../access/duty.types';
import { positionalScope, scopeConditionAt, type ScopeColumns } from '../access/scope';
import type { RoleCode } from '../access/roles';
import type { RevisionDiff } from './revision-rules';

/**
 * The records a read permission reaches, for counting what a change of its scope would let each
 * affected person newly see or stop seeing (SPEC §12's impact preview). The scope columns are the
 * ones the features' own scope rules use.
 */
const COUNTABLE: Partial<Record<Permission, { label: string; from: string; cols: ScopeColumns }>> = {
  'prospect.read': { label: '潜在客户', from: 'prospects p', cols: { owner: 'p.owner_id', department: 'p.department' } },
  'customer.read': { label: '客户', from: 'customers c', cols: { owner: 'c.owner_id', department: 'c.department' } },
  'visit.read': { label: '拜访记录', from: 'visits v', cols: { owner: 'v.visitor_id', department: 'v.department' } },
  'contract.read': { label: '合同', from: 'contracts k', cols: { owner: 'k.owner_id', department: 'k.department' } },
  'receivable.read': { label: '应收账款', from: 'receivables r', cols: { owner: 'r.owner_id', department: 'r.department' } },
  'complaint.read': { label: '投诉', from: 'complaints cp', cols: { owner: 'cp.owner_id', department: 'cp.department' } },
  'tier.read': { label: '大客户', from: 'customers c', cols: { owner: 'c.owner_id', department: 'c.department' } },
};
const EXTRA_WHERE: Partial<Record<Permission, string>> = { 'tier.read': 'c.is_key_account' };

/** For one person and one permission whose reach changes: how many records they would newly see, and stop seeing. */
export interface PersonImpact {
  userId: string;
  displayName: string;
  role: RoleCode;
  permission: Permission;
  records: string;
  from: Scope | null;
  to: Scope | null;
  newlyVisible: number;
  noLongerVisible: number;
}

/** At most this many people are counted per role (a preview, not a report). */
const PEOPLE_PER_ROLE = 200;

/**
 * Counts, for every active user of a role whose reach of a countable read permission changes
 * (gained, lost or re-scoped), the records they would newly see and stop seeing.
 */
export async function scopeImpact(m: EntityManager, diff: RevisionDiff): Promise<PersonImpact[]> {
  const changes: { role: RoleCode; permission: Permission; from: Scope | null; to: Scope | null }[] = [];
  for (const g of diff.grants.added) changes.push({ role: g.role, permission: g.permission, from: null, to: g.scope });
  for (const g of diff.grants.removed) changes.push({ role: g.role, permission: g.permission, from: g.scope, to: null });
  for (const c of diff.grants.changed) if (c.before.scope !== c.after.scope) changes.push({ role: c.after.role, permission: c.after.permission, from: c.before.scope, to: c.after.scope });

  const out: PersonImpact[] = [];
  for (const ch of changes) {
    const target = COUNTABLE[ch.permission];
    if (!target) continue;
    const people: { id: string; display_name: string; department: string }[] = await m.query(
      `SELECT id, display_name, department FROM users WHERE active AND role = $1 ORDER BY display_name, id LIMIT ${PEOPLE_PER_ROLE}`,
      [ch.role],
    );
    for (const p of people) {
      const actor = { id: p.id, department: p.department as never };
      const params: unknown[] = [];
      const before = positionalScope(scopeConditionAt(ch.from, actor, target.cols), params);
      const after = positionalScope(scopeConditionAt(ch.to, actor, target.cols), params);
      const extra = EXTRA_WHERE[ch.permission] ? `AND ${EXTRA_WHERE[ch.permission]}` : '';
      const [row] = await m.query(
        `SELECT count(*) FILTER (WHERE coalesce((${after}), false) AND NOT coalesce((${before}), false))::int AS gained,
                count(*) FILTER (WHERE coalesce((${before}), false) AND NOT coalesce((${after}), false))::int AS lost
           FROM ${target.from} WHERE TRUE ${extra}`,
        params,
      );
      out.push({ userId: p.id, displayName: p.display_name, role: ch.role, permission: ch.permission, records: target.label, from: ch.from, to: ch.to, newlyVisible: row.gained, noLongerVisible: row.lost });
    }
  }
  return out;
}
