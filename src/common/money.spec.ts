import { fromCents, MONEY_INPUT, normaliseMoney, ratio, toCents } from './money';

describe('money', () => {
  it('accepts up to 12 integer digits and two decimals, nothing negative', () => {
    for (const ok of ['0', '0.5', '12.50', '999999999999.99', '1000000']) expect(MONEY_INPUT.test(ok)).toBe(true);
    for (const bad of ['-1.00', '1.005', '1000000000000.00', '01.00', '1e3', ' 1.00', '', '.5', '1.']) expect(MONEY_INPUT.test(bad)).toBe(false);
  });
  it('converts exactly through integer cents', () => {
    expect(toCents('0.10') + toCents('0.20')).toBe(30n);
    expect(fromCents(toCents('0.1') + toCents('0.2'))).toBe('0.30');
    expect(fromCents(-1234n)).toBe('-12.34');
    expect(normaliseMoney('999999999999.99')).toBe('999999999999.99');
    expect(normaliseMoney('7')).toBe('7.00');
  });
});

describe('ratio', () => {
  it('is four decimals, rounded half up, null for nothing due', () => {
    expect(ratio(75n, 100n)).toBe('0.7500');
    expect(ratio(1n, 3n)).toBe('0.3333');
    expect(ratio(2n, 3n)).toBe('0.6667');
    expect(ratio(1n, 20000n)).toBe('0.0001'); // 0.00005 rounds up
    expect(ratio(150n, 100n)).toBe('1.5000');
    expect(ratio(0n, 100n)).toBe('0.0000');
    expect(ratio(5n, 0n)).toBeNull();
  });
});
