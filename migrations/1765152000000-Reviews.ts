import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 绩效考核 (SAL-4.9, MKT-4.7, KA-4.8): a department's weighted scheme, drafted by its 经理 and in
 * force only once the 总经理 approves it (one approved scheme per department; the one it replaces is
 * kept as superseded), and the periodic reviews of subordinates made under it — one per person and
 * period, with the measured figures kept as they were found when the review was opened.
 */
export class Reviews1765152000000 implements MigrationInterface {
  name = 'Reviews1765152000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE review_schemes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        department varchar(20) NOT NULL CHECK (department IN ('market','sales','key_account')),
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        name varchar(100) NOT NULL,
        period_type varchar(10) NOT NULL CHECK (period_type IN ('month','quarter','year')),
        criteria jsonb NOT NULL CHECK (jsonb_typeof(criteria) = 'array'),
        status varchar(12) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','approved','rejected','superseded')),
        submitted_at timestamptz,
        decided_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        decided_at timestamptz,
        decision_comment varchar(1000),
        effective_from timestamptz,
        effective_until timestamptz,
        superseded_by uuid REFERENCES review_schemes(id) ON DELETE RESTRICT,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (decided_by IS NULL OR decided_by <> owner_id),
        CHECK ((status IN ('approved','superseded')) = (effective_from IS NOT NULL)),
        CHECK ((status = 'superseded') = (effective_until IS NOT NULL))
      )`);
    // the one scheme in force per department
    await q.query(`CREATE UNIQUE INDEX review_schemes_in_force_uq ON review_schemes (department) WHERE status = 'approved'`);
    await q.query(`CREATE INDEX review_schemes_department_idx ON review_schemes (department, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX review_schemes_status_idx ON review_schemes (status, submitted_at)`);

    await q.query(`
      CREATE TABLE reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scheme_id uuid NOT NULL REFERENCES review_schemes(id) ON DELETE RESTRICT,
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        department varchar(20) NOT NULL,
        reviewer_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        confirm_level varchar(10) NOT NULL CHECK (confirm_level IN ('manager','gm')),
        period_type varchar(10) NOT NULL CHECK (period_type IN ('month','quarter','year')),
        period varchar(10) NOT NULL,
        period_from date NOT NULL,
        period_until date NOT NULL,
        figures jsonb NOT NULL,
        figures_at timestamptz NOT NULL,
        items jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array'),
        total numeric(5,2) CHECK (total BETWEEN 0 AND 100),
        comment varchar(2000),
        status varchar(12) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','confirmed','returned')),
        submitted_at timestamptz,
        confirmed_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        confirmed_at timestamptz,
        confirm_comment varchar(1000),
        returned_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        returned_at timestamptz,
        return_comment varchar(1000),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (owner_id, period),
        CHECK (reviewer_id <> owner_id),
        CHECK (confirmed_by IS NULL OR (confirmed_by <> reviewer_id AND confirmed_by <> owner_id)),
        CHECK ((status = 'confirmed') = (confirmed_by IS NOT NULL)),
        CHECK (status IN ('draft','returned') OR total IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX reviews_department_period_idx ON reviews (department, period_from DESC, id DESC)`);
    await q.query(`CREATE INDEX reviews_reviewer_idx ON reviews (reviewer_id, period_from DESC)`);
    await q.query(`CREATE INDEX reviews_status_idx ON reviews (status, submitted_at)`);
    await q.query(`CREATE INDEX reviews_period_idx ON reviews (period)`);
    await q.query(`CREATE INDEX reviews_scheme_idx ON reviews (scheme_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reviews`);
    await q.query(`DROP TABLE review_schemes`);
  }
}
