import type { Response } from 'supertest';
import { grantFor } from '../../src/access/policy';
import { PERMISSIONS } from '../../src/access/duty.types';
import { ROLES, RoleCode } from '../../src/access/roles';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { buildRouteTable, Route } from '../setup/route-table';
import { adminToken, createUser } from '../setup/users';

/**
 * OWASP API1/API5 (BOLA / broken function-level authorisation), SPEC §4, §9: the route table is read
 * from the running application (Nest metadata, the same the guard reads), and every route × every
 * role is generated from it and from the duty matrix.
 */

const FIXED_UUID = '3f1c2b7e-8a4d-4c6b-9e2f-0a1b2c3d4e5f';
/** A valid value for each path parameter, so that the guard — not a pipe — is what answers. */
const PARAM_VALUES: Record<string, string> = { id: FIXED_UUID, code: 'A', name: 'receivables.overdue-scan', planId: FIXED_UUID };

function concrete(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = PARAM_VALUES[name];
    if (value === undefined) throw new Error(`no test value for path parameter :${name} in ${path}`);
    return value;
  });
}

/** Regular expression for a route pattern, to tell which registered routes a concrete URL reaches. */
const patternOf = (path: string) => new RegExp(`^${path.replace(/:[A-Za-z]+/g, '[^/]+')}$`);

/** The signed-in-only routes (any role); anything else must name a permission or be public. */
const SIGNED_IN_ROUTES = [
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/logout',
  'GET /api/v1/duties',
  'GET /api/v1/duties/matrix',
  'GET /api/v1/duties/revisions',
  'GET /api/v1/duties/revisions/:id',
  'GET /api/v1/duties/versions',
  'GET /api/v1/users/directory',
  'GET /api/v1/me/tasks',
  'GET /api/v1/me/approvals',
  'GET /api/v1/me/reviews',
  'GET /api/v1/me/notification-settings',
  'PUT /api/v1/me/notification-settings',
  'POST /api/v1/tasks/:id/done',
  'GET /api/v1/reports/digests',
  'GET /api/v1/work-reports',
  'GET /api/v1/work-reports/:id',
  // attachments: the permission is the parent record's, checked by the service (attachment-parents.ts)
  'POST /api/v1/attachments',
  'GET /api/v1/attachments',
  'GET /api/v1/attachments/:id',
  'DELETE /api/v1/attachments/:id',
].sort();
const PUBLIC_ROUTES = ['POST /api/v1/auth/login', 'POST /api/v1/auth/session', 'GET /health', 'GET /health/live', 'GET /health/ready'].sort();

const key = (r: Route) => `${r.method} ${r.path}`;

/** Runs `fn` over `items` with at most `limit` in flight (PGlite serialises them anyway). */
async function inBatches<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += limit) await Promise.all(items.slice(i, i + limit).map(fn));
}

