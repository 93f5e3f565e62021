import { cappedCountSql, listTotal, plannedRows } from './list-total';

/** A runner that answers the capped count and EXPLAIN, recording what it was asked. */
function fakeRunner(opts: { count?: number; planRows?: number } = {}) {
  const asked: string[] = [];
  return {
    asked,
    async query(sql: string) {
      asked.push(sql);
      if (sql.startsWith('EXPLAIN')) return [{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': opts.planRows ?? 0 } }] }];
      return [{ n: opts.count ?? 0 }];
    },
  };
}

const source = { sql: 'SELECT 1 FROM prospects p WHERE p.department = $1', params: ['market'] };

describe('list totals', () => {
  it('counts at most cap + 1 rows', () => {
    expect(cappedCountSql(source.sql, 1000)).toBe(`(SELECT count(*)::int FROM (${source.sql} LIMIT 1001) list_capped)`);
  });

  it('a page that is not full ends the list: its total is exact, and nothing more is asked', async () => {
    const r = fakeRunner();
    expect(await listTotal(r, source, { page: 3, pageSize: 20, rows: 7, capped: 1001 }, 1000)).toEqual({ total: 47, totalExact: true });
    expect(await listTotal(r, source, { page: 1, pageSize: 20, rows: 0, capped: null }, 1000)).toEqual({ total: 0, totalExact: true });
    expect(r.asked).toEqual([]);
  });

  it('a capped count within the cap is the exact total', async () => {
    const r = fakeRunner();
    expect(await listTotal(r, () => source, { page: 1, pageSize: 20, rows: 20, capped: 1000 }, 1000)).toEqual({ total: 1000, totalExact: true });
    expect(r.asked).toEqual([]);
  });

  it('past the cap: the planner’s estimate, marked, never below the cap or what the page proves', async () => {
    const high = fakeRunner({ planRows: 80123.4 });
    expect(await listTotal(high, { ...source, params: ['a'] }, { page: 1, pageSize: 20, rows: 20, capped: 1001 }, 1000)).toEqual({ total: 80123, totalExact: false });
    expect(high.asked).toHaveLength(1);
    expect(high.asked[0]).toBe(`EXPLAIN (FORMAT JSON) ${source.sql}`);
    const low = fakeRunner({ planRows: 12 });
    expect(await listTotal(low, { ...source, params: ['b'] }, { page: 1, pageSize: 20, rows: 20, capped: 1001 }, 1000)).toEqual({ total: 1001, totalExact: false });
    expect(await listTotal(low, { ...source, params: ['b'] }, { page: 80, pageSize: 20, rows: 20, capped: 1001 }, 1000)).toEqual({ total: 1601, totalExact: false });
  });

  it('an empty page past the first is counted on its own', async () => {
    const within = fakeRunner({ count: 40 });
    expect(await listTotal(within, source, { page: 9, pageSize: 20, rows: 0, capped: null }, 1000)).toEqual({ total: 40, totalExact: true });
    expect(within.asked).toEqual([`SELECT ${cappedCountSql(source.sql, 1000)} AS n`]);
    const past = fakeRunner({ count: 1001, planRows: 5000 });
    expect(await listTotal(past, { ...source, params: ['c'] }, { page: 900, pageSize: 20, rows: 0, capped: null }, 1000)).toEqual({ total: 5000, totalExact: false });
  });

  it('keeps an estimate per runner and query for a while, and asks again for other parameters', async () => {
    const r = fakeRunner({ planRows: 300 });
    const s = { ...source, params: ['kept'] };
    expect(await plannedRows(r, s)).toBe(300);
    expect(await plannedRows(r, s)).toBe(300);
    expect(r.asked).toHaveLength(1);
    await plannedRows(r, { ...source, params: ['other'] });
    expect(r.asked).toHaveLength(2);
    expect(await plannedRows(fakeRunner({ planRows: 1 }), s)).toBe(1); // another database asks for itself
  });
});
