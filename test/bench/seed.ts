import * as argon2 from 'argon2';
import { Client } from 'pg';

/**
 * The benchmark data set, in bulk SQL: an organisation of ~140 users, 100,000 prospects, 26,000
 * customers with one signed contract each (78,000 plan lines and receivables), about 184,000
 * payments (none in the future) with their allocations, over 200,000 ledger entries, 50,000 visits and 2,000 complaints — owners and
 * departments spread the way the real organisation is.
 */
export const BENCH_PASSWORD = 'Bench-Password-2026';

export const SIZES = {
  marketSupervisors: 5,
  marketSpecialists: 50,
  salesSupervisors: 5,
  salesReps: 50,
  kaSpecialists: 10,
  prospects: 100_000,
  customers: 26_000,
  visits: 50_000,
  complaints: 2_000,
};

export async function seedBench(url: string, log: (s: string) => void): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const hash = await argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t0 = Date.now();
    const r = await c.query(sql, params);
    log(`  ${label}: ${r.rowCount ?? 0} 行，${Date.now() - t0} ms`);
  };
  try {
    await c.query('BEGIN');
    await step(
      'users',
      `WITH spec(username, display_name, role, department, supervisor) AS (VALUES
         ('bench.gm', '总经理', 'gm', 'management', NULL),
         ('bench.mm', '市场经理', 'market.manager', 'market', NULL),
         ('bench.sm', '销售经理', 'sales.manager', 'sales', NULL),
         ('bench.km', '大客户经理', 'key_account.manager', 'key_account', NULL),
         ('bench.clerk', '销售内勤', 'sales.clerk', 'sales', 'bench.sm'))
       INSERT INTO users (username, display_name, role, department, password_hash, supervisor_id)
       SELECT s.username, s.display_name, s.role, s.department, $1, NULL FROM spec s`,
      [hash],
    );
    await step(
      'supervisors',
      `INSERT INTO users (username, display_name, role, department, password_hash, supervisor_id)
       SELECT 'bench.msup' || i, '市场主管' || i, 'market.supervisor', 'market', $1, (SELECT id FROM users WHERE username = 'bench.mm') FROM generate_series(1, $2::int) i
       UNION ALL
       SELECT 'bench.ssup' || i, '销售主管' || i, 'sales.supervisor', 'sales', $1, (SELECT id FROM users WHERE username = 'bench.sm') FROM generate_series(1, $3::int) i`,
      [hash, SIZES.marketSupervisors, SIZES.salesSupervisors],
    );
    await step(
      'specialists and reps',
      `INSERT INTO users (username, display_name, role, department, password_hash, supervisor_id)
       SELECT 'bench.mspec' || i, '市场专员' || i, 'market.specialist', 'market', $1,
              (SELECT id FROM users WHERE username = 'bench.msup' || (1 + i % $2::int)) FROM generate_series(1, $3::int) i
       UNION ALL
       SELECT 'bench.rep' || i, '业务员' || i, 'sales.rep', 'sales', $1,
              (SELECT id FROM users WHERE username = 'bench.ssup' || (1 + i % $4::int)) FROM generate_series(1, $5::int) i
       UNION ALL
       SELECT 'bench.kspec' || i, '大客户专员' || i, 'key_account.specialist', 'key_account', $1,
              (SELECT id FROM users WHERE username = 'bench.km') FROM generate_series(1, $6::int) i`,
      [hash, SIZES.marketSupervisors, SIZES.marketSpecialists, SIZES.salesSupervisors, SIZES.salesReps, SIZES.kaSpecialists],
    );
    // numbered owners, so the data can pick "the k-th rep" in SQL
    await c.query(`CREATE TEMP TABLE owners AS
      SELECT id, role, department, row_number() OVER (PARTITION BY role ORDER BY username) - 1 AS k FROM users`);
    await step(
      'prospects',
      `INSERT INTO prospects (company_name, name_key, uscc, contact_name, contact_phone, phone_key, region, industry, source, status, owner_id, department, created_by, last_activity_at, created_at, updated_at)
       SELECT (ARRAY['深圳','广州','杭州','苏州','南京','成都','武汉','西安'])[1 + i % 8] || (ARRAY['华','宏','泰','瑞','恒','德','鑫','达'])[1 + (i / 8) % 8]
                || (ARRAY['精密','电子','新材','医疗','食品','物流','纺织','汽配'])[1 + (i / 64) % 8] || '科技' || i || '号有限公司',
              'bench-p-' || i, NULL, '联系人' || i, '13' || lpad(i::text, 9, '0'), '13' || lpad(i::text, 9, '0'),
              (ARRAY['华南','华东','华北','西南','华中','西北'])[1 + i % 6], (ARRAY['制造业','零售','医疗','物流'])[1 + i % 4], '展会',
              (ARRAY['new','contacting','contacting','qualified','disqualified'])[1 + i % 5],
              o.id, o.department, o.id, now() - (i % 365) * interval '1 day', now() - (i % 365) * interval '1 day', now() - (i % 365) * interval '1 day'
       FROM generate_series(1, $1::int) i
       JOIN owners o ON (i % 5 < 4 AND o.role = 'market.specialist' AND o.k = i % $2::int) OR (i % 5 = 4 AND o.role = 'key_account.specialist' AND o.k = i % $3::int)`,
      [SIZES.prospects, SIZES.marketSpecialists, SIZES.kaSpecialists],
    );
    await step(
      'customers',
      `INSERT INTO customers (name, name_key, contact_name, contact_phone, phone_key, region, industry, owner_id, department, created_by, created_at)
       SELECT '客户' || (ARRAY['深圳','广州','杭州','苏州'])[1 + i % 4] || i || '号有限公司', 'bench-c-' || i, '联系人' || i,
              '15' || lpad(i::text, 9, '0'), '15' || lpad(i::text, 9, '0'), (ARRAY['华南','华东','华北'])[1 + i % 3], '制造业', o.id, 'sales', o.id, now() - interval '400 days'
       FROM generate_series(1, $1::int) i JOIN owners o ON o.role = 'sales.rep' AND o.k = i % $2::int`,
      [SIZES.customers, SIZES.salesReps],
    );
    await c.query(`CREATE TEMP TABLE cust AS SELECT id, owner_id, row_number() OVER (ORDER BY name_key) AS n FROM customers`);
    // signed over the last 15 months; plan lines fall due 30, 60 and 90 days after signing
    await step(
      'contracts',
      `INSERT INTO contracts (number, customer_id, title, amount, start_date, end_date, status, owner_id, department, created_by, submission_round, submitted_at, approved_at, signed_at, created_at)
       SELECT 'HT-2026-' || lpad(n::text, 6, '0'), id, '年度供货合同', 90000.00,
              (now() - (n % 455) * interval '1 day')::date, (now() - (n % 455) * interval '1 day' + interval '1 year')::date,
              'signed', owner_id, 'sales', owner_id, 1,
              now() - (n % 455 + 2) * interval '1 day', now() - (n % 455 + 1) * interval '1 day', now() - (n % 455) * interval '1 day',
              now() - (n % 455 + 3) * interval '1 day'
       FROM cust`,
    );
    await c.query(`INSERT INTO contract_number_counters (year, last_no) VALUES (2026, $1)`, [SIZES.customers]);
    await step(
      'plan lines',
      `INSERT INTO contract_plan_lines (contract_id, seq, due_date, amount)
       SELECT k.id, s, (k.signed_at + s * 30 * interval '1 day')::date, 30000.00 FROM contracts k, generate_series(1, 3) s`,
    );
    // payments of 10,000, three per line, made around the due date — never in the future. Three
    // contracts in four pay in full; the fourth pays its first line and two thirds of its second.
    await c.query(`CREATE TEMP TABLE chunks AS
       SELECT l.id AS plan_line_id, l.contract_id, j, (l.due_date - (4 - j) * 3)::timestamptz + interval '10 hours' AS received_at
       FROM contract_plan_lines l JOIN contracts k ON k.id = l.contract_id JOIN cust ON cust.id = k.customer_id, generate_series(1, 3) j
       WHERE (cust.n % 4 <> 0 OR l.seq = 1 OR (l.seq = 2 AND j <= 2))
         AND (l.due_date - (4 - j) * 3)::timestamptz + interval '10 hours' < now() - interval '1 day'`);
    await step(
      'receivables',
      `INSERT INTO receivables (contract_id, plan_line_id, customer_id, owner_id, department, seq, due_date, amount_due, amount_paid, status)
       SELECT k.id, l.id, k.customer_id, k.owner_id, k.department, l.seq, l.due_date, l.amount, COALESCE(paid.amount, 0),
              CASE WHEN COALESCE(paid.amount, 0) >= l.amount THEN 'paid' WHEN l.due_date < current_date THEN 'overdue'
                   WHEN paid.amount > 0 THEN 'partially_paid' ELSE 'open' END
       FROM contracts k JOIN contract_plan_lines l ON l.contract_id = k.id
       LEFT JOIN (SELECT plan_line_id, 10000.00 * count(*) AS amount FROM chunks GROUP BY 1) paid ON paid.plan_line_id = l.id`,
    );
    await step(
      'completed contracts',
      `UPDATE contracts k SET status = 'completed', completed_at = last.at
       FROM (SELECT contract_id, max(received_at) AS at FROM chunks GROUP BY 1) last
       WHERE last.contract_id = k.id AND NOT EXISTS (SELECT 1 FROM receivables r WHERE r.contract_id = k.id AND r.amount_paid < r.amount_due)`,
    );
    await c.query(`ALTER TABLE chunks ADD COLUMN payment_id uuid DEFAULT gen_random_uuid()`);
    await c.query(`CREATE INDEX ON chunks (plan_line_id)`);
    await c.query(`ANALYZE chunks`);
    await step(
      'payments',
      `INSERT INTO payments (id, contract_id, customer_id, owner_id, department, amount, received_at, method, reference, recorded_by)
       SELECT ch.payment_id, k.id, k.customer_id, k.owner_id, k.department, 10000.00, ch.received_at, 'bank_transfer',
              'BENCH', (SELECT id FROM users WHERE username = 'bench.clerk') FROM chunks ch JOIN contracts k ON k.id = ch.contract_id`,
    );
    await step(
      'allocations',
      `INSERT INTO payment_allocations (payment_id, receivable_id, amount, effective_date)
       SELECT ch.payment_id, r.id, 10000.00, (ch.received_at AT TIME ZONE 'Asia/Shanghai')::date
       FROM chunks ch JOIN receivables r ON r.plan_line_id = ch.plan_line_id`,
    );
    await step(
      'ledger',
      `INSERT INTO ledger_entries (customer_id, contract_id, payment_id, owner_id, department, kind, debit, credit, description, occurred_at, recorded_by)
       SELECT customer_id, id, NULL, owner_id, department, 'sale', amount, 0, '签订合同 ' || number, signed_at, owner_id FROM contracts
       UNION ALL
       SELECT customer_id, contract_id, id, owner_id, department, 'payment', 0, amount, '回款', received_at, recorded_by FROM payments
       ORDER BY 10`,
    );
    await step(
      'visits',
      `INSERT INTO visits (customer_id, prospect_id, visitor_id, department, visited_at, method, purpose, summary)
       SELECT CASE WHEN i % 2 = 0 THEN cu.id END, CASE WHEN i % 2 = 1 THEN pr.id END,
              CASE WHEN i % 2 = 0 THEN cu.owner_id ELSE pr.owner_id END, CASE WHEN i % 2 = 0 THEN 'sales' ELSE pr.department END,
              now() - (i % 180) * interval '1 day' - (i % 24) * interval '1 hour', (ARRAY['phone','in_person','video'])[1 + i % 3], '例行拜访', '客户反馈良好'
       FROM generate_series(1, $1::int) i
       JOIN cust cu ON cu.n = 1 + i % $2::int
       JOIN LATERAL (SELECT id, owner_id, department FROM prospects WHERE name_key = 'bench-p-' || (1 + i % $3::int)) pr ON true`,
      [SIZES.visits, SIZES.customers, SIZES.prospects],
    );
    await step(
      'complaints',
      `INSERT INTO complaints (customer_id, channel, category, severity, description, status, owner_id, department, response_hours, due_at, created_at, resolved_at, closed_at, satisfaction)
       SELECT cu.id, 'phone', 'service', (ARRAY['low','medium','high','critical'])[1 + i % 4], '投诉' || i,
              CASE WHEN i % 3 = 0 THEN 'closed' ELSE 'open' END, cu.owner_id, 'sales', 48,
              now() - (i % 200) * interval '1 day' + interval '48 hours', now() - (i % 200) * interval '1 day',
              CASE WHEN i % 3 = 0 THEN now() - (i % 200) * interval '1 day' + interval '20 hours' END,
              CASE WHEN i % 3 = 0 THEN now() - (i % 200) * interval '1 day' + interval '30 hours' END, CASE WHEN i % 3 = 0 THEN 4 END
       FROM generate_series(1, $1::int) i JOIN cust cu ON cu.n = 1 + (i * 7) % $2::int`,
      [SIZES.complaints, SIZES.customers],
    );
    await c.query('COMMIT');
    const t0 = Date.now();
    await c.query('VACUUM ANALYZE');
    log(`  VACUUM ANALYZE: ${Date.now() - t0} ms`);
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await c.end();
  }
}
