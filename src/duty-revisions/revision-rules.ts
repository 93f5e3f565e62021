import type { Permission, RuleCode, Scope } from '../access/duty.types';
import { PERMISSIONS, SCOPES } from '../access/duty.types';
import type { GrantRow, PolicyClause, Snapshot } from '../access/policy';

export type { GrantRow, Snapshot };
import { ROLES, type Department, type RoleCode } from '../access/roles';

/**
 * A revision of the duty rules (SPEC §12) as pure rules: what it may change, how its changes turn
 * the version it was drafted on into the next one, the diff, and the invariants no version may break.
 */

export const REVISION_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'withdrawn'] as const;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];

/** The department that drafts each rule (MKT-7, SAL-9: 市场开拓部; KA-7: 大客户部). */
export const DRAFTED_BY: Record<RuleCode, Department> = { MKT: 'market', SAL: 'market', KA: 'key_account' };
/** The department each rule is about: its positions are the roles a revision of it may re-grant. */
export const RULE_DEPARTMENT: Record<RuleCode, Department> = { MKT: 'market', SAL: 'sales', KA: 'key_account' };

export const rulesDraftedBy = (department: Department): RuleCode[] => (Object.keys(DRAFTED_BY) as RuleCode[]).filter((r) => DRAFTED_BY[r] === department);
/** The roles whose grants the drafters of `rules` may change: the positions of the rules' departments. */
export const rolesOf = (rules: RuleCode[]): RoleCode[] => ROLES.filter((r) => rules.some((rule) => r.startsWith(`${RULE_DEPARTMENT[rule]}.`)));

