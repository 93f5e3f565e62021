import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { AdvisoryLock } from '../database/advisory-locks';
import { DATABASE_HANDLE, DatabaseHandle } from '../database/database-handle';
import { DUTY_MATRIX } from './duty-matrix';
import type { Grant, GrantConstraint, Permission, PermissionEntry, RuleCode, Scope } from './duty.types';
import { DutyPolicy, installPolicies, knownPolicies, type PolicyClause, type Snapshot } from './policy';
import type { Department, RoleCode } from './roles';

/** The channel a new version is announced on (a trigger on duty_versions notifies it). */
export const POLICY_CHANNEL = 'duty_policy';
/** How often an instance checks for a version it missed (a dropped listening connection). */
const SAFETY_POLL_MS = 30_000;

interface ClauseRow {
  version: number;
  id: string;
  rule: RuleCode;
  article: number;
  item: number | null;
  department: Department;
  role: RoleCode | null;
  summary: string;
  text: string;
}
interface StoredGrant {
  version: number;
  permission: Permission;
  role: RoleCode;
  scope: Scope;
  clauses: string[];
  note: string | null;
  grant_constraint: GrantConstraint | null;
}

/**
 * Keeps this instance's copy of the duty rules' versions (SPEC §12): read once at start-up, then
 * again whenever any instance writes a version (LISTEN duty_policy on Postgres; on the embedded
 * database the one process that writes re-reads it itself). The request path never touches the
 * database for a permission: it asks the in-memory store (policy.ts).
 */
