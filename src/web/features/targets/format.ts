import { formatMoney } from '../../lib/format';
import { MEASURE_OF, type Measure } from './vocab';

/** A target's figure as people read it: money with separators, counts with their unit. */
export function showValue(measure: Measure, value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const m = MEASURE_OF[measure];
  return m.money ? formatMoney(value) : `${value} ${m.unit}`;
}

/** "0.8200" → 82 (percent, for a progress bar), by string; null stays null. */
export function ratePercent(rate: string | null | undefined): number | null {
  if (rate === null || rate === undefined) return null;
  const m = /^(-?)(\d+)\.(\d{4})$/.exec(rate);
  if (!m) return null;
  const units = Number(m[2]) * 10000 + Number(m[3]);
  return (m[1] ? -units : units) / 100;
}

/** "0.8200" → "82.00%". */
export function showRate(rate: string | null | undefined): string {
  const p = ratePercent(rate);
  return p === null ? '—' : `${p.toFixed(2)}%`;
}

/** A value the API accepts for the measure: money with at most two decimals, counts as whole numbers. */
export function valueRule(measure: Measure) {
  const money = MEASURE_OF[measure].money;
  return {
    validator: (_: unknown, v?: string) => {
      if (!v) return Promise.resolve();
      if (money ? !/^\d{1,12}(\.\d{1,2})?$/.test(v) : !/^\d{1,9}$/.test(v)) return Promise.reject(new Error(money ? '金额最多两位小数，如 50000.00' : '请填写整数'));
      if (/^0+(\.0+)?$/.test(v)) return Promise.reject(new Error('必须大于 0'));
      return Promise.resolve();
    },
  };
}
