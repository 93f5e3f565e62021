import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

/** The company's business time zone (BUSINESS_TZ); /auth/me may override the default. */
let businessTz = 'Asia/Shanghai';
export function setBusinessTz(tz: string | undefined | null): void {
  if (tz) businessTz = tz;
}
export function getBusinessTz(): string {
  return businessTz;
}

/** "1234567.8" / "1234567.80" → "¥1,234,567.80" — by string, never through a float. */
export function formatMoney(value: string | null | undefined, withSymbol = true): string {
  if (value === null || value === undefined || value === '') return '—';
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(value).trim());
  if (!m) return String(value);
  const [, sign, int, frac = ''] = m;
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${withSymbol ? '¥' : ''}${grouped}.${(frac + '00').slice(0, 2)}`;
}

/** Decimal string → integer cents (BigInt), or null when it is not a valid amount. */
export function toCents(value: string | null | undefined): bigint | null {
  if (value === null || value === undefined) return null;
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!m) return null;
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

export function centsToString(cents: bigint): string {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  return `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  return dayjs(value).tz(businessTz).format('YYYY-MM-DD HH:mm');
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return dayjs(value).tz(businessTz).format('YYYY-MM-DD');
}

/**
 * A list's total as its pager reads it: "共 42 条" when counted; past the server's count cap the
 * total is the database's estimate (`totalExact: false`), shown as such and rounded: "约 12,000 条".
 */
export function formatListTotal(total: number, exact = true): string {
  if (exact) return `共 ${total} 条`;
  const step = 10 ** Math.max(0, String(Math.round(total)).length - 2);
  return `约 ${(Math.round(total / step) * step).toLocaleString('zh-CN')} 条`;
}

/** Now in business time, as an ISO timestamp with offset (what the API wants for visitedAt). */
export function nowIso(): string {
  return dayjs().tz(businessTz).format();
}

export function todayInBusinessTz(): string {
  return dayjs().tz(businessTz).format('YYYY-MM-DD');
}

export { dayjs };