@Injectable()
export class PolicyService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('DutyPolicy');
  private listener?: Client;
  private poll?: NodeJS.Timeout;
  private closing = false;
  private latest = 0;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(DATABASE_HANDLE) private readonly db: DatabaseHandle,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.adoptReleasePermissions();
    await this.reload();
    if (!this.db.embedded) await this.listen();
    this.poll = setInterval(() => void this.reloadIfBehind(), SAFETY_POLL_MS);
    this.poll.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.poll) clearInterval(this.poll);
    await this.listener?.end().catch(() => undefined);
  }

  /** Reads every version and installs them; the request path sees the new ones from its next request. */
  async reload(): Promise<void> {
    const versions: { version: number; effective_from: Date }[] = await this.ds.query(`SELECT version, effective_from FROM duty_versions ORDER BY version`);
    const clauses: ClauseRow[] = await this.ds.query(
      `SELECT version, id, rule, article, item, department, role, summary, text FROM duty_version_clauses ORDER BY version, position`,
    );
    const grants: StoredGrant[] = await this.ds.query(
      `SELECT version, permission, role, scope, clauses, note, grant_constraint FROM duty_version_grants ORDER BY version, position`,
    );
    const policies = versions.map((v) => toPolicy(v.version, new Date(v.effective_from), clauses.filter((c) => c.version === v.version), grants.filter((g) => g.version === v.version)));
    if (!policies.length) return;
    installPolicies(policies);
    this.latest = policies[policies.length - 1].version;
  }

  /** The number of the last version this instance knows. */
  latestKnown(): number {
    return this.latest || knownPolicies()[knownPolicies().length - 1].version;
  }

  private async reloadIfBehind(): Promise<void> {
    if (this.closing) return;
    try {
      const [{ max }] = await this.ds.query(`SELECT max(version) AS max FROM duty_versions`);
      if (Number(max) !== this.latest) await this.reload();
    } catch {
      // the next poll tries again; the versions in memory stay in force meanwhile
    }
  }

  /** A connection of its own that only listens; re-opened (and the versions re-read) if it drops. */
  private async listen(): Promise<void> {
    if (this.closing) return;
    const client = new Client({ connectionString: this.db.url });
    client.on('notification', () => void this.reload().catch((err) => this.log.warn(`职责制度版本重新读取失败：${(err as Error).message}`)));
    client.on('error', () => {
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
      if (!this.closing) setTimeout(() => void this.listen().then(() => this.reloadIfBehind()).catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${POLICY_CHANNEL}`);
    this.listener = client;
  }

  /**
   * A release that brings a permission no stored version has ever granted (a new feature) adds it
   * with the release's default grants as a new version, in force at once — otherwise nobody could
   * use the feature until a revision granted it. A permission a revision took away from everyone
   * stays taken away.
   */
  async adoptReleasePermissions(): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [AdvisoryLock.DutyPolicy]);
      const known: { permission: string }[] = await m.query(`SELECT DISTINCT permission FROM duty_version_grants`);
      const seen = new Set(known.map((k) => k.permission));
      const added = DUTY_MATRIX.filter((e) => e.grants.length > 0 && !seen.has(e.permission));
      if (!added.length) return;
      const [{ latest }] = await m.query(`SELECT max(version) AS latest FROM duty_versions`);
      const base = await this.snapshotOf(m, Number(latest));
      const grants = [...base.grants, ...added.flatMap((e) => e.grants.map((g) => ({ ...g, permission: e.permission, clauses: [...g.clauses] })))];
      await this.writeVersion(m, { clauses: base.clauses, grants }, { title: `随系统发布的新权限：${added.map((e) => e.name).join('、')}`, effectiveFrom: null, approvedBy: null, revisionId: null });
    });
    await this.reload();
  }

  /** The content of a stored version (clauses in order, grants in order). */
  async snapshotOf(m: EntityManager, version: number): Promise<Snapshot> {
    const clauses: ClauseRow[] = await m.query(
      `SELECT version, id, rule, article, item, department, role, summary, text FROM duty_version_clauses WHERE version = $1 ORDER BY position`,
      [version],
    );
    const grants: StoredGrant[] = await m.query(
      `SELECT version, permission, role, scope, clauses, note, grant_constraint FROM duty_version_grants WHERE version = $1 ORDER BY position`,
      [version],
    );
    return {
      clauses: clauses.map(toClause),
      grants: grants.map((g) => ({ permission: g.permission, role: g.role, scope: g.scope, clauses: [...g.clauses], ...(g.note ? { note: g.note } : {}), ...(g.grant_constraint ? { constraint: g.grant_constraint } : {}) })),
    };
  }

  /**
   * Writes the next version (latest + 1) in the caller's transaction, under the policy lock, in force
   * from `effectiveFrom` (null: now). Its commit notifies every instance; the caller re-reads the
   * versions here (reload) once its transaction has committed, so that its own next request sees it.
   */
  async writeVersion(m: EntityManager, content: Snapshot, meta: { title: string; effectiveFrom: Date | null; approvedBy: string | null; revisionId: string | null }): Promise<number> {
    await m.query(`SELECT pg_advisory_xact_lock($1)`, [AdvisoryLock.DutyPolicy]);
    const [{ latest }] = await m.query(`SELECT max(version) AS latest FROM duty_versions`);
    const next = Number(latest) + 1;
    await m.query(`INSERT INTO duty_versions (version, effective_from, approved_by, title, revision_id) VALUES ($1, coalesce($2, now()), $3, $4, $5)`, [
      next,
      meta.effectiveFrom,
      meta.approvedBy,
      meta.title.slice(0, 200),
      meta.revisionId,
    ]);
    await m.query(
      `INSERT INTO duty_version_clauses (version, id, rule, article, item, department, role, summary, text, position)
       SELECT $1, c.id, c.rule, c.article, c.item, c.department, c.role, c.summary, c.text, c.position
         FROM jsonb_to_recordset($2::jsonb) AS c(id varchar, rule varchar, article int, item int, department varchar, role varchar, summary varchar, text varchar, position int)`,
      [next, JSON.stringify(content.clauses.map((c, position) => ({ ...c, position })))],
    );
    await m.query(
      `INSERT INTO duty_version_grants (version, permission, role, scope, clauses, note, grant_constraint, position)
       SELECT $1, g.permission, g.role, g.scope, g.clauses, g.note, g.grant_constraint, g.position
         FROM jsonb_to_recordset($2::jsonb) AS g(permission varchar, role varchar, scope varchar, clauses jsonb, note varchar, grant_constraint varchar, position int)`,
      [next, JSON.stringify(content.grants.map((g, position) => ({ permission: g.permission, role: g.role, scope: g.scope, clauses: g.clauses, note: g.note ?? null, grant_constraint: g.constraint ?? null, position })))],
    );
    return next;
  }
}

const toClause = (c: ClauseRow): PolicyClause => ({ id: c.id, rule: c.rule, article: c.article, item: c.item, department: c.department, role: c.role, summary: c.summary, text: c.text });

/** One stored version as a policy; the permissions' names are the release's (they label, they do not grant). */
function toPolicy(version: number, effectiveFrom: Date, clauses: ClauseRow[], grants: StoredGrant[]): DutyPolicy {
  const byPermission = new Map<Permission, Grant[]>();
  for (const g of grants) {
    const grant: Grant = { role: g.role, scope: g.scope, clauses: [...g.clauses], ...(g.note ? { note: g.note } : {}), ...(g.grant_constraint ? { constraint: g.grant_constraint } : {}) };
    byPermission.set(g.permission, [...(byPermission.get(g.permission) ?? []), grant]);
  }
  const matrix: PermissionEntry[] = DUTY_MATRIX.map((e) => ({ permission: e.permission, name: e.name, grants: byPermission.get(e.permission) ?? [] }));
  const catalogue: PolicyClause[] = clauses.map(toClause);
  return new DutyPolicy(version, effectiveFrom, catalogue, matrix);
}
