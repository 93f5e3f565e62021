/**
 * Request coalescing for heavy reads that many callers ask at once (aging, the sales report): the
 * identical read (same SQL, same parameters — so the same scope) runs once for everyone waiting,
 * and never serves anyone a result older than their own arrival. A read already running when a
 * request arrives started before it, and might miss a write committed just before that request;
 * so the request waits for the next run, which starts when the running one ends and serves every
 * request that arrived meanwhile. At most one run per key is under way and one more queued.
 * Nothing is kept after a run ends: a write is visible to the next request on any instance.
 */
export class ReadCoalescer {
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly queued = new Map<string, Promise<unknown>>();
  /** Requests waiting for each key's queued run. */
  private readonly waiting = new Map<string, number>();

  run<T>(key: string, read: () => Promise<T>): Promise<T> {
    // queued runs start only when the running one ends, so after this request arrived
    const queued = this.queued.get(key);
    if (queued) {
      this.waiting.set(key, (this.waiting.get(key) ?? 0) + 1);
      return queued as Promise<T>;
    }
    const running = this.running.get(key);
    if (!running) return this.start(key, read);
    const next = running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.queued.delete(key);
        this.waiting.delete(key);
        return this.start(key, read);
      });
    this.queued.set(key, next);
    this.waiting.set(key, 1);
    return next;
  }

  /** How many keys have a run under way (for tests and diagnostics). */
  get inFlight(): number {
    return this.running.size;
  }

  /** How many keys have a run queued behind the one under way (for tests and diagnostics). */
  get queuedRuns(): number {
    return this.queued.size;
  }

  /** How many requests wait for a queued run, over all keys (for tests and diagnostics). */
  get queuedRequests(): number {
    let n = 0;
    for (const w of this.waiting.values()) n += w;
    return n;
  }

  private start<T>(key: string, read: () => Promise<T>): Promise<T> {
    const run = (async () => read())();
    this.running.set(key, run);
    const done = () => {
      if (this.running.get(key) === run) this.running.delete(key);
    };
    run.then(done, done);
    return run;
  }
}

/** Anything that runs SQL with positional parameters outside a transaction. */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<any>;
}

const coalescers = new WeakMap<Queryable, ReadCoalescer>();

/** The coalescer of a runner's reads, once it has coalesced one (for tests and diagnostics). */
export function coalescerOf(runner: Queryable): ReadCoalescer | undefined {
  return coalescers.get(runner);
}

/**
 * `runner.query(sql, params)`, coalesced with identical concurrent calls on the same runner (see
 * ReadCoalescer). Only for reads outside a transaction: a transaction must see its own snapshot.
 * The rows are shared by the callers served together: read them, do not change them.
 */
export function coalescedQuery<T = any>(runner: Queryable, sql: string, params: unknown[]): Promise<T[]> {
  let c = coalescers.get(runner);
  if (!c) {
    c = new ReadCoalescer();
    coalescers.set(runner, c);
  }
  return c.run(`${sql}\u0000${JSON.stringify(params)}`, () => runner.query(sql, params) as Promise<T[]>);
}
