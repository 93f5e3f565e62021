import { dayjs } from '../../lib/format';

export type Measure = 'contract_amount' | 'payments' | 'new_prospects' | 'visits' | 'new_key_accounts';
export type PeriodType = 'month' | 'quarter' | 'year';
export type Level = 'department' | 'team' | 'person';

export const MEASURES: { value: Measure; label: string; unit: string; money: boolean }[] = [
  { value: 'contract_amount', label: '签约金额', unit: '元', money: true },
  { value: 'payments', label: '回款金额', unit: '元', money: true },
  { value: 'new_prospects', label: '新增潜在客户', unit: '家', money: false },
  { value: 'visits', label: '拜访次数', unit: '次', money: false },
  { value: 'new_key_accounts', label: '新增大客户', unit: '家', money: false },
];
export const MEASURE_OF = Object.fromEntries(MEASURES.map((m) => [m.value, m])) as Record<Measure, (typeof MEASURES)[number]>;
export const LEVEL_NAMES: Record<Level, string> = { department: '部门', team: '团队', person: '个人' };
export const PERIOD_TYPES: { value: PeriodType; label: string }[] = [
  { value: 'month', label: '月' },
  { value: 'quarter', label: '季' },
  { value: 'year', label: '年' },
];
export const PLAN_STATUS: Record<'draft' | 'active' | 'closed', { label: string; tone: 'default' | 'blue' | 'green' }> = {
  draft: { label: '草稿', tone: 'default' },
  active: { label: '执行中', tone: 'blue' },
  closed: { label: '已关闭', tone: 'green' },
};

const PERIOD_FORMS: Record<PeriodType, RegExp> = { year: /^\d{4}$/, quarter: /^\d{4}-Q[1-4]$/, month: /^\d{4}-(0[1-9]|1[0-2])$/ };

/** `2026` · `2026-Q4` · `2026-12` → its type, or null. */
export function periodTypeOf(period: string | undefined): PeriodType | null {
  if (!period) return null;
  return (Object.keys(PERIOD_FORMS) as PeriodType[]).find((t) => PERIOD_FORMS[t].test(period)) ?? null;
}

/** The period of `type` holding the day `date` (YYYY-MM-DD). */
export function periodOf(type: PeriodType, date: string): string {
  const [y, m] = date.split('-');
  if (type === 'year') return y;
  if (type === 'quarter') return `${y}-Q${Math.floor((Number(m) - 1) / 3) + 1}`;
  return `${y}-${m}`;
}

/** The first day of a period, for the pickers. */
export function periodStart(period: string): string {
  const type = periodTypeOf(period);
  if (type === 'year') return `${period}-01-01`;
  if (type === 'quarter') return `${period.slice(0, 4)}-${String((Number(period.slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01`;
  return `${period}-01`;
}

/** "2026 年 12 月" · "2026 年第 4 季度" · "2026 年". */
export function periodName(period: string): string {
  const type = periodTypeOf(period);
  if (type === 'year') return `${period} 年`;
  if (type === 'quarter') return `${period.slice(0, 4)} 年第 ${period.slice(6)} 季度`;
  return `${period.slice(0, 4)} 年 ${Number(period.slice(5))} 月`;
}

/** A picked day → the period of the picker's type. */
export const periodFromDay = (type: PeriodType, d: dayjs.Dayjs) => periodOf(type, d.format('YYYY-MM-DD'));
