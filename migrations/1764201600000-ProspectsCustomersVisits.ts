import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Prospects (潜在客户登记备案), their evaluations (评估、验资), customers (客户档案) and visits (客户拜访记录). */
export class ProspectsCustomersVisits1764201600000 implements MigrationInterface {
  name = 'ProspectsCustomersVisits1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        name_key varchar(200) NOT NULL,
        uscc char(18),
        contact_name varchar(50) NOT NULL,
        contact_phone varchar(30) NOT NULL,
        phone_key varchar(20) NOT NULL,
        address varchar(300),
        region varchar(50),
        industry varchar(50),
        is_key_account boolean NOT NULL DEFAULT false,
        tier_code varchar(20),
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        department varchar(20) NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX customers_uscc_uq ON customers (uscc) WHERE uscc IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX customers_name_key_uq ON customers (name_key)`);
    await q.query(`CREATE INDEX customers_phone_key_idx ON customers (phone_key)`);
    await q.query(`CREATE INDEX customers_owner_idx ON customers (owner_id)`);
    await q.query(`CREATE INDEX customers_department_idx ON customers (department, created_at)`);
    await q.query(`CREATE INDEX customers_created_by_idx ON customers (created_by)`);
    await q.query(`CREATE INDEX customers_key_account_idx ON customers (is_key_account, tier_code)`);
    await q.query(`CREATE INDEX customers_name_trgm ON customers USING gin (name gin_trgm_ops)`);
    await q.query(`CREATE INDEX customers_contact_trgm ON customers USING gin (contact_name gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE prospects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_name varchar(200) NOT NULL,
        name_key varchar(200) NOT NULL,
        uscc char(18),
        contact_name varchar(50) NOT NULL,
        contact_phone varchar(30) NOT NULL,
        phone_key varchar(20) NOT NULL,
        region varchar(50),
        industry varchar(50),
        source varchar(50),
        notes varchar(2000),
        status varchar(20) NOT NULL DEFAULT 'new'
          CHECK (status IN ('new','contacting','qualified','converted','disqualified')),
        owner_id uuid REFERENCES users(id) ON DELETE RESTRICT,
        department varchar(20) NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        registered_capital numeric(14,2),
        capital_verified boolean NOT NULL DEFAULT false,
        customer_id uuid REFERENCES customers(id) ON DELETE RESTRICT,
        released_at timestamptz,
        released_from uuid REFERENCES users(id) ON DELETE RESTRICT,
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'converted') = (customer_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX prospects_uscc_uq ON prospects (uscc) WHERE uscc IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX prospects_name_key_uq ON prospects (name_key)`);
    await q.query(`CREATE INDEX prospects_phone_key_idx ON prospects (phone_key)`);
    await q.query(`CREATE INDEX prospects_owner_idx ON prospects (owner_id, created_at)`);
    await q.query(`CREATE INDEX prospects_department_idx ON prospects (department, status, created_at)`);
    await q.query(`CREATE INDEX prospects_created_by_idx ON prospects (created_by)`);
    await q.query(`CREATE UNIQUE INDEX prospects_customer_uq ON prospects (customer_id) WHERE customer_id IS NOT NULL`);
    await q.query(`CREATE INDEX prospects_released_from_idx ON prospects (released_from) WHERE released_from IS NOT NULL`);
    await q.query(`CREATE INDEX prospects_pool_idx ON prospects (department, released_at) WHERE owner_id IS NULL`);
    await q.query(`CREATE INDEX prospects_company_trgm ON prospects USING gin (company_name gin_trgm_ops)`);
    await q.query(`CREATE INDEX prospects_contact_trgm ON prospects USING gin (contact_name gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE prospect_evaluations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        prospect_id uuid NOT NULL REFERENCES prospects(id) ON DELETE RESTRICT,
        evaluator_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        registered_capital numeric(14,2),
        capital_verified boolean NOT NULL,
        score smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
        conclusion varchar(10) NOT NULL CHECK (conclusion IN ('pass','fail','pending')),
        notes varchar(2000) NOT NULL,
        status_before varchar(20) NOT NULL,
        status_after varchar(20) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX prospect_evaluations_prospect_idx ON prospect_evaluations (prospect_id, created_at)`);
    await q.query(`CREATE INDEX prospect_evaluations_evaluator_idx ON prospect_evaluations (evaluator_id)`);

    await q.query(`
      CREATE TABLE visits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid REFERENCES customers(id) ON DELETE RESTRICT,
        prospect_id uuid REFERENCES prospects(id) ON DELETE RESTRICT,
        visitor_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        department varchar(20) NOT NULL,
        visited_at timestamptz NOT NULL,
        method varchar(20) NOT NULL CHECK (method IN ('phone','in_person','video','other')),
        purpose varchar(200) NOT NULL,
        summary varchar(4000) NOT NULL,
        issues varchar(2000),
        suggestions varchar(2000),
        next_step varchar(500),
        next_visit_at timestamptz,
        location_lat numeric(9,6),
        location_lng numeric(9,6),
        location_address varchar(300),
        reviewed_at timestamptz,
        reviewer_id uuid REFERENCES users(id) ON DELETE RESTRICT,
        review_comment varchar(2000),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((customer_id IS NULL) <> (prospect_id IS NULL)),
        CHECK ((reviewed_at IS NULL) = (reviewer_id IS NULL))
      )`);
    await q.query(`CREATE INDEX visits_visitor_idx ON visits (visitor_id, visited_at)`);
    await q.query(`CREATE INDEX visits_department_idx ON visits (department, visited_at)`);
    await q.query(`CREATE INDEX visits_customer_idx ON visits (customer_id, visited_at) WHERE customer_id IS NOT NULL`);
    await q.query(`CREATE INDEX visits_prospect_idx ON visits (prospect_id, visited_at) WHERE prospect_id IS NOT NULL`);
    await q.query(`CREATE INDEX visits_reviewer_idx ON visits (reviewer_id) WHERE reviewer_id IS NOT NULL`);
    await q.query(`CREATE INDEX visits_visited_at_idx ON visits (visited_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE visits`);
    await q.query(`DROP TABLE prospect_evaluations`);
    await q.query(`DROP TABLE prospects`);
    await q.query(`DROP TABLE customers`);
  }
}
