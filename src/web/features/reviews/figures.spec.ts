import { describe, expect, it } from '@jest/globals';
import { formatMeasured, formatRate, periodLabel, previewTotal, recentPeriods, weightSum } from './figures';

describe('绩效考核 figures in the console', () => {
  it('shows a rate as a percentage without floating point', () => {
    expect(formatRate('0.2500')).toBe('25.00%');
    expect(formatRate('0.5417')).toBe('54.17%');
    expect(formatRate('1.2000')).toBe('120.00%');
    expect(formatRate('0.0001')).toBe('0.01%');
    expect(formatRate(null)).toBe('—');
  });

  it('shows each source’s measured figure in its own unit', () => {
    expect(formatMeasured('visits', '3')).toBe('3 次');
    expect(formatMeasured('collection_rate', '0.2500')).toBe('25.00%');
    expect(formatMeasured('complaint_sla', null)).toBe('—');
    expect(formatMeasured('manual', null)).toBe('—');
  });

  it('previews the total the way the API computes it', () => {
    expect(previewTotal([{ weight: 30, score: 80 }, { weight: 20, score: 90 }, { weight: 25, score: 60 }, { weight: 15, score: 70 }, { weight: 10, score: 83 }])).toBe('75.80');
    expect(previewTotal([{ weight: 50, score: 90 }, { weight: 50, score: null }])).toBeNull();
    expect(previewTotal([{ weight: 100, score: 100 }])).toBe('100.00');
  });

  it('sums the weights typed so far', () => {
    expect(weightSum([{ weight: 40 }, { weight: 35 }, undefined, { weight: null }])).toBe(75);
  });

  it('names and lists periods', () => {
    expect(periodLabel('2026-Q4')).toBe('2026 年第 4 季度');
    expect(periodLabel('2026-03')).toBe('2026 年 3 月');
    expect(periodLabel('2026')).toBe('2026 年');
    expect(recentPeriods('quarter', '2026-02-10', 3)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3']);
    expect(recentPeriods('month', '2026-01-31', 3)).toEqual(['2026-01', '2025-12', '2025-11']);
    expect(recentPeriods('year', '2026-12-31', 2)).toEqual(['2026', '2025']);
  });
});
