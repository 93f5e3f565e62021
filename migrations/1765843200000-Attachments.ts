import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments (SPEC §14): signed contract scans (合同档案), visit photos, complaint evidence and
 * key-account assessment material, kept in Postgres so every instance sees them. A file is written
 * as 256 KiB chunks while it streams in (status `uploading`) and becomes `ready` only once its type,
 * size and parent have been checked; an upload cut off half-way leaves an `uploading` row that the
 * next upload sweeps away after an hour.
 */
export class Attachments1765843200000 implements MigrationInterface {
  name = 'Attachments1765843200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        parent_type varchar(20) NOT NULL CHECK (parent_type IN ('contract','visit','complaint','assessment')),
        parent_id uuid NOT NULL,
        file_name varchar(255) NOT NULL,
        content_type varchar(100) NOT NULL,
        size_bytes integer NOT NULL DEFAULT 0 CHECK (size_bytes >= 0 AND size_bytes <= 20971520),
        sha256 char(64),
        status varchar(10) NOT NULL DEFAULT 'uploading' CHECK (status IN ('uploading','ready')),
        uploaded_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status = 'uploading' OR sha256 IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX attachments_parent_idx ON attachments (parent_type, parent_id, created_at) WHERE status = 'ready'`);
    await q.query(`CREATE INDEX attachments_uploading_idx ON attachments (created_at) WHERE status = 'uploading'`);
    await q.query(`CREATE INDEX attachments_uploaded_by_idx ON attachments (uploaded_by)`);
    await q.query(`
      CREATE TABLE attachment_chunks (
        attachment_id uuid NOT NULL REFERENCES attachments(id) ON DELETE CASCADE,
        seq integer NOT NULL CHECK (seq >= 0),
        data bytea NOT NULL,
        PRIMARY KEY (attachment_id, seq)
      )`);
    // The bytes are already compressed (PDF, JPEG, PNG, WebP, and zip for XLSX/DOCX): TOAST need not try again.
    await q.query(`ALTER TABLE attachment_chunks ALTER COLUMN data SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachment_chunks`);
    await q.query(`DROP TABLE attachments`);
  }
}
