import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 计划与指标 (SPEC §11): targets per department, team and person for a year, quarter or month,
 * each part pointing at the whole it was split from, with every edit kept; and work plans (工作计划)
 * with their items.
 */
export class Targets1765065600000 implements MigrationInterface {
  name = 'Targets1765065600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE targets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        level varchar(12) NOT NULL CHECK (level IN ('department','team','person')),
        department varchar(20) NOT NULL,
        owner_id uuid REFERENCES users(id) ON DELETE RESTRICT,
        parent_id uuid REFERENCES targets(id) ON DELETE RESTRICT,
        period_type varchar(8) NOT NULL CHECK (period_type IN ('year','quarter','month')),
        period varchar(7) NOT NULL,
        period_from date NOT NULL,
        measure varchar(20) NOT NULL CHECK (measure IN ('contract_amount','payments','new_prospects','visits','new_key_accounts')),
        value numeric(14,2) NOT NULL CHECK (value > 0),
        over_parent boolean NOT NULL DEFAULT false,
        note varchar(500),
        created_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        updated_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((level = 'department') = (owner_id IS NULL)),
        CHECK ((level = 'department') = (parent_id IS NULL)),
        CHECK (measure IN ('contract_amount','payments') OR value = trunc(value))
      )`);
    // one target per subject, period and measure
    await q.query(`CREATE UNIQUE INDEX targets_department_unique ON targets (department, period_type, period, measure) WHERE level = 'department'`);
    await q.query(`CREATE UNIQUE INDEX targets_owner_unique ON targets (owner_id, level, period_type, period, measure) WHERE level <> 'department'`);
    // list filters: department or owner by period, a period across departments, a whole's parts
    await q.query(`CREATE INDEX targets_department_period_idx ON targets (department, period_from DESC, id)`);
    await q.query(`CREATE INDEX targets_period_idx ON targets (period_type, period, measure)`);
    await q.query(`CREATE INDEX targets_parent_idx ON targets (parent_id) WHERE parent_id IS NOT NULL`);
    await q.query(`CREATE INDEX targets_created_by_idx ON targets (created_by)`);
    await q.query(`CREATE INDEX targets_updated_by_idx ON targets (updated_by)`);

    // every version of a target as it was set (value, the over-the-whole flag, note), by whom
    await q.query(`
      CREATE TABLE target_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        target_id uuid NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
        version integer NOT NULL,
        value numeric(14,2) NOT NULL,
        over_parent boolean NOT NULL,
        note varchar(500),
        changed_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        changed_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (target_id, version)
      )`);
    await q.query(`CREATE INDEX target_versions_changed_by_idx ON target_versions (changed_by)`);

    await q.query(`
      CREATE TABLE work_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        department varchar(20) NOT NULL,
        author_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        period_type varchar(8) NOT NULL CHECK (period_type IN ('year','quarter','month')),
        period varchar(7) NOT NULL,
        period_from date NOT NULL,
        title varchar(200) NOT NULL,
        status varchar(8) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','active','closed')),
        items jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(items) = 'array'),
        updated_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX work_plans_owner_period_idx ON work_plans (owner_id, period_from DESC, id)`);
    await q.query(`CREATE INDEX work_plans_department_period_idx ON work_plans (department, period_from DESC, id)`);
    await q.query(`CREATE INDEX work_plans_author_idx ON work_plans (author_id)`);
    await q.query(`CREATE INDEX work_plans_updated_by_idx ON work_plans (updated_by)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE work_plans`);
    await q.query(`DROP TABLE target_versions`);
    await q.query(`DROP TABLE targets`);
  }
}
