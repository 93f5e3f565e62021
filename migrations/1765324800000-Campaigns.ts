import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 渠道 (MKT-5.4, KA-6.2) with their maintenance plans (渠道维护方案), 推广活动 (MKT-5.5, KA-5.3),
 * and the attribution of a prospect to a campaign and a channel when it is registered. A
 * campaign's evaluation is never stored: it is computed from these columns and the records they
 * lead to.
 */
export class Campaigns1765324800000 implements MigrationInterface {
  name = 'Campaigns1765324800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE channels (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        kind varchar(12) NOT NULL CHECK (kind IN ('agent','distributor','exhibition','online','referral','other')),
        region varchar(50),
        description varchar(2000),
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        department varchar(20) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'active' CHECK (status IN ('active','inactive')),
        deactivated_at timestamptz,
        created_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'inactive') = (deactivated_at IS NOT NULL))
      )`);
    // one name per department, whatever the letter case
    await q.query(`CREATE UNIQUE INDEX channels_name_uq ON channels (department, lower(name))`);
    await q.query(`CREATE INDEX channels_owner_idx ON channels (owner_id, created_at)`);
    await q.query(`CREATE INDEX channels_department_idx ON channels (department, status, created_at)`);
    await q.query(`CREATE INDEX channels_created_by_idx ON channels (created_by)`);

    await q.query(`
      CREATE TABLE channel_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE RESTRICT,
        title varchar(200) NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        actions varchar(4000) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','done','cancelled')),
        result varchar(2000),
        completed_at timestamptz,
        completed_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        cancelled_at timestamptz,
        cancel_reason varchar(2000),
        created_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period_to >= period_from),
        CHECK ((status = 'done') = (result IS NOT NULL AND completed_at IS NOT NULL)),
        CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX channel_plans_channel_idx ON channel_plans (channel_id, period_from, id)`);
    await q.query(`CREATE INDEX channel_plans_completed_by_idx ON channel_plans (completed_by) WHERE completed_by IS NOT NULL`);
    await q.query(`CREATE INDEX channel_plans_created_by_idx ON channel_plans (created_by)`);

    await q.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        channel_id uuid REFERENCES channels(id) ON DELETE RESTRICT,
        region varchar(50),
        target_audience varchar(500),
        target_prospects integer CHECK (target_prospects >= 0),
        start_date date NOT NULL,
        end_date date NOT NULL,
        budget numeric(14,2) NOT NULL CHECK (budget >= 0),
        actual_cost numeric(14,2) CHECK (actual_cost >= 0),
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        department varchar(20) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','running','finished','cancelled')),
        conclusion varchar(4000),
        started_at timestamptz,
        finished_at timestamptz,
        cancelled_at timestamptz,
        cancel_reason varchar(2000),
        created_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date >= start_date),
        CHECK ((status = 'finished') = (conclusion IS NOT NULL AND finished_at IS NOT NULL)),
        CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX campaigns_channel_idx ON campaigns (channel_id) WHERE channel_id IS NOT NULL`);
    await q.query(`CREATE INDEX campaigns_owner_idx ON campaigns (owner_id, start_date)`);
    await q.query(`CREATE INDEX campaigns_department_idx ON campaigns (department, status, start_date)`);
    await q.query(`CREATE INDEX campaigns_period_idx ON campaigns (start_date, end_date)`);
    await q.query(`CREATE INDEX campaigns_created_by_idx ON campaigns (created_by)`);

    // 登记来源: set once, at registration (POST /prospects)
    await q.query(`ALTER TABLE prospects ADD COLUMN campaign_id uuid REFERENCES campaigns(id) ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE prospects ADD COLUMN channel_id uuid REFERENCES channels(id) ON DELETE RESTRICT`);
    await q.query(`CREATE INDEX prospects_campaign_idx ON prospects (campaign_id) WHERE campaign_id IS NOT NULL`);
    await q.query(`CREATE INDEX prospects_channel_idx ON prospects (channel_id) WHERE channel_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE prospects DROP COLUMN channel_id`);
    await q.query(`ALTER TABLE prospects DROP COLUMN campaign_id`);
    await q.query(`DROP TABLE campaigns`);
    await q.query(`DROP TABLE channel_plans`);
    await q.query(`DROP TABLE channels`);
  }
}
