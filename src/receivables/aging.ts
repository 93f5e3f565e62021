import type { Actor } from '../access/actor';
import { positionalScope, scopeCondition } from '../access/scope';
import { startOfDayIn } from '../common/time';

/**
 * Aging buckets of SPEC §6, by whole days past due as of a date: `current` is not yet past due
 * (due today or later), then 1–30, 31–60, 61–90 and over 90 days. A bucket's edge day belongs to it
 * (30 days past due is `1-30`, 31 is `31-60`).
 */
export const AGING_BUCKETS = [
  { key: 'current', maxDays: 0 },
  { key: '1-30', maxDays: 30 },
  { key: '31-60', maxDays: 60 },
  { key: '61-90', maxDays: 90 },
  { key: '90+', maxDays: Infinity },
] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number]['key'];

export function agingBucket(daysPastDue: number): AgingBucket {
  return AGING_BUCKETS.find((b) => daysPastDue <= b.maxDays)!.key;
}

/** The same rule as a SQL CASE over an integer expression of days past due. */
export function agingBucketSql(daysPastDue: string): string {
  const whens = AGING_BUCKETS.filter((b) => Number.isFinite(b.maxDays)).map((b) => `WHEN ${daysPastDue} <= ${b.maxDays} THEN '${b.key}'`);
  return `CASE ${whens.join(' ')} ELSE '90+' END`;
}

/**
 * The receivables open at the end of `date` within the caller's receivable.read scope, as a CTE
 * named `open` (id, owner_id, customer_id, due_date, outstanding) for contracts signed by then.
 * `$1` is the date; the caller's further parameters follow the returned ones.
 */
function openAsOf(actor: Pick<Actor, 'id' | 'role' | 'department'>, date: string, tz: string): { cte: string; params: unknown[] } {
  const params: unknown[] = [date];
  const cols = { owner: 'r.owner_id', department: 'r.department' };
  const scope = () => positionalScope(scopeCondition(actor, 'receivable.read', cols), params);
  const end = `$${params.push(startOfDayIn(nextDay(date), tz))}`;
  // Outstanding as of the date = what is outstanding now plus what was allocated after it. The
  // receivables open now are read from their covering partial index; those paid up since the date
  // are the few with later allocations. The two sets do not overlap. "Signed by then" is checked
  // against the contracts that were not (signed later, or not at all) — few, and indexed.
  const cte = `late AS (
       SELECT a.receivable_id, SUM(a.amount) AS amount FROM payment_allocations a WHERE a.effective_date > $1::date GROUP BY 1
     ), unsigned AS (
       SELECT k.id FROM contracts k WHERE k.signed_at >= ${end}
       UNION ALL SELECT k.id FROM contracts k WHERE k.signed_at IS NULL
     ), open AS (
       SELECT r.id, r.owner_id, r.customer_id, r.due_date, r.amount_due - r.amount_paid + COALESCE(l.amount, 0) AS outstanding
       FROM receivables r LEFT JOIN late l ON l.receivable_id = r.id
       WHERE r.amount_paid < r.amount_due AND ${scope()} AND r.contract_id NOT IN (SELECT id FROM unsigned)
       UNION ALL
       SELECT r.id, r.owner_id, r.customer_id, r.due_date, r.amount_due - r.amount_paid + l.amount
       FROM late l JOIN receivables r ON r.id = l.receivable_id
       WHERE NOT (r.amount_paid < r.amount_due) AND ${scope()} AND r.contract_id NOT IN (SELECT id FROM unsigned)
     )`;
  return { cte, params };
}

/**
 * The aging SQL (exported for the benchmark's reference server, which must run the same query):
 * outstanding at the end of `date` per owner and bucket, within the caller's receivable.read scope.
 * Summed per owner and bucket first; the owners' names are joined to those few rows.
 */
export function agingQuery(actor: Pick<Actor, 'id' | 'role' | 'department'>, date: string, tz: string): { sql: string; params: unknown[] } {
  const { cte, params } = openAsOf(actor, date, tz);
  const sql = `WITH ${cte}
     SELECT a.owner_id, u.display_name AS owner_name, a.bucket, a.amount::numeric(14,2)::text AS amount
     FROM (SELECT o.owner_id, ${agingBucketSql('($1::date - o.due_date)')} AS bucket, SUM(o.outstanding) AS amount
           FROM open o WHERE o.outstanding > 0 GROUP BY 1, 2) a
     JOIN users u ON u.id = a.owner_id`;
  return { sql, params };
}

/**
 * The customers with receivables past due at the end of `date` (the overdue buckets of the aging
 * report, by customer instead of owner), the longest overdue first: per customer the overdue sum,
 * how many receivables, the oldest due date and that receivable; each row also carries the count
 * of customers and the overdue sum of them all.
 */
export function overdueCustomersQuery(
  actor: Pick<Actor, 'id' | 'role' | 'department'>,
  date: string,
  tz: string,
  page: { offset: number; limit: number },
): { sql: string; params: unknown[] } {
  const { cte, params } = openAsOf(actor, date, tz);
  params.push(page.limit, page.offset);
  const sql = `WITH ${cte}, by_customer AS (
       SELECT o.customer_id, SUM(o.outstanding) AS overdue, COUNT(*)::int AS receivables, MIN(o.due_date) AS oldest_due,
              (ARRAY_AGG(o.id ORDER BY o.due_date, o.id))[1] AS oldest_id
       FROM open o WHERE o.outstanding > 0 AND o.due_date < $1::date
       GROUP BY 1
     ), totals AS (
       SELECT COUNT(*)::int AS customers, COALESCE(SUM(overdue), 0)::numeric(14,2)::text AS total_overdue FROM by_customer
     ), paged AS (
       SELECT b.* FROM by_customer b ORDER BY b.oldest_due, b.overdue DESC, b.customer_id
       LIMIT $${params.length - 1} OFFSET $${params.length}
     )
     SELECT t.customers, t.total_overdue, p.customer_id, c.name AS customer_name, p.overdue::numeric(14,2)::text AS overdue, p.receivables,
            p.oldest_due::text AS oldest_due, ($1::date - p.oldest_due)::int AS days_overdue, p.oldest_id
     FROM totals t LEFT JOIN paged p ON true LEFT JOIN customers c ON c.id = p.customer_id
     ORDER BY p.oldest_due, p.overdue DESC, p.customer_id`;
  return { sql, params };
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
