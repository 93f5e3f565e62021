import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InjectReadDataSource } from '../database/read-data-source';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { positionalScope, scopeCondition } from '../access/scope';
import { APP_CONFIG } from '../app.tokens';
import { AppError } from '../common/app-error';
import { fromCents, ratio, toCents } from '../common/money';
import { businessDate } from '../common/time';
import type { Department } from '../access/roles';
import { coalescedQuery } from '../common/coalesce';
import { AGING_BUCKETS, agingQuery, overdueCustomersQuery } from './aging';
import type { AgingReportDto, CollectionRateDto, OverdueCustomersDto, OverdueCustomersQueryDto } from './dto/receivable.dto';
import { RECEIVABLE_SCOPE_COLUMNS } from './receivables.service';

type BucketTotals = Record<(typeof AGING_BUCKETS)[number]['key'], string> & { total: string };

function emptyBuckets(): BucketTotals {
  return Object.fromEntries([...AGING_BUCKETS.map((b) => [b.key, '0.00']), ['total', '0.00']]) as BucketTotals;
}

/**
 * Receivable reports computed in SQL under the caller's receivable.read scope: a report never
 * counts a receivable its reader could not open.
 */
@Injectable()
export class ReceivablesReportService {
  constructor(
    @InjectReadDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * 账龄: what was outstanding at the end of `asOf` (payments and reversals dated on or before it),
   * for contracts signed by then, by bucket of days past due — per owner and in total.
   */
  async aging(actor: Actor, asOf?: string): Promise<AgingReportDto> {
    const date = asOf ?? businessDate(new Date(), this.config.businessTz);
    const q = agingQuery(actor, date, this.config.businessTz);
    // concurrent identical requests share one run that started after each arrived (coalesce.ts)
    const rows: { owner_id: string; owner_name: string; bucket: string; amount: string }[] = await coalescedQuery(this.ds, q.sql, q.params);
    const owners = new Map<string, { ownerId: string; ownerName: string; cents: Record<string, bigint> }>();
    const totals: Record<string, bigint> = {};
    for (const r of rows) {
      const o = owners.get(r.owner_id) ?? { ownerId: r.owner_id, ownerName: r.owner_name, cents: {} };
      owners.set(r.owner_id, o);
      const c = toCents(r.amount);
      o.cents[r.bucket] = (o.cents[r.bucket] ?? 0n) + c;
      totals[r.bucket] = (totals[r.bucket] ?? 0n) + c;
    }
    return {
      asOf: date,
      buckets: AGING_BUCKETS.map((b) => b.key),
      owners: [...owners.values()]
        .map((o) => ({ ownerId: o.ownerId, ownerName: o.ownerName, ...toBuckets(o.cents) }))
        .sort((a, b) => a.ownerName.localeCompare(b.ownerName, 'zh')),
      total: toBuckets(totals),
    };
  }

  /**
   * 逾期客户: the customers whose receivables in the caller's scope were past due at the end of
   * `asOf` — the aging report's overdue buckets by customer — the longest overdue first.
   */
  async overdueCustomers(actor: Actor, query: OverdueCustomersQueryDto): Promise<OverdueCustomersDto> {
    const asOf = query.asOf ?? businessDate(new Date(), this.config.businessTz);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const q = overdueCustomersQuery(actor, asOf, this.config.businessTz, { offset: (page - 1) * pageSize, limit: pageSize });
    const rows: {
      customers: number;
      total_overdue: string;
      customer_id: string | null;
      customer_name: string;
      overdue: string;
      receivables: number;
      oldest_due: string;
      days_overdue: number;
      oldest_id: string;
    }[] = await this.ds.query(q.sql, q.params);
    const items = rows
      .filter((r) => r.customer_id !== null)
      .map((r) => ({
        customerId: r.customer_id!,
        customerName: r.customer_name,
        overdue: r.overdue,
        receivables: r.receivables,
        oldestDueDate: r.oldest_due,
        daysOverdue: r.days_overdue,
        oldestReceivableId: r.oldest_id,
      }));
    return { asOf, items, total: rows[0]?.customers ?? 0, page, pageSize, totalOverdue: rows[0]?.total_overdue ?? '0.00' };
  }

  /**
   * 回款率 = received ÷ due, over the receivables falling due in [from, to], counting what was
   * received for them by the end of `to`; per owner or department and in total.
   */
  async collectionRate(actor: Actor, from: string, to: string, groupBy: 'owner' | 'department'): Promise<CollectionRateDto> {
    if (to < from) {
      throw new AppError(400, 'VALIDATION_FAILED', '请求参数无效', 'to 不能早于 from', { errors: [{ field: 'to', message: 'to 不能早于 from' }] });
    }
    const params: unknown[] = [from, to];
    const scope = positionalScope(scopeCondition(actor, 'receivable.read', RECEIVABLE_SCOPE_COLUMNS), params);
    const key = groupBy === 'owner' ? 'r.owner_id' : 'r.department';
    const rows: { key: string; name: string | null; due: string; received: string }[] = await this.ds.query(
      `SELECT ${key}::text AS key, ${groupBy === 'owner' ? 'MAX(u.display_name)' : 'NULL'} AS name,
              SUM(r.amount_due)::numeric(14,2)::text AS due,
              SUM(r.amount_paid - COALESCE(l.amount, 0))::numeric(14,2)::text AS received
       FROM receivables r JOIN users u ON u.id = r.owner_id
       LEFT JOIN (SELECT a.receivable_id, SUM(a.amount) AS amount FROM payment_allocations a WHERE a.effective_date > $2::date GROUP BY 1) l ON l.receivable_id = r.id
       WHERE r.due_date BETWEEN $1::date AND $2::date AND ${scope}
       GROUP BY 1 ORDER BY 1`,
      params,
    );
    const item = (due: bigint, received: bigint) => ({ due: fromCents(due), received: fromCents(received), rate: ratio(received, due) });
    let due = 0n;
    let received = 0n;
    const items = rows.map((r) => {
      due += toCents(r.due);
      received += toCents(r.received);
      const group = groupBy === 'owner' ? { ownerId: r.key } : { department: r.key as Department };
      return { ...group, ...(r.name ? { ownerName: r.name } : {}), ...item(toCents(r.due), toCents(r.received)) };
    });
    return { from, to, groupBy, items, total: item(due, received) };
  }
}

function toBuckets(c: Record<string, bigint>): BucketTotals {
  const out = emptyBuckets();
  let total = 0n;
  for (const b of AGING_BUCKETS) {
    const v = c[b.key] ?? 0n;
    out[b.key] = fromCents(v);
    total += v;
  }
  out.total = fromCents(total);
  return out;
}
