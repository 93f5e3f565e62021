import { allocateOldestFirst } from './allocation';

const r = (id: string, dueDate: string, seq: number, cents: number) => ({ id, dueDate, seq, outstandingCents: BigInt(cents) });

describe('allocateOldestFirst', () => {
  const receivables = [r('c', '2027-03-01', 3, 30000), r('a', '2027-01-01', 1, 10000), r('b', '2027-02-01', 2, 20000)];

  it('fills the oldest due receivable first', () => {
    expect(allocateOldestFirst(receivables, 15000n)).toEqual([
      { receivableId: 'a', cents: 10000n },
      { receivableId: 'b', cents: 5000n },
    ]);
  });

  it('skips receivables already paid and uses plan order on the same due date', () => {
    const same = [r('x', '2027-01-01', 2, 500), r('w', '2027-01-01', 1, 0), r('v', '2027-01-01', 3, 700)];
    expect(allocateOldestFirst(same, 900n)).toEqual([
      { receivableId: 'x', cents: 500n },
      { receivableId: 'v', cents: 400n },
    ]);
  });

  it('exactly the outstanding total pays everything', () => {
    const all = allocateOldestFirst(receivables, 60000n);
    expect(all.reduce((s, a) => s + a.cents, 0n)).toBe(60000n);
    expect(all.map((a) => a.receivableId)).toEqual(['a', 'b', 'c']);
  });

  it('refuses more than the outstanding total', () => {
    expect(() => allocateOldestFirst(receivables, 60001n)).toThrow();
  });
});
