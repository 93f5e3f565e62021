import { fromCents, ratio, toCents } from '../common/money';

/**
 * The arithmetic of an evaluation (总结与评估): computed from the records, never typed; in integer
 * cents, never floats. Kept apart from campaign-rules.ts, which the console bundles.
 */

/** What the database counts for a campaign or a channel. Money as numeric text. */
export interface CountedFigures {
  prospects: number;
  converted: number;
  contracts: number;
  contractAmount: string;
  paymentsCollected: string;
  /** Null when there is nothing budgeted (a channel without campaigns). */
  budget: string | null;
  /** Null while no cost has been entered. */
  actualCost: string | null;
}

export interface EvaluationFigures extends CountedFigures {
  /** converted ÷ prospects, four decimals ("0.4000"); null without prospects. */
  conversionRate: string | null;
  /** actual cost ÷ prospects, to the cent, half up; null without prospects or without a cost. */
  costPerProspect: string | null;
  /** actual cost ÷ converted customers; null without conversions or without a cost. */
  costPerConverted: string | null;
  /** actual cost ÷ budget, four decimals; null without a cost or with a zero budget. */
  budgetUsedRate: string | null;
}

/** `cents` shared among `count`, to the cent, rounded half up; null for nobody to share it. */
export function perHead(cents: bigint, count: number): string | null {
  if (!Number.isInteger(count) || count <= 0) return null;
  const n = BigInt(count);
  return fromCents((cents * 2n + n) / (2n * n));
}

/** The figures of an evaluation from the counts, in integer cents (never floats). */
export function evaluationFigures(c: CountedFigures): EvaluationFigures {
  const money = (v: string) => fromCents(toCents(v));
  const cost = c.actualCost === null ? null : toCents(c.actualCost);
  return {
    prospects: c.prospects,
    converted: c.converted,
    contracts: c.contracts,
    contractAmount: money(c.contractAmount),
    paymentsCollected: money(c.paymentsCollected),
    budget: c.budget === null ? null : money(c.budget),
    actualCost: cost === null ? null : fromCents(cost),
    conversionRate: ratio(BigInt(c.converted), BigInt(c.prospects)),
    costPerProspect: cost === null ? null : perHead(cost, c.prospects),
    costPerConverted: cost === null ? null : perHead(cost, c.converted),
    budgetUsedRate: cost === null || c.budget === null ? null : ratio(cost, toCents(c.budget)),
  };
}
