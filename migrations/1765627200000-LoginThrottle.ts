import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login throttling shared by every instance (SPEC §13): one row per throttle key (a hash of the
 * client address and the username tried), counting the attempts of the current window and the end
 * of a block once the limit is passed. `expires_at` is when the row stops mattering, indexed so the
 * sweep of old rows is a range scan.
 */
export class LoginThrottle1765627200000 implements MigrationInterface {
  name = 'LoginThrottle1765627200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_throttle (
        key text PRIMARY KEY CHECK (char_length(key) <= 128),
        hits integer NOT NULL CHECK (hits >= 0),
        window_ends_at timestamptz NOT NULL,
        blocked_until timestamptz,
        expires_at timestamptz GENERATED ALWAYS AS (GREATEST(window_ends_at, blocked_until)) STORED
      )`);
    await q.query(`CREATE INDEX login_throttle_expires_idx ON login_throttle (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_throttle`);
  }
}
