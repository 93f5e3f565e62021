import { tierForAmount } from './tier-rules';

const tiers = [
  { code: 'B', minAnnualAmount: '1000000.00' },
  { code: 'A', minAnnualAmount: '5000000.00' },
  { code: 'C', minAnnualAmount: '300000.00' },
];

describe('tierForAmount', () => {
  it.each([
    ['0.00', null],
    ['299999.99', null],
    ['300000.00', 'C'],
    ['999999.99', 'C'],
    ['1000000.00', 'B'],
    ['4999999.99', 'B'],
    ['5000000.00', 'A'],
    ['999999999999.99', 'A'],
  ])('%s → %s', (amount, tier) => {
    expect(tierForAmount(amount, tiers)).toBe(tier);
  });

  it('no tiers defined: never a tier', () => {
    expect(tierForAmount('9999999.00', [])).toBeNull();
  });
});
