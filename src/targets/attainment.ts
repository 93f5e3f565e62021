import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { positionalScope, scopeCondition } from '../access/scope';
import { CommonErrors } from '../common/app-error';
import { ACTIVITY_SOURCES } from '../reports/sales-report.query';
import { attainmentRate, formatValue, Measure, MEASURES, meanRate, periodStart, TargetLevel, TargetPeriodType, targetBounds } from './target-rules';

export type { Measure } from './target-rules';

/**
 * Attainment (完成情况) is computed from the records, never typed in: for a period in BUSINESS_TZ
 * (the same bounds /reports/sales uses) and a subject — a person (the records they own or made), a
 * team (the supervisor's and their direct reports') or a department (the department's records).
 */
export interface AttainmentItem {
  measure: Measure;
  target: string;
  actual: string;
  rate: string | null;
}

export interface Attainment {
  items: AttainmentItem[];
  /** The mean of the items' rates; null when there is no target. */
  rate: string | null;
}

/** Whose records a target counts, and for which period. */
export interface TargetSubject {
  level: TargetLevel;
  /** person: the person; team: the supervisor; department: null. */
  ownerId: string | null;
  department: string;
  periodType: TargetPeriodType;
  period: string;
}

/** A target as attainment needs it: its subject, measure and value (numeric text). */
export interface TargetLike extends TargetSubject {
  measure: Measure;
  value: string;
}

type Actuals = Record<Measure, string>;

const A = ACTIVITY_SOURCES;

/**
 * Each measure: the rows that count (a value per row, summed, or a key per row, counted once each),
 * the instant that places a row in a period, and the owner and department columns. The four
 * activity kinds come from the sales report's own definitions; a new key account is a customer
 * whose tier history shows it becoming one (from no tier to a tier, src/key-accounts), counted for
 * the owner and department it was handed to.
 */
const MEASURE_SOURCES: Record<Measure, { from: string; at: string; owner: string; department: string; row: string; where?: string; agg: 'sum' | 'count' }> = {
  contract_amount: { from: `${A.contracts.table} ${A.contracts.alias}`, at: A.contracts.at, owner: A.contracts.owner, department: A.contracts.department, row: A.contracts.amount, agg: 'sum' },
  payments: { from: `${A.payments.table} ${A.payments.alias}`, at: A.payments.at, owner: A.payments.owner, department: A.payments.department, row: A.payments.amount, agg: 'sum' },
  new_prospects: { from: `${A.prospects.table} ${A.prospects.alias}`, at: A.prospects.at, owner: A.prospects.owner, department: A.prospects.department, row: `${A.prospects.alias}.id`, agg: 'count' },
  visits: { from: `${A.visits.table} ${A.visits.alias}`, at: A.visits.at, owner: A.visits.owner, department: A.visits.department, row: `${A.visits.alias}.id`, agg: 'count' },
  new_key_accounts: {
    from: 'customer_tier_history h',
    at: 'h.changed_at',
    owner: 'h.to_owner_id',
    department: 'h.to_department',
    row: 'h.customer_id',
    where: 'h.from_tier_code IS NULL AND h.to_tier_code IS NOT NULL',
    agg: 'count',
  },
};

/**
 * One query for any number of subjects and periods (a list page, a report, a tree): each subject's
 * actual for every measure, in the order given.
 */
export async function subjectActuals(m: EntityManager, subjects: TargetSubject[], tz: string): Promise<Actuals[]> {
  if (subjects.length === 0) return [];
  const bounds = subjects.map((s) => targetBounds(s.periodType, s.period, tz));
  const params = [
    subjects.map((_, i) => i),
    subjects.map((s) => s.level),
    subjects.map((s) => s.ownerId),
    subjects.map((s) => s.department),
    bounds.map((b) => b.start),
    bounds.map((b) => b.end),
  ];
  const measureSql = (measure: Measure) => {
    const s = MEASURE_SOURCES[measure];
    const extra = s.where ? ` AND ${s.where}` : '';
    const inPeriod = `${s.at} >= s.t0 AND ${s.at} < s.t1${extra}`;
    const value = s.agg === 'sum' ? 'sum(x.v)' : 'count(DISTINCT x.v)';
    return `m_${measure} AS (
      SELECT x.key, ${value} AS v FROM (
        SELECT s.key, ${s.row} AS v FROM by_owner s JOIN ${s.from} ON ${s.owner} = s.member AND ${inPeriod}
        UNION ALL
        SELECT s.key, ${s.row} AS v FROM by_department s JOIN ${s.from} ON ${s.department} = s.dept AND ${inPeriod}
      ) x GROUP BY x.key)`;
  };
  const sql = `WITH
    s0 AS (SELECT * FROM unnest($1::int[], $2::text[], $3::uuid[], $4::text[], $5::timestamptz[], $6::timestamptz[]) AS s(key, level, who, dept, t0, t1)),
    by_owner AS (
      SELECT key, who AS member, t0, t1 FROM s0 WHERE level IN ('person', 'team')
      UNION ALL
      SELECT s0.key, u.id, s0.t0, s0.t1 FROM s0 JOIN users u ON u.supervisor_id = s0.who WHERE s0.level = 'team'),
    by_department AS (SELECT key, dept, t0, t1 FROM s0 WHERE level = 'department'),
    ${MEASURES.map(measureSql).join(',\n    ')}
    SELECT s0.key, ${MEASURES.map((k) => `COALESCE(m_${k}.v, 0)::numeric(14,2)::text AS ${k}`).join(', ')}
    FROM s0 ${MEASURES.map((k) => `LEFT JOIN m_${k} ON m_${k}.key = s0.key`).join(' ')}
    ORDER BY s0.key`;
  const rows: Array<Record<string, string | number>> = await m.query(sql, params);
  return rows.map((r) => Object.fromEntries(MEASURES.map((k) => [k, formatValue(k, String(r[k]))])) as Actuals);
}

