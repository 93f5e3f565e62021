import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { InjectReadDataSource } from '../database/read-data-source';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import type { Permission } from '../access/duty.types';
import { scopeCondition } from '../access/scope';
import { APP_CONFIG } from '../app.tokens';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { toCsv } from '../common/csv';
import { applySort, Page, paginateJoined } from '../common/pagination';
import { toInstant } from '../common/time';
import { updateVersioned } from '../database/versioned-update';
import type { CreateVisitDto, ListVisitsQueryDto, UpdateVisitDto, VisitResponseDto } from './dto/visit.dto';
import { Visit, VISIT_METHOD_NAMES } from './visit.entity';
import { VisitsErrors } from './visits.errors';
import { findOneInScope } from '../database/find-in-scope';
import { insertVisitSql, visitOfRow } from './visit-insert';

export const VISIT_SCOPE_COLUMNS = { owner: 'v.visitor_id', department: 'v.department' };
const SORTABLE = { visitedAt: 'v.visited_at', createdAt: 'v.created_at' };
/** An export holds at most this many rows; narrow the filters for more. */
export const VISIT_EXPORT_LIMIT = 50_000;
/** Clock skew allowed between a visitor's phone and the server. */
const FUTURE_TOLERANCE_MS = 10 * 60_000;

