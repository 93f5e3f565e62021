import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Key-account tiers (大客户等级), tier assessments and the per-customer tier history. */
export class KeyAccounts1764460800000 implements MigrationInterface {
  name = 'KeyAccounts1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE key_account_tiers (
        code varchar(20) PRIMARY KEY CHECK (code ~ '^[A-Z0-9_-]{1,20}$'),
        name varchar(50) NOT NULL,
        rank smallint NOT NULL UNIQUE CHECK (rank BETWEEN 1 AND 99),
        min_annual_amount numeric(14,2) NOT NULL CHECK (min_annual_amount >= 0),
        visit_interval_days smallint NOT NULL CHECK (visit_interval_days BETWEEN 1 AND 366),
        complaint_response_hours smallint NOT NULL CHECK (complaint_response_hours BETWEEN 1 AND 720),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX key_account_tiers_min_amount_uq ON key_account_tiers (min_annual_amount)`);
    await q.query(`ALTER TABLE customers ADD CONSTRAINT customers_tier_fk FOREIGN KEY (tier_code) REFERENCES key_account_tiers(code) ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE customers ADD COLUMN key_account_since timestamptz`);
    await q.query(`CREATE INDEX customers_tier_code_idx ON customers (tier_code) WHERE tier_code IS NOT NULL`);

    await q.query(`
      CREATE TABLE tier_assessments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE RESTRICT,
        current_tier_code varchar(20) REFERENCES key_account_tiers(code) ON DELETE RESTRICT,
        proposed_tier_code varchar(20) REFERENCES key_account_tiers(code) ON DELETE RESTRICT,
        reason varchar(1000) NOT NULL,
        source varchar(10) NOT NULL CHECK (source IN ('manual','system')),
        trailing_amount numeric(14,2),
        proposed_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        owner_id uuid REFERENCES users(id) ON DELETE RESTRICT,
        department varchar(20) NOT NULL DEFAULT 'key_account',
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected')),
        decided_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        decided_at timestamptz,
        decision_comment varchar(1000),
        assignee_id uuid REFERENCES users(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((source = 'manual') = (proposed_by IS NOT NULL)),
        CHECK ((status = 'pending') = (decided_by IS NULL))
      )`);
    // One open question per customer at a time.
    await q.query(`CREATE UNIQUE INDEX tier_assessments_one_pending_uq ON tier_assessments (customer_id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX tier_assessments_customer_idx ON tier_assessments (customer_id, created_at)`);
    await q.query(`CREATE INDEX tier_assessments_status_idx ON tier_assessments (department, status, created_at)`);
    await q.query(`CREATE INDEX tier_assessments_proposed_by_idx ON tier_assessments (proposed_by) WHERE proposed_by IS NOT NULL`);
    await q.query(`CREATE INDEX tier_assessments_owner_idx ON tier_assessments (owner_id) WHERE owner_id IS NOT NULL`);
    await q.query(`CREATE INDEX tier_assessments_decided_by_idx ON tier_assessments (decided_by) WHERE decided_by IS NOT NULL`);
    await q.query(`CREATE INDEX tier_assessments_assignee_idx ON tier_assessments (assignee_id) WHERE assignee_id IS NOT NULL`);
    await q.query(`CREATE INDEX tier_assessments_current_tier_idx ON tier_assessments (current_tier_code) WHERE current_tier_code IS NOT NULL`);
    await q.query(`CREATE INDEX tier_assessments_proposed_tier_idx ON tier_assessments (proposed_tier_code) WHERE proposed_tier_code IS NOT NULL`);

    await q.query(`
      CREATE TABLE customer_tier_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE RESTRICT,
        assessment_id uuid NOT NULL REFERENCES tier_assessments(id) ON DELETE RESTRICT,
        from_tier_code varchar(20) REFERENCES key_account_tiers(code) ON DELETE RESTRICT,
        to_tier_code varchar(20) REFERENCES key_account_tiers(code) ON DELETE RESTRICT,
        from_owner_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        to_owner_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        from_department varchar(20) NOT NULL,
        to_department varchar(20) NOT NULL,
        changed_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX customer_tier_history_customer_idx ON customer_tier_history (customer_id, changed_at)`);
    await q.query(`CREATE INDEX customer_tier_history_assessment_idx ON customer_tier_history (assessment_id)`);
    for (const col of ['from_tier_code', 'to_tier_code', 'from_owner_id', 'to_owner_id', 'changed_by']) {
      await q.query(`CREATE INDEX customer_tier_history_${col}_idx ON customer_tier_history (${col})`);
    }
    await q.query(`CREATE TRIGGER customer_tier_history_append_only BEFORE UPDATE OR DELETE ON customer_tier_history FOR EACH ROW EXECUTE FUNCTION forbid_append_only_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE customer_tier_history`);
    await q.query(`DROP TABLE tier_assessments`);
    await q.query(`ALTER TABLE customers DROP CONSTRAINT customers_tier_fk`);
    await q.query(`ALTER TABLE customers DROP COLUMN key_account_since`);
    await q.query(`DROP TABLE key_account_tiers`);
  }
}
