import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import type { Permission } from '../access/duty.types';
import { scopeCondition } from '../access/scope';
import { APP_CONFIG } from '../app.tokens';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { fromCents, toCents } from '../common/money';
import { Page, paginateJoined } from '../common/pagination';
import { businessDate, toInstant } from '../common/time';
import type { CollectionDto, CollectionListDto, CreateCollectionDto, ListReceivablesQueryDto, ReceivableDto } from './dto/receivable.dto';
import { Receivable } from './receivable.entity';

export const RECEIVABLE_SCOPE_COLUMNS = { owner: 'r.owner_id', department: 'r.department' };

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `raw` is the row of a query joining the contract number and the customer name, as every receivable read does. */
export function toReceivableResponse(r: Receivable, raw: Record<string, unknown>, today: string): ReceivableDto {
  const outstandingCents = toCents(r.amountDue) - toCents(r.amountPaid);
  const overdue = outstandingCents > 0n && r.dueDate < today;
  return {
    id: r.id,
    contractId: r.contractId,
    contractNumber: String(raw.contract_number),
    customerId: r.customerId,
    customerName: String(raw.customer_name),
    ownerId: r.ownerId,
    department: r.department,
    seq: r.seq,
    dueDate: r.dueDate,
    amountDue: r.amountDue,
    amountPaid: r.amountPaid,
    outstanding: fromCents(outstandingCents),
    status: r.status,
    overdue,
    daysOverdue: overdue ? daysBetween(r.dueDate, today) : 0,
    version: r.version,
  };
}

/** 应收 (SAL-6.5, SAL-7.3): lists and single reads under receivable.read; 催收 under collection.log. */
@Injectable()
export class ReceivablesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  today(): string {
    return businessDate(new Date(), this.config.businessTz);
  }

  async list(actor: Actor, query: ListReceivablesQueryDto): Promise<Page<ReceivableDto>> {
    const today = this.today();
    const qb = this.scoped(this.ds.manager, actor, 'receivable.read');
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.customerId) qb.andWhere('r.customer_id = :customerId', { customerId: query.customerId });
    if (query.contractId) qb.andWhere('r.contract_id = :contractId', { contractId: query.contractId });
    if (query.ownerId) qb.andWhere('r.owner_id = :ownerId', { ownerId: query.ownerId });
    if (query.dueBefore) qb.andWhere('r.due_date < :dueBefore', { dueBefore: query.dueBefore });
    if (query.overdue === 'true') qb.andWhere('r.amount_paid < r.amount_due AND r.due_date < :today', { today });
    if (query.overdue === 'false') qb.andWhere('NOT (r.amount_paid < r.amount_due AND r.due_date < :today)', { today });
    return paginateJoined(qb, query, { dueDate: 'r.due_date', amountDue: 'r.amount_due', createdAt: 'r.created_at' }, 'dueDate', (r, raw) =>
      toReceivableResponse(r, raw, today),
    );
  }

  async get(actor: Actor, id: string): Promise<ReceivableDto> {
    const { entities, raw } = await this.scoped(this.ds.manager, actor, 'receivable.read').andWhere('r.id = :id', { id }).getRawAndEntities();
    if (!entities.length) throw CommonErrors.notFound('应收款');
    return toReceivableResponse(entities[0], raw[0], this.today());
  }

  /** 催收记录 by whoever holds collection.log with the receivable in scope (the owning 业务员, the manager). */
  async logCollection(actor: Actor, id: string, dto: CreateCollectionDto): Promise<CollectionDto> {
    return this.ds.transaction(async (m) => {
      const r = await this.scoped(m, actor, 'collection.log').andWhere('r.id = :id', { id }).getOne();
      if (!r) throw CommonErrors.notFound('应收款');
      const [row] = await m.query(
        `INSERT INTO collections (receivable_id, collector_id, contacted_at, method, result, promised_date, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, created_at`,
        [id, actor.id, toInstant(dto.contactedAt, this.config.businessTz), dto.method, dto.result, dto.promisedDate ?? null, dto.note],
      );
      const out: CollectionDto = {
        id: row.id as string,
        receivableId: id,
        collectorId: actor.id,
        contactedAt: toInstant(dto.contactedAt, this.config.businessTz).toISOString(),
        method: dto.method,
        result: dto.result,
        promisedDate: dto.promisedDate ?? null,
        note: dto.note,
        createdAt: new Date(row.created_at).toISOString(),
      };
      await this.audit.record(m, actor, { action: 'collection.log', entity: 'collection', entityId: out.id, after: out });
      return out;
    });
  }

  async collections(actor: Actor, id: string): Promise<CollectionListDto> {
    await this.get(actor, id);
    const rows = await this.ds.query(
      `SELECT c.id, c.collector_id, u.display_name AS collector_name, c.contacted_at, c.method, c.result,
              to_char(c.promised_date, 'YYYY-MM-DD') AS promised_date, c.note, c.created_at
       FROM collections c JOIN users u ON u.id = c.collector_id WHERE c.receivable_id = $1 ORDER BY c.contacted_at DESC, c.id LIMIT 500`,
      [id],
    );
    return {
      items: rows.map((c: Record<string, any>) => ({
        id: c.id,
        receivableId: id,
        collectorId: c.collector_id,
        collectorName: c.collector_name,
        contactedAt: new Date(c.contacted_at).toISOString(),
        method: c.method,
        result: c.result,
        promisedDate: c.promised_date,
        note: c.note,
        createdAt: new Date(c.created_at).toISOString(),
      })),
      total: rows.length,
    };
  }

  private scoped(m: EntityManager, actor: Actor, permission: Permission): SelectQueryBuilder<Receivable> {
    const scope = scopeCondition(actor, permission, RECEIVABLE_SCOPE_COLUMNS);
    return m
      .getRepository(Receivable)
      .createQueryBuilder('r')
      .leftJoin('contracts', 'k', 'k.id = r.contract_id')
      .leftJoin('customers', 'cu', 'cu.id = r.customer_id')
      .addSelect('k.number', 'contract_number')
      .addSelect('cu.name', 'customer_name')
      .where(scope.sql, scope.params);
  }
}
