import { Controller, Get, Module, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../../src/access/actor';
import { CurrentActor, RequirePermission, SignedIn } from '../../src/access/decorators';
import { DUTY_MATRIX } from '../../src/access/duty-matrix';
import { PERMISSIONS, Permission } from '../../src/access/duty.types';
import { ROLES, RoleCode } from '../../src/access/roles';
import { scopeCondition } from '../../src/access/scope';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { buildRouteTable } from '../setup/route-table';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

/** One probe route per permission, each declared with @RequirePermission — generated from the PERMISSIONS list. */
function permissionProbeController() {
  @Controller('__probe/permission')
  class PermissionProbeController {}
  for (const permission of PERMISSIONS) {
    Object.defineProperty(PermissionProbeController.prototype, permission, {
      value: () => ({ ok: true, permission }),
      writable: true,
      configurable: true,
    });
    const descriptor = Object.getOwnPropertyDescriptor(PermissionProbeController.prototype, permission)!;
    Get(permission)(PermissionProbeController.prototype, permission, descriptor);
    RequirePermission(permission)(PermissionProbeController.prototype, permission, descriptor);
  }
  return PermissionProbeController;
}

/** Reads a probe table through the shared scope helper, the way every list and single read does. */
@Controller('__probe/scope')
class ScopeProbeController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @Get()
  @SignedIn()
  async rows(@CurrentActor() actor: Actor, @Query('permission') permission: Permission, @Query('ownerId') ownerId?: string) {
    const scope = scopeCondition(actor, permission, { owner: 'r.owner_id', department: 'r.department' });
    const qb = this.ds.createQueryBuilder().select('r.label', 'label').from('scope_probe', 'r').where(scope.sql, scope.params);
    if (ownerId) qb.andWhere('r.owner_id = :ownerId', { ownerId });
    const rows: { label: string }[] = await qb.orderBy('r.label').getRawMany();
    return { scope: scope.scope, labels: rows.map((r) => r.label) };
  }
}

const PermissionProbe = permissionProbeController();
@Module({ controllers: [PermissionProbe, ScopeProbeController] })
class ProbeModule {}

/** The revision approved before the suite runs: the effective version is not the release's matrix. */
const REVISION = [
  { kind: 'grant.remove', permission: 'contract.read', role: 'sales.rep' },
  { kind: 'grant.change', permission: 'customer.read', role: 'sales.manager', scope: 'own' },
];
type Entry = { permission: string; grants: { role: string; scope: string; clauses: string[] }[] };
/** The release's matrix with REVISION applied, written out independently of the server's code. */
const REVISED: Entry[] = DUTY_MATRIX.map((e) => ({
  permission: e.permission,
  grants: e.grants
    .filter((g) => !(e.permission === 'contract.read' && g.role === 'sales.rep'))
    .map((g) => ({ role: g.role, scope: e.permission === 'customer.read' && g.role === 'sales.manager' ? 'own' : g.scope, clauses: [...g.clauses] })),
}));

