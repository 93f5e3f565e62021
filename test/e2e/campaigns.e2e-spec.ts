import type { Response } from 'supertest';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { OpenApiDoc, responseProblems } from '../setup/openapi-schema';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

/**
 * 渠道与推广活动 (SPEC §11; MKT-5.4, MKT-5.5, KA-5.3, KA-6.2): channels and their maintenance plans,
 * campaigns from planned to finished with a written 总结, prospects attributed at registration,
 * and the evaluation computed from the records — checked figure by figure against a fixed data set
 * built through the API. Scope per role, bad input, versions and the audit trail.
 */
describe('channels and campaigns', () => {
  let t: TestApp;
  let doc: OpenApiDoc;
  const u: Record<string, TestUser> = {};

  const post = (who: TestUser, path: string, body?: object) => {
    const req = t.http().post(`/api/v1${path}`).set('authorization', bearer(who));
    return body === undefined ? req : req.send(body);
  };
  const patch = (who: TestUser, path: string, body: object) => t.http().patch(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  const get = (who: TestUser, path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(who));
  /** The response as documented in the OpenAPI document (status and body). */
  const conforms = (res: Response, status: number): Response => {
    expect({ status: res.status, body: res.status === status ? 'ok' : res.body }).toEqual({ status, body: 'ok' });
    const { method, path } = (res as Response & { req: { method: string; path: string } }).req;
    expect(responseProblems(doc, method, path, res.status, res.body)).toEqual([]);
    return res;
  };
  const problem = (res: Response, status: number, code: string) => {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    return res;
  };

  let serial = 0;
  const next = () => (serial += 1);
  const channelBody = (extra: object = {}) => ({ name: `渠道 ${next()}`, kind: 'agent', region: '华东', description: '江浙沪代理商', ...extra });
  const campaignBody = (extra: object = {}) => ({ name: `推广活动 ${next()}`, startDate: '2026-11-01', endDate: '2026-11-30', budget: '20000.00', region: '华东', targetAudience: '制造企业采购', targetProspects: 30, ...extra });
  const prospectBody = (extra: object = {}) => {
    const n = next();
    return { companyName: `渠道测试${n}号精密机械有限公司`, contactName: '王经理', contactPhone: `1377700${String(n).padStart(4, '0')}`, ...extra };
  };
  type R = Record<string, any> & { id: string; version: number; status: string };
  const channel = async (by: TestUser, extra: object = {}): Promise<R> => conforms(await post(by, '/channels', channelBody(extra)), 201).body;
  const campaign = async (by: TestUser, extra: object = {}): Promise<R> => conforms(await post(by, '/campaigns', campaignBody(extra)), 201).body;
  const step = async (who: TestUser, path: string, body?: object): Promise<R> => conforms(await post(who, path, body), 200).body;
  const register = async (who: TestUser, extra: object = {}): Promise<R> => conforms(await post(who, '/prospects', prospectBody(extra)), 201).body;
  const ids = (res: Response) => new Set<string>(res.body.items.map((x: R) => x.id));

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    doc = (await t.http().get('/api/docs-json')).body;
    u.gm = await createUser(t, 'gm', { admin });
    u.mm = await createUser(t, 'market.manager', { admin });
    u.ms = await createUser(t, 'market.supervisor', { admin, supervisorId: u.mm.id, displayName: '市场主管' });
    u.ms2 = await createUser(t, 'market.supervisor', { admin, supervisorId: u.mm.id });
    u.msp = await createUser(t, 'market.specialist', { admin, supervisorId: u.ms.id });
    u.msp2 = await createUser(t, 'market.specialist', { admin, supervisorId: u.ms2.id });
    u.km = await createUser(t, 'key_account.manager', { admin });
    u.ks = await createUser(t, 'key_account.supervisor', { admin, supervisorId: u.km.id });
    u.ks2 = await createUser(t, 'key_account.supervisor', { admin, supervisorId: u.km.id });
    u.ksp = await createUser(t, 'key_account.specialist', { admin, supervisorId: u.ks.id, displayName: '大客户专员' });
    u.ksp2 = await createUser(t, 'key_account.specialist', { admin, supervisorId: u.ks2.id });
    u.clerk = await createUser(t, 'sales.clerk', { admin });
    u.rep = await createUser(t, 'sales.rep', { admin });
  });
  afterAll(() => t?.close());

  describe('渠道 (MKT-5.4, KA-6.2)', () => {
    it('a 市场主管 opens a channel: owner, department, audit; the same name again in the department is 409', async () => {
      const c = await channel(u.ms, { name: '华东代理商联盟' });
      expect(c).toMatchObject({ name: '华东代理商联盟', kind: 'agent', region: '华东', ownerId: u.ms.id, ownerName: '市场主管', department: 'market', status: 'active', deactivatedAt: null, openPlans: 0, prospectCount: 0, version: 1 });
      const audit = await t.ds.query(`SELECT action, actor_id, after->>'name' AS name FROM audit_log WHERE entity = 'channel' AND entity_id = $1`, [c.id]);
      expect(audit).toEqual([{ action: 'channel.create', actor_id: u.ms.id, name: '华东代理商联盟' }]);
      const dup = problem(await post(u.ms2, '/channels', channelBody({ name: '华东代理商联盟' })), 409, 'CHANNEL_NAME_TAKEN');
      expect(dup.body.errors[0].field).toBe('name');
      // whatever the letter case
      await channel(u.ms, { name: 'Expo Partners' });
      problem(await post(u.ms2, '/channels', channelBody({ name: 'EXPO partners' })), 409, 'CHANNEL_NAME_TAKEN');
      // another department may use the name
      await channel(u.ksp, { name: '华东代理商联盟' });
    });

    it('who may open one: the 市场主管 and the 大客户主管/专员; not a 专员 of 市场开拓部, nor the 经理 (403 naming channel.manage)', async () => {
      for (const who of [u.msp, u.mm, u.km, u.gm, u.rep]) {
        const res = problem(await post(who, '/channels', channelBody()), 403, 'PERMISSION_DENIED');
        expect(res.body.permission).toBe('channel.manage');
      }
    });

    it('bad input is 400 and creates nothing', async () => {
      const before = (await t.ds.query('SELECT count(*)::int AS n FROM channels'))[0].n;
      for (const bad of [{ kind: 'tv' }, { name: '  ' }, { name: 'x'.repeat(101) }, { description: 'x'.repeat(2001) }, { status: 'inactive' }, { ownerId: u.ms2.id }, { department: 'sales' }, { version: 3 }]) {
        problem(await post(u.ms, '/channels', channelBody(bad)), 400, 'VALIDATION_FAILED');
      }
      problem(await get(u.ms, '/channels/not-a-uuid'), 400, 'VALIDATION_FAILED');
      problem(await get(u.ms, '/channels?kind=tv'), 400, 'VALIDATION_FAILED');
      problem(await get(u.ms, '/channels?sort=ownerName'), 400, 'VALIDATION_FAILED');
      expect((await t.ds.query('SELECT count(*)::int AS n FROM channels'))[0].n).toBe(before);
    });

    it('scope: department readers see the department’s channels; managers by scope — own (专员), team (大客户主管), department (市场主管)', async () => {
      const mine = await channel(u.ksp, { kind: 'distributor' });
      const theirs = await channel(u.ksp2);
      const market = await channel(u.ms2, { kind: 'exhibition' });
      // read: department (and the 总经理 all)
      expect(ids(await get(u.msp, '/channels?pageSize=100')).has(market.id)).toBe(true);
      expect(ids(await get(u.msp, '/channels?pageSize=100')).has(mine.id)).toBe(false);
      const ka = ids(await get(u.ksp2, '/channels?pageSize=100'));
      expect(ka.has(mine.id) && ka.has(theirs.id) && !ka.has(market.id)).toBe(true);
      const all = ids(await get(u.gm, '/channels?pageSize=100'));
      expect([mine, theirs, market].every((c) => all.has(c.id))).toBe(true);
      problem(await get(u.km, `/channels/${market.id}`), 404, 'NOT_FOUND');
      conforms(await get(u.mm, `/channels/${market.id}`), 200);
      // manage: the specialist his own only; the supervisor his team; the market supervisor the department
      problem(await patch(u.ksp2, `/channels/${mine.id}`, { version: 1, region: '华南' }), 404, 'NOT_FOUND');
      problem(await patch(u.ks2, `/channels/${mine.id}`, { version: 1, region: '华南' }), 404, 'NOT_FOUND');
      expect((await patch(u.ks, `/channels/${mine.id}`, { version: 1, region: '华南' })).body).toMatchObject({ region: '华南', version: 2 });
      expect((await patch(u.ms, `/channels/${market.id}`, { version: 1, description: null })).body).toMatchObject({ description: null, version: 2 });
      problem(await patch(u.ms, `/channels/${mine.id}`, { version: 2, region: '西北' }), 404, 'NOT_FOUND');
      // filters
      expect(ids(await get(u.gm, `/channels?kind=distributor&ownerId=${u.ksp.id}&pageSize=100`))).toEqual(new Set([mine.id]));
      expect(ids(await get(u.gm, `/channels?q=${encodeURIComponent('100%_')}`)).size).toBe(0);
    });

    it('PATCH needs the version read (stale 409); stop and start again (409 when already so); audited', async () => {
      const c = await channel(u.ms);
      problem(await patch(u.ms, `/channels/${c.id}`, { version: 2, name: '新名字' }), 409, 'STALE_VERSION');
      problem(await patch(u.ms, `/channels/${c.id}`, { name: '没有版本' }), 400, 'VALIDATION_FAILED');
      problem(await patch(u.ms, `/channels/${c.id}`, { version: 1, status: 'inactive' }), 400, 'VALIDATION_FAILED');
      const off = await step(u.ms, `/channels/${c.id}/deactivate`);
      expect(off).toMatchObject({ status: 'inactive', deactivatedAt: expect.any(String), version: 2 });
      const again = problem(await post(u.ms, `/channels/${c.id}/deactivate`), 409, 'CHANNEL_INVALID_TRANSITION');
      expect(again.body).toMatchObject({ currentStatus: 'inactive', action: 'deactivate' });
      problem(await post(u.ms, `/channels/${c.id}/activate`, { reason: 'x' }), 400, 'BODY_NOT_ACCEPTED');
      expect(await step(u.ms, `/channels/${c.id}/activate`)).toMatchObject({ status: 'active', deactivatedAt: null, version: 3 });
      const audit = await t.ds.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [c.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['channel.create', 'channel.deactivate', 'channel.activate']);
    });

    it('渠道维护方案: planned → done with the result, or cancelled; edited with its version while planned; none for a stopped channel', async () => {
      const c = await channel(u.ms);
      const plan = conforms(await post(u.ms, `/channels/${c.id}/plans`, { title: '第四季度走访', periodFrom: '2026-10-01', periodTo: '2026-12-31', actions: '每月走访一次' }), 201).body;
      expect(plan).toMatchObject({ channelId: c.id, status: 'planned', result: null, createdBy: u.ms.id, createdByName: '市场主管', version: 1, periodFrom: '2026-10-01', periodTo: '2026-12-31' });
      const order = problem(await post(u.ms, `/channels/${c.id}/plans`, { title: '倒序', periodFrom: '2026-12-01', periodTo: '2026-11-30', actions: 'x' }), 400, 'VALIDATION_FAILED');
      expect(order.body.errors[0].field).toBe('periodTo');
      problem(await patch(u.ms, `/channels/${c.id}/plans/${plan.id}`, { version: 1, periodTo: '2026-09-01' }), 400, 'VALIDATION_FAILED');
      problem(await patch(u.ms, `/channels/${c.id}/plans/${plan.id}`, { version: 2, title: '旧版本' }), 409, 'STALE_VERSION');
      const edited = conforms(await patch(u.ms2, `/channels/${c.id}/plans/${plan.id}`, { version: 1, actions: '每月走访一次；十一月培训' }), 200).body;
      expect(edited).toMatchObject({ actions: '每月走访一次；十一月培训', version: 2 });
      expect((await get(u.ms, `/channels/${c.id}`)).body.openPlans).toBe(1);
      problem(await post(u.ms, `/channels/${c.id}/plans/${plan.id}/complete`, {}), 400, 'VALIDATION_FAILED');
      problem(await post(u.ms, `/channels/${c.id}/plans/${plan.id}/complete`, { result: '   ' }), 400, 'VALIDATION_FAILED');
      const done = await step(u.ms, `/channels/${c.id}/plans/${plan.id}/complete`, { result: '走访 12 家，培训 30 人次' });
      expect(done).toMatchObject({ status: 'done', result: '走访 12 家，培训 30 人次', completedBy: u.ms.id, completedAt: expect.any(String), version: 3 });
      problem(await post(u.ms, `/channels/${c.id}/plans/${plan.id}/complete`, { result: '再来一次' }), 409, 'CHANNEL_PLAN_INVALID_TRANSITION');
      problem(await patch(u.ms, `/channels/${c.id}/plans/${plan.id}`, { version: 3, title: '完成后修改' }), 409, 'CHANNEL_PLAN_INVALID_TRANSITION');
      const other = (await post(u.ms, `/channels/${c.id}/plans`, { title: '展会', periodFrom: '2026-11-01', periodTo: '2026-11-02', actions: '布展' })).body;
      expect(await step(u.ms, `/channels/${c.id}/plans/${other.id}/cancel`, { reason: '展会取消' })).toMatchObject({ status: 'cancelled', cancelReason: '展会取消' });
      // a plan is found under its own channel only; a reader lists them, filtered by status
      const elsewhere = await channel(u.ms);
      problem(await post(u.ms, `/channels/${elsewhere.id}/plans/${plan.id}/cancel`, {}), 404, 'NOT_FOUND');
      const listed = conforms(await get(u.msp, `/channels/${c.id}/plans?status=done`), 200).body;
      expect(listed.items.map((p: R) => p.id)).toEqual([plan.id]);
      problem(await get(u.ksp, `/channels/${c.id}/plans`), 404, 'NOT_FOUND');
      problem(await post(u.msp, `/channels/${c.id}/plans`, { title: 'x', periodFrom: '2026-11-01', periodTo: '2026-11-02', actions: 'x' }), 403, 'PERMISSION_DENIED');
      await step(u.ms, `/channels/${c.id}/deactivate`);
      problem(await post(u.ms, `/channels/${c.id}/plans`, { title: '停用后', periodFrom: '2026-12-01', periodTo: '2026-12-02', actions: 'x' }), 409, 'CHANNEL_INACTIVE');
      const audit = await t.ds.query(`SELECT action FROM audit_log WHERE entity = 'channel_plan' AND entity_id = $1 ORDER BY id`, [plan.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['channel_plan.create', 'channel_plan.update', 'channel_plan.complete']);
    });
  });

  describe('推广活动 (MKT-5.5, KA-5.3)', () => {
    it('planned → running → finished with the 总结 (and the final cost); cancelled only before the finish', async () => {
      const ch = await channel(u.ms);
      const c = await campaign(u.ms, { channelId: ch.id, budget: '50000' });
      expect(c).toMatchObject({ status: 'planned', channelId: ch.id, channelName: ch.name, budget: '50000.00', actualCost: null, ownerId: u.ms.id, department: 'market', conclusion: null, prospectCount: 0, targetProspects: 30, version: 1 });
      problem(await post(u.ms, `/campaigns/${c.id}/finish`, { conclusion: '还没开始' }), 409, 'CAMPAIGN_INVALID_TRANSITION');
      const running = await step(u.ms, `/campaigns/${c.id}/start`);
      expect(running).toMatchObject({ status: 'running', startedAt: expect.any(String), version: 2 });
      problem(await post(u.ms, `/campaigns/${c.id}/start`), 409, 'CAMPAIGN_INVALID_TRANSITION');
      problem(await post(u.ms, `/campaigns/${c.id}/finish`, {}), 400, 'VALIDATION_FAILED');
      problem(await post(u.ms, `/campaigns/${c.id}/finish`, { conclusion: '总结', actualCost: '1.001' }), 400, 'VALIDATION_FAILED');
      const done = await step(u.ms, `/campaigns/${c.id}/finish`, { conclusion: '接待 60 家，登记 25 家；下次提前邀约', actualCost: '48000.5' });
      expect(done).toMatchObject({ status: 'finished', conclusion: '接待 60 家，登记 25 家；下次提前邀约', actualCost: '48000.50', finishedAt: expect.any(String) });
      problem(await post(u.ms, `/campaigns/${c.id}/cancel`, { reason: '太晚了' }), 409, 'CAMPAIGN_INVALID_TRANSITION');
      problem(await patch(u.ms, `/campaigns/${c.id}`, { version: done.version, name: '结束后修改' }), 409, 'CAMPAIGN_INVALID_TRANSITION');
      const audit = await t.ds.query(`SELECT action, before->>'status' AS "from", after->>'status' AS "to" FROM audit_log WHERE entity = 'campaign' AND entity_id = $1 ORDER BY id`, [c.id]);
      expect(audit).toEqual([
        { action: 'campaign.create', from: null, to: 'planned' },
        { action: 'campaign.start', from: 'planned', to: 'running' },
        { action: 'campaign.finish', from: 'running', to: 'finished' },
      ]);

      const x = await campaign(u.ms);
      problem(await post(u.ms, `/campaigns/${x.id}/cancel`, {}), 400, 'VALIDATION_FAILED');
      expect(await step(u.ms, `/campaigns/${x.id}/cancel`, { reason: '展会延期' })).toMatchObject({ status: 'cancelled', cancelReason: '展会延期', cancelledAt: expect.any(String) });
      problem(await post(u.ms, `/campaigns/${x.id}/start`), 409, 'CAMPAIGN_INVALID_TRANSITION');
      const y = await campaign(u.ks);
      await step(u.ks, `/campaigns/${y.id}/start`);
      expect((await step(u.ks, `/campaigns/${y.id}/cancel`, { reason: '客户需求变化' })).status).toBe('cancelled');
    });

    it('PATCH with the version read: the fields, the period in order, null clears; stale 409', async () => {
      const c = await campaign(u.ms, { actualCost: '100.00' });
      const res = conforms(await patch(u.ms2, `/campaigns/${c.id}`, { version: 1, name: '改名', budget: '30000', endDate: '2026-12-15', actualCost: null, targetProspects: null, region: null }), 200).body;
      expect(res).toMatchObject({ name: '改名', budget: '30000.00', endDate: '2026-12-15', actualCost: null, targetProspects: null, region: null, version: 2 });
      problem(await patch(u.ms, `/campaigns/${c.id}`, { version: 1, name: '旧版本' }), 409, 'STALE_VERSION');
      const order = problem(await patch(u.ms, `/campaigns/${c.id}`, { version: 2, startDate: '2026-12-16' }), 400, 'VALIDATION_FAILED');
      expect(order.body.errors[0].field).toBe('endDate');
      problem(await patch(u.ms, `/campaigns/${c.id}`, { version: 2, budget: null }), 400, 'VALIDATION_FAILED');
      expect((await get(u.ms, `/campaigns/${c.id}`)).body.version).toBe(2);
    });

    it('bad input is 400 and creates nothing: money as floats or with three decimals, dates, server-owned fields, a typed conclusion', async () => {
      const before = (await t.ds.query('SELECT count(*)::int AS n FROM campaigns'))[0].n;
      const bad = [
        { budget: 20000 },
        { budget: '1.001' },
        { budget: '-5.00' },
        { budget: '1000000000000.00' },
        { actualCost: 12.5 },
        { startDate: '2026-02-30' },
        { endDate: '2026-10-31' },
        { targetProspects: -1 },
        { targetProspects: 1.5 },
        { channelId: 'abc' },
        { status: 'running' },
        { ownerId: u.ms2.id },
        { department: 'sales' },
        { conclusion: '预先写好的总结' },
        { prospects: 100 },
        { conversionRate: '1.0000' },
      ];
      for (const b of bad) {
        const res = problem(await post(u.ms, '/campaigns', campaignBody(b)), 400, 'VALIDATION_FAILED');
        expect(res.body.errors.length).toBeGreaterThan(0);
      }
      expect((await t.ds.query('SELECT count(*)::int AS n FROM campaigns'))[0].n).toBe(before);
      problem(await get(u.ms, '/campaigns?status=open'), 400, 'VALIDATION_FAILED');
      problem(await get(u.ms, '/campaigns?periodFrom=2026-13-01'), 400, 'VALIDATION_FAILED');
      problem(await get(u.ms, '/campaigns?pageSize=101'), 400, 'VALIDATION_FAILED');
    });

    it('a campaign’s channel must be one the planner reads and in use (422)', async () => {
      const ka = await channel(u.ksp);
      const res = problem(await post(u.ms, '/campaigns', campaignBody({ channelId: ka.id })), 422, 'CAMPAIGN_CHANNEL_UNAVAILABLE');
      expect(res.body.errors[0].field).toBe('channelId');
      const off = await channel(u.ms);
      await step(u.ms, `/channels/${off.id}/deactivate`);
      problem(await post(u.ms, '/campaigns', campaignBody({ channelId: off.id })), 422, 'CAMPAIGN_CHANNEL_UNAVAILABLE');
      const c = await campaign(u.ms);
      problem(await patch(u.ms, `/campaigns/${c.id}`, { version: 1, channelId: off.id }), 422, 'CAMPAIGN_CHANNEL_UNAVAILABLE');
    });

    it('scope: the department plans and reads; other departments see nothing; specialists read but do not plan', async () => {
      const m = await campaign(u.ms, { name: '范围：市场部活动' });
      const k = await campaign(u.ks, { name: '范围：大客户部活动' });
      expect(ids(await get(u.msp, '/campaigns?pageSize=100')).has(m.id)).toBe(true);
      expect(ids(await get(u.msp, '/campaigns?pageSize=100')).has(k.id)).toBe(false);
      expect(ids(await get(u.km, '/campaigns?pageSize=100')).has(k.id)).toBe(true);
      const all = ids(await get(u.gm, '/campaigns?pageSize=100'));
      expect(all.has(m.id) && all.has(k.id)).toBe(true);
      problem(await get(u.km, `/campaigns/${m.id}`), 404, 'NOT_FOUND');
      problem(await get(u.km, `/campaigns/${m.id}/evaluation`), 404, 'NOT_FOUND');
      problem(await post(u.ks, `/campaigns/${m.id}/start`), 404, 'NOT_FOUND');
      problem(await post(u.msp, `/campaigns/${m.id}/start`), 403, 'PERMISSION_DENIED');
      problem(await get(u.rep, '/campaigns'), 403, 'PERMISSION_DENIED');
      // the other 市场主管 of the department may run it (department scope)
      expect((await step(u.ms2, `/campaigns/${m.id}/start`)).status).toBe('running');
      // filters: status, period overlap, owner, q
      expect(ids(await get(u.gm, `/campaigns?status=running&ownerId=${u.ms.id}&q=${encodeURIComponent('范围')}`))).toEqual(new Set([m.id]));
      const late = await campaign(u.ms, { startDate: '2027-03-01', endDate: '2027-03-31', name: '范围：明年' });
      expect(ids(await get(u.ms, `/campaigns?periodFrom=2027-03-31&periodTo=2027-04-30&pageSize=100`))).toEqual(new Set([late.id]));
      expect(ids(await get(u.ms, `/campaigns?periodFrom=2026-11-30&periodTo=2026-11-30&pageSize=100`)).has(late.id)).toBe(false);
      const sorted = (await get(u.ms, '/campaigns?sort=-startDate&pageSize=100')).body.items.map((c: R) => c.startDate);
      expect(sorted).toEqual([...sorted].sort().reverse());
    });
  });

  describe('登记来源: prospects attributed at registration', () => {
    let ch: R;
    let c: R;
    beforeAll(async () => {
      ch = await channel(u.ms, { name: '来源：转介绍网络', kind: 'referral' });
      c = await campaign(u.ms, { channelId: ch.id, name: '来源：秋季展会' });
    });

    it('with a campaign: attributed to it and to its channel; a channel given is kept; the list filters by both; audited', async () => {
      const p = await register(u.msp, { campaignId: c.id });
      expect(p).toMatchObject({ campaignId: c.id, channelId: ch.id, ownerId: u.msp.id });
      const other = await channel(u.ms, { kind: 'online' });
      const q = await register(u.msp2, { campaignId: c.id, channelId: other.id });
      expect(q).toMatchObject({ campaignId: c.id, channelId: other.id });
      const r = await register(u.msp, { channelId: ch.id });
      expect(r).toMatchObject({ campaignId: null, channelId: ch.id });
      expect(ids(await get(u.mm, `/prospects?campaignId=${c.id}&pageSize=100`))).toEqual(new Set([p.id, q.id]));
      expect(ids(await get(u.mm, `/prospects?channelId=${ch.id}&pageSize=100`))).toEqual(new Set([p.id, r.id]));
      // a filter never widens the scope: the supervisor sees his team's, the specialist his own only
      expect(ids(await get(u.ms, `/prospects?campaignId=${c.id}&pageSize=100`))).toEqual(new Set([p.id]));
      expect(ids(await get(u.msp2, `/prospects?campaignId=${c.id}&pageSize=100`))).toEqual(new Set([q.id]));
      expect((await get(u.msp, `/prospects/${p.id}`)).body).toMatchObject({ campaignId: c.id, channelId: ch.id });
      const [audit] = await t.ds.query(`SELECT after->>'campaignId' AS campaign, after->>'channelId' AS channel FROM audit_log WHERE entity_id = $1 AND action = 'prospect.create'`, [p.id]);
      expect(audit).toEqual({ campaign: c.id, channel: ch.id });
      expect((await get(u.ms, `/campaigns/${c.id}`)).body.prospectCount).toBe(2);
      problem(await get(u.ms, '/prospects?campaignId=abc'), 400, 'VALIDATION_FAILED');
      // attribution is set at registration only
      problem(await patch(u.msp, `/prospects/${r.id}`, { version: r.version, campaignId: c.id }), 400, 'VALIDATION_FAILED');
    });

    it('one the registrant cannot read, no such one, a closed campaign, a stopped channel: 422 with a clear code, nothing registered', async () => {
      const before = (await t.ds.query('SELECT count(*)::int AS n FROM prospects'))[0].n;
      const outside = problem(await post(u.ksp, '/prospects', prospectBody({ campaignId: c.id })), 422, 'ATTRIBUTION_CAMPAIGN_UNAVAILABLE');
      expect(outside.body.errors[0].field).toBe('campaignId');
      problem(await post(u.msp, '/prospects', prospectBody({ campaignId: '3f1c2b7e-8a4d-4c6b-9e2f-0a1b2c3d4e5f' })), 422, 'ATTRIBUTION_CAMPAIGN_UNAVAILABLE');
      problem(await post(u.ksp, '/prospects', prospectBody({ channelId: ch.id })), 422, 'ATTRIBUTION_CHANNEL_UNAVAILABLE');
      const closed = await campaign(u.ms);
      await step(u.ms, `/campaigns/${closed.id}/cancel`, { reason: '取消' });
      const res = problem(await post(u.msp, '/prospects', prospectBody({ campaignId: closed.id })), 422, 'ATTRIBUTION_CAMPAIGN_CLOSED');
      expect(res.body.detail).toContain('已取消');
      const finished = await campaign(u.ms);
      await step(u.ms, `/campaigns/${finished.id}/start`);
      await step(u.ms, `/campaigns/${finished.id}/finish`, { conclusion: '结束' });
      problem(await post(u.msp, '/prospects', prospectBody({ campaignId: finished.id })), 422, 'ATTRIBUTION_CAMPAIGN_CLOSED');
      const off = await channel(u.ms);
      await step(u.ms, `/channels/${off.id}/deactivate`);
      problem(await post(u.msp, '/prospects', prospectBody({ channelId: off.id })), 422, 'ATTRIBUTION_CHANNEL_INACTIVE');
      problem(await post(u.msp, '/prospects', prospectBody({ campaignId: 'not-a-uuid' })), 400, 'VALIDATION_FAILED');
      problem(await post(u.msp, '/prospects', prospectBody({ campaignId: null })), 400, 'VALIDATION_FAILED');
      expect((await t.ds.query('SELECT count(*)::int AS n FROM prospects'))[0].n).toBe(before);
    });
  });

  describe('the evaluation (总结与评估): computed from the records', () => {
    it('campaign figures checked against a fixed data set', async () => {
      const ch = await channel(u.ms, { name: '评估：华东展会渠道', kind: 'exhibition' });
      const c = await campaign(u.ms, { channelId: ch.id, name: '评估：华东工业展', budget: '20000.00' });
      await step(u.ms, `/campaigns/${c.id}/start`);
      // 5 prospects attributed (by two specialists), one more through the channel alone, one not attributed at all
      const ps = [await register(u.msp, { campaignId: c.id }), await register(u.msp, { campaignId: c.id }), await register(u.msp2, { campaignId: c.id }), await register(u.msp, { campaignId: c.id }), await register(u.msp2, { campaignId: c.id })];
      await register(u.msp, { channelId: ch.id });
      await register(u.msp);
      // 2 of them converted by their supervisors (评估 pass, then 选择合作对象)
      const customers: string[] = [];
      for (const [p, sup] of [[ps[0], u.ms], [ps[2], u.ms2]] as const) {
        expect((await post(sup, `/prospects/${p.id}/evaluations`, { capitalVerified: true, score: 85, conclusion: 'pass', notes: '验资通过' })).status).toBe(201);
        customers.push((await post(sup, `/prospects/${p.id}/convert`)).body.id);
      }
      // contracts: A signed 100 000.00 (30 000.00 collected), A signed 50 000.00 then terminated, A draft 30 000.00, B submitted 20 000.00
      const contract = async (by: TestUser, customerId: string, amount: string) =>
        (await post(by, '/contracts', { customerId, title: `评估合同 ${amount}`, amount, startDate: '2026-11-01', endDate: '2027-10-31', paymentPlan: [{ dueDate: '2027-06-30', amount }] })).body.id as string;
      const signed = async (by: TestUser, customerId: string, amount: string) => {
        const id = await contract(by, customerId, amount);
        expect((await post(by, `/contracts/${id}/submit`)).status).toBe(200);
        expect((await post(u.mm, `/contracts/${id}/approve`, { comment: '同意' })).status).toBe(200);
        expect((await post(by, `/contracts/${id}/sign`, { signedAt: '2026-11-20' })).status).toBe(200);
        return id;
      };
      const k1 = await signed(u.ms, customers[0], '100000.00');
      const k2 = await signed(u.ms, customers[0], '50000.00');
      expect((await post(u.mm, `/contracts/${k2}/terminate`, { reason: '客户变更需求' })).status).toBe(200);
      await contract(u.ms, customers[0], '30000.00');
      const k4 = await contract(u.ms2, customers[1], '20000.00');
      expect((await post(u.ms2, `/contracts/${k4}/submit`)).status).toBe(200);
      expect((await post(u.clerk, '/payments', { contractId: k1, amount: '30000.00', receivedAt: '2026-11-25', method: 'bank_transfer' })).status).toBe(201);
      const ran = (await get(u.ms, `/campaigns/${c.id}`)).body;
      await patch(u.ms, `/campaigns/${c.id}`, { version: ran.version, actualCost: '12000.00' });

      const expected = {
        prospects: 5,
        converted: 2,
        conversionRate: '0.4000',
        contracts: 2,
        contractAmount: '150000.00',
        paymentsCollected: '30000.00',
        budget: '20000.00',
        actualCost: '12000.00',
        costPerProspect: '2400.00',
        costPerConverted: '6000.00',
        budgetUsedRate: '0.6000',
      };
      const ev = conforms(await get(u.ms, `/campaigns/${c.id}/evaluation`), 200).body;
      expect(ev).toEqual({ ...expected, computedAt: expect.any(String) });
      // a campaign-level aggregate: the specialist who owns one of them, the manager and the 总经理 see the same figures
      for (const who of [u.msp, u.mm, u.gm]) expect((await get(who, `/campaigns/${c.id}/evaluation`)).body).toMatchObject(expected);
      // the channel: the 5 through the campaign and the one registered through the channel itself; the campaign's budget and cost
      const chEv = conforms(await get(u.msp, `/channels/${ch.id}/evaluation`), 200).body;
      expect(chEv).toEqual({ ...expected, prospects: 6, conversionRate: '0.3333', costPerProspect: '2000.00', campaigns: 1, computedAt: expect.any(String) });
      // a reversal counts (as in the report); a prospect handed to someone else still counts
      const [pay] = await t.ds.query(`SELECT id FROM payments WHERE contract_id = $1`, [k1]);
      expect((await post(u.clerk, `/payments/${pay.id}/reverse`, { reason: '重复登记' })).status).toBe(201);
      expect((await post(u.mm, `/prospects/${ps[1].id}/assign`, { ownerId: u.msp2.id })).status).toBe(200);
      expect((await get(u.ms, `/campaigns/${c.id}/evaluation`)).body).toMatchObject({ ...expected, paymentsCollected: '0.00' });
      // finished: the figures stay computed, never stored
      await step(u.ms, `/campaigns/${c.id}/finish`, { conclusion: '登记 5 家，转化 2 家' });
      expect((await get(u.gm, `/campaigns/${c.id}/evaluation`)).body).toMatchObject({ prospects: 5, contracts: 2 });
    });

    it('nothing yet to divide by: the rates and costs per head are null, never a made-up zero', async () => {
      const c = await campaign(u.ks, { budget: '0.00' });
      expect(conforms(await get(u.ksp, `/campaigns/${c.id}/evaluation`), 200).body).toEqual({
        prospects: 0,
        converted: 0,
        conversionRate: null,
        contracts: 0,
        contractAmount: '0.00',
        paymentsCollected: '0.00',
        budget: '0.00',
        actualCost: null,
        costPerProspect: null,
        costPerConverted: null,
        budgetUsedRate: null,
        computedAt: expect.any(String),
      });
      const ch = await channel(u.ksp);
      expect((await get(u.ksp, `/channels/${ch.id}/evaluation`)).body).toMatchObject({ campaigns: 0, budget: null, actualCost: null, prospects: 0, conversionRate: null });
    });
  });

  it('every foreign key of channels, channel_plans, campaigns and the attribution columns leads an index (SPEC §9)', async () => {
    const fks = await t.ds.query(
      `SELECT c.conrelid::regclass::text AS tbl, a.attname AS col,
              EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]) AS indexed
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'f' AND (c.conrelid::regclass::text IN ('channels', 'channel_plans', 'campaigns') OR (c.conrelid::regclass::text = 'prospects' AND a.attname IN ('campaign_id', 'channel_id')))
       ORDER BY 1, 2`,
    );
    expect(fks.length).toBe(10);
    expect(fks.filter((f: { indexed: boolean }) => !f.indexed)).toEqual([]);
  });
});
