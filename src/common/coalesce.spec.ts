import { coalescedQuery, ReadCoalescer } from './coalesce';

/** A read the test finishes by hand: each call is one run, with the "database state" it started on. */
function controlledReads() {
  let state = 0;
  const runs: { startedOn: number; finish: () => void; fail: (e: Error) => void }[] = [];
  const read = () =>
    new Promise<number>((resolve, reject) => {
      const startedOn = state;
      runs.push({ startedOn, finish: () => resolve(startedOn), fail: reject });
    });
  return { runs, read, write: () => state++ };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ReadCoalescer', () => {
  it('runs at once when nothing is running, and again for a later call', async () => {
    const c = new ReadCoalescer();
    const { runs, read } = controlledReads();
    const a = c.run('k', read);
    expect(runs).toHaveLength(1);
    runs[0].finish();
    await a;
    const b = c.run('k', read);
    expect(runs).toHaveLength(2);
    runs[1].finish();
    await b;
    expect(c.inFlight).toBe(0);
  });

  it('a call arriving while a run is under way waits for the next run: it never gets a result from before its arrival', async () => {
    const c = new ReadCoalescer();
    const { runs, read, write } = controlledReads();
    const first = c.run('k', read); // starts on state 0
    write(); // committed while the first run is under way
    const late1 = c.run('k', read); // arrived after the write
    const late2 = c.run('k', read);
    expect(runs).toHaveLength(1); // the next run waits for the running one
    runs[0].finish();
    expect(await first).toBe(0);
    await tick();
    expect(runs).toHaveLength(2); // one run for both late calls
    expect(runs[1].startedOn).toBe(1);
    runs[1].finish();
    expect(await late1).toBe(1);
    expect(await late2).toBe(1);
  });

  it('a call arriving once the next run has started waits for a run after that one', async () => {
    const c = new ReadCoalescer();
    const { runs, read, write } = controlledReads();
    const first = c.run('k', read);
    const second = c.run('k', read);
    runs[0].finish();
    await first;
    await tick();
    expect(runs).toHaveLength(2); // the second run is under way
    write();
    const third = c.run('k', read);
    runs[1].finish();
    expect(await second).toBe(0);
    await tick();
    expect(runs).toHaveLength(3);
    runs[2].finish();
    expect(await third).toBe(1);
  });

  it('different keys never share a run', async () => {
    const c = new ReadCoalescer();
    const { runs, read } = controlledReads();
    const a = c.run('a', read);
    const b = c.run('b', read);
    expect(runs).toHaveLength(2);
    runs.forEach((r) => r.finish());
    await Promise.all([a, b]);
  });

  it('a failed run fails the calls it served; the calls queued behind it get a run of their own', async () => {
    const c = new ReadCoalescer();
    const { runs, read } = controlledReads();
    const first = c.run('k', read);
    const queued = c.run('k', read);
    runs[0].fail(new Error('boom'));
    await expect(first).rejects.toThrow('boom');
    await tick();
    expect(runs).toHaveLength(2);
    runs[1].finish();
    expect(await queued).toBe(0);
    expect(c.inFlight).toBe(0);
  });

  it('a read that throws before returning a promise fails only its own calls', async () => {
    const c = new ReadCoalescer();
    await expect(
      c.run('k', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(c.inFlight).toBe(0);
    await expect(c.run('k', async () => 7)).resolves.toBe(7);
  });
});

describe('coalescedQuery', () => {
  it('shares one query among identical concurrent calls on a runner, not among different parameters', async () => {
    const calls: unknown[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const runner = {
      query: async (sql: string, params?: unknown[]) => {
        calls.push([sql, params]);
        await gate;
        return [{ sql, params }];
      },
    };
    const a = coalescedQuery(runner, 'SELECT $1', [1]);
    const b = coalescedQuery(runner, 'SELECT $1', [1]); // waits for the next run
    const c = coalescedQuery(runner, 'SELECT $1', [1]); // shares it
    const d = coalescedQuery(runner, 'SELECT $1', [2]); // another key
    expect(calls).toHaveLength(2);
    release();
    await Promise.all([a, b, c, d]);
    expect(calls).toHaveLength(3);
    expect(await b).toBe(await c);
  });
});
