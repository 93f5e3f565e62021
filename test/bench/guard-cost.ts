import { DUTY_MATRIX } from '../../src/access/duty-matrix';
import type { Grant, Permission } from '../../src/access/duty.types';
import { DutyPolicy, effectivePolicy, installPolicies, releasePolicy, resetPolicies } from '../../src/access/policy';
import { ROLES, type RoleCode } from '../../src/access/roles';
import { scopeCondition, scopeConditionAt } from '../../src/access/scope';

/**
 * The guard's own cost per request (SPEC §12: within 5 % of the fixed matrix's): the permission
 * decision and the scope condition a list then builds, for every role × permission, measured in
 * process (no network, no database: those are the same either way and would only hide it).
 * "Fixed": a frozen index over the release matrix, as the guard read it before the rules became
 * versions. "Versioned": the version in force picked from the installed versions, pinned on the
 * caller, and the scope rule reading the caller's version — with no version pending, and with one
 * approved for a later date.
 */
const COLS = { owner: 'p.owner_id', department: 'p.department' };

export function measureGuardCost(rounds = 15, iterations = 300): { fixedNs: number; versionedNs: number; fixedNs2: number; pendingNs: number } {
  const index = new Map<string, Grant>(DUTY_MATRIX.flatMap((e) => e.grants.map((g) => [`${e.permission}|${g.role}`, g] as const)));
  const pairs = ROLES.flatMap((role) => DUTY_MATRIX.map((e) => [role, e.permission] as const));
  const actor: { id: string; role: RoleCode; department: 'market'; policyVersion?: number; policy?: DutyPolicy } = { id: '00000000-0000-0000-0000-000000000001', role: ROLES[0], department: 'market' };

  const fixed = () => {
    let n = 0;
    for (const [role, permission] of pairs) {
      if (index.get(`${permission}|${role}`)) n++;
      n += scopeConditionAt(index.get(`${permission}|${role}`)?.scope ?? null, actor, COLS).sql.length;
    }
    return n;
  };
  const versioned = () => {
    let n = 0;
    for (const [role, permission] of pairs) {
      const policy = effectivePolicy();
      actor.role = role;
      actor.policyVersion = policy.version;
      actor.policy = policy;
      if (policy.grantFor(role, permission as Permission)) n++;
      n += scopeCondition(actor, permission as Permission, COLS).sql.length;
    }
    return n;
  };
  const once = (fn: () => number) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    return Number(process.hrtime.bigint() - t0) / (iterations * pairs.length);
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  /** The two paths in alternating rounds (a noisy machine drifts alike for both), medians of each. */
  const compare = (a: () => number, b: () => number) => {
    const as: number[] = [];
    const bs: number[] = [];
    for (let r = 0; r < rounds; r++) {
      as.push(once(a));
      bs.push(once(b));
    }
    return [median(as), median(bs)];
  };

  const release = releasePolicy();
  const copy = (version: number, from: Date) => new DutyPolicy(version, from, [...release.clauses], release.matrix.map((e) => ({ ...e, grants: e.grants.map((g) => ({ ...g, clauses: [...g.clauses] })) })));
  // warm both paths first
  installPolicies([release, copy(2, new Date(Date.now() - 86_400_000))]);
  compare(fixed, versioned);
  const [fixedNs, versionedNs] = compare(fixed, versioned);
  installPolicies([release, copy(2, new Date(Date.now() - 86_400_000)), copy(3, new Date(Date.now() + 86_400_000))]);
  const [fixedNs2, pendingNs] = compare(fixed, versioned);
  resetPolicies();
  return { fixedNs, versionedNs, fixedNs2, pendingNs };
}

/** The Markdown lines `npm run bench` prints. */
export function guardCostReport(): string[] {
  const r = measureGuardCost();
  return [
    '| 守卫判定 + 范围条件（进程内，每个角色 × 权限） | 固定矩阵 | 版本化矩阵 | 比值 |',
    '|---|---|---|---|',
    `| 无待生效版本 | ${r.fixedNs.toFixed(0)} ns | ${r.versionedNs.toFixed(0)} ns | **${(r.versionedNs / r.fixedNs).toFixed(2)}** |`,
    `| 有一个定时生效的版本待生效 | ${r.fixedNs2.toFixed(0)} ns | ${r.pendingNs.toFixed(0)} ns | **${(r.pendingNs / r.fixedNs2).toFixed(2)}** |`,
  ];
}

if (require.main === module) guardCostReport().forEach((l) => console.log(l));
