import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

/** 客户拜访记录表: logging, scopes, review, read-only after review, CSV export. */
describe('visits', () => {
  let t: TestApp;
  const u: Record<string, TestUser> = {};
  let customerOfR1: string;
  let customerOfR2: string;
  let prospectOfSp1: string;

  const post = (user: TestUser, path: string, body: object) => t.http().post(`/api/v1${path}`).set('authorization', bearer(user)).send(body);
  const get = (user: TestUser, path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(user));
  const visitBody = (target: object, extra: object = {}) => ({
    ...target,
    visitedAt: '2026-11-20T10:30:00+08:00',
    method: 'in_person',
    purpose: '介绍新产品',
    summary: '客户对新产品很感兴趣，要求下周报价',
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    u.sm = await createUser(t, 'sales.manager', { admin });
    u.ss = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id });
    u.r1 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id });
    u.r2 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id });
    u.r3 = await createUser(t, 'sales.rep', { admin });
    u.clerk = await createUser(t, 'sales.clerk', { admin });
    u.sp1 = await createUser(t, 'market.specialist', { admin });
    u.mm = await createUser(t, 'market.manager', { admin });
    u.gm = await createUser(t, 'gm', { admin });
    u.admin = { id: '', username: 'admin', role: 'admin', token: admin, version: 1 };

    const mkCustomer = async (name: string, phone: string, owner: TestUser) => {
      const c = await post(u.clerk, '/customers', { name, contactName: '联系人', contactPhone: phone });
      expect(c.status).toBe(201);
      const a = await post(u.sm, `/customers/${c.body.id}/assign`, { ownerId: owner.id });
      expect(a.status).toBe(200);
      return c.body.id as string;
    };
    customerOfR1 = await mkCustomer('杭州西湖龙井茶业有限公司', '13900000001', u.r1);
    customerOfR2 = await mkCustomer('苏州园林建材有限公司', '13900000002', u.r2);
    const p = await post(u.sp1, '/prospects', { companyName: '宁波港口物流有限公司', contactName: '陈先生', contactPhone: '13900000003' });
    expect(p.status).toBe(201);
    prospectOfSp1 = p.body.id;
  });
  afterAll(() => t?.close());

  it('a rep logs a visit for their own customer; the visitor is the caller', async () => {
    const res = await post(u.r1, '/visits', visitBody({ customerId: customerOfR1 }, { location: { lat: 30.2741, lng: 120.1551, address: '杭州市西湖区' } }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      customerId: customerOfR1,
      prospectId: null,
      visitorId: u.r1.id,
      department: 'sales',
      targetName: '杭州西湖龙井茶业有限公司',
      visitedAt: '2026-11-20T02:30:00.000Z',
      location: { lat: 30.2741, lng: 120.1551, address: '杭州市西湖区' },
      reviewed: false,
      version: 1,
    });
  });

  it('a bare date is the start of that day in Beijing time', async () => {
    const res = await post(u.r1, '/visits', visitBody({ customerId: customerOfR1 }, { visitedAt: '2026-11-21', method: 'phone' }));
    expect(res.status).toBe(201);
    expect(res.body.visitedAt).toBe('2026-11-20T16:00:00.000Z');
  });

  it('refuses a customer outside the caller’s scope with 404, and changes nothing', async () => {
    const [{ n: before }] = await t.ds.query('SELECT count(*)::int AS n FROM visits');
    const res = await post(u.r1, '/visits', visitBody({ customerId: customerOfR2 }));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    const [{ n: after }] = await t.ds.query('SELECT count(*)::int AS n FROM visits');
    expect(after).toBe(before);
  });

  it('a prospect visit moves a new prospect to contacting', async () => {
    const res = await post(u.sp1, '/visits', visitBody({ prospectId: prospectOfSp1 }, { method: 'video' }));
    expect(res.status).toBe(201);
    expect(res.body.targetName).toBe('宁波港口物流有限公司');
    const p = await get(u.sp1, `/prospects/${prospectOfSp1}`);
    expect(p.body.status).toBe('contacting');
  });

  it('a later visit of the prospect keeps its status and version and moves its last activity', async () => {
    const before = (await get(u.sp1, `/prospects/${prospectOfSp1}`)).body;
    const res = await post(u.sp1, '/visits', visitBody({ prospectId: prospectOfSp1 }, { method: 'phone' }));
    expect(res.status).toBe(201);
    const after = (await get(u.sp1, `/prospects/${prospectOfSp1}`)).body;
    expect(after).toMatchObject({ status: 'contacting', version: before.version });
    expect(Date.parse(after.lastActivityAt)).toBeGreaterThan(Date.parse(before.lastActivityAt));
  });

  it('the response, the visit read back and its audit row say the same, field for field', async () => {
    const res = await post(
      u.r2,
      '/visits',
      visitBody(
        { customerId: customerOfR2 },
        {
          issues: '交期偏长',
          suggestions: '希望月结',
          nextStep: '寄样品',
          nextVisitAt: '2026-12-01T09:15:30.123+08:00',
          location: { lat: 30.274108, lng: -120.155107, address: null },
        },
      ),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ nextVisitAt: '2026-12-01T01:15:30.123Z', location: { lat: 30.274108, lng: -120.155107, address: null }, visitorName: expect.any(String) });
    expect(res.body.visitorName.length).toBeGreaterThan(0);
    const read = await get(u.r2, `/visits/${res.body.id}`);
    expect(read.body).toEqual(res.body);
    const rows = await t.ds.query(`SELECT actor_id, actor_role, action, before, after, request_id, policy_version FROM audit_log WHERE entity = 'visit' AND entity_id = $1`, [res.body.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: u.r2.id, actor_role: 'sales.rep', action: 'visit.create', before: null, request_id: res.headers['x-request-id'] });
    expect(rows[0].policy_version).toEqual(expect.any(Number));
    expect(rows[0].after).toEqual(res.body);
  });

  it('a prospect out of reach is 404 and changes nothing: no visit, no audit row, the prospect as it was', async () => {
    const count = async () => (await t.ds.query(`SELECT (SELECT count(*) FROM visits)::int AS v, (SELECT count(*) FROM audit_log WHERE entity = 'visit')::int AS a`))[0];
    const before = await count();
    const [prospect] = await t.ds.query('SELECT status, version, last_activity_at FROM prospects WHERE id = $1', [prospectOfSp1]);
    const res = await post(u.r1, '/visits', visitBody({ prospectId: prospectOfSp1 }));
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', detail: expect.stringContaining('潜在客户') });
    expect(await count()).toEqual(before);
    expect(await t.ds.query('SELECT status, version, last_activity_at FROM prospects WHERE id = $1', [prospectOfSp1])).toEqual([prospect]);
  });

  it.each([
    ['neither target', {}],
    ['both targets', { customerId: '00000000-0000-4000-8000-000000000001', prospectId: '00000000-0000-4000-8000-000000000002' }],
  ])('400 for %s', async (_name, target) => {
    const res = await post(u.r1, '/visits', visitBody(target));
    expect(res.status).toBe(400);
  });

  it.each([
    ['a timestamp without offset', { visitedAt: '2026-11-20T10:30:00' }, 'visitedAt'],
    ['an impossible date', { visitedAt: '2026-02-30' }, 'visitedAt'],
    ['a visit in the future', { visitedAt: '2099-01-01T00:00:00Z' }, 'visitedAt'],
    ['an unknown method', { method: 'carrier_pigeon' }, 'method'],
    ['a latitude out of range', { location: { lat: 91, lng: 0 } }, 'location.lat'],
    ['a nested unknown field', { location: { lat: 1, lng: 1, altitude: 5 } }, 'location.altitude'],
    ['a server-owned visitorId', { visitorId: '00000000-0000-4000-8000-000000000001' }, 'visitorId'],
    ['a server-owned department', { department: 'market' }, 'department'],
    ['a reviewed flag', { reviewedAt: '2026-11-20T10:30:00+08:00' }, 'reviewedAt'],
    ['a summary over 4000 characters', { summary: '长'.repeat(4001) }, 'summary'],
  ])('400 for %s, naming the field', async (_name, extra, field) => {
    const res = await post(u.r1, '/visits', visitBody({ customerId: customerOfR1 }, extra));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('roles without visit.create get 403', async () => {
    for (const who of [u.clerk, u.gm, u.admin]) {
      const res = await post(who, '/visits', visitBody({ customerId: customerOfR1 }));
      expect(res.status).toBe(403);
      expect(res.body.permission).toBe('visit.create');
    }
  });

  describe('scopes', () => {
    let r2Visit: string;
    let r3Visit: string;
    beforeAll(async () => {
      r2Visit = (await post(u.r2, '/visits', visitBody({ customerId: customerOfR2 }))).body.id;
      const c3 = await post(u.clerk, '/customers', { name: '无锡太湖纺织有限公司', contactName: '赵女士', contactPhone: '13900000004' });
      await post(u.sm, `/customers/${c3.body.id}/assign`, { ownerId: u.r3.id });
      r3Visit = (await post(u.r3, '/visits', visitBody({ customerId: c3.body.id }))).body.id;
    });

    const visitors = async (who: TestUser, query = '') => {
      const res = await get(who, `/visits?pageSize=100${query}`);
      expect(res.status).toBe(200);
      return new Set(res.body.items.map((v: { visitorId: string }) => v.visitorId));
    };

    it('a rep sees only their own visits; another rep’s visit is 404 by id', async () => {
      expect(await visitors(u.r1)).toEqual(new Set([u.r1.id]));
      const res = await get(u.r1, `/visits/${r2Visit}`);
      expect(res.status).toBe(404);
      expect((await visitors(u.r1, `&visitorId=${u.r2.id}`)).size).toBe(0);
    });

    it('the supervisor sees the team’s, not a rep outside the team', async () => {
      expect(await visitors(u.ss)).toEqual(new Set([u.r1.id, u.r2.id]));
      expect((await get(u.ss, `/visits/${r3Visit}`)).status).toBe(404);
    });

    it('the sales manager sees the department’s, the market manager none of them, the gm all', async () => {
      expect(await visitors(u.sm)).toEqual(new Set([u.r1.id, u.r2.id, u.r3.id]));
      expect(await visitors(u.mm)).toEqual(new Set([u.sp1.id]));
      expect(await visitors(u.gm)).toEqual(new Set([u.r1.id, u.r2.id, u.r3.id, u.sp1.id]));
      expect((await get(u.admin, '/visits')).status).toBe(403);
    });

    it('filters by customer, visitor and time window, with pagination', async () => {
      const res = await get(u.sm, `/visits?customerId=${customerOfR1}&from=2026-11-21&to=2026-11-22&pageSize=1`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 1, page: 1, pageSize: 1 });
      expect(res.body.items[0].method).toBe('phone');
      const byVisitor = await get(u.sm, `/visits?visitorId=${u.r1.id}`);
      expect(byVisitor.body.total).toBe(2);
      expect((await get(u.sm, '/visits?pageSize=101')).status).toBe(400);
      expect((await get(u.sm, '/visits?from=yesterday')).status).toBe(400);
    });

    it('?format=csv exports the same scope, with Chinese headers and a BOM', async () => {
      const res = await get(u.ss, '/visits?format=csv').buffer(true).parse((r, cb) => {
        let data = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (data += c));
        r.on('end', () => cb(null, data));
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/csv/);
      const text: string = res.body;
      expect(text.startsWith('\uFEFF拜访时间,拜访对象')).toBe(true);
      const lines = text.trim().split('\r\n');
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM visits WHERE visitor_id = ANY($1)', [[u.r1.id, u.r2.id]]);
      expect(lines).toHaveLength(n + 1);
      expect(text).toContain('杭州西湖龙井茶业有限公司');
      expect(text).not.toContain('无锡太湖纺织有限公司'); // r3 is outside the supervisor's team
      const rep = await get(u.r1, '/visits?format=csv');
      expect(rep.text).not.toContain('苏州园林建材有限公司');
    });
  });

  describe('edit and review', () => {
    let visit: { id: string; version: number };
    beforeAll(async () => {
      const res = await post(u.r1, '/visits', visitBody({ customerId: customerOfR1 }, { purpose: '回访' }));
      visit = res.body;
    });

    it('the visitor edits with version; a stale version is 409', async () => {
      const ok = await t.http().patch(`/api/v1/visits/${visit.id}`).set('authorization', bearer(u.r1)).send({ version: visit.version, nextStep: '准备报价单' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ nextStep: '准备报价单', version: visit.version + 1 });
      const stale = await t.http().patch(`/api/v1/visits/${visit.id}`).set('authorization', bearer(u.r1)).send({ version: visit.version, nextStep: '覆盖' });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      visit = ok.body;
    });

    it('null for a required field is 400, not a database error, and changes nothing', async () => {
      for (const body of [{ purpose: null }, { summary: null }, { method: null }, { visitedAt: null }]) {
        const res = await t.http().patch(`/api/v1/visits/${visit.id}`).set('authorization', bearer(u.r1)).send({ version: visit.version, ...body });
        expect(res.status).toBe(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(Object.keys(body)[0]);
      }
      const cleared = await t.http().patch(`/api/v1/visits/${visit.id}`).set('authorization', bearer(u.r1)).send({ version: visit.version, issues: null, location: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ issues: null, location: null });
      visit = cleared.body;
    });

    it('nobody else edits it: the supervisor 403 (sees it, not the visitor), another rep 404', async () => {
      const sup = await t.http().patch(`/api/v1/visits/${visit.id}`).set('authorization', bearer(u.ss)).send({ version: visit.version, nextStep: 'x' });
      expect(sup.status).toBe(403);
      const other = await t.http().patch(`/api/v1/visits/${visit.id}`).set('authorization', bearer(u.r2)).send({ version: visit.version, nextStep: 'x' });
      expect(other.status).toBe(404);
    });

    it('a rep cannot review (403); a manager of another department does not see it (404)', async () => {
      expect((await post(u.r2, `/visits/${visit.id}/review`, { comment: '好' })).status).toBe(403);
      expect((await post(u.mm, `/visits/${visit.id}/review`, { comment: '好' })).status).toBe(404);
    });

    it('the supervisor reviews once; the visit is then read-only (409) and cannot be reviewed again', async () => {
      const res = await post(u.ss, `/visits/${visit.id}/review`, { comment: '记录完整，请跟进报价' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ reviewed: true, reviewerId: u.ss.id, reviewComment: '记录完整，请跟进报价' });
      const edit = await t.http().patch(`/api/v1/visits/${visit.id}`).set('authorization', bearer(u.r1)).send({ version: res.body.version, nextStep: '改' });
      expect(edit.status).toBe(409);
      expect(edit.body.code).toBe('VISIT_REVIEWED');
      const again = await post(u.ss, `/visits/${visit.id}/review`, { comment: '再审' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('VISIT_ALREADY_REVIEWED');
      const audit = await t.ds.query(`SELECT action FROM audit_log WHERE entity = 'visit' AND entity_id = $1 ORDER BY id`, [visit.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['visit.create', 'visit.update', 'visit.update', 'visit.review']);
    });

    it('a supervisor cannot review their own visit', async () => {
      const own = await post(u.ss, '/visits', visitBody({ customerId: customerOfR1 }));
      expect(own.status).toBe(201);
      const res = await post(u.ss, `/visits/${own.body.id}/review`, { comment: '自审' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('VISIT_SELF_REVIEW');
    });

    it('the list can be filtered by reviewed', async () => {
      const res = await get(u.ss, '/visits?reviewed=true');
      expect(res.body.items.every((v: { reviewed: boolean }) => v.reviewed)).toBe(true);
      expect(res.body.total).toBe(1);
    });
  });
});
