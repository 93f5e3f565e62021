import type { Actor } from '../access/actor';
import type { Permission } from '../access/duty.types';
import { positionalScope, scopeCondition } from '../access/scope';
import { periodBounds, ReportPeriod } from '../common/time';
import { complaintReadScope } from '../complaints/complaint-scope';

/**
 * The activity a period is measured by: each kind of record, the instant that places it in a
 * period, and whose and which department's it is. The report counts from these, and so does
 * target attainment (src/targets/attainment.ts), so both put a record in the same period and on the
 * same person.
 */
export const ACTIVITY_SOURCES = {
  /** contracts signed (签约) */
  contracts: { table: 'contracts', alias: 'k', at: 'k.signed_at', amount: 'k.amount', owner: 'k.owner_id', department: 'k.department' },
  /** payments received, reversals included (回款) */
  payments: { table: 'payments', alias: 'p', at: 'p.received_at', amount: 'p.amount', owner: 'p.owner_id', department: 'p.department' },
  /** prospects registered (新增潜在客户), counted for their owner */
  prospects: { table: 'prospects', alias: 'pr', at: 'pr.created_at', amount: null, owner: 'pr.owner_id', department: 'pr.department' },
  /** visits made (拜访), counted for the visitor */
  visits: { table: 'visits', alias: 'v', at: 'v.visited_at', amount: null, owner: 'v.visitor_id', department: 'v.department' },
} as const;
const A = ACTIVITY_SOURCES;

/**
 * Each figure, its table, its owner and department columns, and the read permission a reader must
 * hold over the rows counted. A report counts a row only when both report.sales and that read
 * permission reach it: a report never counts what its reader could not open.
 */
const SOURCES: Record<string, { read: Permission; owner: string; department: string }> = {
  contracts: { read: 'contract.read', owner: A.contracts.owner, department: A.contracts.department },
  payments: { read: 'receivable.read', owner: A.payments.owner, department: A.payments.department },
  receivables: { read: 'receivable.read', owner: 'r.owner_id', department: 'r.department' },
  prospects: { read: 'prospect.read', owner: A.prospects.owner, department: A.prospects.department },
  visits: { read: 'visit.read', owner: A.visits.owner, department: A.visits.department },
  complaints: { read: 'complaint.read', owner: 'cp.owner_id', department: 'cp.department' },
};

/**
 * The sales-report SQL (exported for the benchmark's reference server, which must run the same
 * query): one row per group with every figure, for the period of `day`.
 */
export function salesReportQuery(
  actor: Pick<Actor, 'id' | 'role' | 'department'>,
  period: ReportPeriod,
  day: string,
  groupBy: 'owner' | 'department',
  tz: string,
): { sql: string; params: unknown[]; bounds: ReturnType<typeof periodBounds> } {
  const b = periodBounds(period, day, tz);
  const params: unknown[] = [b.start, b.end, b.from, b.until];
  const where = (source: keyof typeof SOURCES) => {
    const s = SOURCES[source];
    const cols = { owner: s.owner, department: s.department };
    // complaints: reporters also read their own (complaintReadScope); everything else by its read grant
    const read = source === 'complaints' ? complaintReadScope(actor, cols) : scopeCondition(actor, s.read, cols);
    return `${positionalScope(scopeCondition(actor, 'report.sales', cols), params)} AND ${positionalScope(read, params)}`;
  };
  // grouped by the column itself (a uuid per owner): casting every row's key to text cost more than the sums
  const key = (source: keyof typeof SOURCES) => SOURCES[source][groupBy === 'owner' ? 'owner' : 'department'];
  const sql = `WITH
       c AS (SELECT ${key('contracts')} AS key, count(*)::int AS n, sum(k.amount) AS amount FROM contracts k
             WHERE ${A.contracts.at} >= $1 AND ${A.contracts.at} < $2 AND ${where('contracts')} GROUP BY 1),
       p AS (SELECT ${key('payments')} AS key, sum(p.amount) AS amount FROM payments p
             WHERE ${A.payments.at} >= $1 AND ${A.payments.at} < $2 AND ${where('payments')} GROUP BY 1),
       late AS (SELECT a.receivable_id, sum(a.amount) AS amount FROM payment_allocations a WHERE a.effective_date >= $4::date GROUP BY 1),
       r AS (SELECT ${key('receivables')} AS key, sum(r.amount_due) AS due, sum(r.amount_paid - COALESCE(l.amount, 0)) AS collected
             FROM receivables r LEFT JOIN late l ON l.receivable_id = r.id
             WHERE r.due_date >= $3::date AND r.due_date < $4::date AND ${where('receivables')} GROUP BY 1),
       np AS (SELECT ${key('prospects')} AS key, count(*)::int AS n FROM prospects pr
              WHERE ${A.prospects.at} >= $1 AND ${A.prospects.at} < $2 AND ${where('prospects')} GROUP BY 1),
       v AS (SELECT ${key('visits')} AS key, count(*)::int AS n FROM visits v
             WHERE ${A.visits.at} >= $1 AND ${A.visits.at} < $2 AND ${where('visits')} GROUP BY 1),
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
     ${groupBy === 'owner' ? 'LEFT JOIN users u ON u.id = keys.key' : ''}
     WHERE keys.key IS NOT NULL
     ORDER BY 2, keys.key::text`;
  return { sql, params, bounds: b };
}
