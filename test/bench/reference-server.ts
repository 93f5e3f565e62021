import { createSecretKey } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import jwt from 'jsonwebtoken';
import { Pool } from 'pg';
import { agingQuery } from '../../src/receivables/aging';
import { prospectSearchFrom } from '../../src/prospects/prospect-search';
import { salesReportQuery } from '../../src/reports/sales-report.query';
import { CAPPED_COUNT_COLUMN, cappedCountSql, DEFAULT_LIST_COUNT_CAP, listTotal } from '../../src/common/list-total';
import { positionalScope, scopeCondition } from '../../src/access/scope';
import type { Department, RoleCode } from '../../src/access/roles';

/**
 * The minimal reference the product is measured against: node:http and pg, the same JWT check
 * (HS256, iss, aud, then the user row: active, role, token version) and the same SQL for each
 * benchmarked endpoint — no framework, no ORM, no validation beyond what the SQL needs. The lists
 * count as the app's do (src/common/list-total.ts); the heavy reads run the app's SQL, but each
 * request on its own: coalescing identical concurrent requests is the app's own work.
 */
const url = process.env.DATABASE_URL!;
// the key made once, as the app does (a string would be re-read as a PEM key on every verify)
const secret = createSecretKey(Buffer.from(process.env.JWT_SECRET!, 'utf8'));
const tz = process.env.BUSINESS_TZ ?? 'Asia/Shanghai';
const pool = new Pool({ connectionString: url, max: 10 });
/** The lists' count cap, as the app's (LIST_COUNT_CAP); the list totals run through the same functions. */
const CAP = Number(process.env.LIST_COUNT_CAP ?? DEFAULT_LIST_COUNT_CAP);
const runner = { query: async (sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows };

interface Actor {
  id: string;
  role: RoleCode;
  department: Department;
}

async function authenticate(req: IncomingMessage): Promise<Actor | null> {
  const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  if (!m) return null;
  let claims: { sub: string; role: string; tv: number };
  try {
    claims = jwt.verify(m[1], secret, { algorithms: ['HS256'], issuer: 'zhize-crm', audience: 'zhize-crm-api' }) as typeof claims;
  } catch {
    return null;
  }
  const { rows } = await pool.query('SELECT id, username, display_name, role, department, active, token_version FROM users WHERE id = $1', [claims.sub]);
  const u = rows[0];
  if (!u || !u.active || u.token_version !== claims.tv || u.role !== claims.role) return null;
  return { id: u.id, role: u.role, department: u.department };
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      try {
        resolve(data ? JSON.parse(data) : {});
      } catch (e) {
        reject(e);
      }
    });
  });
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

async function prospects(actor: Actor, q: URLSearchParams) {
  const params: unknown[] = [];
  const where = [positionalScope(scopeCondition(actor, 'prospect.read', { owner: 'p.owner_id', department: 'p.department' }), params)];
  if (q.get('status')) where.push(`p.status = $${params.push(q.get('status'))}`);
  const from = q.get('q') ? prospectSearchFrom(params.push(`%${escapeLike(q.get('q')!)}%`)) : 'prospects p';
  const page = Number(q.get('page') ?? 1);
  const pageSize = Number(q.get('pageSize') ?? 20);
  const source = `SELECT 1 FROM ${from} WHERE ${where.join(' AND ')}`;
  const { rows } = await pool.query(
    `SELECT p.*, ${cappedCountSql(source, CAP)} AS ${CAPPED_COUNT_COLUMN} FROM ${from} WHERE ${where.join(' AND ')}
     ORDER BY p.created_at DESC, p.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    params,
  );
  return pageOf(rows, { sql: source, params }, page, pageSize);
}

/** The list envelope with the app's total: the capped count read with the page, the planner's estimate past the cap. */
async function pageOf(rows: Record<string, unknown>[], source: { sql: string; params: unknown[] }, page: number, pageSize: number) {
  const capped = rows.length ? Number(rows[0][CAPPED_COUNT_COLUMN]) : null;
  const { total, totalExact } = await listTotal(runner, source, { page, pageSize, rows: rows.length, capped }, CAP);
  return { items: rows.map(({ [CAPPED_COUNT_COLUMN]: _n, ...item }) => item), total, totalExact, page, pageSize };
}

const VISIT_JOINS = `FROM visits v LEFT JOIN customers c ON c.id = v.customer_id LEFT JOIN prospects p ON p.id = v.prospect_id LEFT JOIN users u ON u.id = v.visitor_id`;

async function visits(actor: Actor, q: URLSearchParams) {
  const params: unknown[] = [];
  const where = positionalScope(scopeCondition(actor, 'visit.read', { owner: 'v.visitor_id', department: 'v.department' }), params);
  const page = Number(q.get('page') ?? 1);
  const pageSize = Number(q.get('pageSize') ?? 20);
  const source = `SELECT 1 ${VISIT_JOINS} WHERE ${where}`;
  const { rows } = await pool.query(
    `SELECT v.*, COALESCE(c.name, p.company_name) AS target_name, u.display_name AS visitor_name, ${cappedCountSql(source, CAP)} AS ${CAPPED_COUNT_COLUMN}
     ${VISIT_JOINS} WHERE ${where} ORDER BY v.visited_at DESC, v.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    params,
  );
  return pageOf(rows, { sql: source, params }, page, pageSize);
}

