import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import type { Permission } from '../access/duty.types';
import { DEPARTMENT_NAMES } from '../access/roles';
import type { Department } from '../access/roles';
import { positionalScope, scopeCondition } from '../access/scope';
import { APP_CONFIG } from '../app.tokens';
import { fromCents, ratio, toCents } from '../common/money';
import { complaintReadScope } from '../complaints/complaints.service';
import { businessDate, periodBounds, ReportPeriod } from '../common/time';

export interface SalesFigures {
  contractsSigned: number;
  contractAmount: string;
  paymentsReceived: string;
  amountDue: string;
  amountCollected: string;
  /** 回款率 = collected ÷ due for what fell due in the period; null when nothing fell due. */
  collectionRate: string | null;
  newProspects: number;
  visits: number;
  complaintsOpened: number;
  complaintsClosed: number;
}

export interface SalesReport {
  period: ReportPeriod;
  date: string;
  from: string;
  /** Last day of the period (inclusive). */
  to: string;
  groupBy: 'owner' | 'department';
  groups: Array<{ key: string; name: string } & SalesFigures>;
  total: SalesFigures;
}

/**
 * Each figure, its table, its owner and department columns, and the read permission a reader must
 * hold over the rows counted. A report counts a row only when both report.sales and that read
 * permission reach it: a report never counts what its reader could not open.
 */
const SOURCES: Record<string, { read: Permission; owner: string; department: string }> = {
  contracts: { read: 'contract.read', owner: 'k.owner_id', department: 'k.department' },
  payments: { read: 'receivable.read', owner: 'p.owner_id', department: 'p.department' },
  receivables: { read: 'receivable.read', owner: 'r.owner_id', department: 'r.department' },
  prospects: { read: 'prospect.read', owner: 'pr.owner_id', department: 'pr.department' },
  visits: { read: 'visit.read', owner: 'v.visitor_id', department: 'v.department' },
  complaints: { read: 'complaint.read', owner: 'cp.owner_id', department: 'cp.department' },
};

