import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Stored report digests (周报推送) and work reports (周报/月报) with their review. */
export class ReportsWorkReports1764633600000 implements MigrationInterface {
  name = 'ReportsWorkReports1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_digests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(30) NOT NULL,
        period_from date NOT NULL,
        recipient_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        content jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (kind, period_from, recipient_id)
      )`);
    await q.query(`CREATE INDEX report_digests_recipient_idx ON report_digests (recipient_id, period_from)`);

    await q.query(`
      CREATE TABLE work_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        department varchar(20) NOT NULL,
        period varchar(10) NOT NULL CHECK (period IN ('week','month')),
        period_from date NOT NULL,
        period_until date NOT NULL,
        summary varchar(4000) NOT NULL,
        plan varchar(4000),
        issues varchar(4000),
        activity jsonb NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','reviewed')),
        reviewer_id uuid REFERENCES users(id) ON DELETE RESTRICT,
        review_comment varchar(2000),
        reviewed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (owner_id, period, period_from),
        CHECK ((status = 'reviewed') = (reviewer_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX work_reports_department_idx ON work_reports (department, period_from)`);
    await q.query(`CREATE INDEX work_reports_reviewer_idx ON work_reports (reviewer_id) WHERE reviewer_id IS NOT NULL`);
    // Stale-prospect checks look for idle prospects by last activity.
    await q.query(`CREATE INDEX prospects_last_activity_idx ON prospects (last_activity_at) WHERE owner_id IS NOT NULL AND status IN ('new','contacting','qualified')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX prospects_last_activity_idx`);
    await q.query(`DROP TABLE work_reports`);
    await q.query(`DROP TABLE report_digests`);
  }
}
