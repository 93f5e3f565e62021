import type { Response } from 'supertest';
import { businessDate } from '../../src/common/time';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { OpenApiDoc, responseProblems } from '../setup/openapi-schema';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

/**
 * 市场信息库 (MKT-5.6, MKT-6.1, SAL-6.2, SAL-7.5, SAL-8.3, KA-5.2, KA-6.5) and 市场调查报告 (MKT-5.2,
 * MKT-4.5, KA-5.5, KA-4.4): entries read across the department and kept up to date by its curators,
 * search that works for Chinese, the stale check, and reports submitted to the 经理, returned with
 * a comment, submitted again and accepted — with the scopes, the versions, the tasks and the audit.
 */
describe('market information and research reports', () => {
  let t: TestApp;
  let admin: string;
  let doc: OpenApiDoc;
  const u: Record<string, TestUser> = {};

  const post = (who: TestUser | string, path: string, body?: object) => {
    const req = t.http().post(`/api/v1${path}`).set('authorization', bearer(who));
    return body === undefined ? req : req.send(body);
  };
  const patch = (who: TestUser | string, path: string, body: object) => t.http().patch(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  const get = (who: TestUser | string, path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(who));
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

  type E = Record<string, any> & { id: string; version: number };
  let serial = 0;
  const entry = async (who: TestUser, extra: object = {}): Promise<E> =>
    conforms(await post(who, '/market-info', { category: 'competitor', title: `竞品动态 ${(serial += 1)}`, body: '竞品在华东区降价。', region: '华东', ...extra }), 201).body;
  const titles = async (who: TestUser, query: string) => {
    const res = conforms(await get(who, `/market-info?pageSize=100&${query}`), 200);
    return res.body.items.map((e: E) => e.title).sort();
  };
  const ids = async (who: TestUser, path: string) => new Set<string>(conforms(await get(who, path), 200).body.items.map((e: E) => e.id));

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    doc = (await t.http().get('/api/docs-json')).body;
    u.gm = await createUser(t, 'gm', { admin });
    u.mm = await createUser(t, 'market.manager', { admin, displayName: '市场经理' });
    u.ms = await createUser(t, 'market.supervisor', { admin, supervisorId: u.mm.id, displayName: '市场主管' });
    u.ms2 = await createUser(t, 'market.supervisor', { admin, supervisorId: u.mm.id });
    u.msp = await createUser(t, 'market.specialist', { admin, supervisorId: u.ms.id, displayName: '市场专员' });
    u.msp2 = await createUser(t, 'market.specialist', { admin, supervisorId: u.ms2.id });
    u.sm = await createUser(t, 'sales.manager', { admin });
    u.ss = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id });
    u.rep = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id });
    u.asst = await createUser(t, 'sales.assistant', { admin, supervisorId: u.sm.id });
    u.km = await createUser(t, 'key_account.manager', { admin });
    u.ks = await createUser(t, 'key_account.supervisor', { admin, supervisorId: u.km.id });
  });
  afterAll(() => t?.close());

  describe('entries: registered, read by department, linked to a readable customer', () => {
    let customer: string;
    beforeAll(async () => {
      const clerk = await createUser(t, 'sales.clerk', { admin });
      customer = (await post(clerk, '/customers', { name: '苏州工业园区精密制造有限公司', contactName: '周经理', contactPhone: '13900000011' })).body.id;
      await t.ds.query(`UPDATE customers SET owner_id = $2, department = 'market' WHERE id = $1`, [customer, u.msp.id]);
    });

    it('a specialist registers an entry: the writer owns it in their department, active, not stale, version 1, audited', async () => {
      const e = await entry(u.msp, { category: 'price', title: '华东区中端型号降价 8%', industry: '电子制造', source: '经销商座谈会', customerId: customer });
      expect(e).toMatchObject({ category: 'price', ownerId: u.msp.id, ownerName: '市场专员', department: 'market', status: 'active', stale: false, staleSince: null, version: 1, customerId: customer, customerName: '苏州工业园区精密制造有限公司' });
      const [audit] = await t.ds.query(`SELECT action, actor_id FROM audit_log WHERE entity = 'market_info' AND entity_id = $1`, [e.id]);
      expect(audit).toEqual({ action: 'market-info.create', actor_id: u.msp.id });
      // a colleague reads it, but not the name of a customer outside their own customer scope
      expect(conforms(await get(u.msp2, `/market-info/${e.id}`), 200).body).toMatchObject({ customerId: customer, customerName: null });
      expect(conforms(await get(u.mm, `/market-info/${e.id}`), 200).body.customerName).toBe('苏州工业园区精密制造有限公司');
    });

    it('a customer the writer may not read is the same 404 as on its own route; a bad id is 400', async () => {
      problem(await post(u.msp2, '/market-info', { category: 'price', title: '无权客户', body: '正文', customerId: customer }), 404, 'NOT_FOUND');
      problem(await post(u.msp, '/market-info', { category: 'price', title: '坏 id', body: '正文', customerId: 'not-a-uuid' }), 400, 'VALIDATION_FAILED');
    });

    it.each([
      ['no category', { title: 'x', body: 'y' }, 'category'],
      ['an unknown category', { category: 'gossip', title: 'x', body: 'y' }, 'category'],
      ['an empty title', { category: 'price', title: '  ', body: 'y' }, 'title'],
      ['a title of 201 characters', { category: 'price', title: '长'.repeat(201), body: 'y' }, 'title'],
      ['a server-owned owner', { category: 'price', title: 'x', body: 'y', ownerId: '3f1c2b7e-8a4d-4c6b-9e2f-0a1b2c3d4e5f' }, 'ownerId'],
      ['a server-owned stale flag', { category: 'price', title: 'x', body: 'y', staleSince: '2020-01-01T00:00:00Z' }, 'staleSince'],
    ])('%s is 400 naming the field, and nothing is written', async (_, body, field) => {
      const [{ n: before }] = await t.ds.query(`SELECT count(*)::int AS n FROM market_info`);
      const res = problem(await post(u.msp, '/market-info', body), 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect((await t.ds.query(`SELECT count(*)::int AS n FROM market_info`))[0].n).toBe(before);
    });

    it('reads by department: colleagues, supervisors, the 经理 and the 总经理; not another department, and a filter never widens it', async () => {
      const e = await entry(u.msp);
      for (const who of [u.msp, u.msp2, u.ms, u.ms2, u.mm, u.gm]) conforms(await get(who, `/market-info/${e.id}`), 200);
      for (const who of [u.rep, u.sm, u.km]) problem(await get(who, `/market-info/${e.id}`), 404, 'NOT_FOUND');
      expect((await ids(u.msp2, '/market-info?pageSize=100')).has(e.id)).toBe(true);
      expect((await ids(u.rep, `/market-info?ownerId=${u.msp.id}`)).size).toBe(0);
      problem(await get(admin, '/market-info'), 403, 'PERMISSION_DENIED');
    });

    it('lists by category, region, industry, customer, owner and status; bad filters are 400', async () => {
      const e = await entry(u.ks, { category: 'terminal_sales', title: '西南终端销量', region: '西南', industry: '医疗器械' });
      expect(await titles(u.km, 'category=terminal_sales&region=西南&industry=医疗器械')).toEqual(['西南终端销量']);
      expect(await titles(u.km, `ownerId=${u.ks.id}&status=active&stale=false`)).toEqual(['西南终端销量']);
      expect(await titles(u.km, 'status=archived')).toEqual([]);
      expect((await ids(u.mm, `/market-info?customerId=${customer}`)).size).toBe(1);
      expect(conforms(await get(u.km, `/market-info/${e.id}`), 200).body.region).toBe('西南');
      for (const q of ['category=gossip', 'stale=yes', 'status=deleted', 'pageSize=101', 'sort=-body', 'customerId=x', `region=${'长'.repeat(51)}`]) {
        problem(await get(u.km, `/market-info?${q}`), 400, 'VALIDATION_FAILED');
      }
    });
  });

  describe('search (q): Chinese substrings on Postgres and PGlite alike', () => {
    beforeAll(async () => {
      await entry(u.asst, { title: '华为P50手机降价', body: '十一月起经销商让利。', source: '门店走访' });
      await entry(u.asst, { category: 'policy', title: '以旧换新补贴政策', body: '华东地区补贴 100% 到位', source: '商务局通知' });
      await entry(u.asst, { category: 'lead_source', title: '展会客源名单', body: '客户 1000 家，华东为主', source: '上海工博会' });
      await entry(u.asst, { category: 'customer_opinion', title: 'a_b 型号反馈', body: '客户希望延长保修。', source: null, region: null });
    });
    const search = (q: string) => titles(u.sm, `q=${encodeURIComponent(q)}`);

    it('finds a Chinese word inside the title, the body or the source', async () => {
      expect(await search('降价')).toEqual(['华为P50手机降价']);
      expect(await search('让利')).toEqual(['华为P50手机降价']);
      expect(await search('工博会')).toEqual(['展会客源名单']);
    });

    it('a word spanning Chinese and ASCII in a mixed title matches, in any letter case', async () => {
      expect(await search('为P50手')).toEqual(['华为P50手机降价']);
      expect(await search('华为p50')).toEqual(['华为P50手机降价']);
    });

    it('several words separated by spaces (the ideographic space too) must all match, in any field', async () => {
      expect(await search('华东 补贴')).toEqual(['以旧换新补贴政策']);
      expect(await search('华东\u3000客户')).toEqual(['展会客源名单']);
      expect(await search('华东')).toEqual(['以旧换新补贴政策', '展会客源名单']);
      expect(await search('华东 降价')).toEqual([]);
    });

    it('wildcard characters are literal', async () => {
      expect(await search('100%')).toEqual(['以旧换新补贴政策']);
      expect(await search('%')).toEqual(['以旧换新补贴政策']);
      expect(await search('a_b')).toEqual(['a_b 型号反馈']);
      expect(await search('_')).toEqual(['a_b 型号反馈']);
      expect(await search('\\')).toEqual([]);
    });

    it('combines with the filters and never leaves the scope; too many words or a blank search is 400', async () => {
      expect(await titles(u.sm, `q=${encodeURIComponent('华东')}&category=policy`)).toEqual(['以旧换新补贴政策']);
      expect(await titles(u.mm, `q=${encodeURIComponent('降价')}`)).not.toContain('华为P50手机降价');
      const res = problem(await get(u.sm, `/market-info?q=${encodeURIComponent('一 二 三 四 五 六 七 八 九')}`), 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'q', message: expect.stringContaining('8') }]);
      problem(await get(u.sm, '/market-info?q=%20%20'), 400, 'VALIDATION_FAILED');
      problem(await get(u.sm, `/market-info?q=${'长'.repeat(101)}`), 400, 'VALIDATION_FAILED');
    });
  });

  describe('keeping the library up to date: edits, versions, confirm, archive, restore', () => {
    it('the writer edits their own entry with the version read; a stale version is 409 and changes nothing', async () => {
      const e = await entry(u.msp);
      const v2 = conforms(await patch(u.msp, `/market-info/${e.id}`, { version: 1, title: '竞品降价（已核实）', region: null }), 200).body;
      expect(v2).toMatchObject({ version: 2, title: '竞品降价（已核实）', region: null, body: e.body });
      problem(await patch(u.msp, `/market-info/${e.id}`, { version: 1, title: '旧版本' }), 409, 'STALE_VERSION');
      expect(conforms(await get(u.msp, `/market-info/${e.id}`), 200).body).toMatchObject({ version: 2, title: '竞品降价（已核实）' });
      problem(await patch(u.msp, `/market-info/${e.id}`, { title: '无版本' }), 400, 'VALIDATION_FAILED');
      problem(await patch(u.msp, `/market-info/${e.id}`, { version: 2, status: 'archived' }), 400, 'VALIDATION_FAILED');
    });

    it('a colleague writer is 404; a curator of the department edits (the 主管, the 经理 too); a mere reader is 403; another department 404', async () => {
      const e = await entry(u.msp);
      problem(await patch(u.msp2, `/market-info/${e.id}`, { version: 1, title: '同事改' }), 404, 'NOT_FOUND');
      conforms(await patch(u.ms2, `/market-info/${e.id}`, { version: 1, body: '主管补充' }), 200);
      conforms(await patch(u.mm, `/market-info/${e.id}`, { version: 2, category: 'channel' }), 200);
      const denied = problem(await patch(u.ss, `/market-info/${(await entry(u.rep)).id}`, { version: 1, title: '主管改' }), 403, 'PERMISSION_DENIED');
      expect(denied.body.permission).toBe('marketinfo.write');
      problem(await patch(u.asst, `/market-info/${e.id}`, { version: 3, title: '助理改' }), 404, 'NOT_FOUND');
      const mine = await entry(u.rep);
      expect(conforms(await patch(u.asst, `/market-info/${mine.id}`, { version: 1, source: '助理整理' }), 200).body.source).toBe('助理整理');
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'market_info' AND entity_id = $1 AND action = 'market-info.update'`, [e.id]);
      expect(n).toBe(2);
    });

    it('curators confirm, archive and restore; an archived entry is read-only; a writer who does not curate is 403', async () => {
      const e = await entry(u.msp);
      problem(await post(u.msp, `/market-info/${e.id}/confirm`), 403, 'PERMISSION_DENIED');
      problem(await post(u.km, `/market-info/${e.id}/confirm`), 404, 'NOT_FOUND');
      const confirmed = conforms(await post(u.ms, `/market-info/${e.id}/confirm`), 200).body;
      expect(confirmed).toMatchObject({ version: 2, reviewedBy: u.ms.id, reviewedByName: '市场主管', reviewedAt: expect.any(String), stale: false });
      const archived = conforms(await post(u.mm, `/market-info/${e.id}/archive`), 200).body;
      expect(archived).toMatchObject({ status: 'archived', archivedAt: expect.any(String), version: 3 });
      problem(await patch(u.msp, `/market-info/${e.id}`, { version: 3, title: '归档后修改' }), 409, 'MARKET_INFO_INVALID_TRANSITION');
      problem(await post(u.ms, `/market-info/${e.id}/confirm`), 409, 'MARKET_INFO_INVALID_TRANSITION');
      problem(await post(u.ms, `/market-info/${e.id}/archive`), 409, 'MARKET_INFO_INVALID_TRANSITION');
      expect((await ids(u.msp, '/market-info?status=archived&pageSize=100')).has(e.id)).toBe(true);
      expect(conforms(await post(u.ms, `/market-info/${e.id}/restore`), 200).body).toMatchObject({ status: 'active', archivedAt: null, version: 4 });
      problem(await post(u.ms, `/market-info/${e.id}/restore`), 409, 'MARKET_INFO_INVALID_TRANSITION');
      problem(await post(u.ms, `/market-info/${e.id}/confirm`, { note: '附言' }), 400, 'BODY_NOT_ACCEPTED');
      const actions = await t.ds.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [e.id]);
      expect(actions.map((a: { action: string }) => a.action)).toEqual(['market-info.create', 'market-info.confirm', 'market-info.archive', 'market-info.restore']);
    });
  });

  describe('job market-info.stale-check', () => {
    const JOB = 'market-info.stale-check';
    const today = () => businessDate(new Date(), 'Asia/Shanghai');
    const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const run = (asOf: string) => post(admin, `/jobs/${JOB}/run`, { asOf });
    const age = (id: string, days: number, reviewedDays: number | null = null) =>
      t.ds.query(`UPDATE market_info SET updated_at = now() - make_interval(days => $2), reviewed_at = CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(days => $3::int) END WHERE id = $1`, [id, days, reviewedDays]);
    const tasksOf = async (id: string) =>
      (await t.ds.query(`SELECT assignee_id, kind, status FROM tasks WHERE entity = 'market-info' AND entity_id = $1 ORDER BY assignee_id`, [id])) as { assignee_id: string; kind: string; status: string }[];
    let old: E, oldButConfirmed: E, recent: E, archived: E, other: E;

    beforeAll(async () => {
      old = await entry(u.msp, { title: '两百天前的渠道信息' });
      oldButConfirmed = await entry(u.msp, { title: '旧而已确认' });
      recent = await entry(u.msp, { title: '一百天前的价格' });
      archived = await entry(u.msp, { title: '已归档的旧信息' });
      other = await entry(u.ks, { title: '大客户部的旧信息' });
      await post(u.ms, `/market-info/${archived.id}/archive`);
      await age(old.id, 200);
      await age(oldButConfirmed.id, 300, 10);
      await age(recent.id, 100);
      await age(archived.id, 400);
      await age(other.id, 181);
    });

    it('is listed with its schedule and threshold', async () => {
      const res = await get(admin, '/jobs');
      expect(res.body.items.find((j: { name: string }) => j.name === JOB)).toMatchObject({ schedule: '30 6 * * *', description: expect.stringContaining('180 天') });
    });

    it('flags active entries neither updated nor confirmed for 180 days, and gives each curator of the department a task', async () => {
      const res = await run(today());
      expect(res.body).toMatchObject({ job: JOB, status: 'succeeded', summary: { flagged: 2, curatorTasks: 5, staleDays: 180 } });
      const stale = await ids(u.mm, '/market-info?stale=true&pageSize=100');
      expect(stale).toEqual(new Set([old.id]));
      expect(conforms(await get(u.msp, `/market-info/${old.id}`), 200).body).toMatchObject({ stale: true, staleSince: expect.any(String), version: 2 });
      for (const e of [oldButConfirmed, recent, archived]) expect((await get(u.msp, `/market-info/${e.id}`)).body.stale).toBe(false);
      // the 市场开拓部's curators: two 主管 and the 经理; the 大客户部's: its 主管 and 经理
      expect((await tasksOf(old.id)).map((x) => `${x.kind}@${x.assignee_id}:${x.status}`).sort()).toEqual([u.mm, u.ms, u.ms2].map((x) => `market-info.stale@${x.id}:open`).sort());
      expect((await tasksOf(other.id)).map((x) => x.assignee_id).sort()).toEqual([u.km.id, u.ks.id].sort());
      const [task] = await t.ds.query(`SELECT title FROM tasks WHERE entity_id = $1 LIMIT 1`, [old.id]);
      expect(task.title).toMatch(/^市场信息已 200 天未更新或确认，请核实（登记人 市场专员）：两百天前的渠道信息$/);
    });

    it('a second run adds nothing; a done task is not given again while the entry stays stale', async () => {
      expect((await run(today())).body).toMatchObject({ status: 'skipped', reason: 'already_ran' });
      await t.ds.query(`UPDATE tasks SET status = 'done', done_at = now() WHERE entity_id = $1 AND assignee_id = $2`, [other.id, u.km.id]);
      expect((await run(addDays(today(), 1))).body).toMatchObject({ status: 'succeeded', summary: { flagged: 0, curatorTasks: 0 } });
      expect((await tasksOf(other.id)).map((x) => x.status).sort()).toEqual(['done', 'open']);
    });

    it('a confirmation or an update clears the flag and closes the tasks; run again, nothing is flagged', async () => {
      const confirmed = conforms(await post(u.ms, `/market-info/${old.id}/confirm`), 200).body;
      expect(confirmed).toMatchObject({ stale: false, staleSince: null, reviewedBy: u.ms.id });
      expect((await tasksOf(old.id)).map((x) => x.status)).toEqual(['done', 'done', 'done']);
      const edited = conforms(await patch(u.ks, `/market-info/${other.id}`, { version: 2, body: '已更新的数据' }), 200).body;
      expect(edited).toMatchObject({ stale: false, version: 3 });
      expect((await tasksOf(other.id)).every((x) => x.status === 'done')).toBe(true);
      expect((await run(addDays(today(), 2))).body.summary).toMatchObject({ flagged: 0, curatorTasks: 0 });
    });
  });

  describe('research reports: written, submitted to the 经理, returned with a comment, submitted again, accepted', () => {
    let info: E;
    let salesInfo: E;
    const report = async (who: TestUser, extra: object = {}): Promise<E> =>
      conforms(await post(who, '/research-reports', { title: `华东价格调查 ${(serial += 1)}`, topic: '竞品降价对经销商的影响', region: '华东', body: '走访十家经销商。', ...extra }), 201).body;
    const step = async (who: TestUser, id: string, action: string, body?: object): Promise<E> => conforms(await post(who, `/research-reports/${id}/${action}`, body), 200).body;
    const openTasks = async (id: string) =>
      ((await t.ds.query(`SELECT assignee_id, kind FROM tasks WHERE entity = 'research-report' AND entity_id = $1 AND status = 'open' ORDER BY kind`, [id])) as { assignee_id: string; kind: string }[]).map(
        (x) => `${x.kind}@${x.assignee_id}`,
      );

    beforeAll(async () => {
      info = await entry(u.msp, { title: '调查依据：竞品降价' });
      salesInfo = await entry(u.rep, { title: '销售部的信息' });
    });

    it('the whole round: draft → incomplete refused → submitted (task for the 经理) → returned with a comment → edited → submitted → accepted', async () => {
      const r = await report(u.ms, { entryIds: [info.id] });
      expect(r).toMatchObject({ status: 'draft', ownerId: u.ms.id, department: 'market', version: 1, entryIds: [info.id], entryCount: 1, submissionRound: 0 });
      expect(r.entries).toEqual([{ id: info.id, category: 'competitor', title: '调查依据：竞品降价', status: 'active', stale: false }]);
      const incomplete = problem(await post(u.ms, `/research-reports/${r.id}/submit`), 422, 'RESEARCH_REPORT_INCOMPLETE');
      expect(incomplete.body.errors).toEqual([{ field: 'conclusions', message: '请填写结论与建议' }]);
      const v2 = conforms(await patch(u.ms, `/research-reports/${r.id}`, { version: 1, conclusions: '建议中端型号跟进降价 5%' }), 200).body;
      problem(await patch(u.ms, `/research-reports/${r.id}`, { version: 1, title: '旧版本' }), 409, 'STALE_VERSION');
      const submitted = await step(u.ms, r.id, 'submit');
      expect(submitted).toMatchObject({ status: 'submitted', submissionRound: 1, submittedAt: expect.any(String), version: v2.version + 1 });
      expect(await openTasks(r.id)).toEqual([`research-report.review@${u.mm.id}`]);
      problem(await patch(u.ms, `/research-reports/${r.id}`, { version: submitted.version, title: '提交后修改' }), 409, 'RESEARCH_REPORT_INVALID_TRANSITION');

      problem(await post(u.mm, `/research-reports/${r.id}/return`, {}), 400, 'VALIDATION_FAILED');
      problem(await post(u.km, `/research-reports/${r.id}/return`, { comment: '他部门' }), 404, 'NOT_FOUND');
      problem(await post(u.ms, `/research-reports/${r.id}/accept`, {}), 403, 'PERMISSION_DENIED');
      const returned = await step(u.mm, r.id, 'return', { comment: '请补充宁波地区经销商的数据' });
      expect(returned).toMatchObject({ status: 'returned', returnCount: 1, decidedBy: u.mm.id, decidedByName: '市场经理', decisionComment: '请补充宁波地区经销商的数据' });
      expect(await openTasks(r.id)).toEqual([`research-report.returned@${u.ms.id}`]);

      const edited = conforms(await patch(u.ms, `/research-reports/${r.id}`, { version: returned.version, body: '走访十家经销商，含宁波三家。' }), 200).body;
      const again = await step(u.ms, r.id, 'submit');
      expect(again).toMatchObject({ status: 'submitted', submissionRound: 2, decisionComment: null, version: edited.version + 1 });
      expect(await openTasks(r.id)).toEqual([`research-report.review@${u.mm.id}`]);
      const accepted = await step(u.mm, r.id, 'accept', { comment: '可作为定价参考' });
      expect(accepted).toMatchObject({ status: 'accepted', decisionComment: '可作为定价参考', returnCount: 1 });
      expect(await openTasks(r.id)).toEqual([]);
      problem(await post(u.mm, `/research-reports/${r.id}/accept`, {}), 409, 'RESEARCH_REPORT_INVALID_TRANSITION');
      problem(await post(u.mm, `/research-reports/${r.id}/return`, { comment: '再退' }), 409, 'RESEARCH_REPORT_INVALID_TRANSITION');
      expect(accepted.history.map((h: { action: string }) => h.action)).toEqual(['create', 'edit', 'submit', 'return', 'edit', 'submit', 'accept']);
      expect(accepted.history[3]).toMatchObject({ actorId: u.mm.id, comment: '请补充宁波地区经销商的数据', fromStatus: 'submitted', toStatus: 'returned' });
      // the history names only what an edit changed
      expect([accepted.history[1].comment, accepted.history[4].comment]).toEqual(['修改了结论与建议', '修改了正文']);
      const audit = await t.ds.query(`SELECT action FROM audit_log WHERE entity = 'research_report' AND entity_id = $1 ORDER BY id`, [r.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'research-report.create',
        'research-report.update',
        'research-report.submit',
        'research-report.return',
        'research-report.update',
        'research-report.submit',
        'research-report.accept',
      ]);
    });

    it('linked entries must be readable by the writer; duplicates and too many are 400; bad input 4xx', async () => {
      problem(await post(u.ms, '/research-reports', { title: '跨部门', topic: '主题', entryIds: [salesInfo.id] }), 404, 'NOT_FOUND');
      problem(await post(u.ms, '/research-reports', { title: '重复', topic: '主题', entryIds: [info.id, info.id] }), 400, 'VALIDATION_FAILED');
      problem(await post(u.ms, '/research-reports', { title: '重复', topic: '主题', entryIds: [info.id, info.id.toUpperCase()] }), 400, 'VALIDATION_FAILED');
      const many = Array.from({ length: 21 }, (_, i) => `3f1c2b7e-8a4d-4c6b-9e2f-${String(i).padStart(12, '0')}`);
      problem(await post(u.ms, '/research-reports', { title: '太多', topic: '主题', entryIds: many }), 400, 'VALIDATION_FAILED');
      problem(await post(u.ms, '/research-reports', { title: '无主题' }), 400, 'VALIDATION_FAILED');
      problem(await post(u.ms, '/research-reports', { title: '状态', topic: '主题', status: 'accepted' }), 400, 'VALIDATION_FAILED');
      problem(await post(u.msp, '/research-reports/not-a-uuid/submit'), 400, 'VALIDATION_FAILED');
      problem(await post(u.rep, '/research-reports', { title: '业务员', topic: '主题' }), 403, 'PERMISSION_DENIED');
      const r = await report(u.ms);
      const relinked = conforms(await patch(u.ms, `/research-reports/${r.id}`, { version: 1, entryIds: [info.id] }), 200).body;
      expect(relinked).toMatchObject({ entryIds: [info.id], entryCount: 1 });
      expect(conforms(await patch(u.ms, `/research-reports/${r.id}`, { version: 2, entryIds: [] }), 200).body.entryIds).toEqual([]);
    });

    it('scopes: the writer (own), the 主管 (team), the 经理 (department), the 总经理; a colleague and another department 404', async () => {
      const r = await report(u.msp, { conclusions: '结论' });
      for (const who of [u.msp, u.ms, u.mm, u.gm]) conforms(await get(who, `/research-reports/${r.id}`), 200);
      for (const who of [u.msp2, u.ms2, u.km]) problem(await get(who, `/research-reports/${r.id}`), 404, 'NOT_FOUND');
      expect((await ids(u.ms, '/research-reports?pageSize=100')).has(r.id)).toBe(true);
      expect((await ids(u.ms2, `/research-reports?ownerId=${u.msp.id}`)).size).toBe(0);
      // only the writer edits and submits it; the 主管 reads it but does not write it
      problem(await patch(u.ms, `/research-reports/${r.id}`, { version: 1, title: '主管改' }), 404, 'NOT_FOUND');
      problem(await post(u.ms, `/research-reports/${r.id}/submit`), 404, 'NOT_FOUND');
      await step(u.msp, r.id, 'submit');
      expect((await ids(u.mm, '/research-reports?status=submitted&pageSize=100')).has(r.id)).toBe(true);
      expect((await ids(u.mm, `/research-reports?entryId=${info.id}&pageSize=100`)).size).toBeGreaterThan(0);
      expect([...(await ids(u.mm, `/research-reports?q=${encodeURIComponent('竞品 经销商')}&pageSize=100`))]).toContain(r.id);
      problem(await get(u.mm, '/research-reports?status=closed'), 400, 'VALIDATION_FAILED');
    });

    it('大客户部: the 主管 writes, the 大客户经理 accepts; the 市场开拓部经理 cannot', async () => {
      const r = await report(u.ks, { conclusions: '建议设立 A 级服务标准' });
      await step(u.ks, r.id, 'submit');
      expect(await openTasks(r.id)).toEqual([`research-report.review@${u.km.id}`]);
      problem(await post(u.mm, `/research-reports/${r.id}/accept`, {}), 404, 'NOT_FOUND');
      expect((await step(u.km, r.id, 'accept', {})).status).toBe('accepted');
    });
  });
});
