import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { ROLES } from '../../src/access/roles';
import type { RoleCode } from '../../src/access/roles';
import { AuditService } from '../../src/audit/audit.service';
import type { SystemActor } from '../../src/audit/audit.service';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, TestUser, USER_PASSWORD } from '../setup/users';
import type { AuditRow } from '../setup/http';

const AUDIT = '/api/v1/audit';
const ENTRY_FIELDS = ['action', 'actorId', 'actorName', 'actorRole', 'after', 'at', 'before', 'entity', 'entityId', 'id', 'policyVersion', 'requestId'];

interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  requestId: string | null;
}

describe('audit log: written with every change, append-only, readable by gm and admin (SPEC §5, §9)', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  const staff = {} as Record<Exclude<RoleCode, 'admin'>, TestUser>;
  /** a user created through HTTP in beforeAll, then renamed: its two audit rows are read below */
  let subject: { id: string; createRequestId: string; updateRequestId: string };

  const name = (prefix: string) => `${prefix}_${randomBytes(4).toString('hex')}`;
  const rowsFor = (entityId: string, action?: string): Promise<AuditRow[]> =>
    action
      ? t.ds.query('SELECT * FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY id', [entityId, action])
      : t.ds.query('SELECT * FROM audit_log WHERE entity_id = $1 ORDER BY id', [entityId]);
  const readAudit = (query: string, token: string) => t.http().get(`${AUDIT}?${query}`).set('authorization', bearer(token));
  const ids = (res: Response): string[] => res.body.items.map((e: AuditEntry) => e.id);
  const expectProblem = (res: Response, status: number, code: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    adminId = (await t.http().get('/api/v1/auth/me').set('authorization', bearer(admin))).body.user.id;
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      staff[role as Exclude<RoleCode, 'admin'>] = await createUser(t, role, { admin });
    }
    const created = await t
      .http()
      .post('/api/v1/users')
      .set('authorization', bearer(admin))
      .send({ username: name('audited'), displayName: '审计对象', role: 'sales.rep', password: USER_PASSWORD });
    expect(created.status).toBe(201);
    const updated = await t
      .http()
      .patch(`/api/v1/users/${created.body.id}`)
      .set('authorization', bearer(admin))
      .send({ version: created.body.version, displayName: '改名后的审计对象' });
    expect(updated.status).toBe(200);
    subject = { id: created.body.id, createRequestId: created.headers['x-request-id'], updateRequestId: updated.headers['x-request-id'] };
  });
  afterAll(() => t?.close());

  describe('rows written by changes', () => {
    it('a create through HTTP writes actor, action, entity, id, after and the request id of the response', async () => {
      expect(subject.createRequestId).toMatch(/^[0-9a-f-]{36}$/);
      const rows = await rowsFor(subject.id, 'user.create');
      expect(rows).toHaveLength(1);
      const row = rows[0];
      expect(row).toMatchObject({
        actor_id: adminId,
        actor_role: 'admin',
        action: 'user.create',
        entity: 'user',
        entity_id: subject.id,
        before: null,
        request_id: subject.createRequestId,
      });
      expect(row.after).toMatchObject({ id: subject.id, displayName: '审计对象', role: 'sales.rep' });
      expect(row.at).toBeInstanceOf(Date);
      expect(Date.now() - row.at.getTime()).toBeLessThan(10 * 60_000);
      expect(row.ip).toEqual(expect.any(String));
    });

    it('an update writes before and after, with its own request id', async () => {
      expect(subject.updateRequestId).not.toBe(subject.createRequestId);
      const rows = await rowsFor(subject.id, 'user.update');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor_id: adminId, entity: 'user', request_id: subject.updateRequestId });
      expect(rows[0].before).toMatchObject({ displayName: '审计对象', version: 1 });
      expect(rows[0].after).toMatchObject({ displayName: '改名后的审计对象', version: 2 });
    });

    it('a refused change (stale version, invalid body) writes no change row', async () => {
      const before = (await rowsFor(subject.id)).length;
      const stale = await t.http().patch(`/api/v1/users/${subject.id}`).set('authorization', bearer(admin)).send({ version: 1, displayName: '过期' });
      expect(stale.status).toBe(409);
      const invalid = await t.http().patch(`/api/v1/users/${subject.id}`).set('authorization', bearer(admin)).send({ version: 2, department: 'market' });
      expect(invalid.status).toBe(400);
      expect((await rowsFor(subject.id)).length).toBe(before);
    });
  });

  describe('an audit row shares the transaction of the change it records', () => {
    const system = (requestId: string): SystemActor => ({ id: null, role: 'system', requestId, ip: null });
    const insertUser = async (m: { query: (sql: string, params?: unknown[]) => Promise<unknown> }, username: string): Promise<string> => {
      const rows = (await m.query(
        `INSERT INTO users (username, display_name, role, department, password_hash)
         VALUES ($1, '事务测试', 'sales.rep', 'sales', 'not-a-real-hash') RETURNING id`,
        [username],
      )) as { id: string }[];
      return rows[0].id;
    };

    it('a rolled-back change leaves neither the change nor its audit row', async () => {
      const username = name('rolledback');
      let userId: string | null = null;
      let seenInside = -1;
      await expect(
        t.ds.transaction(async (m) => {
          userId = await insertUser(m, username);
          await t.app.get(AuditService).record(m, system('rollback-test'), {
            action: 'user.create',
            entity: 'user',
            entityId: userId,
            after: { username },
          });
          // the row was written, inside this transaction
          seenInside = (await m.query(`SELECT count(*)::int AS n FROM audit_log WHERE request_id = 'rollback-test'`))[0].n;
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      expect(seenInside).toBe(1);
      expect(userId).toEqual(expect.any(String));
      expect(await t.ds.query('SELECT 1 FROM users WHERE username = $1', [username])).toHaveLength(0);
      expect(await t.ds.query(`SELECT 1 FROM audit_log WHERE request_id = 'rollback-test'`)).toHaveLength(0);
      expect(await rowsFor(userId!)).toHaveLength(0);
    });

    it('the same change committed leaves both', async () => {
      const username = name('committed');
      const userId = await t.ds.transaction(async (m) => {
        const id = await insertUser(m, username);
        await t.app.get(AuditService).record(m, system('commit-test'), { action: 'user.create', entity: 'user', entityId: id, after: { username } });
        return id;
      });
      expect(await t.ds.query('SELECT 1 FROM users WHERE id = $1', [userId])).toHaveLength(1);
      const rows: AuditRow[] = await t.ds.query(`SELECT * FROM audit_log WHERE request_id = 'commit-test'`);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor_id: null, actor_role: 'system', entity: 'user', entity_id: userId, after: { username } });
    });

    it('secrets passed in before/after are dropped from the row', async () => {
      const requestId = 'redact-test';
      await t.ds.transaction((m) =>
        t.app.get(AuditService).record(m, system(requestId), {
          action: 'user.update',
          entity: 'user',
          entityId: subject.id,
          before: { displayName: '甲', passwordHash: '$argon2id$v=19$abc' },
          after: { displayName: '乙', password: 'Plain-text-secret-1', password_hash: '$argon2id$v=19$def' },
        }),
      );
      const [row]: AuditRow[] = await t.ds.query('SELECT * FROM audit_log WHERE request_id = $1', [requestId]);
      expect(row.before).toEqual({ displayName: '甲' });
      expect(row.after).toEqual({ displayName: '乙' });
    });
  });

  describe('append-only', () => {
    const snapshot = async () =>
      (await t.ds.query(`SELECT count(*)::int AS n, md5(string_agg(a::text, '|' ORDER BY a.id)) AS h FROM audit_log a`))[0] as { n: number; h: string };

    it.each([
      ['UPDATE of one row', `UPDATE audit_log SET action = 'tampered' WHERE id = (SELECT min(id) FROM audit_log)`],
      ['UPDATE of every row', `UPDATE audit_log SET after = NULL, before = NULL`],
      ['DELETE of one row', `DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)`],
      ['DELETE of every row', `DELETE FROM audit_log`],
      ['TRUNCATE', `TRUNCATE audit_log`],
    ])('%s is refused by the database and changes nothing', async (_label, sql) => {
      const before = await snapshot();
      expect(before.n).toBeGreaterThan(10);
      await expect(t.ds.query(sql)).rejects.toThrow(/append-only/);
      expect(await snapshot()).toEqual(before);
    });

    it('there is no HTTP route that writes or deletes audit rows', async () => {
      const before = await snapshot();
      for (const method of ['post', 'put', 'patch', 'delete'] as const) {
        const res = await t.http()[method](AUDIT).set('authorization', bearer(admin)).send({});
        expect([404, 405]).toContain(res.status);
      }
      const one = (await t.ds.query('SELECT id FROM audit_log ORDER BY id LIMIT 1'))[0].id;
      expect([404, 405]).toContain((await t.http().delete(`${AUDIT}/${one}`).set('authorization', bearer(admin))).status);
      const after = await snapshot();
      // no route matched: nothing was written, nothing was removed
      expect(after).toEqual(before);
    });
  });

  describe('GET /audit', () => {
    it.each(['gm', 'admin'])('%s reads a paginated, newest-first list', async (who) => {
      const token = who === 'gm' ? staff.gm.token : admin;
      const res = await readAudit('pageSize=5', token);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ page: 1, pageSize: 5, total: expect.any(Number) });
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM audit_log');
      expect(res.body.total).toBe(n);
      expect(res.body.items).toHaveLength(5);
      for (const item of res.body.items) expect(Object.keys(item).sort()).toEqual(ENTRY_FIELDS);
      const times = res.body.items.map((e: AuditEntry) => Date.parse(e.at));
      expect([...times].sort((a, b) => b - a)).toEqual(times);

      const page2 = await readAudit('pageSize=5&page=2', token);
      expect(page2.body).toMatchObject({ page: 2, pageSize: 5, total: res.body.total });
      expect(ids(page2).some((id) => ids(res).includes(id))).toBe(false);
    });

    it('filters by entity and entityId', async () => {
      const res = await readAudit(`entity=user&entityId=${subject.id}`, admin);
      expect(res.status).toBe(200);
      const expected: { id: string }[] = await t.ds.query(`SELECT id::text AS id FROM audit_log WHERE entity = 'user' AND entity_id = $1`, [subject.id]);
      expect(ids(res).sort()).toEqual(expected.map((r) => r.id).sort());
      expect(res.body.items.map((e: AuditEntry) => e.action)).toEqual(expect.arrayContaining(['user.create', 'user.update']));
      expect(res.body.items.every((e: AuditEntry) => e.entity === 'user' && e.entityId === subject.id)).toBe(true);
      expect((await readAudit(`entity=contract&entityId=${subject.id}`, admin)).body.total).toBe(0);
    });

    it('filters by actorId and action', async () => {
      const byActor = await readAudit(`actorId=${adminId}&pageSize=100`, staff.gm.token);
      expect(byActor.status).toBe(200);
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM audit_log WHERE actor_id = $1', [adminId]);
      expect(byActor.body.total).toBe(n);
      expect(byActor.body.items.every((e: AuditEntry) => e.actorId === adminId)).toBe(true);

      const byAction = await readAudit(`action=user.create&actorId=${adminId}&pageSize=100`, admin);
      expect(byAction.body.items.every((e: AuditEntry) => e.action === 'user.create' && e.actorId === adminId)).toBe(true);
      expect(byAction.body.items.map((e: AuditEntry) => e.entityId)).toEqual(expect.arrayContaining([subject.id, staff.gm.id]));
      const [{ m }] = await t.ds.query(`SELECT count(*)::int AS m FROM audit_log WHERE action = 'user.create' AND actor_id = $1`, [adminId]);
      expect(byAction.body.total).toBe(m);
    });

    it("names each row's actor (the user's current name; null for the system), with the same number of rows", async () => {
      const byAdmin = await readAudit(`actorId=${adminId}&pageSize=100`, staff.gm.token);
      expect(byAdmin.body.items.length).toBeGreaterThan(0);
      expect(new Set(byAdmin.body.items.map((e: AuditEntry) => e.actorName))).toEqual(new Set(['系统管理员']));
      const byRep = await readAudit(`actorId=${staff['sales.rep'].id}&pageSize=100`, admin);
      const [{ displayName }] = await t.ds.query('SELECT display_name AS "displayName" FROM users WHERE id = $1', [staff['sales.rep'].id]);
      expect(byRep.body.items.length).toBeGreaterThan(0);
      expect(byRep.body.items.every((e: AuditEntry) => e.actorName === displayName)).toBe(true);
      const bootstrap = await readAudit('action=user.bootstrap-admin', admin);
      expect(bootstrap.body.items).toEqual([expect.objectContaining({ actorId: null, actorRole: 'system', actorName: null })]);
      // the join adds a name, never a row: the total is the table's count
      const all = await readAudit('pageSize=100', admin);
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM audit_log');
      expect(all.body.total).toBe(n);
      expect(all.body.items).toHaveLength(Math.min(n, 100));
    });

    it('filters by time: from is inclusive, to is exclusive', async () => {
      const [row] = await rowsFor(subject.id, 'user.create');
      const at = row.at.getTime(); // millisecond precision, at or just below the stored microseconds
      const iso = (ms: number) => new Date(ms).toISOString();
      const q = (from: number, to: number) => readAudit(`entityId=${subject.id}&action=user.create&from=${iso(from)}&to=${iso(to)}`, admin);
      expect(ids(await q(at, at + 1))).toEqual([row.id]);
      expect(ids(await q(at - 60_000, at + 60_000))).toEqual([row.id]);
      expect((await q(at + 1, at + 60_000)).body.total).toBe(0);
      expect((await q(at - 60_000, at - 1)).body.total).toBe(0);
      const onlyFrom = await readAudit(`from=${iso(at + 1)}&entityId=${subject.id}`, admin);
      expect(onlyFrom.body.items.map((e: AuditEntry) => e.action)).not.toContain('user.create');
      expect(onlyFrom.body.items.map((e: AuditEntry) => e.action)).toContain('user.update');
      const day = await readAudit(`from=2000-01-01&to=2000-01-02`, admin);
      expect(day.status).toBe(200);
      expect(day.body.total).toBe(0);
    });

    it.each([
      ['actorId=not-a-uuid', 'actorId'],
      ['from=yesterday', 'from'],
      ['to=2024-13-45', 'to'],
      ['pageSize=101', 'pageSize'],
      ['sort=action', 'sort'],
      ['secret=1', 'secret'],
    ])('?%s is 400 naming %s', async (query, field) => {
      const res = await readAudit(query, admin);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it.each(ROLES.filter((r) => r !== 'admin' && r !== 'gm'))('%s gets 403 naming audit.read', async (role) => {
      const res = await readAudit('', staff[role as Exclude<RoleCode, 'admin'>].token);
      expectProblem(res, 403, 'PERMISSION_DENIED');
      expect(res.body.permission).toBe('audit.read');
      expect(res.body.grantedTo.map((g: { role: string }) => g.role).sort()).toEqual(['admin', 'gm']);
      expect(res.body.items).toBeUndefined();
    });

    it('is 401 without a token', async () => {
      const res = await t.http().get(AUDIT);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('authorisation denials are logged', () => {
    it('sales.rep on GET /users writes access.denied for user.manage, with the request id', async () => {
      const rep = staff['sales.rep'];
      const res = await t.http().get('/api/v1/users?page=1').set('authorization', bearer(rep));
      expectProblem(res, 403, 'PERMISSION_DENIED');
      const requestId = res.headers['x-request-id'];
      const rows: AuditRow[] = await t.ds.query('SELECT * FROM audit_log WHERE request_id = $1', [requestId]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor_id: rep.id,
        actor_role: 'sales.rep',
        action: 'access.denied',
        entity_id: 'user.manage',
        after: { method: 'GET', url: '/api/v1/users?page=1' },
      });

      const seen = await readAudit(`action=access.denied&actorId=${rep.id}`, staff.gm.token);
      expect(seen.status).toBe(200);
      expect(seen.body.items.map((e: AuditEntry) => e.requestId)).toContain(requestId);
    });

    it('each denied attempt is its own row (a write attempt too), and nothing else is written for it', async () => {
      const clerk = staff['sales.clerk'];
      const before: { n: number }[] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor_id = $1 AND action = 'access.denied'`, [clerk.id]);
      const users: { n: number }[] = await t.ds.query('SELECT count(*)::int AS n FROM users');
      const res = await t.http().post('/api/v1/users').set('authorization', bearer(clerk)).send({ username: name('denied'), displayName: '拒绝', role: 'gm', password: USER_PASSWORD });
      expect(res.status).toBe(403);
      const audit = await t.http().get(AUDIT).set('authorization', bearer(clerk));
      expect(audit.status).toBe(403);
      const rows: AuditRow[] = await t.ds.query(`SELECT * FROM audit_log WHERE actor_id = $1 AND action = 'access.denied' ORDER BY id`, [clerk.id]);
      expect(rows.length - before[0].n).toBe(2);
      expect(rows.slice(-2).map((r) => [r.entity_id, r.after?.method])).toEqual([
        ['user.manage', 'POST'],
        ['audit.read', 'GET'],
      ]);
      expect((await t.ds.query('SELECT count(*)::int AS n FROM users'))[0].n).toBe(users[0].n);
    });
  });
});
