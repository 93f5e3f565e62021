import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that serve the lists and reports as they are read: newest first within an owner or a
 * department (so a page is read off the index instead of sorting the department), the open
 * receivables that aging and collection look at, and allocations by date for "as of" sums.
 */
export class ListIndexes1764720000000 implements MigrationInterface {
  name = 'ListIndexes1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX prospects_department_created_idx ON prospects (department, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX prospects_owner_created_idx ON prospects (owner_id, created_at DESC, id DESC)`);
    await q.query(`DROP INDEX prospects_owner_idx`);
    await q.query(`CREATE INDEX customers_department_created_idx ON customers (department, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX customers_owner_created_idx ON customers (owner_id, created_at DESC, id DESC)`);
    await q.query(`DROP INDEX customers_owner_idx`);
    await q.query(`DROP INDEX customers_department_idx`);
    await q.query(`CREATE INDEX visits_visitor_visited_idx ON visits (visitor_id, visited_at DESC, id DESC)`);
    await q.query(`DROP INDEX visits_visitor_idx`);
    await q.query(`CREATE INDEX visits_department_visited_idx ON visits (department, visited_at DESC, id DESC)`);
    await q.query(`DROP INDEX visits_department_idx`);
    await q.query(`CREATE INDEX contracts_department_created_idx ON contracts (department, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX complaints_department_created_idx ON complaints (department, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX receivables_open_idx ON receivables (department, owner_id) WHERE amount_paid < amount_due`);
    await q.query(`CREATE INDEX payment_allocations_effective_idx ON payment_allocations (effective_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const i of [
      'payment_allocations_effective_idx',
      'receivables_open_idx',
      'complaints_department_created_idx',
      'contracts_department_created_idx',
      'visits_department_visited_idx',
      'visits_visitor_visited_idx',
      'customers_owner_created_idx',
      'customers_department_created_idx',
      'prospects_owner_created_idx',
      'prospects_department_created_idx',
    ]) {
      await q.query(`DROP INDEX ${i}`);
    }
    await q.query(`CREATE INDEX prospects_owner_idx ON prospects (owner_id, created_at)`);
    await q.query(`CREATE INDEX customers_owner_idx ON customers (owner_id)`);
    await q.query(`CREATE INDEX customers_department_idx ON customers (department, created_at)`);
    await q.query(`CREATE INDEX visits_visitor_idx ON visits (visitor_id, visited_at)`);
    await q.query(`CREATE INDEX visits_department_idx ON visits (department, visited_at)`);
  }
}
