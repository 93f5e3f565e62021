import { applyDecorators } from '@nestjs/common';
import { Matches, ValidateBy } from 'class-validator';

/**
 * Dates in the API are `YYYY-MM-DD` (a calendar day in BUSINESS_TZ) or ISO 8601 timestamps with
 * an explicit offset; a timestamp without one is ambiguous and refused (SPEC §5).
 */
export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
export const TIMESTAMP_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;

export function isRealDate(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d && y >= 1900 && y <= 2200;
}

export function isDateOrTimestamp(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    (DATE_ONLY.test(value) || TIMESTAMP_WITH_OFFSET.test(value)) &&
    isRealDate(value) &&
    !Number.isNaN(Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value))
  );
}

export const IsDateOrTimestamp = (field: string) =>
  applyDecorators(
    ValidateBy({
      name: 'isDateOrTimestamp',
      validator: {
        validate: (v: unknown) => isDateOrTimestamp(v),
        defaultMessage: () => `${field} 必须是 YYYY-MM-DD 或带时区偏移的 ISO 8601 时间（如 2026-11-26T10:30:00+08:00）`,
      },
    }),
  );

export const IsDateOnly = (field: string) =>
  applyDecorators(
    Matches(DATE_ONLY, { message: `${field} 必须是 YYYY-MM-DD 格式的日期` }),
    ValidateBy({ name: 'isRealDate', validator: { validate: (v: unknown) => typeof v === 'string' && isRealDate(v), defaultMessage: () => `${field} 不是有效的日期` } }),
  );

/** Offset of `tz` from UTC at `instant`, in milliseconds (Asia/Shanghai: +8 h). */
export function tzOffsetMs(instant: Date, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a calendar day starts in `tz` ("2026-11-26" in Asia/Shanghai → 2026-11-25T16:00:00Z). */
export function startOfDayIn(date: string, tz: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  let instant = guess - tzOffsetMs(new Date(guess), tz);
  instant = guess - tzOffsetMs(new Date(instant), tz); // second pass settles a DST change
  return new Date(instant);
}

/** A validated API date or timestamp as an instant: a bare date is the start of that day in `tz`. */
export function toInstant(value: string, tz: string): Date {
  return DATE_ONLY.test(value) ? startOfDayIn(value, tz) : new Date(value);
}

/** The calendar day (YYYY-MM-DD) of `instant` in `tz`. */
export function businessDate(instant: Date, tz: string): string {
  return new Date(instant.getTime() + tzOffsetMs(instant, tz)).toISOString().slice(0, 10);
}

export const REPORT_PERIODS = ['week', 'month', 'quarter', 'year'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

export interface PeriodBounds {
  period: ReportPeriod;
  /** First business day of the period (weeks start on Monday). */
  from: string;
  /** First business day after the period. */
  until: string;
  /** The same bounds as instants in `tz`: [start, end). */
  start: Date;
  end: Date;
}

/** The week, month, quarter or year (in business days of `tz`) that contains `date`. */
export function periodBounds(period: ReportPeriod, date: string, tz: string): PeriodBounds {
  const [y, m, d] = date.split('-').map(Number);
  const iso = (dt: Date) => dt.toISOString().slice(0, 10);
  let from: Date;
  let until: Date;
  if (period === 'week') {
    const day = new Date(Date.UTC(y, m - 1, d));
    const sinceMonday = (day.getUTCDay() + 6) % 7;
    from = new Date(Date.UTC(y, m - 1, d - sinceMonday));
    until = new Date(Date.UTC(y, m - 1, d - sinceMonday + 7));
  } else if (period === 'month') {
    from = new Date(Date.UTC(y, m - 1, 1));
    until = new Date(Date.UTC(y, m, 1));
  } else if (period === 'quarter') {
    const q = Math.floor((m - 1) / 3) * 3;
    from = new Date(Date.UTC(y, q, 1));
    until = new Date(Date.UTC(y, q + 3, 1));
  } else {
    from = new Date(Date.UTC(y, 0, 1));
    until = new Date(Date.UTC(y + 1, 0, 1));
  }
  return { period, from: iso(from), until: iso(until), start: startOfDayIn(iso(from), tz), end: startOfDayIn(iso(until), tz) };
}
