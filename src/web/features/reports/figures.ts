/** 回款率 "0.7500" → "75.00%" — by string, like money; null (nothing fell due) → "—". */
export function formatRate(rate: string | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  const m = /^(-?)(\d+)\.(\d{4})$/.exec(rate);
  if (!m) return rate;
  const [, sign, int, frac] = m;
  const whole = `${int}${frac.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  return `${sign}${whole}.${frac.slice(2)}%`;
}
