import { describe, expect, it } from '@jest/globals';
import { ratePercent, showRate } from './format';
import { periodName, periodOf, periodStart, periodTypeOf } from './vocab';

describe('targets: formatting and periods', () => {
  it('rates read as percentages without floats going wrong', () => {
    expect(ratePercent('0.8200')).toBe(82);
    expect(ratePercent('1.2500')).toBe(125);
    expect(ratePercent(null)).toBeNull();
    expect(showRate('0.3333')).toBe('33.33%');
    expect(showRate(null)).toBe('—');
  });

  it('periods by their form', () => {
    expect(periodTypeOf('2026')).toBe('year');
    expect(periodTypeOf('2026-Q4')).toBe('quarter');
    expect(periodTypeOf('2026-12')).toBe('month');
    expect(periodTypeOf('2026-13')).toBeNull();
    expect(periodOf('quarter', '2026-11-26')).toBe('2026-Q4');
    expect(periodStart('2026-Q4')).toBe('2026-10-01');
    expect(periodStart('2026-12')).toBe('2026-12-01');
    expect(periodName('2026-Q4')).toBe('2026 年第 4 季度');
    expect(periodName('2026-03')).toBe('2026 年 3 月');
  });
});
