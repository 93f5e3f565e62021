import { CLAUSE_TEXTS } from './duty-clause-texts';
import { DUTY_CLAUSES } from './duty-clauses';
import { DUTY_MATRIX } from './duty-matrix';
import type { DutyClause, Grant, GrantConstraint, Permission, PermissionEntry, Scope } from './duty.types';
import type { RoleCode } from './roles';

/** A clause of one version of the rules: the catalogue entry and the text the rule states. */
export interface PolicyClause extends DutyClause {
  text: string;
}

/** One grant of a version, flat. */
export interface GrantRow {
  permission: Permission;
  role: RoleCode;
  scope: Scope;
  clauses: string[];
  note?: string;
  constraint?: GrantConstraint;
}

/** A version's content: its clause catalogue and its grants. */
export interface Snapshot {
  clauses: PolicyClause[];
  grants: GrantRow[];
}

/**
 * One version of the duty rules (SPEC §12): the clause catalogue and the matrix in force from
 * `effectiveFrom`. Immutable; the guard, the scope rule and every feature ask it who may do what.
 */
export class DutyPolicy {
  private readonly grants: ReadonlyMap<string, Grant>;
  private readonly entries: ReadonlyMap<Permission, PermissionEntry>;
  private readonly clauseIndex: ReadonlyMap<string, PolicyClause>;

  constructor(
    readonly version: number,
    readonly effectiveFrom: Date,
    readonly clauses: readonly PolicyClause[],
    readonly matrix: readonly PermissionEntry[],
  ) {
    for (const entry of matrix) {
      for (const grant of entry.grants) {
        Object.freeze(grant.clauses);
        Object.freeze(grant);
      }
      Object.freeze(entry.grants);
      Object.freeze(entry);
    }
    Object.freeze(matrix);
    clauses.forEach((c) => Object.freeze(c));
    Object.freeze(clauses);
    this.grants = new Map(matrix.flatMap((e) => e.grants.map((g) => [`${e.permission}|${g.role}`, g] as const)));
    this.entries = new Map(matrix.map((e) => [e.permission, e] as const));
    this.clauseIndex = new Map(clauses.map((c) => [c.id, c] as const));
  }

  /** The grant of `permission` to `role`, or undefined when the role does not hold it. */
  grantFor(role: RoleCode, permission: Permission): Grant | undefined {
    return this.grants.get(`${permission}|${role}`);
  }

  /** Every permission `role` holds, in the matrix's order, with its scope and clauses. */
  permissionsOf(role: RoleCode): Array<{ permission: Permission; scope: Scope; clauses: string[] }> {
    const result: Array<{ permission: Permission; scope: Scope; clauses: string[] }> = [];
    for (const entry of this.matrix) {
      const grant = this.grantFor(role, entry.permission);
      if (grant) result.push({ permission: entry.permission, scope: grant.scope, clauses: [...grant.clauses] });
    }
    return result;
  }

  /** Every grant of `permission` (empty when nobody holds it). */
  grantingRoles(permission: Permission): Grant[] {
    return [...(this.entries.get(permission)?.grants ?? [])];
  }

  clause(id: string): PolicyClause | undefined {
    return this.clauseIndex.get(id);
  }
}

/** What this release of the code ships: version 1 of a new database, and the defaults of permissions a release adds. */
export function releasePolicy(): DutyPolicy {
  return (release ??= new DutyPolicy(
    1,
    new Date(0),
    DUTY_CLAUSES.map((c) => ({ ...c, text: CLAUSE_TEXTS[c.id] ?? c.summary })),
    DUTY_MATRIX.map((e) => ({ ...e, grants: e.grants.map((g) => ({ ...g, clauses: [...g.clauses] })) })),
  ));
}
let release: DutyPolicy | undefined;

// ── The versions this process knows (the policy store) ─────────────────
//
// Every approved version, in version order (each effective no earlier than the one before it). The
// effective version at an instant is the last one whose effectiveFrom has come. A process starts
// with the release's matrix and installs the stored versions as soon as its database is open; the
// policy service re-installs them whenever a version is approved anywhere (LISTEN/NOTIFY).

let installed: readonly DutyPolicy[] = [];
let byNumber: ReadonlyMap<number, DutyPolicy> = new Map();
/** The version in force now, kept until the next version's start (a timer forgets it then). */
let current: DutyPolicy | undefined;
let expiry: NodeJS.Timeout | undefined;

function forget(): void {
  current = undefined;
  if (expiry) clearTimeout(expiry);
  expiry = undefined;
}

/** Replaces the known versions (sorted by version; at least one). */
export function installPolicies(versions: readonly DutyPolicy[]): void {
  if (!versions.length) throw new Error('installPolicies: no version');
  installed = [...versions].sort((a, b) => a.version - b.version);
  byNumber = new Map(installed.map((p) => [p.version, p] as const));
  forget();
}

/** Back to the release's matrix only (tests that install versions of their own). */
export function resetPolicies(): void {
  installed = [];
  byNumber = new Map();
  forget();
}

function known(): readonly DutyPolicy[] {
  return installed.length ? installed : [releasePolicy()];
}

/**
 * The version in force at `at` (default: now). On the request path this is a variable read: the
 * answer for now is kept, and a timer forgets it when a version approved for a later instant comes
 * into force.
 */
export function effectivePolicy(at?: number): DutyPolicy {
  if (at === undefined && current) return current;
  const now = Date.now();
  const versions = known();
  const when = at ?? now;
  let i = 0;
  for (let k = 0; k < versions.length; k++) if (versions[k].effectiveFrom.getTime() <= when) i = k;
  const policy = versions[i];
  if (at === undefined) {
    current = policy;
    const next = versions[i + 1]?.effectiveFrom.getTime();
    if (next !== undefined) {
      // at most ~24 days ahead per timer (setTimeout's limit); a later start just sets another
      expiry = setTimeout(forget, Math.min(Math.max(next - now, 0), 2_147_483_000));
      expiry.unref();
    }
  }
  return policy;
}

/** A version by its number, if this process knows it. */
export function policyVersion(version: number): DutyPolicy | undefined {
  return installed.length ? byNumber.get(version) : version === 1 ? releasePolicy() : undefined;
}

/** Every version this process knows, in order. */
export function knownPolicies(): readonly DutyPolicy[] {
  return known();
}

/** The version a request was authorised under (pinned on its caller by the guard), else the one in force. */
export function policyFor(actor: { policyVersion?: number; policy?: DutyPolicy }): DutyPolicy {
  return actor.policy ?? ((actor.policyVersion !== undefined && policyVersion(actor.policyVersion)) || effectivePolicy());
}

/** The grant of `permission` to `role` in the version in force. */
export function grantFor(role: RoleCode, permission: Permission): Grant | undefined {
  return effectivePolicy().grantFor(role, permission);
}

/** Every permission `role` holds in the version in force. */
export function permissionsOf(role: RoleCode): Array<{ permission: Permission; scope: Scope; clauses: string[] }> {
  return effectivePolicy().permissionsOf(role);
}

/** Every grant of `permission` in the version in force. */
export function grantingRoles(permission: Permission): Grant[] {
  return effectivePolicy().grantingRoles(permission);
}
