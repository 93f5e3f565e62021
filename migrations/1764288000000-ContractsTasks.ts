import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Contracts with payment plans, approval steps, gap-free numbering, receivables from signing, and tasks (待办). */
export class ContractsTasks1764288000000 implements MigrationInterface {
  name = 'ContractsTasks1764288000000';

  async up(q: QueryRunner): Promise<void> {
    // One row per year; the row lock taken by the increment serialises concurrent creators, and a
    // rolled-back creation rolls the increment back too: numbers are gap-free.
    await q.query(`
      CREATE TABLE contract_number_counters (
        year integer PRIMARY KEY,
        last_no integer NOT NULL
      )`);

    await q.query(`
      CREATE TABLE contracts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number varchar(20) NOT NULL UNIQUE,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE RESTRICT,
        title varchar(200) NOT NULL,
        amount numeric(14,2) NOT NULL CHECK (amount > 0),
        start_date date NOT NULL,
        end_date date NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'draft' CHECK (status IN
          ('draft','pending_approval','pending_gm','approved','rejected','signed','completed','terminated')),
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        department varchar(20) NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        submission_round integer NOT NULL DEFAULT 0,
        submitted_at timestamptz,
        approved_at timestamptz,
        signed_at timestamptz,
        completed_at timestamptz,
        terminated_at timestamptz,
        termination_reason varchar(1000),
        archive_no varchar(20) UNIQUE,
        archive_location varchar(200),
        archived_at timestamptz,
        archived_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date >= start_date),
        CHECK ((archive_no IS NULL) = (archived_at IS NULL))
      )`);
    await q.query(`CREATE INDEX contracts_customer_idx ON contracts (customer_id)`);
    await q.query(`CREATE INDEX contracts_owner_idx ON contracts (owner_id, created_at)`);
    await q.query(`CREATE INDEX contracts_department_idx ON contracts (department, status, created_at)`);
    await q.query(`CREATE INDEX contracts_created_by_idx ON contracts (created_by)`);
    await q.query(`CREATE INDEX contracts_archived_by_idx ON contracts (archived_by) WHERE archived_by IS NOT NULL`);
    await q.query(`CREATE INDEX contracts_signed_at_idx ON contracts (signed_at) WHERE signed_at IS NOT NULL`);
    await q.query(`CREATE INDEX contracts_archived_idx ON contracts (archived_at) WHERE archived_at IS NOT NULL`);

    await q.query(`
      CREATE TABLE contract_plan_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        seq smallint NOT NULL,
        due_date date NOT NULL,
        amount numeric(14,2) NOT NULL CHECK (amount > 0),
        UNIQUE (contract_id, seq)
      )`);

    await q.query(`
      CREATE TABLE contract_approvals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE RESTRICT,
        round integer NOT NULL,
        level varchar(10) NOT NULL CHECK (level IN ('manager','gm')),
        approver_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        decision varchar(10) NOT NULL CHECK (decision IN ('approve','reject')),
        comment varchar(1000),
        decided_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (contract_id, round, level)
      )`);
    await q.query(`CREATE INDEX contract_approvals_approver_idx ON contract_approvals (approver_id)`);

    await q.query(`
      CREATE TABLE receivables (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE RESTRICT,
        plan_line_id uuid NOT NULL UNIQUE REFERENCES contract_plan_lines(id) ON DELETE RESTRICT,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE RESTRICT,
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        department varchar(20) NOT NULL,
        seq smallint NOT NULL,
        due_date date NOT NULL,
        amount_due numeric(14,2) NOT NULL CHECK (amount_due > 0),
        amount_paid numeric(14,2) NOT NULL DEFAULT 0 CHECK (amount_paid >= 0 AND amount_paid <= amount_due),
        status varchar(20) NOT NULL DEFAULT 'open' CHECK (status IN ('open','partially_paid','paid','overdue')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX receivables_contract_idx ON receivables (contract_id, due_date, seq)`);
    await q.query(`CREATE INDEX receivables_customer_idx ON receivables (customer_id)`);
    await q.query(`CREATE INDEX receivables_owner_idx ON receivables (owner_id, due_date)`);
    await q.query(`CREATE INDEX receivables_department_idx ON receivables (department, due_date)`);
    await q.query(`CREATE INDEX receivables_status_due_idx ON receivables (status, due_date)`);

    await q.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assignee_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        kind varchar(40) NOT NULL,
        title varchar(300) NOT NULL,
        entity varchar(40),
        entity_id uuid,
        cause_key varchar(200) NOT NULL UNIQUE,
        due_at timestamptz,
        status varchar(10) NOT NULL DEFAULT 'open' CHECK (status IN ('open','done')),
        done_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX tasks_assignee_idx ON tasks (assignee_id, status, created_at)`);
    await q.query(`CREATE INDEX tasks_entity_idx ON tasks (entity, entity_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tasks`);
    await q.query(`DROP TABLE receivables`);
    await q.query(`DROP TABLE contract_approvals`);
    await q.query(`DROP TABLE contract_plan_lines`);
    await q.query(`DROP TABLE contracts`);
    await q.query(`DROP TABLE contract_number_counters`);
  }
}
