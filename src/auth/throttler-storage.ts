import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { DataSource } from 'typeorm';

type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** At most one sweep of expired rows per instance in this interval. */
export const THROTTLE_SWEEP_INTERVAL_MS = 60_000;

/**
 * One statement per attempt, atomic on the key's row (concurrent attempts on one key queue on its
 * row lock, whichever instance sends them), timed by the database's clock:
 * - blocked and the block not over: nothing changes, the attempt is refused;
 * - the window over, or a block just ended: a new window with this attempt as its first;
 * - otherwise one more attempt, and past the limit a block of `blockDuration` starts.
 * $1 key, $2 ttl (ms), $3 limit, $4 block duration (ms).
 */
const INCREMENT = `
  INSERT INTO login_throttle AS r (key, hits, window_ends_at, blocked_until)
  VALUES ($1, 1, now() + make_interval(secs => $2::float8 / 1000),
          CASE WHEN 1 > $3::int THEN now() + make_interval(secs => $4::float8 / 1000) END)
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE
      WHEN r.blocked_until > now() THEN r.hits
      WHEN r.window_ends_at <= now() OR r.blocked_until IS NOT NULL THEN 1
      ELSE r.hits + 1 END,
    window_ends_at = CASE
      WHEN r.blocked_until > now() THEN r.window_ends_at
      WHEN r.window_ends_at <= now() OR r.blocked_until IS NOT NULL THEN EXCLUDED.window_ends_at
      ELSE r.window_ends_at END,
    blocked_until = CASE
      WHEN r.blocked_until > now() THEN r.blocked_until
      WHEN r.window_ends_at <= now() OR r.blocked_until IS NOT NULL THEN EXCLUDED.blocked_until
      WHEN r.hits + 1 > $3::int THEN now() + make_interval(secs => $4::float8 / 1000)
      END
  RETURNING hits,
            COALESCE(blocked_until > now(), false) AS blocked,
            GREATEST(ceil(extract(epoch FROM window_ends_at - now())), 0)::int AS window_seconds,
            GREATEST(COALESCE(ceil(extract(epoch FROM blocked_until - now())), 0), 0)::int AS block_seconds`;

/**
 * @nestjs/throttler storage kept in Postgres (table login_throttle), so the login limit holds
 * across every instance on the database rather than per process. A fixed window per key: the
 * count starts with the first attempt and resets when the window ends; past the limit the key is
 * blocked for the block duration (the window's length unless configured), and refused attempts do
 * not extend the block. Rows past their window and block are deleted now and then, by an index
 * range scan, by whichever instance gets there first.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('LoginThrottle');
  private nextSweepAt = 0;

  constructor(private readonly ds: DataSource) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, _throttlerName: string): Promise<ThrottlerRecord> {
    const [row]: { hits: number; blocked: boolean; window_seconds: number; block_seconds: number }[] = await this.ds.query(INCREMENT, [
      key,
      ttl,
      limit,
      blockDuration,
    ]);
    await this.sweepIfDue();
    return {
      totalHits: row.hits,
      timeToExpire: row.window_seconds,
      isBlocked: row.blocked,
      timeToBlockExpire: row.blocked ? Math.max(row.block_seconds, 1) : 0,
    };
  }

  /** Deletes the rows that no longer count (window and block both over); returns how many. */
  async sweep(): Promise<number> {
    const [, count] = (await this.ds.query(`DELETE FROM login_throttle WHERE expires_at < now()`)) as [unknown, number];
    return count;
  }

  private async sweepIfDue(): Promise<void> {
    const now = Date.now();
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + THROTTLE_SWEEP_INTERVAL_MS;
    try {
      await this.sweep();
    } catch (err) {
      // A failed sweep costs only disk space; the next one catches up.
      this.logger.warn(`清理过期的登录限流记录失败: ${(err as Error).message}`);
    }
  }
}