export const CHANGE_KINDS = ['clause.add', 'clause.change', 'clause.withdraw', 'grant.add', 'grant.change', 'grant.remove'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One change of a revision. Clause ids follow the catalogue (`SAL-6.8`); a grant is (permission, role). */
export interface RevisionChange {
  kind: ChangeKind;
  clauseId?: string;
  role?: RoleCode | null;
  summary?: string;
  text?: string;
  permission?: Permission;
  scope?: Scope;
  clauses?: string[];
  note?: string;
}

/** A change that cannot be applied, with its position in the list. */
export interface ChangeProblem {
  index: number;
  message: string;
}

const CLAUSE_ID = /^(MKT|SAL|KA)-(\d{1,2})(?:\.(\d{1,2}))?$/;
const grantKey = (permission: string, role: string) => `${permission}|${role}`;

/**
 * Applies `changes` to `base` as a drafter of `rules` may: clauses of those rules only; grants to
 * the positions of those rules' departments only. Returns the next content and every change that
 * could not be applied (the content then holds the others).
 */
export function applyChanges(base: Snapshot, changes: readonly RevisionChange[], rules: RuleCode[]): { next: Snapshot; problems: ChangeProblem[] } {
  const clauses = new Map<string, PolicyClause>(base.clauses.map((c) => [c.id, { ...c }]));
  const grants = new Map<string, GrantRow>(base.grants.map((g) => [grantKey(g.permission, g.role), { ...g, clauses: [...g.clauses] }]));
  const problems: ChangeProblem[] = [];
  const roles = rolesOf(rules);
  changes.forEach((c, index) => {
    const fail = (message: string) => problems.push({ index, message: `第 ${index + 1} 项：${message}` });
    if (c.kind.startsWith('clause.')) {
      const m = CLAUSE_ID.exec(c.clauseId ?? '');
      if (!m) return fail(`条款编号「${c.clauseId ?? ''}」格式应为 制度-条[.款]，如 SAL-6.8`);
      const rule = m[1] as RuleCode;
      if (!rules.includes(rule)) return fail(`条款 ${c.clauseId} 属于${rule}制度，不在本部门起草的制度之内`);
      const existing = clauses.get(c.clauseId!);
      if (c.kind === 'clause.add') {
        if (existing) return fail(`条款 ${c.clauseId} 已存在`);
        if (!c.text?.trim() || !c.summary?.trim()) return fail('新增条款须有原文与摘要');
        const role = c.role ?? null;
        if (role !== null && !roles.includes(role)) return fail(`岗位 ${role} 不属于${rule}制度所管的部门`);
        clauses.set(c.clauseId!, { id: c.clauseId!, rule, article: Number(m[2]), item: m[3] === undefined ? null : Number(m[3]), department: RULE_DEPARTMENT[rule], role, summary: c.summary.trim(), text: c.text.trim() });
        return;
      }
      if (!existing) return fail(`条款 ${c.clauseId} 不存在`);
      if (c.kind === 'clause.change') {
        if (c.text === undefined && c.summary === undefined) return fail('修改条款须给出新的原文或摘要');
        if (c.text !== undefined && !c.text.trim()) return fail('条款原文不能为空');
        if (c.summary !== undefined && !c.summary.trim()) return fail('条款摘要不能为空');
        clauses.set(existing.id, { ...existing, ...(c.text !== undefined ? { text: c.text.trim() } : {}), ...(c.summary !== undefined ? { summary: c.summary.trim() } : {}) });
        return;
      }
      clauses.delete(existing.id);
      return;
    }
    if (!c.permission || !(PERMISSIONS as readonly string[]).includes(c.permission)) return fail(`权限「${c.permission ?? ''}」不存在`);
    if (!c.role || !roles.includes(c.role)) return fail(`岗位「${c.role ?? ''}」不在本部门起草的制度所管的岗位之内（${roles.join('、')}）`);
    const key = grantKey(c.permission, c.role);
    const existing = grants.get(key);
    if (c.scope !== undefined && !(SCOPES as readonly string[]).includes(c.scope)) return fail(`范围「${c.scope}」无效`);
    if (c.kind === 'grant.add') {
      if (existing) return fail(`${c.role} 已有 ${c.permission} 权限；请改用「修改授权」`);
      if (!c.scope) return fail('新增授权须给出范围');
      grants.set(key, { permission: c.permission, role: c.role, scope: c.scope, clauses: [...(c.clauses ?? [])], ...(c.note ? { note: c.note } : {}) });
      return;
    }
    if (!existing) return fail(`${c.role} 没有 ${c.permission} 权限`);
    if (c.kind === 'grant.change') {
      if (c.scope === undefined && c.clauses === undefined) return fail('修改授权须给出新的范围或引用条款');
      grants.set(key, { ...existing, ...(c.scope !== undefined ? { scope: c.scope } : {}), ...(c.clauses !== undefined ? { clauses: [...c.clauses] } : {}) });
      return;
    }
    grants.delete(key);
  });
  const sortedClauses = [...clauses.values()].sort((a, b) => clauseRank(a) - clauseRank(b));
  return { next: { clauses: sortedClauses, grants: [...grants.values()] }, problems };
}

/** The order of the text: by rule, article, item. */
function clauseRank(c: PolicyClause): number {
  return ['MKT', 'SAL', 'KA'].indexOf(c.rule) * 10_000 + c.article * 100 + (c.item ?? 0);
}

// ── Invariants (checked on submit and on approval) ─────────────────────

/** System administration: the only permissions admin may hold, and that hold no business data. */
export const SYSTEM_PERMISSIONS: readonly Permission[] = ['user.manage', 'job.run', 'audit.read', 'notification.manage'];
/** Who makes something, and who approves it: the maker may never be the only approver. */
export const DRAFTER_APPROVER: ReadonlyArray<[make: Permission, approve: Permission]> = [
  ['contract.create', 'contract.approve'],
  ['tier.propose', 'tier.approve'],
  ['complaint.compensate', 'complaint.approve_compensation'],
  ['review.scheme', 'review.approve_scheme'],
  ['review.conduct', 'review.confirm'],
  ['workreport.submit', 'workreport.review'],
  ['research.write', 'research.review'],
  ['duty.revise', 'duty.approve'],
];
/** Decisions that must always have someone to take them. */
export const APPROVAL_PERMISSIONS: readonly Permission[] = [
  'contract.approve', 'tier.approve', 'complaint.approve_compensation', 'review.approve_scheme', 'review.confirm', 'workreport.review', 'visit.review', 'research.review', 'duty.approve',
];
/** The 总经理's second level: held by gm, company-wide. */
export const GM_SECOND_LEVEL: readonly Permission[] = ['contract.approve', 'complaint.approve_compensation', 'review.approve_scheme', 'review.confirm', 'duty.approve'];

export interface Violation {
  code: 'ADMIN_BUSINESS_DATA' | 'DRAFTER_IS_APPROVER' | 'GRANT_WITHOUT_CLAUSE' | 'APPROVAL_WITHOUT_HOLDER' | 'GM_SECOND_LEVEL';
  message: string;
}

/** Every invariant `s` breaks (empty: none). */
export function invariantViolations(s: Snapshot): Violation[] {
  const out: Violation[] = [];
  const clauseIds = new Set(s.clauses.map((c) => c.id));
  const holders = (p: Permission) => s.grants.filter((g) => g.permission === p);
  for (const g of s.grants) {
    if (g.role === 'admin' && !SYSTEM_PERMISSIONS.includes(g.permission)) out.push({ code: 'ADMIN_BUSINESS_DATA', message: `系统管理员不得接触业务数据：admin 不能拥有 ${g.permission}` });
    if (g.role === 'admin') continue;
    if (!g.clauses.length) out.push({ code: 'GRANT_WITHOUT_CLAUSE', message: `${g.role} 的 ${g.permission} 授权没有引用任何条款` });
    for (const id of g.clauses) if (!clauseIds.has(id)) out.push({ code: 'GRANT_WITHOUT_CLAUSE', message: `${g.role} 的 ${g.permission} 授权引用的条款 ${id} 不存在` });
  }
  for (const [make, approve] of DRAFTER_APPROVER) {
    const approvers = new Set(holders(approve).map((g) => g.role));
    for (const g of holders(make)) {
      if (![...approvers].some((r) => r !== g.role)) out.push({ code: 'DRAFTER_IS_APPROVER', message: `起草与审批须分离：${g.role} 拥有 ${make}，而 ${approve} 没有其他岗位持有` });
    }
  }
  for (const p of APPROVAL_PERMISSIONS) if (!holders(p).length) out.push({ code: 'APPROVAL_WITHOUT_HOLDER', message: `审批权限 ${p} 至少须有一个岗位持有` });
  for (const p of GM_SECOND_LEVEL) {
    if (holders(p).find((g) => g.role === 'gm')?.scope !== 'all') out.push({ code: 'GM_SECOND_LEVEL', message: `总经理须保留第二级审批：gm 须以全部范围持有 ${p}` });
  }
  return out;
}

// ── Diff ───────────────────────────────────────────────────────────────

export interface RevisionDiff {
  clauses: { added: PolicyClause[]; changed: { before: PolicyClause; after: PolicyClause }[]; withdrawn: PolicyClause[] };
  grants: { added: GrantRow[]; changed: { before: GrantRow; after: GrantRow }[]; removed: GrantRow[] };
  /** For each role touched: permissions gained and lost, scopes changed. */
  roles: { role: RoleCode; gained: Permission[]; lost: Permission[]; rescoped: { permission: Permission; from: Scope; to: Scope }[] }[];
}

export function diffSnapshots(before: Snapshot, after: Snapshot): RevisionDiff {
  const bc = new Map(before.clauses.map((c) => [c.id, c] as const));
  const ac = new Map(after.clauses.map((c) => [c.id, c] as const));
  const bg = new Map(before.grants.map((g) => [grantKey(g.permission, g.role), g] as const));
  const ag = new Map(after.grants.map((g) => [grantKey(g.permission, g.role), g] as const));
  const sameClauses = (x: string[], y: string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  const d: RevisionDiff = {
    clauses: {
      added: after.clauses.filter((c) => !bc.has(c.id)),
      changed: after.clauses.filter((c) => bc.has(c.id) && (bc.get(c.id)!.text !== c.text || bc.get(c.id)!.summary !== c.summary)).map((c) => ({ before: bc.get(c.id)!, after: c })),
      withdrawn: before.clauses.filter((c) => !ac.has(c.id)),
    },
    grants: {
      added: after.grants.filter((g) => !bg.has(grantKey(g.permission, g.role))),
      changed: after.grants
        .filter((g) => {
          const b = bg.get(grantKey(g.permission, g.role));
          return b && (b.scope !== g.scope || !sameClauses(b.clauses, g.clauses));
        })
        .map((g) => ({ before: bg.get(grantKey(g.permission, g.role))!, after: g })),
      removed: before.grants.filter((g) => !ag.has(grantKey(g.permission, g.role))),
    },
    roles: [],
  };
  for (const role of ROLES) {
    const gained = d.grants.added.filter((g) => g.role === role).map((g) => g.permission);
    const lost = d.grants.removed.filter((g) => g.role === role).map((g) => g.permission);
    const rescoped = d.grants.changed.filter((c) => c.after.role === role && c.before.scope !== c.after.scope).map((c) => ({ permission: c.after.permission, from: c.before.scope, to: c.after.scope }));
    if (gained.length || lost.length || rescoped.length) d.roles.push({ role, gained, lost, rescoped });
  }
  return d;
}
