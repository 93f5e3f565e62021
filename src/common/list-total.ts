import type { DataSource } from 'typeorm';

/**
 * The total of a list page without counting every row of a large scope (SPEC §5 lists): exact up
 * to a cap, past it the planner's estimate, marked. Plain functions over SQL text, shared by the
 * query-builder lists (pagination.ts), the raw-SQL lists and the benchmark's reference server.
 */

/** Lists count exactly up to this many rows unless the app is configured otherwise (LIST_COUNT_CAP). */
export const DEFAULT_LIST_COUNT_CAP = 1000;
const countCaps = new WeakMap<DataSource, number>();

/** Sets the count cap of the lists read through `ds` (done once at start-up from the configuration). */
export function setListCountCap(ds: DataSource, cap: number): void {
  countCaps.set(ds, cap);
}

export function listCountCap(ds: DataSource): number {
  return countCaps.get(ds) ?? DEFAULT_LIST_COUNT_CAP;
}

/** Anything that runs SQL with positional parameters: a DataSource or an EntityManager. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<any[]>;
}

/**
 * The rows of a list, as `SELECT 1 FROM … WHERE …` (no order, no limit) with its parameters: what
 * its total counts or estimates.
 */
export interface CountSource {
  sql: string;
  params: unknown[];
}

/**
 * A scalar subquery counting the source's rows up to `cap + 1` — added as a column to the page's
 * own query, so the page and its capped count are one round trip and one snapshot. Reading at most
 * `cap + 1` index entries, it costs the same for a department of 100 as of 100,000.
 */
export function cappedCountSql(sourceSql: string, cap: number): string {
  return `(SELECT count(*)::int FROM (${sourceSql} LIMIT ${cap + 1}) list_capped)`;
}

/** The column name the capped count is read back as. */
export const CAPPED_COUNT_COLUMN = 'list_capped_count';

/** What a page's own rows tell about the total, and the capped count read with them (null: not read). */
export interface PageFacts {
  page: number;
  pageSize: number;
  rows: number;
  capped: number | null;
}

/**
 * The total of a list: exact when the page itself tells it (a page that is not full ends the list),
 * or when the rows number at most `cap`; past the cap, the planner's row estimate for the source
 * (EXPLAIN, no execution), raised to what the page proves exists, and marked `totalExact: false`.
 * An empty page past the first has no row to carry the capped count, so it is counted on its own.
 * `sourceOf` may be a function: it is called only when the source is needed.
 */
export async function listTotal(
  runner: SqlRunner,
  sourceOf: CountSource | (() => CountSource),
  facts: PageFacts,
  cap: number,
): Promise<{ total: number; totalExact: boolean }> {
  const offset = (facts.page - 1) * facts.pageSize;
  if (facts.rows > 0 && facts.rows < facts.pageSize) return { total: offset + facts.rows, totalExact: true };
  if (facts.rows === 0 && facts.page === 1) return { total: 0, totalExact: true };
  if (facts.capped !== null && facts.capped <= cap) return { total: facts.capped, totalExact: true };
  const source = typeof sourceOf === 'function' ? sourceOf() : sourceOf;
  const n = facts.capped ?? (await runner.query(`SELECT ${cappedCountSql(source.sql, cap)} AS n`, source.params))[0].n;
  if (n <= cap) return { total: n, totalExact: true };
  const estimate = await plannedRows(runner, source);
  const known = facts.rows > 0 ? offset + facts.rows + (facts.rows === facts.pageSize ? 1 : 0) : 0;
  return { total: Math.max(estimate, cap + 1, known), totalExact: false };
}

/** Estimates already asked for, per database and by SQL and parameters: the planner's figure moves only with the statistics. */
const estimatesOf = new WeakMap<SqlRunner, Map<string, { rows: number; until: number }>>();
const ESTIMATE_TTL_MS = 10_000;
const ESTIMATES_KEPT = 500;

/**
 * The planner's estimate of the rows `source` returns: EXPLAIN only plans, it reads no rows. The
 * figure is kept for ten seconds per SQL and parameters (for this data source), so a busy first page
 * does not plan it again on every request; it is an estimate either way.
 */
export async function plannedRows(runner: SqlRunner, source: CountSource): Promise<number> {
  const key = `${source.sql}\u0000${JSON.stringify(source.params)}`;
  const now = Date.now();
  const estimates = estimatesOf.get(runner) ?? new Map<string, { rows: number; until: number }>();
  estimatesOf.set(runner, estimates);
  const kept = estimates.get(key);
  if (kept && kept.until > now) return kept.rows;
  const [row] = await runner.query(`EXPLAIN (FORMAT JSON) ${source.sql}`, source.params);
  const plan = row['QUERY PLAN'];
  const doc = typeof plan === 'string' ? JSON.parse(plan) : plan;
  const rows = Math.round(Number(doc?.[0]?.Plan?.['Plan Rows'] ?? 0));
  estimates.delete(key);
  if (estimates.size >= ESTIMATES_KEPT) estimates.delete(estimates.keys().next().value!);
  estimates.set(key, { rows, until: now + ESTIMATE_TTL_MS });
  return rows;
}
