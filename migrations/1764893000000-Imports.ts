import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports of customers and prospects from Excel (SAL-6.3, MKT-6.2): one row per upload (a dry run
 * or a commit) with its progress and totals, and one row per line of the file with its result.
 */
export class Imports1764893000000 implements MigrationInterface {
  name = 'Imports1764893000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(20) NOT NULL CHECK (kind IN ('customers', 'prospects')),
        dry_run boolean NOT NULL,
        status varchar(20) NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        file_name varchar(200),
        file_sha256 char(64) NOT NULL,
        ignored_columns jsonb NOT NULL DEFAULT '[]',
        total_rows integer NOT NULL CHECK (total_rows BETWEEN 1 AND 5000),
        processed_rows integer NOT NULL DEFAULT 0 CHECK (processed_rows BETWEEN 0 AND total_rows),
        create_count integer NOT NULL DEFAULT 0,
        created_count integer NOT NULL DEFAULT 0,
        duplicate_count integer NOT NULL DEFAULT 0,
        error_count integer NOT NULL DEFAULT 0,
        message varchar(500),
        owner_id uuid NOT NULL REFERENCES users(id),
        department varchar(20) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX imports_owner_idx ON imports (owner_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE import_rows (
        import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        row_no integer NOT NULL,
        status varchar(20) NOT NULL CHECK (status IN ('create', 'created', 'duplicate', 'error')),
        "values" jsonb NOT NULL,
        errors jsonb,
        duplicate_of jsonb,
        record_id uuid,
        PRIMARY KEY (import_id, row_no)
      )`);
    await q.query(`CREATE INDEX import_rows_status_idx ON import_rows (import_id, status, row_no)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_rows`);
    await q.query(`DROP TABLE imports`);
  }
}