const subjectKey = (s: TargetSubject) => `${s.level}|${s.ownerId ?? ''}|${s.department}|${s.periodType}|${s.period}`;

/** The actual and rate of each target, in the order given (one query whatever their number). */
export async function targetsAttainment(m: EntityManager, targets: TargetLike[], tz: string): Promise<Array<{ actual: string; rate: string | null }>> {
  const keys = new Map<string, number>();
  const subjects: TargetSubject[] = [];
  for (const t of targets) {
    const k = subjectKey(t);
    if (!keys.has(k)) {
      keys.set(k, subjects.length);
      subjects.push({ level: t.level, ownerId: t.ownerId, department: t.department, periodType: t.periodType, period: t.period });
    }
  }
  const actuals = await subjectActuals(m, subjects, tz);
  return targets.map((t) => {
    const actual = actuals[keys.get(subjectKey(t))!][t.measure];
    return { actual, rate: attainmentRate(t.value, actual) };
  });
}

/** A subject's targets as attainment: an item per measure (in MEASURES order) and the mean rate. */
export function toAttainment(targets: TargetLike[], results: Array<{ actual: string; rate: string | null }>): Attainment {
  const items = targets
    .map((t, i) => ({ measure: t.measure, target: formatValue(t.measure, t.value), actual: results[i].actual, rate: results[i].rate }))
    .sort((a, b) => MEASURES.indexOf(a.measure) - MEASURES.indexOf(b.measure));
  return { items, rate: meanRate(items.map((i) => i.rate)) };
}

/**
 * A person's own targets for a period with the actuals from their records: the person-level
 * targets set for them (by their 经理 or 主管). `rate` is the mean of the items' rates, null when
 * the person has no target for the period. No scope is applied: the caller decides who may see it.
 */
export async function personAttainment(
  m: EntityManager,
  userId: string,
  periodType: 'year' | 'quarter' | 'month',
  period: string,
  tz: string,
): Promise<{ items: { measure: Measure; target: string; actual: string; rate: string | null }[]; rate: string | null }> {
  if (!periodStart(periodType, period)) throw CommonErrors.validation([{ field: 'period', message: `period 必须是 ${periodType} 期间，如 2026、2026-Q4、2026-12` }]);
  const rows: Array<{ measure: Measure; value: string; department: string }> = await m.query(
    `SELECT measure, value::text AS value, department FROM targets WHERE level = 'person' AND owner_id = $1 AND period_type = $2 AND period = $3`,
    [userId, periodType, period],
  );
  if (rows.length === 0) return { items: [], rate: null };
  const targets: TargetLike[] = rows.map((r) => ({ level: 'person', ownerId: userId, department: r.department, periodType, period, measure: r.measure, value: r.value }));
  return toAttainment(targets, await targetsAttainment(m, targets, tz));
}

/**
 * The attainment of each person (`level` person, keys = user ids) or department (keys = department
 * codes) that has targets for the period — only targets within the reader's target.read scope.
 * One query for the targets and one for the actuals, whatever the number of keys.
 */
export async function attainmentByKey(
  m: EntityManager,
  reader: Pick<Actor, 'id' | 'role' | 'department'>,
  level: 'person' | 'department',
  keys: string[],
  periodType: TargetPeriodType,
  period: string,
  tz: string,
): Promise<Map<string, Attainment>> {
  const out = new Map<string, Attainment>();
  if (keys.length === 0) return out;
  const params: unknown[] = [level, periodType, period, keys];
  const scope = positionalScope(scopeCondition(reader, 'target.read', { owner: 't.owner_id', department: 't.department' }), params);
  const rows: Array<{ owner_id: string | null; department: string; measure: Measure; value: string }> = await m.query(
    `SELECT t.owner_id, t.department, t.measure, t.value::text AS value FROM targets t
     WHERE t.level = $1 AND t.period_type = $2 AND t.period = $3 AND ${level === 'person' ? 't.owner_id::text' : 't.department'} = ANY($4::text[]) AND ${scope}`,
    params,
  );
  const targets: TargetLike[] = rows.map((r) => ({ level, ownerId: r.owner_id, department: r.department, periodType, period, measure: r.measure, value: r.value }));
  const results = await targetsAttainment(m, targets, tz);
  const byKey = new Map<string, number[]>();
  targets.forEach((t, i) => {
    const k = level === 'person' ? t.ownerId! : t.department;
    byKey.set(k, [...(byKey.get(k) ?? []), i]);
  });
  for (const [k, idx] of byKey) out.set(k, toAttainment(idx.map((i) => targets[i]), idx.map((i) => results[i])));
  return out;
}
