/** Pure helpers of the 绩效考核 pages (no React): labels, figures as people read them, periods, the total. */

export type Source = 'target_attainment' | 'visits' | 'collection_rate' | 'complaint_sla' | 'manual';
export type PeriodType = 'month' | 'quarter' | 'year';

export const SOURCE_LABEL: Record<Source, string> = {
  target_attainment: '指标完成率',
  visits: '拜访次数',
  collection_rate: '回款率',
  complaint_sla: '投诉处理及时率',
  manual: '考核人评价',
};
export const SOURCES = Object.keys(SOURCE_LABEL) as Source[];

export const PERIOD_TYPE_LABEL: Record<PeriodType, string> = { month: '月度', quarter: '季度', year: '年度' };

/** A four-decimal rate ("0.2500") as a percentage with two decimals ("25.00%"), without floats; "—" for none. */
export function formatRate(rate: string | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  const m = /^(-?)(\d+)\.(\d{4})$/.exec(rate);
  if (!m) return rate;
  const units = BigInt(m[2]) * 10000n + BigInt(m[3]);
  return `${m[1]}${units / 100n}.${(units % 100n).toString().padStart(2, '0')}%`;
}

/** What the records say beside a criterion: a rate as a percentage, visits as a count, nothing for 考核人评价. */
export function formatMeasured(source: Source, measured: string | null): string {
  if (source === 'manual') return '—';
  if (source === 'visits') return measured === null ? '—' : `${measured} 次`;
  return formatRate(measured);
}

/** Σ score × weight ÷ 100 as the API computes it (exact hundredths); null while a score is missing. */
export function previewTotal(items: Array<{ weight: number; score: number | null | undefined }>): string | null {
  if (items.some((i) => i.score === null || i.score === undefined || !Number.isInteger(i.score))) return null;
  const hundredths = items.reduce((s, i) => s + (i.score as number) * i.weight, 0);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** The sum of the weights typed so far (blank rows count as 0). */
export function weightSum(criteria: Array<{ weight?: number | null } | undefined>): number {
  return criteria.reduce((s, c) => s + (typeof c?.weight === 'number' && Number.isFinite(c.weight) ? c.weight : 0), 0);
}

/** A period as people say it: 2026 年, 2026 年第 4 季度, 2026 年 12 月. */
export function periodLabel(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${q[1]} 年第 ${q[2]} 季度`;
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return `${m[1]} 年 ${Number(m[2])} 月`;
  return `${period} 年`;
}

/**
 * The periods of `type` that have started by `today` (YYYY-MM-DD in business time), newest first:
 * the current one and the `count - 1` before it. The most recent finished one is the usual choice.
 */
export function recentPeriods(type: PeriodType, today: string, count: number): string[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const out: string[] = [];
  for (let k = 0; k < count; k += 1) {
    if (type === 'year') out.push(String(y - k));
    else if (type === 'quarter') {
      const idx = y * 4 + Math.floor((m - 1) / 3) - k;
      out.push(`${Math.floor(idx / 4)}-Q${(idx % 4) + 1}`);
    } else {
      const idx = y * 12 + (m - 1) - k;
      out.push(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`);
    }
  }
  return out;
}