function toVisitResponse(v: Visit, raw: Record<string, unknown>): VisitResponseDto {
  return {
    id: v.id,
    customerId: v.customerId,
    prospectId: v.prospectId,
    targetName: String(raw.target_name ?? ''),
    visitorId: v.visitorId,
    visitorName: String(raw.visitor_name ?? ''),
    department: v.department,
    visitedAt: v.visitedAt.toISOString(),
    method: v.method,
    purpose: v.purpose,
    summary: v.summary,
    issues: v.issues,
    suggestions: v.suggestions,
    nextStep: v.nextStep,
    nextVisitAt: v.nextVisitAt ? v.nextVisitAt.toISOString() : null,
    location: v.locationLat !== null && v.locationLng !== null ? { lat: Number(v.locationLat), lng: Number(v.locationLng), address: v.locationAddress } : null,
    reviewed: v.reviewedAt !== null,
    reviewedAt: v.reviewedAt ? v.reviewedAt.toISOString() : null,
    reviewerId: v.reviewerId,
    reviewComment: v.reviewComment,
    version: v.version,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}

@Injectable()
export class VisitsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectReadDataSource() private readonly reader: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 填写客户拜访记录表: the caller is the visitor; the customer or prospect must be in their reach. */
  async create(actor: Actor, dto: CreateVisitDto): Promise<VisitResponseDto> {
    if ((dto.customerId === undefined) === (dto.prospectId === undefined)) throw VisitsErrors.oneTarget();
    const visitedAt = toInstant(dto.visitedAt, this.config.businessTz);
    if (visitedAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) throw VisitsErrors.inFuture();
    // the draft: what the request decides; the database adds id, version and timestamps
    const draft = Object.assign(new Visit(), {
      id: '',
      customerId: dto.customerId ?? null,
      prospectId: dto.prospectId ?? null,
      visitorId: actor.id,
      department: actor.department,
      visitedAt,
      method: dto.method,
      purpose: dto.purpose,
      summary: dto.summary,
      issues: dto.issues ?? null,
      suggestions: dto.suggestions ?? null,
      nextStep: dto.nextStep ?? null,
      nextVisitAt: dto.nextVisitAt ? toInstant(dto.nextVisitAt, this.config.businessTz) : null,
      locationLat: dto.location ? String(dto.location.lat) : null,
      locationLng: dto.location ? String(dto.location.lng) : null,
      locationAddress: dto.location?.address ?? null,
      reviewedAt: null,
      reviewerId: null,
      reviewComment: null,
      version: 1,
      createdAt: new Date(0),
      updatedAt: new Date(0),
    });
    // one statement: scope check, the prospect's first contact, the visit and its audit row (visit-insert.ts)
    const { sql, params } = insertVisitSql(actor, draft, toVisitResponse(draft, {}));
    const [row] = await this.ds.query(sql, params);
    if (!row) throw CommonErrors.notFound(dto.customerId ? '客户' : '潜在客户');
    return toVisitResponse(visitOfRow(row), row);
  }

  async list(actor: Actor, query: ListVisitsQueryDto): Promise<Page<VisitResponseDto>> {
    return paginateJoined(this.listQuery(this.ds.manager, actor, query), query, SORTABLE, '-visitedAt', toVisitResponse);
  }

  /** `?format=csv`: the same filters and scope as the list, every matching row up to the export limit. */
  async exportCsv(actor: Actor, query: ListVisitsQueryDto): Promise<string> {
    const qb = this.listQuery(this.reader.manager, actor, query);
    applySort(qb, query.sort ?? '-visitedAt', SORTABLE);
    const { entities, raw } = await qb.limit(VISIT_EXPORT_LIMIT).getRawAndEntities();
    const rows = entities.map((v, i) => toVisitResponse(v, raw[i]));
    return toCsv(
      ['拜访时间', '拜访对象', '对象类型', '拜访人', '方式', '目的', '拜访内容', '发现问题', '客户建议', '下一步', '下次拜访', '签到地址', '已审阅', '审阅意见'],
      rows.map((r) => [
        r.visitedAt,
        r.targetName,
        r.customerId ? '客户' : '潜在客户',
        r.visitorName,
        VISIT_METHOD_NAMES[r.method],
        r.purpose,
        r.summary,
        r.issues,
        r.suggestions,
        r.nextStep,
        r.nextVisitAt,
        r.location?.address ?? (r.location ? `${r.location.lat},${r.location.lng}` : null),
        r.reviewed ? '是' : '否',
        r.reviewComment,
      ]),
    );
  }

  async get(actor: Actor, id: string): Promise<VisitResponseDto> {
    return this.readOne(this.ds.manager, actor, id);
  }

  async update(actor: Actor, id: string, dto: UpdateVisitDto): Promise<VisitResponseDto> {
    return this.ds.transaction(async (m) => {
      const visit = await this.findInScope(m, actor, id, 'visit.read', true);
      if (visit.visitorId !== actor.id) throw VisitsErrors.notVisitor();
      if (visit.reviewedAt) throw VisitsErrors.reviewed();
      if (visit.version !== dto.version) throw CommonErrors.staleVersion();
      const before = await this.readOne(m, actor, id);
      const set: Record<string, unknown> = {};
      if (dto.visitedAt !== undefined) {
        const at = toInstant(dto.visitedAt, this.config.businessTz);
        if (at.getTime() > Date.now() + FUTURE_TOLERANCE_MS) throw VisitsErrors.inFuture();
        set.visited_at = at;
      }
      const columns = { method: 'method', purpose: 'purpose', summary: 'summary', issues: 'issues', suggestions: 'suggestions', nextStep: 'next_step' } as const;
      for (const [field, column] of Object.entries(columns)) {
        const value = dto[field as keyof typeof columns];
        if (value !== undefined) set[column] = value;
      }
      if (dto.nextVisitAt !== undefined) set.next_visit_at = dto.nextVisitAt === null ? null : toInstant(dto.nextVisitAt, this.config.businessTz);
      if (dto.location !== undefined) {
        Object.assign(set, {
          location_lat: dto.location?.lat ?? null,
          location_lng: dto.location?.lng ?? null,
          location_address: dto.location?.address ?? null,
        });
      }
      await updateVersioned(m, 'visits', id, dto.version, set);
      const after = await this.readOne(m, actor, id);
      await this.audit.record(m, actor, { action: 'visit.update', entity: 'visit', entityId: id, before, after });
      return after;
    });
  }

  /** 审阅: a supervisor or manager with the visit in scope; never one's own visit; once. */
  async review(actor: Actor, id: string, comment: string): Promise<VisitResponseDto> {
    return this.ds.transaction(async (m) => {
      const visit = await this.findInScope(m, actor, id, 'visit.review', true);
      if (visit.visitorId === actor.id) throw VisitsErrors.selfReview();
      if (visit.reviewedAt) throw VisitsErrors.alreadyReviewed();
      const before = await this.readOne(m, actor, id);
      await updateVersioned(m, 'visits', id, visit.version, { reviewer_id: actor.id, review_comment: comment }, ['reviewed_at = now()']);
      const after = await this.readOne(m, actor, id);
      await this.audit.record(m, actor, { action: 'visit.review', entity: 'visit', entityId: id, before, after });
      return after;
    });
  }

  private listQuery(m: EntityManager, actor: Actor, query: ListVisitsQueryDto): SelectQueryBuilder<Visit> {
    const qb = this.joined(m).where(this.scopeSql(actor, 'visit.read').sql, this.scopeSql(actor, 'visit.read').params);
    if (query.visitorId) qb.andWhere('v.visitor_id = :visitorId', { visitorId: query.visitorId });
    if (query.customerId) qb.andWhere('v.customer_id = :customerId', { customerId: query.customerId });
    if (query.prospectId) qb.andWhere('v.prospect_id = :prospectId', { prospectId: query.prospectId });
    if (query.method) qb.andWhere('v.method = :method', { method: query.method });
    if (query.reviewed) qb.andWhere(query.reviewed === 'true' ? 'v.reviewed_at IS NOT NULL' : 'v.reviewed_at IS NULL');
    if (query.from) qb.andWhere('v.visited_at >= :from', { from: toInstant(query.from, this.config.businessTz) });
    if (query.to) qb.andWhere('v.visited_at < :to', { to: toInstant(query.to, this.config.businessTz) });
    return qb;
  }

  private joined(m: EntityManager): SelectQueryBuilder<Visit> {
    return m
      .getRepository(Visit)
      .createQueryBuilder('v')
      .leftJoin('customers', 'c', 'c.id = v.customer_id')
      .leftJoin('prospects', 'p', 'p.id = v.prospect_id')
      .leftJoin('users', 'u', 'u.id = v.visitor_id')
      .addSelect('COALESCE(c.name, p.company_name)', 'target_name')
      .addSelect('u.display_name', 'visitor_name');
  }

  private scopeSql(actor: Actor, permission: Permission) {
    return scopeCondition(actor, permission, VISIT_SCOPE_COLUMNS);
  }

  private async findInScope(m: EntityManager, actor: Actor, id: string, permission: Permission, lock = false): Promise<Visit> {
    return findOneInScope(m.getRepository(Visit).createQueryBuilder('v'), this.scopeSql(actor, permission), id, '拜访记录', lock);
  }

  private async readOne(m: EntityManager, actor: Actor, id: string): Promise<VisitResponseDto> {
    const scope = this.scopeSql(actor, 'visit.read');
    const { entities, raw } = await this.joined(m).where('v.id = :id', { id }).andWhere(scope.sql, scope.params).getRawAndEntities();
    if (!entities.length) throw CommonErrors.notFound('拜访记录');
    return toVisitResponse(entities[0], raw[0]);
  }
}