/** 销售统计报表 (SAL-6.1, SAL-8.2, SAL-4.10): weeks, months, quarters and years in BUSINESS_TZ, in SQL. */
@Injectable()
export class SalesReportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async report(actor: Pick<Actor, 'id' | 'role' | 'department'>, period: ReportPeriod, date: string | undefined, groupBy: 'owner' | 'department', m: EntityManager = this.ds.manager): Promise<SalesReport> {
    const day = date ?? businessDate(new Date(), this.config.businessTz);
    const b = periodBounds(period, day, this.config.businessTz);
    const params: unknown[] = [b.start, b.end, b.from, b.until];
    const where = (source: keyof typeof SOURCES) => {
      const s = SOURCES[source];
      const cols = { owner: s.owner, department: s.department };
      // complaints: reporters also read their own (complaintReadScope); everything else by its read grant
      const read = source === 'complaints' ? complaintReadScope(actor, cols) : scopeCondition(actor, s.read, cols);
      return `${positionalScope(scopeCondition(actor, 'report.sales', cols), params)} AND ${positionalScope(read, params)}`;
    };
    const key = (source: keyof typeof SOURCES) => `${SOURCES[source][groupBy === 'owner' ? 'owner' : 'department']}::text`;
    const rows: Record<string, any>[] = await m.query(
      `WITH
         c AS (SELECT ${key('contracts')} AS key, count(*)::int AS n, sum(k.amount) AS amount FROM contracts k
               WHERE k.signed_at >= $1 AND k.signed_at < $2 AND ${where('contracts')} GROUP BY 1),
         p AS (SELECT ${key('payments')} AS key, sum(p.amount) AS amount FROM payments p
               WHERE p.received_at >= $1 AND p.received_at < $2 AND ${where('payments')} GROUP BY 1),
         r AS (SELECT ${key('receivables')} AS key, sum(r.amount_due) AS due,
                      sum(COALESCE((SELECT sum(a.amount) FROM payment_allocations a WHERE a.receivable_id = r.id AND a.effective_date < $4::date), 0)) AS collected
               FROM receivables r WHERE r.due_date >= $3::date AND r.due_date < $4::date AND ${where('receivables')} GROUP BY 1),
         np AS (SELECT ${key('prospects')} AS key, count(*)::int AS n FROM prospects pr
                WHERE pr.created_at >= $1 AND pr.created_at < $2 AND ${where('prospects')} GROUP BY 1),
         v AS (SELECT ${key('visits')} AS key, count(*)::int AS n FROM visits v
               WHERE v.visited_at >= $1 AND v.visited_at < $2 AND ${where('visits')} GROUP BY 1),
         co AS (SELECT ${key('complaints')} AS key, count(*)::int AS n FROM complaints cp
                WHERE cp.created_at >= $1 AND cp.created_at < $2 AND ${where('complaints')} GROUP BY 1),
         cc AS (SELECT ${key('complaints')} AS key, count(*)::int AS n FROM complaints cp
                WHERE cp.closed_at >= $1 AND cp.closed_at < $2 AND ${where('complaints')} GROUP BY 1),
         keys AS (SELECT key FROM c UNION SELECT key FROM p UNION SELECT key FROM r UNION SELECT key FROM np
                  UNION SELECT key FROM v UNION SELECT key FROM co UNION SELECT key FROM cc)
       SELECT keys.key, ${groupBy === 'owner' ? 'u.display_name' : 'NULL'} AS name,
              COALESCE(c.n, 0) AS contracts_signed, COALESCE(c.amount, 0)::numeric(14,2)::text AS contract_amount,
              COALESCE(p.amount, 0)::numeric(14,2)::text AS payments_received,
              COALESCE(r.due, 0)::numeric(14,2)::text AS amount_due, COALESCE(r.collected, 0)::numeric(14,2)::text AS amount_collected,
              COALESCE(np.n, 0) AS new_prospects, COALESCE(v.n, 0) AS visits,
              COALESCE(co.n, 0) AS complaints_opened, COALESCE(cc.n, 0) AS complaints_closed
       FROM keys
       LEFT JOIN c ON c.key = keys.key LEFT JOIN p ON p.key = keys.key LEFT JOIN r ON r.key = keys.key
       LEFT JOIN np ON np.key = keys.key LEFT JOIN v ON v.key = keys.key LEFT JOIN co ON co.key = keys.key LEFT JOIN cc ON cc.key = keys.key
       ${groupBy === 'owner' ? 'LEFT JOIN users u ON u.id::text = keys.key' : ''}
       WHERE keys.key IS NOT NULL
       ORDER BY 2, 1`,
      params,
    );
    const groups = rows.map((r) => ({
      key: r.key as string,
      name: groupBy === 'owner' ? String(r.name ?? '') : DEPARTMENT_NAMES[r.key as Department] ?? String(r.key),
      ...figures(r),
    }));
    return { period, date: day, from: b.from, to: previousDay(b.until), groupBy, groups, total: sum(groups) };
  }
}

function figures(r: Record<string, any>): SalesFigures {
  return {
    contractsSigned: r.contracts_signed,
    contractAmount: r.contract_amount,
    paymentsReceived: r.payments_received,
    amountDue: r.amount_due,
    amountCollected: r.amount_collected,
    collectionRate: ratio(toCents(r.amount_collected), toCents(r.amount_due)),
    newProspects: r.new_prospects,
    visits: r.visits,
    complaintsOpened: r.complaints_opened,
    complaintsClosed: r.complaints_closed,
  };
}

function sum(groups: SalesFigures[]): SalesFigures {
  const money = (f: (g: SalesFigures) => string) => groups.reduce((s, g) => s + toCents(f(g)), 0n);
  const count = (f: (g: SalesFigures) => number) => groups.reduce((s, g) => s + f(g), 0);
  const due = money((g) => g.amountDue);
  const collected = money((g) => g.amountCollected);
  return {
    contractsSigned: count((g) => g.contractsSigned),
    contractAmount: fromCents(money((g) => g.contractAmount)),
    paymentsReceived: fromCents(money((g) => g.paymentsReceived)),
    amountDue: fromCents(due),
    amountCollected: fromCents(collected),
    collectionRate: ratio(collected, due),
    newProspects: count((g) => g.newProspects),
    visits: count((g) => g.visits),
    complaintsOpened: count((g) => g.complaintsOpened),
    complaintsClosed: count((g) => g.complaintsClosed),
  };
}

function previousDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
