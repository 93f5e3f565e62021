/**
 * The FROM of a prospect list searched by `?q=` (a substring of the company or contact name, `$n`
 * the `%…%` pattern): the matches first, through the pg_trgm GIN indexes, then the scope, filters
 * and order over them. `OFFSET 0` keeps Postgres from folding the search into the outer query, where
 * it would rather walk the (department, created_at) index in order and test every row of the
 * department against the pattern — 30 ms for a company name instead of 2. A search matching most
 * rows ("公司") costs a scan either way.
 */
export function prospectSearchFrom(n: number): string {
  return `(SELECT * FROM prospects WHERE company_name ILIKE $${n} ESCAPE '\\' OR contact_name ILIKE $${n} ESCAPE '\\' OFFSET 0) p`;
}
