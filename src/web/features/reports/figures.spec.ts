import { describe, expect, it } from '@jest/globals';
import { formatRate } from './figures';

describe('回款率 as a percentage', () => {
  it('moves the point two places by string, keeping two decimals', () => {
    expect(formatRate('0.7500')).toBe('75.00%');
    expect(formatRate('0.0005')).toBe('0.05%');
    expect(formatRate('1.0000')).toBe('100.00%');
    expect(formatRate('0.1234')).toBe('12.34%');
    expect(formatRate('12.3456')).toBe('1234.56%');
    expect(formatRate('-0.0150')).toBe('-1.50%');
    expect(formatRate(null)).toBe('—');
  });
});
