import { PolicyService } from '../../src/access/policy.service';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

/**
 * The duty rules as versioned data (SPEC §12): version 1 is the release's matrix, written by the
 * migration; a new version is taken up by the running app from its next request — on Postgres
 * through LISTEN/NOTIFY, without anyone telling the process — and a future-dated one only once
 * its time has come; every version stays readable; the audit row of a decision names the version.
 * Versions are written here in SQL, as an approved revision writes them.
 */
describe('duty rules as versions (GET /duties?version, /duties/matrix?at, the guard and the scope rule)', () => {
  let t: TestApp;
  let admin: string;
  const u: Record<string, TestUser> = {};
  let repCustomer: string;

  const get = (who: TestUser | string, path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(who));

  /** Version `version` = version `from` with `change` applied to its grants, in force from `effectiveFrom`. */
  async function writeVersion(version: number, from: number, effectiveFrom: Date, title: string, change: string): Promise<void> {
    await t.ds.transaction(async (m) => {
      await m.query(`INSERT INTO duty_versions (version, effective_from, title) VALUES ($1, $2, $3)`, [version, effectiveFrom, title]);
      await m.query(`INSERT INTO duty_version_clauses SELECT $1, id, rule, article, item, department, role, summary, text, position FROM duty_version_clauses WHERE version = $2`, [version, from]);
      await m.query(`INSERT INTO duty_version_grants SELECT $1, permission, role, scope, clauses, note, grant_constraint, position FROM duty_version_grants WHERE version = $2`, [version, from]);
      await m.query(change.replace(/\$v/g, String(version)));
    });
    // the embedded database has one process, which re-reads the versions itself when it writes one
    if (t.embedded) await t.app.get(PolicyService).reload();
  }

  /** Polls `probe` until it holds, and says how long that took (ms). */
  async function within(ms: number, probe: () => Promise<boolean>): Promise<number> {
    const started = Date.now();
    while (!(await probe())) {
      if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return Date.now() - started;
  }

  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'silent' } });
    admin = await adminToken(t);
    u.sm = await createUser(t, 'sales.manager', { admin });
    u.ss = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id });
    u.rep = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id });
    u.clerk = await createUser(t, 'sales.clerk', { admin, supervisorId: u.ss.id });
    const c = await t.http().post('/api/v1/customers').set('authorization', bearer(u.clerk)).send({ name: '版本测试贸易有限公司', contactName: '联系人', contactPhone: '13755550001' });
    expect(c.status).toBe(201);
    repCustomer = c.body.id;
    expect((await t.http().post(`/api/v1/customers/${repCustomer}/assign`).set('authorization', bearer(u.sm)).send({ ownerId: u.rep.id })).status).toBe(200);
  }, 120_000);
  afterAll(() => t?.close());

  it('version 1 is the release matrix, with the clauses’ texts; every version is listed', async () => {
    const duties = await get(u.rep, '/duties');
    expect(duties.status).toBe(200);
    expect(duties.body).toMatchObject({ version: 1, effectiveFrom: '1970-01-01T00:00:00.000Z' });
    expect(duties.body.items.find((c: { id: string }) => c.id === 'SAL-6.4')).toMatchObject({ text: '统计并管理销售合同，建立并完善销售合同档案。', summary: expect.any(String) });
    expect((await get(u.rep, '/duties?version=1')).body).toEqual(duties.body);
    const matrix = await get(u.rep, '/duties/matrix?at=2020-01-01T00:00:00Z');
    expect(matrix.body).toMatchObject({ version: 1 });
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM duty_version_grants WHERE version = 1`);
    expect(matrix.body.items.flatMap((e: { grants: unknown[] }) => e.grants)).toHaveLength(n);
    const versions = await get(u.rep, '/duties/versions');
    expect(versions.body.items).toEqual([expect.objectContaining({ version: 1, inForce: true, approvedByName: null })]);
  });

  it('asking for a version that does not exist, or badly, is a 4xx problem', async () => {
    const missing = await get(u.rep, '/duties?version=99');
    expect([missing.status, missing.body.code, missing.headers['content-type']]).toEqual([404, 'DUTY_VERSION_NOT_FOUND', expect.stringMatching(/^application\/problem\+json/)]);
    for (const q of ['version=abc', 'version=0', 'at=yesterday', 'version=1&at=2026-01-01T00:00:00Z']) {
      const res = await get(u.rep, `/duties/matrix?${q}`);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
    }
  });

  it('a version that narrows takes effect on the next request: refused with the version cited, scope narrowed in lists and single reads, audited under it', async () => {
    expect((await get(u.rep, '/contracts')).status).toBe(200);
    expect((await get(u.sm, `/customers/${repCustomer}`)).status).toBe(200);

    await writeVersion(
      2,
      1,
      new Date(),
      '业务员不再查阅合同；销售部经理只查阅本人客户',
      `DELETE FROM duty_version_grants WHERE version = $v AND permission = 'contract.read' AND role = 'sales.rep';
       UPDATE duty_version_grants SET scope = 'own' WHERE version = $v AND permission = 'customer.read' AND role = 'sales.manager'`,
    );
    // no restart and no call into the app: the notification alone carries it (on Postgres)
    const took = await within(2000, async () => (await get(u.rep, '/contracts')).status === 403);
    expect(took).toBeLessThan(1500);

    const refused = await get(u.rep, '/contracts');
    expect(refused.body).toMatchObject({ code: 'PERMISSION_DENIED', policyVersion: 2 });
    expect(refused.body.detail).toContain('第 2 版');
    const [denial] = await t.ds.query(`SELECT policy_version FROM audit_log WHERE action = 'access.denied' AND actor_id = $1 ORDER BY id DESC LIMIT 1`, [u.rep.id]);
    expect(denial.policy_version).toBe(2);

    expect((await get(u.sm, `/customers/${repCustomer}`)).status).toBe(404);
    const list = await get(u.sm, '/customers?pageSize=100');
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(repCustomer);
    const me = await get(u.rep, '/auth/me');
    expect(me.body.permissions.map((p: { permission: string }) => p.permission)).not.toContain('contract.read');

    const created = await t.http().post('/api/v1/customers').set('authorization', bearer(u.clerk)).send({ name: '版本二贸易有限公司', contactName: '联系人', contactPhone: '13755550002' });
    expect(created.status).toBe(201);
    const [row] = await t.ds.query(`SELECT policy_version FROM audit_log WHERE entity = 'customer' AND entity_id = $1 AND action = 'customer.create'`, [created.body.id]);
    expect(row.policy_version).toBe(2);
    expect((await get(u.rep, '/duties')).body.version).toBe(2);
  });

  it('a future-dated version does nothing before its time and everything after; earlier versions stay readable', async () => {
    const at = new Date(Date.now() + 2500);
    await writeVersion(3, 2, at, '恢复业务员查阅本人合同', `INSERT INTO duty_version_grants SELECT $v, permission, role, scope, clauses, note, grant_constraint, position FROM duty_version_grants WHERE version = 1 AND permission = 'contract.read' AND role = 'sales.rep'`);
    await within(2000, async () => (await get(u.rep, '/duties/versions')).body.items.length === 3);
    const versions = (await get(u.rep, '/duties/versions')).body.items;
    expect(versions.map((v: { version: number; inForce: boolean }) => [v.version, v.inForce])).toEqual([[3, false], [2, true], [1, false]]);
    expect((await get(u.rep, '/contracts')).status).toBe(403);
    expect((await get(u.rep, '/duties')).body.version).toBe(2);

    await new Promise((r) => setTimeout(r, Math.max(0, at.getTime() - Date.now()) + 50));
    expect((await get(u.rep, '/contracts')).status).toBe(200);
    expect((await get(u.rep, '/duties')).body.version).toBe(3);
    const between = new Date(at.getTime() - 1000).toISOString();
    expect((await get(u.rep, `/duties/matrix?at=${between}`)).body.version).toBe(2);
    const v2 = (await get(u.rep, '/duties/matrix?version=2')).body;
    expect(v2.items.find((e: { permission: string }) => e.permission === 'contract.read').grants.map((g: { role: string }) => g.role)).not.toContain('sales.rep');
  });

  it('a release that brings a permission no version ever granted adds it as a new version, once', async () => {
    const policy = t.app.get(PolicyService);
    await t.ds.query(`DELETE FROM duty_version_grants WHERE permission = 'training.read'`);
    await policy.adoptReleasePermissions();
    if (t.embedded) await policy.reload();
    await within(2000, async () => (await get(u.rep, '/duties/versions')).body.items.length === 4);
    const [v4] = (await get(u.rep, '/duties/versions')).body.items;
    expect(v4).toMatchObject({ version: 4, title: '随系统发布的新权限：查阅培训记录', inForce: true });
    const grants = (await get(u.rep, '/duties/matrix')).body.items.find((e: { permission: string }) => e.permission === 'training.read').grants;
    expect(grants.length).toBeGreaterThan(0);
    // the rest of version 3 carried over
    expect((await get(u.rep, '/contracts')).status).toBe(200);
    await policy.adoptReleasePermissions();
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM duty_versions`);
    expect(n).toBe(4);
  });
});