async function createVisit(actor: Actor, body: Record<string, any>, requestId: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const params: unknown[] = [body.customerId];
    const scope = positionalScope(scopeCondition(actor, 'customer.read', { owner: 'c.owner_id', department: 'c.department' }), params);
    const found = await client.query(`SELECT c.* FROM customers c WHERE c.id = $1 AND ${scope}`, params);
    if (!found.rows.length) {
      await client.query('ROLLBACK');
      return null;
    }
    const { rows: [v] } = await client.query(
      `INSERT INTO visits (customer_id, visitor_id, department, visited_at, method, purpose, summary) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [body.customerId, actor.id, actor.department, body.visitedAt, body.method, body.purpose, body.summary],
    );
    const readParams: unknown[] = [v.id];
    const readScope = positionalScope(scopeCondition(actor, 'visit.read', { owner: 'v.visitor_id', department: 'v.department' }), readParams);
    const { rows: [out] } = await client.query(
      `SELECT v.*, COALESCE(c.name, p.company_name) AS target_name, u.display_name AS visitor_name ${VISIT_JOINS} WHERE v.id = $1 AND ${readScope}`,
      readParams,
    );
    await client.query(
      `INSERT INTO audit_log (actor_id, actor_role, action, entity, entity_id, before, after, request_id, ip) VALUES ($1, $2, 'visit.create', 'visit', $3, NULL, $4, $5, NULL)`,
      [actor.id, actor.role, v.id, JSON.stringify(out), requestId],
    );
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

const server = createServer(async (req, res) => {
  try {
    const u = new URL(req.url ?? '/', 'http://x');
    const actor = await authenticate(req);
    if (!actor) return send(res, 401, { status: 401 });
    if (req.method === 'GET' && u.pathname === '/api/v1/prospects') return send(res, 200, await prospects(actor, u.searchParams));
    if (req.method === 'GET' && u.pathname === '/api/v1/visits') return send(res, 200, await visits(actor, u.searchParams));
    if (req.method === 'GET' && u.pathname === '/api/v1/receivables/aging') {
      const q = agingQuery(actor, u.searchParams.get('asOf')!, tz);
      return send(res, 200, (await pool.query(q.sql, q.params)).rows);
    }
    if (req.method === 'GET' && u.pathname === '/api/v1/reports/sales') {
      const q = salesReportQuery(actor, (u.searchParams.get('period') ?? 'month') as 'quarter', u.searchParams.get('date')!, 'owner', tz);
      return send(res, 200, (await pool.query(q.sql, q.params)).rows);
    }
    if (req.method === 'POST' && u.pathname === '/api/v1/visits') {
      const out = await createVisit(actor, await readBody(req), String(Math.random()));
      return out ? send(res, 201, out) : send(res, 404, { status: 404 });
    }
    send(res, 404, { status: 404 });
  } catch (err) {
    send(res, 500, { status: 500, error: (err as Error).message });
  }
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
