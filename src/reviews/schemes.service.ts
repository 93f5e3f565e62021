import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import type { Permission } from '../access/duty.types';
import { positionalScope } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { sortColumn, type Page } from '../common/pagination';
import { AdvisoryLock } from '../database/advisory-locks';
import { updateVersioned } from '../database/versioned-update';
import type { CreateSchemeDto, ListSchemesQueryDto, SchemeDepartment, SchemeDto, UpdateSchemeDto } from './dto/scheme.dto';
import { checkCriteria, schemeTransition, type Criterion, type SchemeStatus } from './review-rules';
import { schemeScope } from './review-scope';
import { ReviewsErrors } from './reviews.errors';

const SORTABLE: Record<string, string> = { createdAt: 's.created_at', submittedAt: 's.submitted_at', effectiveFrom: 's.effective_from', name: 's.name' };

/**
 * 绩效考核方案 (SAL-4.9: 制定对本部门员工的绩效考核方案…经公司总经理审批通过后组织执行): the 经理
 * drafts a weighted scheme for their department, the 总经理 approves or rejects it; an approved
 * scheme is in force from its approval and supersedes the department's previous one, which is kept
 * read-only. Nobody approves a scheme they drafted.
 */
@Injectable()
export class SchemesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateSchemeDto): Promise<SchemeDto> {
    const criteria = toCriteria(dto.criteria);
    checkCriteria(criteria);
    return this.ds.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO review_schemes (department, owner_id, name, period_type, criteria) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [actor.department, actor.id, dto.name, dto.periodType, JSON.stringify(criteria)],
      );
      const out = await this.read(m, row.id);
      await this.audit.record(m, actor, { action: 'review-scheme.create', entity: 'review_scheme', entityId: row.id, after: out });
      return out;
    });
  }

  async list(actor: Actor, q: ListSchemesQueryDto): Promise<Page<SchemeDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const params: unknown[] = [];
    const where = [this.visible(actor, params)];
    if (q.department) where.push(`s.department = $${params.push(q.department)}`);
    if (q.status) where.push(`s.status = $${params.push(q.status)}`);
    if (q.periodType) where.push(`s.period_type = $${params.push(q.periodType)}`);
    const { column, dir } = sortColumn(q.sort ?? '-createdAt', SORTABLE);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM review_schemes s WHERE ${where.join(' AND ')}`, params);
    const ids: { id: string }[] = await this.ds.query(
      `SELECT s.id FROM review_schemes s WHERE ${where.join(' AND ')} ORDER BY ${column} ${dir} NULLS LAST, s.id ${dir} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    const items = await this.readMany(this.ds.manager, ids.map((r) => r.id));
    return { items, total, totalExact: true, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<SchemeDto> {
    await this.locate(this.ds.manager, actor, id, 'review.read');
    return this.read(this.ds.manager, id);
  }

  async update(actor: Actor, id: string, dto: UpdateSchemeDto): Promise<SchemeDto> {
    return this.change(actor, id, 'review.scheme', 'review-scheme.update', async (m, s) => {
      schemeTransition(s.status, 'edit');
      const set: Record<string, unknown> = {};
      if (dto.name !== undefined) set.name = dto.name;
      if (dto.periodType !== undefined) set.period_type = dto.periodType;
      if (dto.criteria !== undefined) {
        const criteria = toCriteria(dto.criteria);
        checkCriteria(criteria);
        set.criteria = JSON.stringify(criteria);
      }
      await updateVersioned(m, 'review_schemes', id, dto.version, set);
    });
  }

  async submit(actor: Actor, id: string): Promise<SchemeDto> {
    return this.change(actor, id, 'review.scheme', 'review-scheme.submit', async (m, s) => {
      const to = schemeTransition(s.status, 'submit');
      await updateVersioned(m, 'review_schemes', id, s.version, { status: to, submitted_at: new Date() });
    });
  }

  /** 批准: in force from now; the department's scheme in force until now is superseded (kept, read-only). */
  async approve(actor: Actor, id: string, comment: string | null): Promise<SchemeDto> {
    return this.change(actor, id, 'review.approve_scheme', 'review-scheme.approve', async (m, s) => {
      // two schemes of a department approved at once must not both find the one in force
      await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [AdvisoryLock.ReviewSchemeApproval, s.department]);
      const to = schemeTransition(s.status, 'approve');
      if (s.ownerId === actor.id) throw ReviewsErrors.schemeSelfApproval();
      const now = new Date();
      const current: { id: string; status: SchemeStatus; version: number }[] = await m.query(
        `SELECT id, status, version FROM review_schemes WHERE department = $1 AND status = 'approved' FOR UPDATE`,
        [s.department],
      );
      for (const old of current) {
        const before = await this.read(m, old.id);
        await updateVersioned(m, 'review_schemes', old.id, old.version, { status: schemeTransition(old.status, 'supersede'), effective_until: now, superseded_by: id });
        await this.audit.record(m, actor, { action: 'review-scheme.supersede', entity: 'review_scheme', entityId: old.id, before, after: await this.read(m, old.id) });
      }
      await updateVersioned(m, 'review_schemes', id, s.version, { status: to, decided_by: actor.id, decided_at: now, decision_comment: comment, effective_from: now });
    });
  }

  async reject(actor: Actor, id: string, comment: string): Promise<SchemeDto> {
    return this.change(actor, id, 'review.approve_scheme', 'review-scheme.reject', async (m, s) => {
      const to = schemeTransition(s.status, 'reject');
      if (s.ownerId === actor.id) throw ReviewsErrors.schemeSelfApproval();
      await updateVersioned(m, 'review_schemes', id, s.version, { status: to, decided_by: actor.id, decided_at: new Date(), decision_comment: comment });
    });
  }

  /** The department's scheme in force, locked against a concurrent approval until the caller's transaction ends. */
  async inForce(m: EntityManager, department: string): Promise<{ id: string; periodType: 'month' | 'quarter' | 'year'; criteria: Criterion[]; name: string } | null> {
    const [row] = await m.query(`SELECT id, name, period_type, criteria FROM review_schemes WHERE department = $1 AND status = 'approved' FOR SHARE`, [department]);
    return row ? { id: row.id, name: row.name, periodType: row.period_type, criteria: row.criteria } : null;
  }

  /** One audited change of a scheme in the caller's `permission` scope, under a row lock. */
  private async change(
    actor: Actor,
    id: string,
    permission: Permission,
    action: string,
    apply: (m: EntityManager, s: { ownerId: string; department: SchemeDepartment; status: SchemeStatus; version: number }) => Promise<void>,
  ): Promise<SchemeDto> {
    return this.ds.transaction(async (m) => {
      const s = await this.locate(m, actor, id, permission, true);
      const before = await this.read(m, id);
      await apply(m, s);
      const after = await this.read(m, id);
      await this.audit.record(m, actor, { action, entity: 'review_scheme', entityId: id, before, after });
      return after;
    });
  }

  private async locate(m: EntityManager, actor: Actor, id: string, permission: Permission, lock = false) {
    const params: unknown[] = [id];
    const scope = positionalScope(schemeScope(actor, permission), params);
    const [row] = await m.query(
      `SELECT s.owner_id, s.department, s.status, s.version FROM review_schemes s WHERE s.id = $1 AND ${scope} ${lock ? 'FOR UPDATE' : ''}`,
      params,
    );
    if (!row) throw CommonErrors.notFound('考核方案');
    return { ownerId: row.owner_id as string, department: row.department as SchemeDepartment, status: row.status as SchemeStatus, version: row.version as number };
  }

  /** review.read in the caller's scope; a reader below the 经理 sees only schemes that are or were in force. */
  private visible(actor: Actor, params: unknown[]): string {
    return positionalScope(schemeScope(actor, 'review.read'), params);
  }

  private async read(m: EntityManager, id: string): Promise<SchemeDto> {
    return (await this.readMany(m, [id]))[0];
  }

  private async readMany(m: EntityManager, ids: string[]): Promise<SchemeDto[]> {
    if (!ids.length) return [];
    const rows = await m.query(
      `SELECT s.*, u.display_name AS drafted_by_name, d.display_name AS decided_by_name
       FROM review_schemes s JOIN users u ON u.id = s.owner_id LEFT JOIN users d ON d.id = s.decided_by
       WHERE s.id = ANY($1)`,
      [ids],
    );
    const byId = new Map(rows.map((r: Record<string, any>) => [r.id, r]));
    return ids.map((id) => toSchemeDto(byId.get(id) as Record<string, any>));
  }
}

const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);

function toSchemeDto(r: Record<string, any>): SchemeDto {
  return {
    id: r.id,
    department: r.department,
    name: r.name,
    periodType: r.period_type,
    criteria: (r.criteria as Criterion[]).map((c, i) => ({ seq: i + 1, name: c.name, weight: c.weight, source: c.source })),
    status: r.status,
    draftedBy: r.owner_id,
    draftedByName: r.drafted_by_name,
    submittedAt: iso(r.submitted_at),
    decidedBy: r.decided_by,
    decidedByName: r.decided_by_name ?? null,
    decidedAt: iso(r.decided_at),
    decisionComment: r.decision_comment,
    effectiveFrom: iso(r.effective_from),
    effectiveUntil: iso(r.effective_until),
    supersededBy: r.superseded_by,
    version: r.version,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

function toCriteria(dto: Criterion[]): Criterion[] {
  return dto.map((c) => ({ name: c.name, weight: c.weight, source: c.source }));
}
