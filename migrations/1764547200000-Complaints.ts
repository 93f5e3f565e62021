import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Complaints (投诉) with SLA, escalation and compensation (赔偿). */
export class Complaints1764547200000 implements MigrationInterface {
  name = 'Complaints1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE RESTRICT,
        channel varchar(10) NOT NULL CHECK (channel IN ('phone','email','visit','letter','other')),
        category varchar(10) NOT NULL CHECK (category IN ('product','service','delivery','billing','other')),
        severity varchar(10) NOT NULL CHECK (severity IN ('low','medium','high','critical')),
        description varchar(4000) NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','resolved','closed')),
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        department varchar(20) NOT NULL CHECK (department IN ('sales','key_account')),
        tier_code varchar(20) REFERENCES key_account_tiers(code) ON DELETE RESTRICT,
        response_hours smallint NOT NULL,
        due_at timestamptz NOT NULL,
        assignee_id uuid REFERENCES users(id) ON DELETE RESTRICT,
        escalated boolean NOT NULL DEFAULT false,
        escalated_at timestamptz,
        resolution varchar(4000),
        measures varchar(4000),
        resolved_at timestamptz,
        resolved_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        compensation_amount numeric(14,2) CHECK (compensation_amount > 0),
        compensation_status varchar(10) NOT NULL DEFAULT 'none' CHECK (compensation_status IN ('none','proposed','approved')),
        compensation_proposed_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        compensation_approved_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        compensation_approved_at timestamptz,
        closed_at timestamptz,
        satisfaction smallint CHECK (satisfaction BETWEEN 1 AND 5),
        reopen_count integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((compensation_status = 'none') = (compensation_amount IS NULL)),
        CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX complaints_customer_idx ON complaints (customer_id, created_at)`);
    await q.query(`CREATE INDEX complaints_owner_idx ON complaints (owner_id, created_at)`);
    await q.query(`CREATE INDEX complaints_department_idx ON complaints (department, status, created_at)`);
    await q.query(`CREATE INDEX complaints_open_due_idx ON complaints (due_at) WHERE status IN ('open','in_progress') AND NOT escalated`);
    for (const col of ['tier_code', 'assignee_id', 'resolved_by', 'compensation_proposed_by', 'compensation_approved_by']) {
      await q.query(`CREATE INDEX complaints_${col}_idx ON complaints (${col}) WHERE ${col} IS NOT NULL`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE complaints`);
  }
}
