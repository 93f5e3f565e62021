import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { DUTY_MATRIX } from '../access/duty-matrix';
import type { RuleCode } from '../access/duty.types';
import { policyFor, type GrantRow, type PolicyClause } from '../access/policy';
import { PolicyService } from '../access/policy.service';
import { ROLE_INFO, type Department } from '../access/roles';
import { APP_CONFIG } from '../app.tokens';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { sortColumn, type Page } from '../common/pagination';
import { toInstant } from '../common/time';
import { updateVersioned } from '../database/versioned-update';
import { TasksService } from '../tasks/tasks.service';
import type { ApproveRevisionDto, CreateRevisionDto, ListRevisionsQueryDto, RejectRevisionDto, RevisionDetailDto, RevisionDto, UpdateRevisionDto } from './dto/revision.dto';
import { scopeImpact } from './revision-impact';
import { applyChanges, diffSnapshots, invariantViolations, rulesDraftedBy, type RevisionChange, type RevisionStatus, type Snapshot } from './revision-rules';
import { RevisionsErrors } from './revisions.errors';

const STATUS_NAMES: Record<RevisionStatus, string> = { draft: '草稿', submitted: '待审批', approved: '已批准', rejected: '已退回', withdrawn: '已撤回' };
const SORTABLE: Record<string, string> = { createdAt: 'r.created_at', submittedAt: 'r.submitted_at', decidedAt: 'r.decided_at' };
const PERMISSION_NAMES = new Map(DUTY_MATRIX.map((e) => [e.permission, e.name] as const));

