import { attainmentRate, ratePercent, formatUnits, formatValue, meanRate, periodOf, periodStart, splitCheck, targetBounds } from './target-rules';

describe('target periods', () => {
  it('reads 2026, 2026-Q4 and 2026-12 as a year, a quarter and a month', () => {
    expect(periodStart('year', '2026')).toBe('2026-01-01');
    expect(periodStart('quarter', '2026-Q1')).toBe('2026-01-01');
    expect(periodStart('quarter', '2026-Q4')).toBe('2026-10-01');
    expect(periodStart('month', '2026-12')).toBe('2026-12-01');
    for (const [type, bad] of [['year', '2026-12'], ['quarter', '2026-Q5'], ['quarter', '2026-12'], ['month', '2026-13'], ['month', '2026-1'], ['year', '1999']] as const) {
      expect(periodStart(type, bad)).toBeNull();
    }
  });

  it('names the period that holds a business day', () => {
    expect(periodOf('year', '2026-11-26')).toBe('2026');
    expect(periodOf('quarter', '2026-11-26')).toBe('2026-Q4');
    expect(periodOf('quarter', '2026-03-31')).toBe('2026-Q1');
    expect(periodOf('month', '2026-01-01')).toBe('2026-01');
  });

  it('a month ends at midnight Beijing time, as the sales report counts it', () => {
    const b = targetBounds('month', '2026-11', 'Asia/Shanghai');
    expect(b.start.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(b.end.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(targetBounds('quarter', '2026-Q4', 'Asia/Shanghai').end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(targetBounds('year', '2026', 'Asia/Shanghai').start.toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });
});

describe('values and rates', () => {
  it('money keeps two decimals, counts are whole numbers', () => {
    expect(formatValue('contract_amount', '500000')).toBe('500000.00');
    expect(formatValue('payments', '12.5')).toBe('12.50');
    expect(formatValue('visits', '12.00')).toBe('12');
    expect(formatUnits('visits', -300n)).toBe('-3');
    expect(formatUnits('contract_amount', -300n)).toBe('-3.00');
  });

  it('完成率 = actual ÷ target with four decimals, half up; null for nothing to divide by', () => {
    expect(attainmentRate('100000.00', '82000.00')).toBe('0.8200');
    expect(attainmentRate('3', '2')).toBe('0.6667');
    expect(attainmentRate('3', '4')).toBe('1.3333');
    expect(attainmentRate('0', '4')).toBeNull();
  });

  it('the overall rate is the mean of the rates that exist', () => {
    expect(meanRate(['0.8200', '0.6667'])).toBe('0.7434'); // 1.4867 / 2 = 0.74335 → half up
    expect(meanRate(['1.0000', null, '0.5000'])).toBe('0.7500');
    expect(meanRate([])).toBeNull();
    expect(meanRate([null])).toBeNull();
    expect(meanRate(['-0.2500', '0.2500'])).toBe('0.0000');
  });

  it('reads as a percentage', () => {
    expect(ratePercent('0.8200')).toBe('82.00%');
    expect(ratePercent('1.3333')).toBe('133.33%');
    expect(ratePercent('0.0005')).toBe('0.05%');
  });
});

describe('the sum rule', () => {
  it('parts may add up to the whole, not more', () => {
    expect(splitCheck('100.00', 6000n, '40.00')).toEqual({ sum: 10000n, remaining: 4000n, exceeds: false });
    expect(splitCheck('100.00', 6000n, '40.01')).toEqual({ sum: 10001n, remaining: 4000n, exceeds: true });
    expect(splitCheck('10', 700n, '4')).toEqual({ sum: 1100n, remaining: 300n, exceeds: true });
  });
});
