import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { grantFor } from '../access/policy';
import type { Permission } from '../access/duty.types';
import { DEPARTMENT_NAMES, type Department } from '../access/roles';
import { positionalScope, scopeCondition } from '../access/scope';
import { APP_CONFIG } from '../app.tokens';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { sortColumn, type Page } from '../common/pagination';
import { updateVersioned } from '../database/versioned-update';
import type { CreateReviewDto, ListReviewsQueryDto, MyReviewsQueryDto, ReviewDto, ReviewItemDto, UpdateReviewDto } from './dto/review.dto';
import { measureFigures, measuredFor } from './review-figures';
import { lastDayOf, periodTypeOf, reviewPeriodBounds, reviewTransition, weightedTotal, type ReviewStatus } from './review-rules';
import { reviewReadScope, reviewScope } from './review-scope';
import { ReviewsErrors } from './reviews.errors';
import { SchemesService } from './schemes.service';

const SORTABLE: Record<string, string> = { period: 'r.period_from', createdAt: 'r.created_at', submittedAt: 'r.submitted_at', total: 'r.total' };

interface Locked {
  ownerId: string;
  reviewerId: string;
  confirmLevel: 'manager' | 'gm';
  status: ReviewStatus;
  version: number;
  items: ReviewItemDto[];
}

/**
 * 绩效考核 (MKT-4.7, SAL-4.9, SAL-5.4, KA-4.8): a periodic review of a subordinate under the
 * department's scheme in force — a 主管 reviews their direct reports, a 经理 their department's
 * people — pre-filled with the measured figures of the period, scored by the reviewer, seen by the
 * reviewee once submitted, and confirmed (or returned) by the next level: the department's 经理
 * for a 主管's review, the 总经理 for a 经理's.
 */
