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