describe('the duty matrix, enforced (generated from the version in force: the release matrix as a revision changed it)', () => {
  let t: TestApp;
  const byRole = new Map<RoleCode, TestUser>();
  /** GET /duties/matrix: the version in force, which every expectation below reads. */
  let effective: Entry[];
  const grantFor = (role: string, permission: string) => effective.find((e) => e.permission === permission)!.grants.find((g) => g.role === role);

  beforeAll(async () => {
    t = await createTestApp({ extraModules: [ProbeModule] });
    const admin = await adminToken(t);
    for (const role of ROLES) {
      if (role === 'admin') byRole.set(role, { id: '', username: 'admin', role, token: admin, version: 1 });
      else byRole.set(role, await createUser(t, role, { admin }));
    }
    const draft = await t.http().post('/api/v1/duties/revisions').set('authorization', bearer(byRole.get('market.manager')!)).send({ title: '矩阵测试修订', changes: REVISION });
    const submitted = await t.http().post(`/api/v1/duties/revisions/${draft.body.id}/submit`).set('authorization', bearer(byRole.get('market.manager')!)).send({ version: draft.body.version });
    const approved = await t.http().post(`/api/v1/duties/revisions/${draft.body.id}/approve`).set('authorization', bearer(byRole.get('gm')!)).send({ version: submitted.body.version });
    expect(approved.body.resultingVersion).toBe(2);
    const matrix = await t.http().get('/api/v1/duties/matrix').set('authorization', bearer(byRole.get('sales.rep')!));
    expect(matrix.body.version).toBe(2);
    effective = matrix.body.items;
  });
  afterAll(() => t?.close());

  const cases = ROLES.flatMap((role) => PERMISSIONS.map((permission) => [role, permission] as const));

  it(`covers every role × permission (${ROLES.length} × ${PERMISSIONS.length})`, () => {
    expect(cases).toHaveLength(ROLES.length * PERMISSIONS.length);
  });

  it.each(cases)('%s → %s', async (role, permission) => {
    const res = await t.http().get(`/api/v1/__probe/permission/${permission}`).set('authorization', bearer(byRole.get(role)!));
    const grant = grantFor(role, permission);
    if (grant) {
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true, permission });
    } else {
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('PERMISSION_DENIED');
      expect(res.body.permission).toBe(permission);
      const holders = effective.find((e) => e.permission === permission)!.grants;
      expect(res.body.grantedTo.map((g: { role: string }) => g.role)).toEqual(holders.map((g) => g.role));
      for (const g of res.body.grantedTo) expect(g.clauses.map((c: { id: string }) => c.id)).toEqual(holders.find((h) => h.role === g.role)!.clauses);
    }
  });

  it('a denial cites, in Chinese, the roles and clauses that grant the permission', async () => {
    const res = await t.http().get('/api/v1/__probe/permission/payment.record').set('authorization', bearer(byRole.get('sales.rep')!));
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('销售内勤');
    expect(res.body.detail).toContain('SAL-6.5');
    expect(res.body.grantedTo[0].clauses[0]).toEqual({ id: 'SAL-6.5', summary: expect.any(String) });
  });

  it('swapping the HTTP method grants nothing', async () => {
    const rep = byRole.get('sales.rep')!;
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const res = await t.http()[method]('/api/v1/__probe/permission/payment.record').set('authorization', bearer(rep));
      expect(res.status).toBe(404);
    }
  });

  it('GET /duties/matrix serves exactly the table the guard uses: the release matrix as the revision changed it', async () => {
    const res = await t.http().get('/api/v1/duties/matrix').set('authorization', bearer(byRole.get('sales.rep')!));
    expect(res.status).toBe(200);
    const served = res.body.items.map((e: { permission: string; grants: { role: string; scope: string; clauses: string[] }[] }) => ({
      permission: e.permission,
      grants: e.grants.map((g) => ({ role: g.role, scope: g.scope, clauses: g.clauses })),
    }));
    expect(served).toEqual(REVISED);
    expect(served).not.toEqual(DUTY_MATRIX.map((e) => ({ permission: e.permission, grants: e.grants.map((g) => ({ role: g.role, scope: g.scope, clauses: g.clauses })) })));
    expect(res.body.roles).toHaveLength(ROLES.length);
  });

  it('GET /duties serves the clause catalogue', async () => {
    const res = await t.http().get('/api/v1/duties').set('authorization', bearer(byRole.get('gm')!));
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThanOrEqual(95);
    expect(res.body.items.find((c: { id: string }) => c.id === 'SAL-6.4')).toMatchObject({ rule: 'SAL', article: 6, item: 4, role: 'sales.clerk', roleName: '销售内勤' });
    expect((await t.http().get('/api/v1/duties')).status).toBe(401);
  });

  it('GET /duties says how each clause is served: by permissions and the routes of the running app, or why not', async () => {
    const res = await t.http().get('/api/v1/duties').set('authorization', bearer(byRole.get('sales.rep')!));
    type Item = { id: string; item: number | null; servedBy: { permission: string; routes: string[] }[]; notServed?: string };
    const items: Item[] = res.body.items;
    const numbered = items.filter((c) => c.item !== null);
    const served = numbered.filter((c) => c.servedBy.length > 0);
    expect(res.body.coverage).toEqual({ numbered: 89, served: served.length, notServed: 89 - served.length });
    expect(served.length).toBeGreaterThanOrEqual(70);
    const table = new Map(buildRouteTable(t).map((r) => [`${r.method} ${r.path}`, r]));
    for (const c of items) {
      if (c.servedBy.length === 0) expect(c.notServed).toEqual(expect.any(String));
      else expect(c.notServed).toBeUndefined();
      for (const s of c.servedBy) {
        // each permission is one whose grants cite the clause, and each route is a real route demanding it
        expect(effective.find((e) => e.permission === s.permission)!.grants.some((g) => g.clauses.includes(c.id))).toBe(true);
        expect(s.routes.length).toBeGreaterThan(0);
        for (const route of s.routes) {
          expect(route).not.toMatch(/__probe/); // what a test adds to the app is not the product
          expect(table.has(route)).toBe(true);
        }
      }
    }
    expect(items.find((c) => c.id === 'SAL-7.1')).toMatchObject({ servedBy: [], notServed: expect.stringContaining('推销能力') });
  });

  describe('scopes: own / team / department / all, through the one SQL helper', () => {
    const users: Record<string, TestUser> = {};

    beforeAll(async () => {
      const admin = await adminToken(t);
      users.mm = await createUser(t, 'market.manager', { admin });
      users.ms1 = await createUser(t, 'market.supervisor', { admin, supervisorId: users.mm.id });
      users.ms2 = await createUser(t, 'market.supervisor', { admin, supervisorId: users.ms1.id });
      users.sp1 = await createUser(t, 'market.specialist', { admin, supervisorId: users.ms1.id });
      users.sp2 = await createUser(t, 'market.specialist', { admin, supervisorId: users.ms1.id });
      users.sp4 = await createUser(t, 'market.specialist', { admin, supervisorId: users.ms2.id });
      users.km = await createUser(t, 'key_account.manager', { admin });
      users.kp = await createUser(t, 'key_account.specialist', { admin });
      await t.ds.query(`CREATE TABLE scope_probe (label text PRIMARY KEY, owner_id uuid, department text)`);
      const rows: [string, TestUser, string][] = [
        ['ms1-row', users.ms1, 'market'],
        ['ms2-row', users.ms2, 'market'],
        ['sp1-row', users.sp1, 'market'],
        ['sp2-row', users.sp2, 'market'],
        ['sp4-row', users.sp4, 'market'],
        ['kp-row', users.kp, 'key_account'],
      ];
      for (const [label, u, dep] of rows) await t.ds.query('INSERT INTO scope_probe VALUES ($1, $2, $3)', [label, u.id, dep]);
    });

    const read = async (u: TestUser, permission: string, ownerId?: string) => {
      const res = await t
        .http()
        .get('/api/v1/__probe/scope')
        .query({ permission, ...(ownerId ? { ownerId } : {}) })
        .set('authorization', bearer(u));
      expect(res.status).toBe(200);
      return res.body as { scope: string | null; labels: string[] };
    };

    it('own: a specialist sees only their own rows', async () => {
      expect(await read(users.sp1, 'prospect.read')).toEqual({ scope: 'own', labels: ['sp1-row'] });
    });

    it('team: a supervisor sees their own and their direct reports’ rows, not reports of reports', async () => {
      expect(await read(users.ms1, 'prospect.read')).toEqual({ scope: 'team', labels: ['ms1-row', 'ms2-row', 'sp1-row', 'sp2-row'] });
    });

    it('department: a manager sees the department’s rows and nothing of another department', async () => {
      expect(await read(users.mm, 'prospect.read')).toEqual({ scope: 'department', labels: ['ms1-row', 'ms2-row', 'sp1-row', 'sp2-row', 'sp4-row'] });
      expect(await read(users.km, 'prospect.read')).toEqual({ scope: 'department', labels: ['kp-row'] });
    });

    it('the revised scope: the 销售部经理 reads customers at own, as the approved revision says (the release has department)', async () => {
      expect((await read(byRole.get('sales.manager')!, 'customer.read')).scope).toBe('own');
    });

    it('all: the general manager sees everything', async () => {
      expect((await read(byRole.get('gm')!, 'prospect.read')).labels).toHaveLength(6);
    });

    it('fails closed: a role without the permission gets no rows (admin sees no business data)', async () => {
      expect(await read(byRole.get('admin')!, 'prospect.read')).toEqual({ scope: null, labels: [] });
      expect(await read(users.sp1, 'payment.record')).toEqual({ scope: null, labels: [] });
    });

    it('a filter never widens the scope', async () => {
      expect((await read(users.sp1, 'prospect.read', users.sp2.id)).labels).toEqual([]);
      expect((await read(users.ms1, 'prospect.read', users.sp4.id)).labels).toEqual([]);
      expect((await read(users.ms1, 'prospect.read', users.sp2.id)).labels).toEqual(['sp2-row']);
    });

    it('moving a report to another supervisor moves their rows out of the old team at once', async () => {
      const admin = await adminToken(t);
      const cur = await t.http().get(`/api/v1/users/${users.sp2.id}`).set('authorization', bearer(admin));
      const res = await t.http().patch(`/api/v1/users/${users.sp2.id}`).set('authorization', bearer(admin)).send({ version: cur.body.version, supervisorId: users.ms2.id });
      expect(res.status).toBe(200);
      expect((await read(users.ms1, 'prospect.read')).labels).toEqual(['ms1-row', 'ms2-row', 'sp1-row']);
      expect((await read(users.ms2, 'prospect.read')).labels).toEqual(['ms2-row', 'sp2-row', 'sp4-row']);
    });
  });
});
