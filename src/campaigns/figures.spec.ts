import { evaluationFigures, perHead, type CountedFigures } from './figures';

describe('the evaluation arithmetic (integer cents, never floats)', () => {
  const base: CountedFigures = { prospects: 5, converted: 2, contracts: 2, contractAmount: '150000.00', paymentsCollected: '30000.00', budget: '20000.00', actualCost: '12000.00' };

  it('the fixed case: 5 prospects, 2 converted, 12 000 spent of 20 000', () => {
    expect(evaluationFigures(base)).toEqual({
      ...base,
      conversionRate: '0.4000',
      costPerProspect: '2400.00',
      costPerConverted: '6000.00',
      budgetUsedRate: '0.6000',
    });
  });

  it('shares a cost to the cent, half up', () => {
    expect(perHead(1_000_000n, 3)).toBe('3333.33');
    expect(perHead(200n, 3)).toBe('0.67'); // 0.666… → 0.67
    expect(perHead(1n, 2)).toBe('0.01'); // 0.005 → 0.01
    expect(perHead(1n, 3)).toBe('0.00');
    expect(perHead(99_999_999_999_999n, 7)).toBe('142857142857.14');
    expect(perHead(500n, 0)).toBeNull();
  });

  it('null where there is nothing to divide by, or no cost entered', () => {
    const none = evaluationFigures({ ...base, prospects: 0, converted: 0, contracts: 0, contractAmount: '0', paymentsCollected: '0' });
    expect(none).toMatchObject({ conversionRate: null, costPerProspect: null, costPerConverted: null, budgetUsedRate: '0.6000', contractAmount: '0.00', paymentsCollected: '0.00' });
    const noCost = evaluationFigures({ ...base, actualCost: null });
    expect(noCost).toMatchObject({ actualCost: null, costPerProspect: null, costPerConverted: null, budgetUsedRate: null, conversionRate: '0.4000' });
    expect(evaluationFigures({ ...base, budget: '0.00' }).budgetUsedRate).toBeNull();
    expect(evaluationFigures({ ...base, budget: null }).budgetUsedRate).toBeNull();
    expect(evaluationFigures({ ...base, converted: 0 }).costPerConverted).toBeNull();
  });

  it('keeps two decimals on money and four on rates; over budget reads above 1', () => {
    const r = evaluationFigures({ ...base, prospects: 3, converted: 1, contractAmount: '1234.5', paymentsCollected: '-200', budget: '10000', actualCost: '12345.67' });
    expect(r).toMatchObject({
      contractAmount: '1234.50',
      paymentsCollected: '-200.00',
      budget: '10000.00',
      actualCost: '12345.67',
      conversionRate: '0.3333',
      costPerProspect: '4115.22', // 12345.67 ÷ 3 = 4115.2233…
      costPerConverted: '12345.67',
      budgetUsedRate: '1.2346', // 1.234567 → half up
    });
  });
});
