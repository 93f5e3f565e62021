import { EntityManager } from 'typeorm';

/**
 * The next contract number of `year`, HT-YYYY-NNNNNN. The upsert holds the year's counter row
 * until the creating transaction ends, so concurrent creates queue, get consecutive numbers, and a
 * rolled-back create returns its number: the sequence has no gaps.
 */
export async function nextContractNumber(m: EntityManager, year: number): Promise<string> {
  const [{ last_no }]: { last_no: number }[] = await m.query(
    `INSERT INTO contract_number_counters (year, last_no) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last_no = contract_number_counters.last_no + 1
     RETURNING last_no`,
    [year],
  );
  return `HT-${year}-${String(last_no).padStart(6, '0')}`;
}
