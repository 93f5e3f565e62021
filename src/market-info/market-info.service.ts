import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../access/actor';
import { grantFor } from '../access/policy';
import { scopeCondition, type ScopeCondition } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { Page, paginateJoined } from '../common/pagination';
import { CustomersService } from '../customers/customers.service';
import { findOneInScope } from '../database/find-in-scope';
import { updateVersioned } from '../database/versioned-update';
import { TasksService } from '../tasks/tasks.service';
import type { CreateMarketInfoDto, ListMarketInfoQueryDto, MarketInfoDto, UpdateMarketInfoDto } from './dto/market-info.dto';
import { containsPattern, MAX_SEARCH_TERMS, marketInfoTransition, searchTerms, type MarketInfoAction } from './market-info-rules';
import { MarketInfo } from './market-info.entity';
import { MarketInfoErrors } from './market-info.errors';

/** The scope columns: an entry belongs to its writer (owner), in the writer's department. */
export const MARKET_INFO_SCOPE_COLUMNS = { owner: 'm.owner_id', department: 'm.department' };
/** What a search matches: title, body and source as one text — the expression the trigram index holds. */
const SEARCH_TEXT = `(m.title || ' ' || m.body || ' ' || coalesce(m.source, ''))`;
/** The tasks (待办) of an entry carry this cause-key prefix; an update, a confirmation or archiving closes them. */
export const marketInfoTaskPrefix = (id: string) => `market-info:${id}:`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toMarketInfoResponse(m: MarketInfo, raw: Record<string, unknown>): MarketInfoDto {
  return {
    id: m.id,
    category: m.category,
    title: m.title,
    body: m.body,
    region: m.region,
    industry: m.industry,
    source: m.source,
    customerId: m.customerId,
    customerName: (raw.customer_name as string | null) ?? null,
    ownerId: m.ownerId,
    ownerName: String(raw.owner_name ?? ''),
    department: m.department,
    status: m.status,
    stale: m.staleSince !== null,
    staleSince: iso(m.staleSince),
    reviewedAt: iso(m.reviewedAt),
    reviewedBy: m.reviewedBy,
    reviewedByName: (raw.reviewer_name as string | null) ?? null,
    archivedAt: iso(m.archivedAt),
    version: m.version,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/**
 * 市场信息库 (MKT-5.6, MKT-6.1, SAL-6.2, SAL-7.5, SAL-8.3, KA-5.2, KA-6.5): entries collected by
 * specialists, reps, the 内勤 and the 助理, read across the department, kept up to date by the
 * department's curators (主管, 经理, 助理) — who confirm an entry still holds, archive what no
 * longer does, and restore it. Every change is one audited transaction.
 */
@Injectable()
export class MarketInfoService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly customers: CustomersService,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateMarketInfoDto): Promise<MarketInfoDto> {
    return this.ds.transaction(async (m) => {
      if (dto.customerId) await this.customers.findInScope(m, actor, dto.customerId, 'customer.read');
      const [{ id }] = await m.query(
        `INSERT INTO market_info (category, title, body, region, industry, source, customer_id, owner_id, department)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [dto.category, dto.title, dto.body, dto.region ?? null, dto.industry ?? null, dto.source ?? null, dto.customerId ?? null, actor.id, actor.department],
      );
      const out = await this.read(m, actor, id);
      await this.audit.record(m, actor, { action: 'market-info.create', entity: 'market_info', entityId: id, after: out });
      return out;
    });
  }

  /** marketinfo.read by the writer's department (all for the 总经理); filters never widen it. */
  async list(actor: Actor, q: ListMarketInfoQueryDto): Promise<Page<MarketInfoDto>> {
    const terms = searchTerms(q.q);
    if (terms.length > MAX_SEARCH_TERMS) throw MarketInfoErrors.tooManyTerms();
    const scope = scopeCondition(actor, 'marketinfo.read', MARKET_INFO_SCOPE_COLUMNS);
    const qb = this.joined(this.ds.manager, actor).where(scope.sql, scope.params);
    if (q.category) qb.andWhere('m.category = :category', { category: q.category });
    if (q.region) qb.andWhere('m.region = :region', { region: q.region });
    if (q.industry) qb.andWhere('m.industry = :industry', { industry: q.industry });
    if (q.customerId) qb.andWhere('m.customer_id = :customerId', { customerId: q.customerId });
    if (q.ownerId) qb.andWhere('m.owner_id = :ownerId', { ownerId: q.ownerId });
    if (q.status) qb.andWhere('m.status = :status', { status: q.status });
    if (q.stale === 'true') qb.andWhere('m.stale_since IS NOT NULL');
    if (q.stale === 'false') qb.andWhere('m.stale_since IS NULL');
    terms.forEach((term, i) => qb.andWhere(`${SEARCH_TEXT} ILIKE :term${i} ESCAPE '\\'`, { [`term${i}`]: containsPattern(term) }));
    return paginateJoined(
      qb,
      q,
      { updatedAt: 'm.updated_at', createdAt: 'm.created_at', category: 'm.category', title: 'm.title', region: 'm.region', staleSince: 'm.stale_since' },
      '-updatedAt',
      toMarketInfoResponse,
    );
  }

  async get(actor: Actor, id: string): Promise<MarketInfoDto> {
    const scope = scopeCondition(actor, 'marketinfo.read', MARKET_INFO_SCOPE_COLUMNS);
    await findOneInScope(this.ds.getRepository(MarketInfo).createQueryBuilder('m').select('m.id'), scope, id, '市场信息');
    return this.read(this.ds.manager, actor, id);
  }

  /**
   * PATCH: the writer edits their own entries (marketinfo.write, own); a curator those of the
   * department (marketinfo.curate). An update keeps the entry up to date: it is no longer stale.
   */
  async update(actor: Actor, id: string, dto: UpdateMarketInfoDto): Promise<MarketInfoDto> {
    const scope = this.editScope(actor);
    if (!scope) {
      await this.audit.recordDenial(actor, 'marketinfo.write', 'PATCH', `/api/v1/market-info/${id}`).catch(() => undefined);
      throw MarketInfoErrors.notEditor();
    }
    return this.change(actor, id, 'edit', scope, async (m, e) => {
      if (e.version !== dto.version) throw CommonErrors.staleVersion();
      if (dto.customerId) await this.customers.findInScope(m, actor, dto.customerId, 'customer.read');
      const set: Record<string, unknown> = { stale_since: null };
      for (const [field, column] of [
        ['category', 'category'],
        ['title', 'title'],
        ['body', 'body'],
        ['region', 'region'],
        ['industry', 'industry'],
        ['source', 'source'],
        ['customerId', 'customer_id'],
      ] as const) {
        if (dto[field] !== undefined) set[column] = dto[field];
      }
      await updateVersioned(m, 'market_info', id, dto.version, set);
    });
  }

  /** 确认仍然准确 (a curator): no longer stale, reviewed now. */
  async confirm(actor: Actor, id: string): Promise<MarketInfoDto> {
    return this.change(actor, id, 'confirm', this.curateScope(actor), async (m, e) => {
      await updateVersioned(m, 'market_info', id, e.version, { stale_since: null, reviewed_at: new Date(), reviewed_by: actor.id });
    });
  }

  /** 归档 (a curator): out of date for good; read-only until restored. */
  async archive(actor: Actor, id: string): Promise<MarketInfoDto> {
    return this.change(actor, id, 'archive', this.curateScope(actor), async (m, e, to) => {
      await updateVersioned(m, 'market_info', id, e.version, { status: to, archived_at: new Date(), stale_since: null });
    });
  }

  /** 恢复 (a curator): back in the library, as it was when archived. */
  async restore(actor: Actor, id: string): Promise<MarketInfoDto> {
    return this.change(actor, id, 'restore', this.curateScope(actor), async (m, e, to) => {
      await updateVersioned(m, 'market_info', id, e.version, { status: to, archived_at: null });
    });
  }

  // ── the machinery ─────────────────────────────────────────────────────

  /** One audited step under a row lock: the entry inside `scope` (else 404), a state that allows it (else 409). */
  private async change(
    actor: Actor,
    id: string,
    action: MarketInfoAction,
    scope: ScopeCondition,
    apply: (m: EntityManager, e: MarketInfo, to: MarketInfo['status']) => Promise<void>,
  ): Promise<MarketInfoDto> {
    return this.ds.transaction(async (m) => {
      const e = await findOneInScope(m.getRepository(MarketInfo).createQueryBuilder('m'), scope, id, '市场信息', true);
      const to = marketInfoTransition(e.status, action);
      const before = await this.read(m, actor, id);
      await apply(m, e, to);
      await this.tasks.closeByCause(m, marketInfoTaskPrefix(id));
      const after = await this.read(m, actor, id);
      await this.audit.record(m, actor, { action: `market-info.${action === 'edit' ? 'update' : action}`, entity: 'market_info', entityId: id, before, after });
      return after;
    });
  }

  private curateScope(actor: Actor): ScopeCondition {
    return scopeCondition(actor, 'marketinfo.curate', MARKET_INFO_SCOPE_COLUMNS);
  }

  /** Who may edit what: a curator the department's entries, a writer their own; null for neither. */
  private editScope(actor: Actor): ScopeCondition | null {
    if (grantFor(actor.role, 'marketinfo.curate')) return this.curateScope(actor);
    if (grantFor(actor.role, 'marketinfo.write')) return scopeCondition(actor, 'marketinfo.write', MARKET_INFO_SCOPE_COLUMNS);
    return null;
  }

  /**
   * The entries with the names beside them: the writer, the last reviewer, and the linked customer's
   * name only for a reader who may read that customer (customer.read, the customer's own rule).
   */
  private joined(m: EntityManager, actor: Actor): SelectQueryBuilder<MarketInfo> {
    const customers = scopeCondition(actor, 'customer.read', { owner: 'c.owner_id', department: 'c.department' });
    return m
      .getRepository(MarketInfo)
      .createQueryBuilder('m')
      .leftJoin('users', 'o', 'o.id = m.owner_id')
      .leftJoin('users', 'rv', 'rv.id = m.reviewed_by')
      .leftJoin('customers', 'c', 'c.id = m.customer_id')
      .addSelect('o.display_name', 'owner_name')
      .addSelect('rv.display_name', 'reviewer_name')
      .addSelect(`CASE WHEN c.id IS NOT NULL AND ${customers.sql} THEN c.name END`, 'customer_name')
      .setParameters(customers.params);
  }

  private async read(m: EntityManager, actor: Actor, id: string): Promise<MarketInfoDto> {
    const { entities, raw } = await this.joined(m, actor).where('m.id = :id', { id }).getRawAndEntities();
    if (!entities.length) throw CommonErrors.notFound('市场信息');
    return toMarketInfoResponse(entities[0], raw[0]);
  }
}