@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly schemes: SchemesService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreateReviewDto): Promise<ReviewDto> {
    return this.ds
      .transaction(async (m) => {
        const reviewee = await this.reviewee(m, actor, dto.revieweeId);
        const scheme = await this.schemes.inForce(m, reviewee.department);
        if (!scheme) throw ReviewsErrors.noApprovedScheme(DEPARTMENT_NAMES[reviewee.department]);
        if (periodTypeOf(dto.period) !== scheme.periodType) throw ReviewsErrors.periodMismatch(dto.period, scheme.periodType);
        const tz = this.config.businessTz;
        const bounds = reviewPeriodBounds(dto.period, tz);
        const now = new Date();
        if (bounds.start > now) throw ReviewsErrors.periodNotStarted(dto.period);
        const [existing] = await m.query(`SELECT id FROM reviews WHERE owner_id = $1 AND period = $2`, [reviewee.id, dto.period]);
        if (existing) throw ReviewsErrors.exists(existing.id);
        const figures = await measureFigures(m, reviewee.id, scheme.periodType, dto.period, tz, now);
        const items: ReviewItemDto[] = scheme.criteria.map((c, i) => ({
          seq: i + 1,
          name: c.name,
          weight: c.weight,
          source: c.source,
          measured: measuredFor(c.source, figures),
          score: null,
          comment: null,
        }));
        // the next level: a team-scope reviewer (主管) answers to the department's 经理, a department-scope one (经理) to the 总经理
        const confirmLevel = grantFor(actor.role, 'review.conduct')!.scope === 'team' ? 'manager' : 'gm';
        const [row] = await m.query(
          `INSERT INTO reviews (scheme_id, owner_id, department, reviewer_id, confirm_level, period_type, period, period_from, period_until, figures, figures_at, items)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
          [scheme.id, reviewee.id, reviewee.department, actor.id, confirmLevel, scheme.periodType, dto.period, bounds.from, bounds.until, JSON.stringify(figures), now, JSON.stringify(items)],
        );
        const out = await this.read(m, row.id);
        await this.audit.record(m, actor, { action: 'review.create', entity: 'review', entityId: row.id, after: out });
        return out;
      })
      .catch(async (err: unknown) => {
        // two reviewers opening the same person's period at once: the second is told, like any duplicate
        if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '23505') {
          const [row] = await this.ds.query(`SELECT id FROM reviews WHERE owner_id = $1 AND period = $2`, [dto.revieweeId, dto.period]);
          throw ReviewsErrors.exists(row?.id ?? '');
        }
        throw err;
      });
  }

  async list(actor: Actor, q: ListReviewsQueryDto): Promise<Page<ReviewDto>> {
    const params: unknown[] = [];
    const where = [positionalScope(reviewReadScope(actor), params)];
    if (q.period) where.push(`r.period = $${params.push(q.period)}`);
    if (q.status) where.push(`r.status = $${params.push(q.status)}`);
    if (q.revieweeId) where.push(`r.owner_id = $${params.push(q.revieweeId)}`);
    if (q.reviewerId) where.push(`r.reviewer_id = $${params.push(q.reviewerId)}`);
    if (q.department) where.push(`r.department = $${params.push(q.department)}`);
    return this.page(where, params, q, '-period');
  }

  /** 我的考核: the caller's own reviews, from the reviewer's submission on. */
  async mine(actor: Actor, q: MyReviewsQueryDto): Promise<Page<ReviewDto>> {
    const params: unknown[] = [actor.id];
    return this.page([`r.owner_id = $1`, `r.status IN ('submitted', 'confirmed')`], params, q, '-period');
  }

  async get(actor: Actor, id: string): Promise<ReviewDto> {
    await this.locate(this.ds.manager, actor, id, 'review.read');
    return this.read(this.ds.manager, id);
  }

  /** 评分: the reviewer's scores (0–100) and comments, while the review is a draft or returned. */
  async update(actor: Actor, id: string, dto: UpdateReviewDto): Promise<ReviewDto> {
    return this.change(actor, id, 'review.conduct', 'review.update', async (m, r) => {
      if (r.reviewerId !== actor.id) throw ReviewsErrors.notReviewer();
      reviewTransition(r.status, 'edit');
      const items = r.items.map((i) => ({ ...i }));
      const seen = new Set<number>();
      for (const s of dto.scores ?? []) {
        if (seen.has(s.seq)) throw ReviewsErrors.duplicateScore(s.seq);
        seen.add(s.seq);
        const item = items.find((i) => i.seq === s.seq);
        if (!item) throw ReviewsErrors.unknownCriterion(s.seq);
        item.score = s.score;
        if (s.comment !== undefined) item.comment = s.comment;
      }
      const set: Record<string, unknown> = { items: JSON.stringify(items), total: weightedTotal(items) };
      if (dto.comment !== undefined) set.comment = dto.comment;
      await updateVersioned(m, 'reviews', id, dto.version, set);
    });
  }

  /** 提交: every criterion scored; from now on the reviewee sees it, and the next level decides. */
  async submit(actor: Actor, id: string): Promise<ReviewDto> {
    return this.change(actor, id, 'review.conduct', 'review.submit', async (m, r) => {
      if (r.reviewerId !== actor.id) throw ReviewsErrors.notReviewer();
      const to = reviewTransition(r.status, 'submit');
      const unscored = r.items.filter((i) => i.score === null).map((i) => i.name);
      if (unscored.length) throw ReviewsErrors.incomplete(unscored);
      await updateVersioned(m, 'reviews', id, r.version, { status: to, total: weightedTotal(r.items), submitted_at: new Date() });
    });
  }

  async confirm(actor: Actor, id: string, comment: string | null): Promise<ReviewDto> {
    return this.change(actor, id, 'review.confirm', 'review.confirm', async (m, r) => {
      this.checkNextLevel(actor, r);
      const to = reviewTransition(r.status, 'confirm');
      await updateVersioned(m, 'reviews', id, r.version, { status: to, confirmed_by: actor.id, confirmed_at: new Date(), confirm_comment: comment });
    });
  }

  /** 退回: back to the reviewer with a comment; the reviewee no longer sees it until it is submitted again. */
  async return(actor: Actor, id: string, comment: string): Promise<ReviewDto> {
    return this.change(actor, id, 'review.confirm', 'review.return', async (m, r) => {
      this.checkNextLevel(actor, r);
      const to = reviewTransition(r.status, 'return');
      await updateVersioned(m, 'reviews', id, r.version, { status: to, returned_by: actor.id, returned_at: new Date(), return_comment: comment });
    });
  }

  /** The next level above the reviewer: the 经理 (department scope) for a 主管's review, the 总经理 (all) for a 经理's. */
  private checkNextLevel(actor: Actor, r: Locked): void {
    if (r.reviewerId === actor.id || r.ownerId === actor.id) throw ReviewsErrors.selfConfirm();
    const scope = grantFor(actor.role, 'review.confirm')?.scope;
    const ok = r.confirmLevel === 'gm' ? scope === 'all' : scope === 'department';
    if (!ok) throw ReviewsErrors.notNextLevel(r.confirmLevel);
  }

  /**
   * The person to review, within the reviewer's review.conduct scope over people (404 otherwise): a
   * subordinate — never oneself, nor a peer who reviews at department scope too (another 经理).
   */
  private async reviewee(m: EntityManager, actor: Actor, id: string): Promise<{ id: string; department: Department }> {
    const params: unknown[] = [id];
    const scope = positionalScope(scopeCondition(actor, 'review.conduct', { owner: 'u.id', department: 'u.department' }), params);
    const [u] = await m.query(`SELECT u.id, u.role, u.department, u.active FROM users u WHERE u.id = $1 AND ${scope}`, params);
    if (!u) throw CommonErrors.notFound('员工');
    const theirs = grantFor(u.role, 'review.conduct');
    if (u.id === actor.id || (theirs && theirs.scope !== 'team') || u.role === 'admin') throw ReviewsErrors.notSubordinate();
    if (!u.active) throw ReviewsErrors.revieweeInactive();
    return { id: u.id, department: u.department };
  }

  private async page(where: string[], params: unknown[], q: { page?: number; pageSize?: number; sort?: string }, defaultSort: string): Promise<Page<ReviewDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const { column, dir } = sortColumn(q.sort ?? defaultSort, SORTABLE);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM reviews r WHERE ${where.join(' AND ')}`, params);
    const ids: { id: string }[] = await this.ds.query(
      `SELECT r.id FROM reviews r WHERE ${where.join(' AND ')} ORDER BY ${column} ${dir} NULLS LAST, r.id ${dir} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return { items: await this.readMany(this.ds.manager, ids.map((r) => r.id)), total, totalExact: true, page, pageSize };
  }

  /** One audited change of a review in the caller's `permission` scope, under a row lock. */
  private async change(actor: Actor, id: string, permission: Permission, action: string, apply: (m: EntityManager, r: Locked) => Promise<void>): Promise<ReviewDto> {
    return this.ds.transaction(async (m) => {
      const r = await this.locate(m, actor, id, permission, true);
      const before = await this.read(m, id);
      await apply(m, r);
      const after = await this.read(m, id);
      await this.audit.record(m, actor, { action, entity: 'review', entityId: id, before, after });
      return after;
    });
  }

  private async locate(m: EntityManager, actor: Actor, id: string, permission: Permission, lock = false): Promise<Locked> {
    const params: unknown[] = [id];
    const scope = positionalScope(reviewScope(actor, permission), params);
    const [row] = await m.query(
      `SELECT r.owner_id, r.reviewer_id, r.confirm_level, r.status, r.version, r.items FROM reviews r WHERE r.id = $1 AND ${scope} ${lock ? 'FOR UPDATE' : ''}`,
      params,
    );
    if (!row) throw CommonErrors.notFound('考核');
    return { ownerId: row.owner_id, reviewerId: row.reviewer_id, confirmLevel: row.confirm_level, status: row.status, version: row.version, items: row.items };
  }

  private async read(m: EntityManager, id: string): Promise<ReviewDto> {
    return (await this.readMany(m, [id]))[0];
  }

  private async readMany(m: EntityManager, ids: string[]): Promise<ReviewDto[]> {
    if (!ids.length) return [];
    const rows = await m.query(
      `SELECT r.*, to_char(r.period_from, 'YYYY-MM-DD') AS from_date, to_char(r.period_until, 'YYYY-MM-DD') AS until_date,
              s.name AS scheme_name, e.display_name AS reviewee_name, v.display_name AS reviewer_name, c.display_name AS confirmed_by_name
       FROM reviews r JOIN review_schemes s ON s.id = r.scheme_id JOIN users e ON e.id = r.owner_id JOIN users v ON v.id = r.reviewer_id
       LEFT JOIN users c ON c.id = r.confirmed_by
       WHERE r.id = ANY($1)`,
      [ids],
    );
    const byId = new Map(rows.map((r: Record<string, any>) => [r.id, r]));
    return ids.map((id) => toReviewDto(byId.get(id) as Record<string, any>));
  }
}

const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);

function toReviewDto(r: Record<string, any>): ReviewDto {
  return {
    id: r.id,
    schemeId: r.scheme_id,
    schemeName: r.scheme_name,
    revieweeId: r.owner_id,
    revieweeName: r.reviewee_name,
    department: r.department,
    reviewerId: r.reviewer_id,
    reviewerName: r.reviewer_name,
    confirmLevel: r.confirm_level,
    periodType: r.period_type,
    period: r.period,
    from: r.from_date,
    to: lastDayOf({ until: r.until_date }),
    figures: r.figures,
    figuresAt: iso(r.figures_at)!,
    items: r.items,
    total: r.total === null ? null : String(r.total),
    comment: r.comment,
    status: r.status,
    submittedAt: iso(r.submitted_at),
    confirmedBy: r.confirmed_by,
    confirmedByName: r.confirmed_by_name ?? null,
    confirmedAt: iso(r.confirmed_at),
    confirmComment: r.confirm_comment,
    returnedBy: r.returned_by,
    returnedAt: iso(r.returned_at),
    returnComment: r.return_comment,
    version: r.version,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}
