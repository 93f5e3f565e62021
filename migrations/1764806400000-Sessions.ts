import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions of the web console (SPEC §10): the cookie's JWT names a row here, so signing out ends
 * the session on the server (revoked_at) and an expired row refuses the cookie whatever its JWT says.
 */
export class Sessions1764806400000 implements MigrationInterface {
  name = 'Sessions1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        user_agent text CHECK (char_length(user_agent) <= 256),
        ip text
      )`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sessions`);
  }
}
