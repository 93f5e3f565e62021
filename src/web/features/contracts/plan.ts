import { centsToString, toCents } from '../../lib/format';

/** What the balance needs of a plan row: its amount as typed. */
export interface PlanRow {
  amount?: string;
}

export interface PlanBalance {
  /** Sum of the rows in cents, or null while a row's amount is missing or malformed. */
  total: bigint | null;
  /** The contract amount in cents, or null while it is not a valid amount. */
  amount: bigint | null;
  /** amount − total (positive: still missing; negative: the plan is over). */
  difference: bigint | null;
  balanced: boolean;
}

/** Plan against amount, in integer cents: a float would lose the one cent that matters. */
export function planBalance(amount: string | undefined, rows: PlanRow[] | undefined): PlanBalance {
  const a = toCents(amount ?? null);
  let total: bigint | null = 0n;
  for (const r of rows ?? []) {
    const c = toCents(r?.amount ?? null);
    if (c === null) {
      total = null;
      break;
    }
    total += c;
  }
  const difference = a !== null && total !== null ? a - total : null;
  return { total, amount: a, difference, balanced: difference === 0n && (rows?.length ?? 0) > 0 };
}

/** Splits an amount into n instalments of whole cents; the remainder goes on the last one. */
export function splitEvenly(amount: string, n: number): string[] | null {
  const cents = toCents(amount);
  if (cents === null || n < 1) return null;
  const count = BigInt(n);
  const each = cents / count;
  return Array.from({ length: n }, (_, i) => centsToString(i === n - 1 ? cents - each * (count - 1n) : each));
}
