import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that let the heavy reads answer from the index alone (index-only scans, no heap visits):
 * aging reads a department's open receivables with what it sums (due date, amounts, contract);
 * the sales report reads a department's payments, receivables falling due and visits in a period
 * with the owner and the amount. Each replaces an index on the same leading columns, which it also
 * serves (the lists' newest-first order on visits included). Unsigned contracts get a small partial
 * index, so "signed by then" is checked against the few contracts that are not, instead of all.
 */
export class ReadIndexes1765670400000 implements MigrationInterface {
  name = 'ReadIndexes1765670400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX receivables_open_cover_idx ON receivables (department, owner_id)
         INCLUDE (id, contract_id, customer_id, due_date, amount_due, amount_paid) WHERE amount_paid < amount_due`,
    );
    await q.query(`DROP INDEX receivables_open_idx`);
    await q.query(`CREATE INDEX receivables_department_due_cover_idx ON receivables (department, due_date) INCLUDE (owner_id, id, amount_due, amount_paid)`);
    await q.query(`DROP INDEX receivables_department_idx`);
    await q.query(`CREATE INDEX payments_department_received_cover_idx ON payments (department, received_at) INCLUDE (owner_id, amount)`);
    await q.query(`DROP INDEX payments_department_idx`);
    await q.query(`CREATE INDEX payments_owner_received_cover_idx ON payments (owner_id, received_at) INCLUDE (amount)`);
    await q.query(`DROP INDEX payments_owner_idx`);
    await q.query(`CREATE INDEX visits_department_visited_cover_idx ON visits (department, visited_at DESC, id DESC) INCLUDE (visitor_id)`);
    await q.query(`DROP INDEX visits_department_visited_idx`);
    await q.query(`CREATE INDEX contracts_unsigned_idx ON contracts (id) WHERE signed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX contracts_unsigned_idx`);
    await q.query(`CREATE INDEX visits_department_visited_idx ON visits (department, visited_at DESC, id DESC)`);
    await q.query(`DROP INDEX visits_department_visited_cover_idx`);
    await q.query(`CREATE INDEX payments_owner_idx ON payments (owner_id)`);
    await q.query(`DROP INDEX payments_owner_received_cover_idx`);
    await q.query(`CREATE INDEX payments_department_idx ON payments (department, received_at)`);
    await q.query(`DROP INDEX payments_department_received_cover_idx`);
    await q.query(`CREATE INDEX receivables_department_idx ON receivables (department, due_date)`);
    await q.query(`DROP INDEX receivables_department_due_cover_idx`);
    await q.query(`CREATE INDEX receivables_open_idx ON receivables (department, owner_id) WHERE amount_paid < amount_due`);
    await q.query(`DROP INDEX receivables_open_cover_idx`);
  }
}
