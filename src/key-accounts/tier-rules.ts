import { toCents } from '../common/money';

export interface TierThreshold {
  code: string;
  minAnnualAmount: string;
}

/**
 * The tier a trailing-12-month signed amount earns: the tier with the highest threshold at or
 * below the amount (reaching a threshold exactly earns it), or null below every threshold.
 */
export function tierForAmount(amount: string, tiers: TierThreshold[]): string | null {
  const cents = toCents(amount);
  const earned = tiers.filter((t) => toCents(t.minAnnualAmount) <= cents).sort((a, b) => (toCents(b.minAnnualAmount) > toCents(a.minAnnualAmount) ? 1 : -1));
  return earned[0]?.code ?? null;
}
