import { fromCents, ratio, toCents } from '../common/money';
import { periodBounds, type PeriodBounds } from '../common/time';

/**
 * 计划与指标 (SPEC §11): what a target measures, the periods it is set for, and the arithmetic of
 * attainment and of splitting a whole into parts — pure functions, so the rules live in one place.
 */
export const MEASURES = ['contract_amount', 'payments', 'new_prospects', 'visits', 'new_key_accounts'] as const;
export type Measure = (typeof MEASURES)[number];

export const MEASURE_NAMES: Record<Measure, string> = {
  contract_amount: '签约金额',
  payments: '回款金额',
  new_prospects: '新增潜在客户',
  visits: '拜访次数',
  new_key_accounts: '新增大客户',
};

/** Amounts (CNY, two decimals) or counts (whole numbers). */
export function isMoneyMeasure(measure: Measure): boolean {
  return measure === 'contract_amount' || measure === 'payments';
}

export const TARGET_PERIOD_TYPES = ['year', 'quarter', 'month'] as const;
export type TargetPeriodType = (typeof TARGET_PERIOD_TYPES)[number];

export const TARGET_LEVELS = ['department', 'team', 'person'] as const;
export type TargetLevel = (typeof TARGET_LEVELS)[number];

/** `2026` · `2026-Q4` · `2026-12`, by period type. */
export const PERIOD_PATTERNS: Record<TargetPeriodType, RegExp> = {
  year: /^(\d{4})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  month: /^(\d{4})-(0[1-9]|1[0-2])$/,
};

export const PERIOD_EXAMPLES: Record<TargetPeriodType, string> = { year: '2026', quarter: '2026-Q4', month: '2026-12' };

/** The first day of the period (`2026-Q4` → `2026-10-01`), or null when `period` is not of `type`. */
export function periodStart(type: TargetPeriodType, period: string): string | null {
  const m = PERIOD_PATTERNS[type].exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  if (type === 'year') return `${m[1]}-01-01`;
  if (type === 'quarter') return `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
  return `${m[1]}-${m[2]}-01`;
}

/** A period in one of the three forms, of a year the product plans for (2000–2100). */
export function isTargetPeriod(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const type: TargetPeriodType = value.includes('Q') ? 'quarter' : value.length === 4 ? 'year' : 'month';
  return periodStart(type, value) !== null;
}

/** The period of `type` that holds the business day `date` (`quarter`, `2026-11-26` → `2026-Q4`). */
export function periodOf(type: TargetPeriodType, date: string): string {
  const [y, mo] = date.split('-');
  if (type === 'year') return y;
  if (type === 'quarter') return `${y}-Q${Math.floor((Number(mo) - 1) / 3) + 1}`;
  return `${y}-${mo}`;
}

/**
 * The period's bounds in business time — the very function /reports/sales counts with, so a month
 * here starts and ends on the same instant as the report's month.
 */
export function targetBounds(type: TargetPeriodType, period: string, tz: string): PeriodBounds {
  const start = periodStart(type, period);
  if (!start) throw new Error(`not a ${type} period: ${period}`);
  return periodBounds(type, start, tz);
}

/** A stored numeric(14,2) value as the API shows it: two decimals for money, a whole number for counts. */
export function formatValue(measure: Measure, value: string): string {
  const cents = toCents(String(value));
  return isMoneyMeasure(measure) ? fromCents(cents) : (cents / 100n).toString();
}

/** A value in hundredths (cents for money; a count × 100), so both kinds compare and sum the same way. */
export function valueUnits(value: string): bigint {
  return toCents(String(value));
}

/** 完成率 = actual ÷ target, four decimals, null for a zero target. */
export function attainmentRate(target: string, actual: string): string | null {
  return ratio(valueUnits(actual), valueUnits(target));
}

/** The mean of the rates that exist (four decimals, half up); null when there is none. */
export function meanRate(rates: Array<string | null>): string | null {
  const present = rates.filter((r): r is string => r !== null);
  if (present.length === 0) return null;
  const sum = present.reduce((s, r) => s + rateUnits(r), 0n);
  return ratio(sum, BigInt(present.length) * 10000n);
}

function rateUnits(rate: string): bigint {
  const negative = rate.startsWith('-');
  const [i, f = ''] = rate.replace('-', '').split('.');
  const units = BigInt(i) * 10000n + BigInt((f + '0000').slice(0, 4));
  return negative ? -units : units;
}

/**
 * The sum rule: the parts of a target never add up to more than the whole unless the setter says
 * so. `siblings` is the sum of the other parts (hundredths), `value` the part being set.
 */
export function splitCheck(parentValue: string, siblings: bigint, value: string): { sum: bigint; remaining: bigint; exceeds: boolean } {
  const whole = valueUnits(parentValue);
  const sum = siblings + valueUnits(value);
  return { sum, remaining: whole - siblings, exceeds: sum > whole };
}

/** Hundredths back to the API's form for `measure`. */
export function formatUnits(measure: Measure, units: bigint): string {
  return isMoneyMeasure(measure) ? fromCents(units) : fromCents(units).replace(/\.00$/, '');
}

/** What a level may be split into: a department into teams and people, a team into people. */
export const PART_LEVELS: Record<TargetLevel, readonly TargetLevel[]> = {
  department: ['team', 'person'],
  team: ['person'],
  person: [],
};

/** A rate as people read it: "0.8200" → "82.00%". */
export function ratePercent(rate: string): string {
  const units = rateUnits(rate);
  const negative = units < 0n;
  const abs = negative ? -units : units;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}%`;
}
