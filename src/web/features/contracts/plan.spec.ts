import { describe, expect, it } from '@jest/globals';
import { planBalance, splitEvenly } from './plan';

describe('payment plan in cents', () => {
  it('finds the one cent a float would lose', () => {
    const b = planBalance('10000.01', [{ amount: '5000.00' }, { amount: '5000.00' }]);
    expect(b.difference).toBe(1n);
    expect(b.balanced).toBe(false);
    expect(planBalance('0.30', [{ amount: '0.1' }, { amount: '0.2' }]).balanced).toBe(true);
  });

  it('says over, missing and unknown apart', () => {
    expect(planBalance('100', [{ amount: '100.01' }]).difference).toBe(-1n);
    expect(planBalance('100', [{ amount: '' }]).total).toBeNull();
    expect(planBalance('1.234', [{ amount: '1' }]).amount).toBeNull();
    expect(planBalance('100', []).balanced).toBe(false);
  });

  it('splits evenly with the remainder on the last instalment', () => {
    expect(splitEvenly('10000.01', 2)).toEqual(['5000.00', '5000.01']);
    expect(splitEvenly('10000.00', 3)).toEqual(['3333.33', '3333.33', '3333.34']);
    expect(splitEvenly('0.02', 3)).toEqual(['0.00', '0.00', '0.02']);
    expect(splitEvenly('abc', 2)).toBeNull();
    const parts = splitEvenly('999999999999.99', 7)!;
    expect(planBalance('999999999999.99', parts.map((amount) => ({ amount }))).balanced).toBe(true);
  });
});