interface RevisionRow {
  id: string;
  department: Department;
  title: string;
  reason: string | null;
  base_version: number;
  changes: RevisionChange[];
  status: RevisionStatus;
  drafted_by: string;
  drafted_by_name: string;
  submitted_at: Date | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_comment: string | null;
  effective_from: Date | null;
  resulting_version: number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT r.*, d.display_name AS drafted_by_name, g.display_name AS decided_by_name
  FROM duty_revisions r JOIN users d ON d.id = r.drafted_by LEFT JOIN users g ON g.id = r.decided_by`;

/**
 * Revisions of the duty rules (SPEC §12; MKT-7/8, SAL-9/10, KA-7/8): the drafting department's 经理
 * drafts changes against the latest version, sees the diff, the impact and the invariants it
 * breaks, and submits; the 总经理 approves (in force now or from a date) — which writes the next
 * version, taken up by every instance at once — or rejects with a comment.
 */
@Injectable()
export class RevisionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly tasks: TasksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreateRevisionDto): Promise<RevisionDetailDto> {
    const rules = this.drafterRules(actor);
    return this.ds.transaction(async (m) => {
      const base = await this.latest(m);
      this.applyOrRefuse(await this.policy.snapshotOf(m, base), dto.changes, rules);
      const [row] = await m.query(
        `INSERT INTO duty_revisions (department, title, reason, base_version, changes, drafted_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [actor.department, dto.title, dto.reason ?? null, base, JSON.stringify(dto.changes.map(clean)), actor.id],
      );
      const out = await this.detail(m, actor, row.id);
      await this.audit.record(m, actor, { action: 'duty-revision.create', entity: 'duty_revision', entityId: row.id, after: summary(out) });
      return out;
    });
  }

  async list(actor: Actor, q: ListRevisionsQueryDto): Promise<Page<RevisionDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const params: unknown[] = [];
    const where = [this.visible(actor, params)];
    if (q.status) where.push(`r.status = $${params.push(q.status)}`);
    const { column, dir } = sortColumn(q.sort ?? '-createdAt', SORTABLE);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM duty_revisions r WHERE ${where.join(' AND ')}`, params);
    const rows: RevisionRow[] = await this.ds.query(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY ${column} ${dir} NULLS LAST, r.id ${dir} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return { items: rows.map(toDto), total, totalExact: true, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<RevisionDetailDto> {
    return this.detail(this.ds.manager, actor, id);
  }

  /** The whole draft again (a rejected one becomes a draft again); it is re-based on the latest version. */
  async update(actor: Actor, id: string, dto: UpdateRevisionDto): Promise<RevisionDetailDto> {
    const rules = this.drafterRules(actor);
    return this.ds.transaction(async (m) => {
      const r = await this.locate(m, actor, id, true);
      if (r.status !== 'draft' && r.status !== 'rejected') throw RevisionsErrors.transition(STATUS_NAMES[r.status], '修改');
      const before = summary(await this.detail(m, actor, id));
      const base = await this.latest(m);
      this.applyOrRefuse(await this.policy.snapshotOf(m, base), dto.changes, rules);
      await updateVersioned(m, 'duty_revisions', id, dto.version, {
        title: dto.title,
        reason: dto.reason ?? null,
        changes: JSON.stringify(dto.changes.map(clean)),
        base_version: base,
        status: 'draft',
        decided_by: null,
        decided_at: null,
        decision_comment: null,
      });
      const out = await this.detail(m, actor, id);
      await this.audit.record(m, actor, { action: 'duty-revision.update', entity: 'duty_revision', entityId: id, before, after: summary(out) });
      return out;
    });
  }

  /** To the 总经理: only against the latest version, with valid changes that break no invariant. Any drafter of the department may edit, submit or withdraw its revisions. */
  async submit(actor: Actor, id: string, version: number): Promise<RevisionDetailDto> {
    return this.ds.transaction(async (m) => {
      const r = await this.locate(m, actor, id, true);
      if (r.status !== 'draft') throw RevisionsErrors.transition(STATUS_NAMES[r.status], '提交');
      await this.checkApplicable(m, r);
      await updateVersioned(m, 'duty_revisions', id, version, { status: 'submitted', submitted_at: new Date() });
      const approvers: { id: string }[] = await m.query(`SELECT id FROM users WHERE active AND role = 'gm' AND id <> $1`, [actor.id]);
      await this.tasks.createMany(
        m,
        approvers.map((a) => ({ assigneeId: a.id, kind: 'duty.revision', title: `职责制度修订「${r.title}」待审批`, entity: 'duty_revision', entityId: id, causeKey: `duty-revision:${id}:${a.id}:${r.version + 1}` })),
      );
      return this.record(m, actor, id, 'duty-revision.submit', r);
    });
  }

  async withdraw(actor: Actor, id: string, version: number): Promise<RevisionDetailDto> {
    return this.ds.transaction(async (m) => {
      const r = await this.locate(m, actor, id, true);
      if (r.status !== 'draft' && r.status !== 'submitted' && r.status !== 'rejected') throw RevisionsErrors.transition(STATUS_NAMES[r.status], '撤回');
      await updateVersioned(m, 'duty_revisions', id, version, { status: 'withdrawn' });
      await this.tasks.closeByCause(m, `duty-revision:${id}:`);
      return this.record(m, actor, id, 'duty-revision.withdraw', r);
    });
  }

  /** The 总经理 approves: the next version is written, in force now or from `effectiveFrom`. */
  async approve(actor: Actor, id: string, dto: ApproveRevisionDto): Promise<RevisionDetailDto> {
    await this.ds.transaction(async (m) => {
      const r = await this.locate(m, actor, id, true);
      if (r.drafted_by === actor.id) throw RevisionsErrors.selfApproval();
      if (r.status !== 'submitted') throw RevisionsErrors.transition(STATUS_NAMES[r.status], '批准');
      const next = await this.checkApplicable(m, r);
      const now = new Date();
      const [{ latest_from }] = await m.query(`SELECT max(effective_from) AS latest_from FROM duty_versions`);
      const earliest = new Date(Math.max(now.getTime() - 60_000, new Date(latest_from).getTime()));
      const from = dto.effectiveFrom ? toInstant(dto.effectiveFrom, this.config.businessTz) : now < earliest ? earliest : now;
      if (from < earliest) throw RevisionsErrors.effectiveTooEarly(earliest);
      const resulting = await this.policy.writeVersion(m, next, { title: r.title, effectiveFrom: from, approvedBy: actor.id, revisionId: id });
      await updateVersioned(m, 'duty_revisions', id, dto.version, {
        status: 'approved',
        decided_by: actor.id,
        decided_at: now,
        decision_comment: dto.comment ?? null,
        effective_from: from,
        resulting_version: resulting,
      });
      await this.tasks.closeByCause(m, `duty-revision:${id}:`);
      await this.record(m, actor, id, 'duty-revision.approve', r);
    });
    // this instance takes the new version up at once; the others through the notification
    await this.policy.reload();
    return this.detail(this.ds.manager, actor, id);
  }

  async reject(actor: Actor, id: string, dto: RejectRevisionDto): Promise<RevisionDetailDto> {
    return this.ds.transaction(async (m) => {
      const r = await this.locate(m, actor, id, true);
      if (r.drafted_by === actor.id) throw RevisionsErrors.selfApproval();
      if (r.status !== 'submitted') throw RevisionsErrors.transition(STATUS_NAMES[r.status], '退回');
      await updateVersioned(m, 'duty_revisions', id, dto.version, { status: 'rejected', decided_by: actor.id, decided_at: new Date(), decision_comment: dto.comment });
      await this.tasks.closeByCause(m, `duty-revision:${id}:`);
      await this.tasks.createMany(m, [
        { assigneeId: r.drafted_by, kind: 'duty.revision-rejected', title: `职责制度修订「${r.title}」被退回：${dto.comment}`.slice(0, 200), entity: 'duty_revision', entityId: id, causeKey: `duty-revision-rejected:${id}:${r.version + 1}` },
      ]);
      return this.record(m, actor, id, 'duty-revision.reject', r);
    });
  }

  // ── helpers ──────────────────────────────────────────────────────────

  /** The rules the caller drafts (duty.revise is held by the drafting departments' 经理). */
  private drafterRules(actor: Actor): RuleCode[] {
    const rules = rulesDraftedBy(actor.department);
    if (!policyFor(actor).grantFor(actor.role, 'duty.revise') || !rules.length) throw RevisionsErrors.noAccess();
    return rules;
  }

  private async latest(m: EntityManager): Promise<number> {
    const [{ latest }] = await m.query(`SELECT max(version) AS latest FROM duty_versions`);
    return Number(latest);
  }

  private applyOrRefuse(base: Snapshot, changes: readonly RevisionChange[], rules: RuleCode[]): Snapshot {
    const { next, problems } = applyChanges(base, changes.map(clean), rules);
    if (problems.length) throw RevisionsErrors.changeInvalid(problems);
    return next;
  }

  /** The next version a submitted revision makes, or why it cannot be made now. */
  private async checkApplicable(m: EntityManager, r: RevisionRow): Promise<Snapshot> {
    const latest = await this.latest(m);
    if (latest !== r.base_version) throw RevisionsErrors.stale(r.base_version, latest);
    const base = await this.policy.snapshotOf(m, r.base_version);
    const next = this.applyOrRefuse(base, r.changes, rulesDraftedBy(r.department));
    const d = diffSnapshots(base, next);
    if (!d.clauses.added.length && !d.clauses.changed.length && !d.clauses.withdrawn.length && !d.grants.added.length && !d.grants.changed.length && !d.grants.removed.length) throw RevisionsErrors.empty();
    const violations = invariantViolations(next);
    if (violations.length) throw RevisionsErrors.invariants(violations);
    return next;
  }

  /**
   * What the caller may see: the 总经理 every revision once submitted; the drafting department's
   * 经理 their department's (duty.revise, department: any of them works on the department's drafts);
   * anyone else none.
   */
  private visible(actor: Actor, params: unknown[]): string {
    const policy = policyFor(actor);
    const parts: string[] = [];
    if (policy.grantFor(actor.role, 'duty.approve')) parts.push(`r.status <> 'draft'`);
    if (policy.grantFor(actor.role, 'duty.revise')) parts.push(`r.department = $${params.push(actor.department)}`);
    return parts.length ? `(${parts.join(' OR ')})` : 'FALSE';
  }

  private async locate(m: EntityManager, actor: Actor, id: string, lock = false): Promise<RevisionRow> {
    const params: unknown[] = [id];
    const where = this.visible(actor, params);
    const [r]: RevisionRow[] = await m.query(`${SELECT} WHERE r.id = $1 AND ${where}${lock ? ' FOR UPDATE OF r' : ''}`, params);
    if (!r) throw CommonErrors.notFound('职责制度修订');
    return r;
  }

  private async record(m: EntityManager, actor: Actor, id: string, action: string, before: RevisionRow): Promise<RevisionDetailDto> {
    const out = await this.detail(m, actor, id);
    await this.audit.record(m, actor, { action, entity: 'duty_revision', entityId: id, before: summary(toDto(before)), after: summary(out) });
    return out;
  }

  private async detail(m: EntityManager, actor: Actor, id: string): Promise<RevisionDetailDto> {
    const r = await this.locate(m, actor, id);
    const latest = await this.latest(m);
    const base = await this.policy.snapshotOf(m, r.base_version);
    const { next } = applyChanges(base, r.changes, rulesDraftedBy(r.department));
    const d = diffSnapshots(base, next);
    // a rejected revision is open again (edited, withdrawn); an approved or withdrawn one is closed
    const closed = r.status === 'approved' || r.status === 'withdrawn';
    const policy = policyFor(actor);
    const mine = !!policy.grantFor(actor.role, 'duty.revise') && r.department === actor.department;
    const approver = !!policy.grantFor(actor.role, 'duty.approve') && r.drafted_by !== actor.id;
    const actions = [
      ...(mine && (r.status === 'draft' || r.status === 'rejected') ? ['edit'] : []),
      ...(mine && r.status === 'draft' ? ['submit'] : []),
      ...(mine && !closed ? ['withdraw'] : []),
      ...(approver && r.status === 'submitted' ? ['approve', 'reject'] : []),
    ];
    return {
      ...toDto(r),
      changes: r.changes,
      diff: {
        clauses: { added: d.clauses.added.map(clauseDto), changed: d.clauses.changed.map((c) => ({ before: clauseDto(c.before), after: clauseDto(c.after) })), withdrawn: d.clauses.withdrawn.map(clauseDto) },
        grants: { added: d.grants.added.map(grantDto), changed: d.grants.changed.map((c) => ({ before: grantDto(c.before), after: grantDto(c.after) })), removed: d.grants.removed.map(grantDto) },
        roles: d.roles.map((x) => ({ ...x, roleName: ROLE_INFO[x.role].name })),
      },
      // the impact is a preview: counted while the revision is open, not for closed ones
      impact: closed ? [] : await scopeImpact(m, d),
      violations: invariantViolations(next),
      latestVersion: latest,
      actions,
    };
  }
}

/** A change as stored: only the fields it has. */
function clean(c: RevisionChange): RevisionChange {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as unknown as RevisionChange;
}

const clauseDto = (c: PolicyClause) => ({ ...c, roleName: c.role ? ROLE_INFO[c.role].name : null });
const grantDto = (g: GrantRow) => ({ permission: g.permission, permissionName: PERMISSION_NAMES.get(g.permission) ?? g.permission, role: g.role, roleName: ROLE_INFO[g.role].name, scope: g.scope, clauses: [...g.clauses] });
/** What an audit row keeps of a revision. */
const summary = (r: RevisionDto) => ({ title: r.title, status: r.status, baseVersion: r.baseVersion, resultingVersion: r.resultingVersion, effectiveFrom: r.effectiveFrom, changeCount: r.changeCount });

function toDto(r: RevisionRow): RevisionDto {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: r.id,
    department: r.department,
    rules: rulesDraftedBy(r.department),
    title: r.title,
    reason: r.reason,
    baseVersion: r.base_version,
    status: r.status,
    draftedBy: r.drafted_by,
    draftedByName: r.drafted_by_name,
    submittedAt: iso(r.submitted_at),
    decidedBy: r.decided_by,
    decidedByName: r.decided_by_name,
    decidedAt: iso(r.decided_at),
    decisionComment: r.decision_comment,
    effectiveFrom: iso(r.effective_from),
    resultingVersion: r.resulting_version,
    changeCount: r.changes.length,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
