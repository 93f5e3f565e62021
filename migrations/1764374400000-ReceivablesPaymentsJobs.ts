import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Payments and their allocation, the append-only sales ledger (销售台账), collections (催收), idempotency keys and job runs. */
export class ReceivablesPaymentsJobs1764374400000 implements MigrationInterface {
  name = 'ReceivablesPaymentsJobs1764374400000';

  async up(q: QueryRunner): Promise<void> {
    // A payment received (amount > 0), or the reversal of one (amount < 0, pointing at it).
    await q.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE RESTRICT,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE RESTRICT,
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        department varchar(20) NOT NULL,
        amount numeric(14,2) NOT NULL CHECK (amount <> 0),
        received_at timestamptz NOT NULL,
        method varchar(20) NOT NULL CHECK (method IN ('bank_transfer','cash','cheque','other')),
        reference varchar(100),
        reverses_payment_id uuid UNIQUE REFERENCES payments(id) ON DELETE RESTRICT,
        reason varchar(500),
        recorded_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((amount < 0) = (reverses_payment_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX payments_contract_idx ON payments (contract_id, received_at)`);
    await q.query(`CREATE INDEX payments_customer_idx ON payments (customer_id)`);
    await q.query(`CREATE INDEX payments_owner_idx ON payments (owner_id)`);
    await q.query(`CREATE INDEX payments_department_idx ON payments (department, received_at)`);
    await q.query(`CREATE INDEX payments_recorded_by_idx ON payments (recorded_by)`);
    await q.query(`CREATE INDEX payments_received_at_idx ON payments (received_at)`);
    await q.query(`CREATE TRIGGER payments_append_only BEFORE UPDATE OR DELETE ON payments FOR EACH ROW EXECUTE FUNCTION forbid_append_only_change()`);

    // How a payment (or reversal) was spread over the contract's receivables; dated for "as of" reports.
    await q.query(`
      CREATE TABLE payment_allocations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL REFERENCES payments(id) ON DELETE RESTRICT,
        receivable_id uuid NOT NULL REFERENCES receivables(id) ON DELETE RESTRICT,
        amount numeric(14,2) NOT NULL CHECK (amount <> 0),
        effective_date date NOT NULL
      )`);
    await q.query(`CREATE INDEX payment_allocations_payment_idx ON payment_allocations (payment_id)`);
    await q.query(`CREATE INDEX payment_allocations_receivable_idx ON payment_allocations (receivable_id, effective_date)`);
    await q.query(`CREATE TRIGGER payment_allocations_append_only BEFORE UPDATE OR DELETE ON payment_allocations FOR EACH ROW EXECUTE FUNCTION forbid_append_only_change()`);

    // 销售台账: debit = what the customer came to owe (a signed contract), credit = money received
    // (a reversal is a negative credit). Balance = Σ(debit − credit). Never updated or deleted.
    await q.query(`
      CREATE TABLE ledger_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE RESTRICT,
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE RESTRICT,
        payment_id uuid REFERENCES payments(id) ON DELETE RESTRICT,
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        department varchar(20) NOT NULL,
        kind varchar(20) NOT NULL CHECK (kind IN ('sale','payment','reversal')),
        debit numeric(14,2) NOT NULL DEFAULT 0,
        credit numeric(14,2) NOT NULL DEFAULT 0,
        description varchar(300) NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'sale' AND debit > 0 AND credit = 0) OR (kind = 'payment' AND debit = 0 AND credit > 0) OR (kind = 'reversal' AND debit = 0 AND credit < 0))
      )`);
    await q.query(`CREATE INDEX ledger_customer_idx ON ledger_entries (customer_id, seq)`);
    await q.query(`CREATE INDEX ledger_contract_idx ON ledger_entries (contract_id, seq)`);
    await q.query(`CREATE INDEX ledger_payment_idx ON ledger_entries (payment_id) WHERE payment_id IS NOT NULL`);
    await q.query(`CREATE INDEX ledger_owner_idx ON ledger_entries (owner_id, seq)`);
    await q.query(`CREATE INDEX ledger_department_idx ON ledger_entries (department, seq)`);
    await q.query(`CREATE INDEX ledger_recorded_by_idx ON ledger_entries (recorded_by)`);
    await q.query(`CREATE INDEX ledger_occurred_at_idx ON ledger_entries (occurred_at)`);
    await q.query(`CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION forbid_append_only_change()`);
    await q.query(`CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION forbid_append_only_change()`);

    // 催收记录
    await q.query(`
      CREATE TABLE collections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        receivable_id uuid NOT NULL REFERENCES receivables(id) ON DELETE RESTRICT,
        collector_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        contacted_at timestamptz NOT NULL,
        method varchar(20) NOT NULL CHECK (method IN ('phone','visit','email','letter','other')),
        result varchar(20) NOT NULL CHECK (result IN ('promised','partial','refused','unreachable','disputed','other')),
        promised_date date,
        note varchar(2000) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX collections_receivable_idx ON collections (receivable_id, contacted_at)`);
    await q.query(`CREATE INDEX collections_collector_idx ON collections (collector_id)`);

    // Idempotency-Key: the first response to (caller, key) is kept and replayed.
    await q.query(`
      CREATE TABLE idempotency_keys (
        actor_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        key varchar(200) NOT NULL,
        route varchar(100) NOT NULL,
        request_hash char(64) NOT NULL,
        status_code smallint,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (actor_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);

    await q.query(`
      CREATE TABLE job_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        job varchar(60) NOT NULL,
        slot varchar(40) NOT NULL,
        as_of date NOT NULL,
        status varchar(12) NOT NULL CHECK (status IN ('running','succeeded','failed')),
        trigger varchar(12) NOT NULL CHECK (trigger IN ('schedule','manual')),
        triggered_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        summary jsonb,
        error varchar(2000),
        started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at timestamptz,
        UNIQUE (job, slot)
      )`);
    await q.query(`CREATE INDEX job_runs_job_started_idx ON job_runs (job, started_at)`);
    await q.query(`CREATE INDEX job_runs_triggered_by_idx ON job_runs (triggered_by) WHERE triggered_by IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['job_runs', 'idempotency_keys', 'collections', 'ledger_entries', 'payment_allocations', 'payments']) await q.query(`DROP TABLE ${t}`);
  }
}
