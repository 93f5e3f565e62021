import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 市场信息库 (market information, with the stale flag of MKT-5.6) and 市场调查报告 (research
 * reports, with their linked entries and their history).
 */
export class MarketInfo1765238400000 implements MigrationInterface {
  name = 'MarketInfo1765238400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE market_info (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        category varchar(20) NOT NULL
          CHECK (category IN ('competitor','price','lead_source','channel','policy','product_flow','terminal_sales','customer_opinion')),
        title varchar(200) NOT NULL,
        body varchar(8000) NOT NULL,
        region varchar(50),
        industry varchar(50),
        source varchar(200),
        customer_id uuid REFERENCES customers(id) ON DELETE RESTRICT,
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        department varchar(20) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'active' CHECK (status IN ('active','archived')),
        stale_since timestamptz,
        reviewed_at timestamptz,
        reviewed_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        archived_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'archived') = (archived_at IS NOT NULL))
      )`);
    // the scope (department, owner), the list's filters and the stale check
    await q.query(`CREATE INDEX market_info_department_idx ON market_info (department, status, updated_at)`);
    await q.query(`CREATE INDEX market_info_owner_idx ON market_info (owner_id, updated_at)`);
    await q.query(`CREATE INDEX market_info_category_idx ON market_info (category, updated_at)`);
    await q.query(`CREATE INDEX market_info_customer_idx ON market_info (customer_id) WHERE customer_id IS NOT NULL`);
    await q.query(`CREATE INDEX market_info_reviewed_by_idx ON market_info (reviewed_by) WHERE reviewed_by IS NOT NULL`);
    await q.query(`CREATE INDEX market_info_active_touched_idx ON market_info (updated_at) WHERE status = 'active' AND stale_since IS NULL`);
    await q.query(`CREATE INDEX market_info_stale_idx ON market_info (department, stale_since) WHERE stale_since IS NOT NULL`);
    // substring search (Chinese included) over title, body and source: ILIKE served by a trigram index
    // on the very expression the query matches
    await q.query(`CREATE INDEX market_info_search_trgm ON market_info USING gin ((title || ' ' || body || ' ' || coalesce(source, '')) gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE research_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(200) NOT NULL,
        topic varchar(200) NOT NULL,
        region varchar(50),
        body varchar(20000),
        conclusions varchar(8000),
        status varchar(10) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','accepted','returned')),
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        department varchar(20) NOT NULL,
        submission_round integer NOT NULL DEFAULT 0,
        submitted_at timestamptz,
        decided_at timestamptz,
        decided_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        decision_comment varchar(2000),
        return_count integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX research_reports_department_idx ON research_reports (department, status, updated_at)`);
    await q.query(`CREATE INDEX research_reports_owner_idx ON research_reports (owner_id, updated_at)`);
    await q.query(`CREATE INDEX research_reports_decided_by_idx ON research_reports (decided_by) WHERE decided_by IS NOT NULL`);
    await q.query(`CREATE INDEX research_reports_search_trgm ON research_reports USING gin ((title || ' ' || topic || ' ' || coalesce(body, '')) gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE research_report_entries (
        report_id uuid NOT NULL REFERENCES research_reports(id) ON DELETE CASCADE,
        entry_id uuid NOT NULL REFERENCES market_info(id) ON DELETE RESTRICT,
        seq smallint NOT NULL,
        PRIMARY KEY (report_id, entry_id)
      )`);
    await q.query(`CREATE INDEX research_report_entries_entry_idx ON research_report_entries (entry_id)`);

    await q.query(`
      CREATE TABLE research_report_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        report_id uuid NOT NULL REFERENCES research_reports(id) ON DELETE RESTRICT,
        action varchar(10) NOT NULL CHECK (action IN ('create','edit','submit','accept','return')),
        from_status varchar(10),
        to_status varchar(10) NOT NULL,
        actor_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        comment varchar(2000),
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX research_report_events_report_idx ON research_report_events (report_id, id)`);
    await q.query(`CREATE INDEX research_report_events_actor_idx ON research_report_events (actor_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE research_report_events`);
    await q.query(`DROP TABLE research_report_entries`);
    await q.query(`DROP TABLE research_reports`);
    await q.query(`DROP TABLE market_info`);
  }
}
