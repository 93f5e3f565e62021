/** One receivable as the allocation sees it: what is still open on it, in integer cents. */
export interface OpenReceivable {
  id: string;
  dueDate: string;
  seq: number;
  outstandingCents: bigint;
}

export interface Allocation {
  receivableId: string;
  cents: bigint;
}

/**
 * Spreads a payment over a contract's receivables, the oldest due first (then plan order). The
 * caller has checked that the amount does not exceed the total outstanding.
 */
export function allocateOldestFirst(receivables: OpenReceivable[], amountCents: bigint): Allocation[] {
  const ordered = [...receivables].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.seq - b.seq);
  const out: Allocation[] = [];
  let left = amountCents;
  for (const r of ordered) {
    if (left === 0n) break;
    if (r.outstandingCents <= 0n) continue;
    const take = r.outstandingCents < left ? r.outstandingCents : left;
    out.push({ receivableId: r.id, cents: take });
    left -= take;
  }
  if (left !== 0n) throw new Error('allocation exceeds the outstanding total');
  return out;
}
