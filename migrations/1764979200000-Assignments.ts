import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 交办事项 (assigned work) and 协作请求 (cross-department requests), with their history. */
export class Assignments1764979200000 implements MigrationInterface {
  name = 'Assignments1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(12) NOT NULL CHECK (kind IN ('assignment','request')),
        title varchar(200) NOT NULL,
        description varchar(4000),
        priority varchar(10) NOT NULL DEFAULT 'normal' CHECK (priority IN ('low','normal','high','urgent')),
        priority_rank smallint GENERATED ALWAYS AS (CASE priority WHEN 'low' THEN 1 WHEN 'normal' THEN 2 WHEN 'high' THEN 3 ELSE 4 END) STORED,
        due_at timestamptz NOT NULL,
        due_date date NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned','in_progress','done','confirmed','cancelled')),
        assigner_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        assignee_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        department varchar(20) NOT NULL,
        to_department varchar(20) CHECK (to_department IN ('market','sales','key_account')),
        delegated_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        entity varchar(12) CHECK (entity IN ('customer','prospect','contract','complaint','visit')),
        entity_id uuid,
        started_at timestamptz,
        completed_at timestamptz,
        confirmed_at timestamptz,
        cancelled_at timestamptz,
        return_count integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((entity IS NULL) = (entity_id IS NULL)),
        CHECK ((kind = 'request') = (to_department IS NOT NULL)),
        CHECK (assignee_id <> assigner_id)
      )`);
    // the list's filters: mine (assignee / assigner), the scope's department, kind; due dates for overdue and the job
    await q.query(`CREATE INDEX assignments_assignee_idx ON assignments (assignee_id, status, due_at)`);
    await q.query(`CREATE INDEX assignments_assigner_idx ON assignments (assigner_id, status, due_at)`);
    await q.query(`CREATE INDEX assignments_department_idx ON assignments (department, status, due_at)`);
    await q.query(`CREATE INDEX assignments_kind_idx ON assignments (kind, created_at)`);
    await q.query(`CREATE INDEX assignments_open_due_idx ON assignments (due_date, due_at) WHERE status IN ('assigned','in_progress')`);
    await q.query(`CREATE INDEX assignments_created_idx ON assignments (created_at)`);
    await q.query(`CREATE INDEX assignments_entity_idx ON assignments (entity, entity_id) WHERE entity_id IS NOT NULL`);
    await q.query(`CREATE INDEX assignments_delegated_by_idx ON assignments (delegated_by) WHERE delegated_by IS NOT NULL`);

    await q.query(`
      CREATE TABLE assignment_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        assignment_id uuid NOT NULL REFERENCES assignments(id) ON DELETE RESTRICT,
        action varchar(12) NOT NULL CHECK (action IN ('create','request','start','complete','return','confirm','cancel','delegate','edit')),
        from_status varchar(12),
        to_status varchar(12) NOT NULL,
        actor_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        assignee_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        comment varchar(2000),
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX assignment_events_assignment_idx ON assignment_events (assignment_id, id)`);
    await q.query(`CREATE INDEX assignment_events_actor_idx ON assignment_events (actor_id)`);
    await q.query(`CREATE INDEX assignment_events_assignee_idx ON assignment_events (assignee_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE assignment_events`);
    await q.query(`DROP TABLE assignments`);
  }
}