describe('route table × duty matrix: function-level authorisation of every route (SPEC §4, §9)', () => {
  let t: TestApp;
  let table: Route[];
  const tokens = new Map<RoleCode, string>();

  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'silent' } });
    table = buildRouteTable(t);
    const admin = await adminToken(t);
    for (const role of ROLES) tokens.set(role, role === 'admin' ? admin : (await createUser(t, role, { admin })).token);
  });
  afterAll(() => t?.close());

  const call = (r: Route, token?: string) => {
    const url = concrete(r.path);
    let req;
    switch (r.method) {
      case 'GET':
        req = t.http().get(url);
        break;
      case 'POST':
        req = t.http().post(url);
        break;
      case 'PATCH':
        req = t.http().patch(url);
        break;
      case 'PUT':
        req = t.http().put(url);
        break;
      case 'DELETE':
        req = t.http().delete(url);
        break;
      default:
        throw new Error(`unexpected method ${r.method} on ${r.path}`);
    }
    if (token) req = req.set('authorization', `Bearer ${token}`);
    return r.method === 'POST' || r.method === 'PATCH' || r.method === 'PUT' ? req.send({}) : req;
  };

  const isProblem = (res: Response) =>
    /^application\/problem\+json/.test(String(res.headers['content-type'] ?? '')) &&
    typeof res.body?.type === 'string' &&
    typeof res.body?.title === 'string' &&
    res.body?.status === res.status &&
    typeof res.body?.code === 'string';

  describe('the route table', () => {
    it('is read from the running app and is non-trivial', () => {
      expect(table.length).toBeGreaterThanOrEqual(60);
      const keys = table.map(key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toEqual(
        expect.arrayContaining([
          'POST /api/v1/auth/login',
          'POST /api/v1/auth/session',
          'POST /api/v1/auth/logout',
          'GET /health',
          'GET /api/v1/customers/:id',
          'PATCH /api/v1/customers/:id',
          'POST /api/v1/contracts/:id/approve',
          'POST /api/v1/payments',
          'POST /api/v1/payments/:id/reverse',
          'PATCH /api/v1/key-accounts/tiers/:code',
          'POST /api/v1/jobs/:name/run',
          'GET /api/v1/audit',
          'POST /api/v1/users',
          'POST /api/v1/work-reports/:id/review',
        ]),
      );
      const byKey = new Map(table.map((r) => [key(r), r]));
      expect(byKey.get('POST /api/v1/payments')).toMatchObject({ permission: 'payment.record', handler: 'PaymentsController.record' });
      expect(byKey.get('POST /api/v1/contracts/:id/approve')).toMatchObject({ permission: 'contract.approve' });
      expect(byKey.get('GET /api/v1/audit')).toMatchObject({ permission: 'audit.read' });
      expect(byKey.get('GET /health')).toMatchObject({ access: 'public' });
    });

    it('every route of the table is registered in Fastify under that method and path', () => {
      const fastify = t.app.getHttpAdapter().getInstance();
      const missing = table.filter((r) => !fastify.hasRoute({ method: r.method as 'GET', url: r.path })).map(key);
      expect(missing).toEqual([]);
      // and the check would notice a wrong path
      expect(fastify.hasRoute({ method: 'GET', url: '/api/v1/no-such-route' })).toBe(false);
    });

    it('no route lacks a permission unless it is explicitly public (or one of the known signed-in routes)', () => {
      const undeclared = table.filter((r) => !r.permission && r.access !== 'public' && r.access !== 'signed-in').map(key);
      expect(undeclared).toEqual([]);
      expect(table.filter((r) => !r.permission && r.access === 'public').map(key).sort()).toEqual(PUBLIC_ROUTES);
      expect(table.filter((r) => !r.permission && r.access === 'signed-in').map(key).sort()).toEqual(SIGNED_IN_ROUTES);
      const unknown = table.filter((r) => r.permission && !(PERMISSIONS as readonly string[]).includes(r.permission)).map((r) => `${key(r)} → ${r.permission}`);
      expect(unknown).toEqual([]);
      // a permission and a public marker together would let the guard skip the permission
      expect(table.filter((r) => r.permission && r.access === 'public').map(key)).toEqual([]);
    });

    it('every path parameter has a test value', () => {
      expect(() => table.forEach((r) => concrete(r.path))).not.toThrow();
      expect(table.filter((r) => r.path.includes(':')).length).toBeGreaterThanOrEqual(20);
    });
  });

  describe('without a token', () => {
    it('every non-public route is 401 AUTH_TOKEN_MISSING (problem+json), public ones are not 401', async () => {
      const wrong: string[] = [];
      await inBatches(table, 8, async (r) => {
        const res = await call(r);
        if (r.access === 'public') {
          if (res.status === 401 || res.status >= 500) wrong.push(`${key(r)} public → ${res.status}`);
          return;
        }
        if (res.status !== 401 || res.body.code !== 'AUTH_TOKEN_MISSING' || !isProblem(res)) wrong.push(`${key(r)} → ${res.status} ${res.body?.code}`);
      });
      expect(wrong).toEqual([]);
      expect(table.filter((r) => r.access !== 'public').length).toBeGreaterThanOrEqual(60);
    });

    it('every non-public route is 401 AUTH_TOKEN_INVALID with a forged token', async () => {
      const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.c2lnbmF0dXJl';
      const wrong: string[] = [];
      await inBatches(
        table.filter((r) => r.access !== 'public'),
        8,
        async (r) => {
          const res = await call(r, forged);
          if (res.status !== 401 || res.body.code !== 'AUTH_TOKEN_INVALID' || !isProblem(res)) wrong.push(`${key(r)} → ${res.status} ${res.body?.code}`);
        },
      );
      expect(wrong).toEqual([]);
    });
  });

  describe('every route × every role, from the duty matrix', () => {
    it(`the cases cover ${ROLES.length} roles`, () => {
      const denials = ROLES.flatMap((role) => table.filter((r) => r.permission && !grantFor(role, r.permission)));
      const grants = ROLES.flatMap((role) => table.filter((r) => r.permission && grantFor(role, r.permission)));
      expect(denials.length).toBeGreaterThanOrEqual(ROLES.length * 30);
      expect(grants.length).toBeGreaterThanOrEqual(60);
      expect(denials.length + grants.length).toBe(ROLES.length * table.filter((r) => r.permission).length);
    });

    it.each(ROLES)('%s: 403 PERMISSION_DENIED naming the permission on every route it lacks; never on the routes it holds', async (role) => {
      const token = tokens.get(role)!;
      const wrong: string[] = [];
      let denied = 0;
      let allowed = 0;
      const [{ n: auditBefore }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied'`);
      await inBatches(
        table.filter((r) => r.permission),
        8,
        async (r) => {
          const res = await call(r, token);
          if (res.status >= 500) wrong.push(`${key(r)} → ${res.status}`);
          if (grantFor(role, r.permission!)) {
            allowed += 1;
            if (res.status === 403 && res.body.code === 'PERMISSION_DENIED') wrong.push(`${key(r)} held (${r.permission}) but PERMISSION_DENIED`);
            if (res.status === 401) wrong.push(`${key(r)} held but 401`);
          } else {
            denied += 1;
            if (res.status !== 403 || res.body.code !== 'PERMISSION_DENIED' || res.body.permission !== r.permission || !isProblem(res)) {
              wrong.push(`${key(r)} lacks ${r.permission} → ${res.status} ${res.body?.code} ${res.body?.permission ?? ''}`);
            }
          }
        },
      );
      expect(wrong).toEqual([]);
      expect(denied + allowed).toBe(table.filter((r) => r.permission).length);
      // SPEC §9: authorisation denials are logged — one audit row per denial
      const [{ n: auditAfter }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied'`);
      expect(auditAfter - auditBefore).toBe(denied);
    });

    it.each(ROLES)('%s: the signed-in routes are open to it (never 401/403)', async (role) => {
      const token = tokens.get(role)!;
      const wrong: string[] = [];
      await inBatches(
        table.filter((r) => !r.permission && r.access === 'signed-in'),
        8,
        async (r) => {
          const res = await call(r, token);
          if (res.status === 401 || res.status === 403 || res.status >= 500) wrong.push(`${key(r)} → ${res.status} ${res.body?.code}`);
        },
      );
      expect(wrong).toEqual([]);
    });
  });

  describe('swapping the HTTP method grants nothing', () => {
    it('a method no route declares for a path is 404 problem+json, even for gm and admin', async () => {
      const methods = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];
      const cases: Array<{ method: string; url: string; token: string }> = [];
      for (const path of new Set(table.map((r) => r.path))) {
        const url = concrete(path);
        for (const method of methods) {
          const reached = table.some((r) => r.method === method && patternOf(r.path).test(url));
          if (!reached) for (const role of ['gm', 'admin'] as const) cases.push({ method, url, token: tokens.get(role)! });
        }
      }
      expect(cases.length).toBeGreaterThanOrEqual(100);
      const wrong: string[] = [];
      await inBatches(cases, 8, async (c) => {
        const res = await call({ method: c.method, path: c.url, handler: '' }, c.token);
        if (res.status !== 404 || !isProblem(res)) wrong.push(`${c.method} ${c.url} → ${res.status} ${res.body?.code}`);
      });
      expect(wrong).toEqual([]);
    });
  });
});
