import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, the append-only audit log and the shared append-only trigger function. */
export class Foundation1764115200000 implements MigrationInterface {
  name = 'Foundation1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // Refuses UPDATE, DELETE and TRUNCATE on append-only tables (audit log, sales ledger).
    await q.query(`
      CREATE FUNCTION forbid_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'restrict_violation';
      END $$`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL,
        display_name varchar(100) NOT NULL,
        role varchar(40) NOT NULL CHECK (role IN (
          'market.manager','market.supervisor','market.specialist',
          'sales.manager','sales.supervisor','sales.clerk','sales.rep','sales.assistant',
          'key_account.manager','key_account.supervisor','key_account.specialist','gm','admin')),
        department varchar(20) NOT NULL CHECK (department IN ('market','sales','key_account','management','system')),
        supervisor_id uuid REFERENCES users(id) ON DELETE RESTRICT,
        password_hash varchar(255) NOT NULL,
        active boolean NOT NULL DEFAULT true,
        token_version integer NOT NULL DEFAULT 1,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (supervisor_id IS NULL OR supervisor_id <> id)
      )`);
    await q.query(`CREATE UNIQUE INDEX users_username_uq ON users (lower(username))`);
    await q.query(`CREATE INDEX users_supervisor_idx ON users (supervisor_id)`);
    await q.query(`CREATE INDEX users_department_role_idx ON users (department, role)`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid REFERENCES users(id) ON DELETE RESTRICT,
        actor_role varchar(40),
        action varchar(60) NOT NULL,
        entity varchar(40) NOT NULL,
        entity_id varchar(64),
        before jsonb,
        after jsonb,
        request_id varchar(64),
        ip varchar(64)
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, at)`);
    await q.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at)`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at)`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION forbid_append_only_change()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_append_only_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP FUNCTION forbid_append_only_change()`);
  }
}
