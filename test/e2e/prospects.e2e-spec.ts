import type { Response } from 'supertest';
import { usccCheckCharacter } from '../../src/parties/uscc';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

const API = '/api/v1';

interface ProspectBody {
  id: string;
  companyName: string;
  contactName: string;
  contactPhone: string;
  uscc: string | null;
  status: string;
  ownerId: string | null;
  department: string;
  inPool: boolean;
  customerId: string | null;
  registeredCapital: string | null;
  capitalVerified: boolean;
  version: number;
  notes: string | null;
  region: string | null;
}

describe('prospects (潜在客户登记备案), evaluations, conversion, assignment and the pool (SPEC §4, §6, §7, §9)', () => {
  let t: TestApp;
  let admin: string;
  /** market: MM ← MS ← SP1, SP2; SPS (search fixtures) also under MS; SP3 under nobody */
  let MM: TestUser, MS: TestUser, SP1: TestUser, SP2: TestUser, SP3: TestUser, SPS: TestUser;
  let KM: TestUser, KP: TestUser, GM: TestUser, REP: TestUser, CLERK: TestUser;

  // ── helpers ────────────────────────────────────────────────────────
  const who = (u: TestUser | string) => bearer(u);
  const get = (u: TestUser | string, path: string, query: Record<string, string | number> = {}) =>
    t.http().get(`${API}${path}`).query(query).set('authorization', who(u));
  const post = (u: TestUser | string, path: string, body: object = {}) => t.http().post(`${API}${path}`).set('authorization', who(u)).send(body);
  const patch = (u: TestUser | string, path: string, body: object) => t.http().patch(`${API}${path}`).set('authorization', who(u)).send(body);

  const expectProblem = (res: Response, status: number, code: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  };
  const errorFields = (res: Response): string[] => (res.body.errors ?? []).map((e: { field: string }) => e.field);
  const ids = (res: Response): string[] => res.body.items.map((p: { id: string }) => p.id);

  let seq = 0;
  const phoneFor = (n: number) => `139${String(n).padStart(8, '0')}`;
  /** A valid USCC: 17 characters of our own and the GB 32100 check character. */
  const usccFor = (n: number) => {
    const first17 = `91330100${String(n).padStart(9, '0')}`;
    return first17 + usccCheckCharacter(first17);
  };
  /** A body unique in name, phone and USCC (and so never a duplicate of anything else in this file). */
  const fresh = (extra: Record<string, unknown> = {}) => {
    const n = ++seq;
    return { companyName: `测试登记企业${n}号有限公司`, contactName: `联系人${n}`, contactPhone: phoneFor(n), uscc: usccFor(n), ...extra };
  };
  const create = async (u: TestUser, body: object = fresh()): Promise<ProspectBody> => {
    const res = await post(u, '/prospects', body);
    if (res.status !== 201) throw new Error(`create prospect failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const row = async (id: string) => (await t.ds.query('SELECT * FROM prospects WHERE id = $1', [id]))[0];
  const prospectCount = async (): Promise<number> => (await t.ds.query('SELECT count(*)::int AS n FROM prospects'))[0].n;
  const customerCount = async (): Promise<number> => (await t.ds.query('SELECT count(*)::int AS n FROM customers'))[0].n;
  const evaluationCount = async (id: string): Promise<number> =>
    (await t.ds.query('SELECT count(*)::int AS n FROM prospect_evaluations WHERE prospect_id = $1', [id]))[0].n;
  const evaluation = (conclusion: 'pass' | 'fail' | 'pending', extra: object = {}) => ({ capitalVerified: true, score: 80, conclusion, notes: '实地考察，资料齐全', ...extra });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    MM = await createUser(t, 'market.manager', { admin });
    MS = await createUser(t, 'market.supervisor', { admin, supervisorId: MM.id });
    SP1 = await createUser(t, 'market.specialist', { admin, supervisorId: MS.id });
    SP2 = await createUser(t, 'market.specialist', { admin, supervisorId: MS.id });
    SPS = await createUser(t, 'market.specialist', { admin, supervisorId: MS.id });
    SP3 = await createUser(t, 'market.specialist', { admin });
    KM = await createUser(t, 'key_account.manager', { admin });
    KP = await createUser(t, 'key_account.specialist', { admin });
    GM = await createUser(t, 'gm', { admin });
    REP = await createUser(t, 'sales.rep', { admin });
    CLERK = await createUser(t, 'sales.clerk', { admin });
  });
  afterAll(() => t?.close());

  // ── create ─────────────────────────────────────────────────────────
  describe('create', () => {
    it('the registrant owns the new prospect, in their department, status new, version 1', async () => {
      const body = fresh({ region: '华东', industry: '茶叶', source: '展会', notes: '初次接触' });
      const res = await post(SP1, '/prospects', body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        companyName: body.companyName,
        uscc: body.uscc,
        contactName: body.contactName,
        contactPhone: body.contactPhone,
        region: '华东',
        status: 'new',
        ownerId: SP1.id,
        department: 'market',
        inPool: false,
        customerId: null,
        registeredCapital: null,
        version: 1,
      });
      const kp = await create(KP);
      expect(kp).toMatchObject({ ownerId: KP.id, department: 'key_account' });
    });

    it('roles without prospect.create get 403 PERMISSION_DENIED and nothing is created', async () => {
      const before = await prospectCount();
      for (const u of [REP, CLERK, KM, GM, admin]) {
        const res = await post(u, '/prospects', fresh());
        expectProblem(res, 403, 'PERMISSION_DENIED');
        expect(res.body.permission).toBe('prospect.create');
      }
      expect(await prospectCount()).toBe(before);
    });

    it('a company name of punctuation only is 400 and creates nothing', async () => {
      const before = await prospectCount();
      const res = await post(SP1, '/prospects', fresh({ companyName: '——%%%' }));
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(errorFields(res)).toContain('companyName');
      expect(await prospectCount()).toBe(before);
    });

    it('missing required fields and a malformed phone are 400 with per-field errors', async () => {
      const res = await post(SP1, '/prospects', { companyName: '', contactPhone: 'call me maybe' });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(errorFields(res)).toEqual(expect.arrayContaining(['companyName', 'contactName', 'contactPhone']));
    });
  });

  // ── scopes ─────────────────────────────────────────────────────────
  describe('read scopes: own / team / department / all', () => {
    let p1a: ProspectBody, p1b: ProspectBody, p2: ProspectBody, p3: ProspectBody, pms: ProspectBody, pmm: ProspectBody, pk: ProspectBody;

    beforeAll(async () => {
      p1a = await create(SP1);
      p1b = await create(SP1);
      p2 = await create(SP2);
      p3 = await create(SP3);
      pms = await create(MS);
      pmm = await create(MM);
      pk = await create(KP);
    });

    const listAll = (u: TestUser | string, query: Record<string, string | number> = {}) => get(u, '/prospects', { pageSize: 100, ...query });

    it('a specialist sees only their own, in the list and by id', async () => {
      const res = await listAll(SP1);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThanOrEqual(2);
      expect(res.body.items.every((p: ProspectBody) => p.ownerId === SP1.id)).toBe(true);
      expect(ids(res)).toEqual(expect.arrayContaining([p1a.id, p1b.id]));
      expect(res.body.total).toBe(res.body.items.length);
      const one = await get(SP1, `/prospects/${p1a.id}`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: p1a.id, companyName: p1a.companyName, ownerId: SP1.id });
    });

    it('another specialist gets 404 NOT_FOUND for it, and never sees it in a list — not even with ?ownerId=', async () => {
      const one = await get(SP2, `/prospects/${p1a.id}`);
      expectProblem(one, 404, 'NOT_FOUND');
      expect(JSON.stringify(one.body)).not.toContain(p1a.companyName);

      const mine = await listAll(SP2);
      expect(mine.status).toBe(200);
      expect(ids(mine)).toContain(p2.id);
      expect(ids(mine)).not.toContain(p1a.id);
      expect(ids(mine)).not.toContain(p1b.id);

      const filtered = await listAll(SP2, { ownerId: SP1.id });
      expect(filtered.status).toBe(200);
      expect(filtered.body).toMatchObject({ items: [], total: 0 });
    });

    it('the evaluations of an out-of-scope prospect are 404 too', async () => {
      expectProblem(await get(SP2, `/prospects/${p1a.id}/evaluations`), 404, 'NOT_FOUND');
    });

    it('a supervisor sees their own and their direct reports’, not a specialist outside the team', async () => {
      const res = await listAll(MS);
      expect(res.status).toBe(200);
      expect(ids(res)).toEqual(expect.arrayContaining([p1a.id, p1b.id, p2.id, pms.id]));
      expect(ids(res)).not.toContain(p3.id);
      expect(ids(res)).not.toContain(pmm.id);
      expect(ids(res)).not.toContain(pk.id);
      expect(res.body.items.every((p: ProspectBody) => [MS.id, SP1.id, SP2.id, SPS.id].includes(p.ownerId!))).toBe(true);
      expect((await get(MS, `/prospects/${p2.id}`)).status).toBe(200);
      expectProblem(await get(MS, `/prospects/${p3.id}`), 404, 'NOT_FOUND');
      // a filter narrows inside the scope, never widens it
      const onlySp1 = await listAll(MS, { ownerId: SP1.id });
      expect(onlySp1.body.items.every((p: ProspectBody) => p.ownerId === SP1.id)).toBe(true);
      expect(ids(onlySp1)).toEqual(expect.arrayContaining([p1a.id, p1b.id]));
      expect((await listAll(MS, { ownerId: SP3.id })).body).toMatchObject({ items: [], total: 0 });
    });

    it('the market manager sees the whole market department and nothing of key accounts', async () => {
      const res = await listAll(MM);
      expect(res.status).toBe(200);
      expect(ids(res)).toEqual(expect.arrayContaining([p1a.id, p1b.id, p2.id, p3.id, pms.id, pmm.id]));
      expect(ids(res)).not.toContain(pk.id);
      expect(res.body.items.every((p: ProspectBody) => p.department === 'market')).toBe(true);
      expectProblem(await get(MM, `/prospects/${pk.id}`), 404, 'NOT_FOUND');
      expect((await listAll(MM, { ownerId: KP.id })).body.total).toBe(0);
    });

    it('the key-account manager sees key-account prospects only', async () => {
      const res = await listAll(KM);
      expect(res.status).toBe(200);
      expect(ids(res)).toContain(pk.id);
      expect(res.body.items.every((p: ProspectBody) => p.department === 'key_account')).toBe(true);
      expectProblem(await get(KM, `/prospects/${p1a.id}`), 404, 'NOT_FOUND');
    });

    it('a key-account specialist sees only their own', async () => {
      const res = await listAll(KP);
      expect(ids(res)).toContain(pk.id);
      expect(res.body.items.every((p: ProspectBody) => p.ownerId === KP.id)).toBe(true);
    });

    it('the general manager sees every prospect', async () => {
      const res = await listAll(GM);
      expect(res.status).toBe(200);
      expect(ids(res)).toEqual(expect.arrayContaining([p1a.id, p1b.id, p2.id, p3.id, pms.id, pmm.id, pk.id]));
      expect(res.body.total).toBe(await prospectCount());
      expect((await get(GM, `/prospects/${pk.id}`)).status).toBe(200);
    });

    it('sales.rep and admin hold no prospect.read: 403 PERMISSION_DENIED on the list and by id', async () => {
      for (const u of [REP, admin]) {
        const list = await get(u, '/prospects');
        expectProblem(list, 403, 'PERMISSION_DENIED');
        expect(list.body.permission).toBe('prospect.read');
        expectProblem(await get(u, `/prospects/${p1a.id}`), 403, 'PERMISSION_DENIED');
      }
    });

    it('a path id that is not a UUID is 400; an unknown UUID is 404', async () => {
      expectProblem(await get(GM, '/prospects/not-a-uuid'), 400, 'VALIDATION_FAILED');
      expectProblem(await get(GM, '/prospects/00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    });
  });

  // ── search, filters, paging, sorting ────────────────────────────────
  describe('search (?q=), filters, pagination and sorting', () => {
    const names = {
      longjing: '杭州西湖龙井茶业有限公司',
      longhua: '上海浦东龙华贸易有限公司',
      percent: '百%科技有限公司',
      noPercent: '百分科技有限公司',
      underscore: '数据_服务有限公司',
      noUnderscore: '数据X服务有限公司',
    };
    const created: ProspectBody[] = [];
    const idOf = (name: string) => created.find((p) => p.companyName === name)!.id;
    const search = (q: string, u: TestUser = SPS) => get(u, '/prospects', { q, pageSize: 100 });
    const names$ = (res: Response): string[] => res.body.items.map((p: ProspectBody) => p.companyName).sort();

    beforeAll(async () => {
      for (const companyName of Object.values(names)) {
        const contactName = companyName === names.longjing ? '欧阳明月' : `联系人${++seq}`;
        created.push(await create(SPS, fresh({ companyName, contactName })));
      }
    });

    it('matches a Chinese substring of the company name', async () => {
      const res = await search('龙井');
      expect(res.status).toBe(200);
      expect(names$(res)).toEqual([names.longjing]);
      expect(res.body.total).toBe(1);
      expect(names$(await search('龙'))).toEqual([names.longjing, names.longhua].sort());
      expect((await search('西湖龙井茶业')).body.total).toBe(1);
      expect((await search('龙井咖啡')).body.total).toBe(0);
    });

    it('matches the contact name', async () => {
      const res = await search('明月');
      expect(names$(res)).toEqual([names.longjing]);
    });

    it('treats % and _ in q literally, not as LIKE wildcards', async () => {
      expect(names$(await search('%'))).toEqual([names.percent]);
      expect(names$(await search('百%科'))).toEqual([names.percent]);
      expect(names$(await search('_'))).toEqual([names.underscore]);
      expect(names$(await search('据_服'))).toEqual([names.underscore]);
      // the escape character itself is literal too (and no 5xx)
      expect((await search('\\')).body).toMatchObject({ items: [], total: 0 });
      expect((await search('百\\%科')).body.total).toBe(0);
      // across every prospect (gm), a '%' search still only returns names that contain a '%'
      const all = await search('%', GM);
      expect(all.body.total).toBeGreaterThanOrEqual(1);
      expect(all.body.items.every((p: ProspectBody) => p.companyName.includes('%') || p.contactName.includes('%'))).toBe(true);
    });

    it('search stays inside the scope', async () => {
      expect((await search('龙井', SP1)).body.total).toBe(0);
      expect((await search('龙井', MS)).body.total).toBe(1); // SPS reports to MS
      expect((await search('龙井', SP3)).body.total).toBe(0);
    });

    it('filters by status', async () => {
      const res = await post(MS, `/prospects/${idOf(names.noPercent)}/evaluations`, evaluation('fail'));
      expect(res.status).toBe(201);
      const disq = await get(SPS, '/prospects', { status: 'disqualified' });
      expect(disq.status).toBe(200);
      expect(ids(disq)).toEqual([idOf(names.noPercent)]);
      const fresh$ = await get(SPS, '/prospects', { status: 'new', pageSize: 100 });
      expect(fresh$.body.total).toBe(created.length - 1);
      expect(fresh$.body.items.every((p: ProspectBody) => p.status === 'new')).toBe(true);
      const bad = await get(SPS, '/prospects', { status: 'archived' });
      expectProblem(bad, 400, 'VALIDATION_FAILED');
      expect(errorFields(bad)).toContain('status');
    });

    it('pages with total, page and pageSize; pages do not overlap', async () => {
      const p1 = await get(SPS, '/prospects', { page: 1, pageSize: 4 });
      const p2 = await get(SPS, '/prospects', { page: 2, pageSize: 4 });
      const p3 = await get(SPS, '/prospects', { page: 3, pageSize: 4 });
      expect(p1.body).toMatchObject({ total: created.length, page: 1, pageSize: 4 });
      expect(p1.body.items).toHaveLength(4);
      expect(p2.body).toMatchObject({ total: created.length, page: 2, pageSize: 4 });
      expect(p2.body.items).toHaveLength(created.length - 4);
      expect(p3.body).toMatchObject({ items: [], total: created.length, page: 3 });
      expect(new Set([...ids(p1), ...ids(p2)])).toEqual(new Set(created.map((p) => p.id)));
      const dflt = await get(SPS, '/prospects');
      expect(dflt.body).toMatchObject({ page: 1, pageSize: 20 });
      for (const query of [{ pageSize: 101 }, { pageSize: 0 }, { page: 0 }, { page: 'x' }] as Record<string, string | number>[]) {
        const res = await get(SPS, '/prospects', query);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(errorFields(res)).toContain(Object.keys(query)[0]);
      }
    });

    it('sorts by -createdAt (default), createdAt and companyName', async () => {
      const creation = created.map((p) => p.id);
      const dflt = await get(SPS, '/prospects');
      expect(ids(dflt)).toEqual([...creation].reverse());
      expect(ids(await get(SPS, '/prospects', { sort: '-createdAt' }))).toEqual([...creation].reverse());
      expect(ids(await get(SPS, '/prospects', { sort: 'createdAt' }))).toEqual(creation);

      const byName = ids(await get(SPS, '/prospects', { sort: 'companyName' }));
      const expected: { id: string }[] = await t.ds.query('SELECT id FROM prospects WHERE owner_id = $1 ORDER BY company_name, id', [SPS.id]);
      expect(byName).toEqual(expected.map((r) => r.id));
      expect(byName).not.toEqual(creation);
      expect(ids(await get(SPS, '/prospects', { sort: '-companyName' }))).toEqual([...byName].reverse());
    });

    it('an unknown or malformed sort field is 400', async () => {
      for (const sort of ['ownerId', 'passwordHash', 'company_name', 'createdAt;drop']) {
        const res = await get(SPS, '/prospects', { sort });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(errorFields(res)).toContain('sort');
      }
    });
  });

  // ── duplicates ─────────────────────────────────────────────────────
  describe('duplicate detection (USCC, normalised name, phone) across prospects and customers', () => {
    const HUAQIANG = { companyName: '深圳市华强科技有限公司', uscc: '91350100M000100Y43', contactName: '王经理', contactPhone: '13800138000' };
    let huaqiang: ProspectBody;
    let abc: ProspectBody;
    let customer: { id: string; name: string };

    beforeAll(async () => {
      huaqiang = await create(SP1, HUAQIANG);
      abc = await create(SP2, fresh({ companyName: 'ABC科技（深圳）有限公司' }));
      const res = await post(CLERK, '/customers', { name: '宁波港通物流有限公司', uscc: '91110108551385082Q', contactName: '赵总', contactPhone: '0574-8765 4321' });
      expect(res.status).toBe(201);
      customer = res.body;
    });

    const expectDuplicate = (res: Response, entity: 'prospect' | 'customer', id: string, field: string) => {
      expectProblem(res, 409, 'DUPLICATE_PARTY');
      expect(res.body.duplicateOf).toEqual({ entity, id, field });
    };

    it('the same USCC is 409 DUPLICATE_PARTY (also typed in lower case with spaces)', async () => {
      const before = await prospectCount();
      expectDuplicate(await post(SP2, '/prospects', fresh({ uscc: HUAQIANG.uscc })), 'prospect', huaqiang.id, 'uscc');
      expectDuplicate(await post(SP2, '/prospects', fresh({ uscc: '9135 0100 m000 100y 43' })), 'prospect', huaqiang.id, 'uscc');
      expect(await prospectCount()).toBe(before);
    });

    it.each([
      ['spaces and another legal-form suffix', '深圳市 华强科技有限责任公司', 'huaqiang'],
      ['no suffix at all', '深圳市华强科技', 'huaqiang'],
      ['the suffix in full-width brackets', '深圳市华强科技（有限公司）', 'huaqiang'],
      ['full-width Latin letters and half-width brackets', 'ＡＢＣ科技(深圳)有限公司', 'abc'],
      ['lower case and spaces', 'abc 科技 (深圳) 公司', 'abc'],
    ])('the same normalised company name is 409: %s', async (_label, companyName, target) => {
      const before = await prospectCount();
      const res = await post(KP, '/prospects', fresh({ companyName }));
      expectDuplicate(res, 'prospect', target === 'abc' ? abc.id : huaqiang.id, 'companyName');
      expect(await prospectCount()).toBe(before);
    });

    it('the same phone written another way is 409 (and across departments)', async () => {
      const res = await post(KP, '/prospects', fresh({ contactPhone: '+86 138-0013-8000' }));
      expectDuplicate(res, 'prospect', huaqiang.id, 'contactPhone');
    });

    it('a prospect duplicating an existing customer is 409 with duplicateOf.entity customer', async () => {
      expectDuplicate(await post(SP1, '/prospects', fresh({ companyName: '宁波港通物流有限责任公司' })), 'customer', customer.id, 'companyName');
      expectDuplicate(await post(SP1, '/prospects', fresh({ uscc: '91110108551385082Q' })), 'customer', customer.id, 'uscc');
      expectDuplicate(await post(SP1, '/prospects', fresh({ contactPhone: '(0574) 87654321' })), 'customer', customer.id, 'contactPhone');
    });

    it('a PATCH onto another company’s keys is 409 and changes nothing', async () => {
      const own = await create(SP1);
      const before = await row(own.id);
      expectDuplicate(await patch(SP1, `/prospects/${own.id}`, { version: 1, companyName: '深圳市华强科技股份有限公司' }), 'prospect', huaqiang.id, 'companyName');
      expectDuplicate(await patch(SP1, `/prospects/${own.id}`, { version: 1, contactPhone: '0086 13800138000' }), 'prospect', huaqiang.id, 'contactPhone');
      expectDuplicate(await patch(SP1, `/prospects/${own.id}`, { version: 1, uscc: '91110108551385082Q' }), 'customer', customer.id, 'uscc');
      expect(await row(own.id)).toEqual(before);
      // its own keys are not a duplicate of itself
      const same = await patch(SP1, `/prospects/${own.id}`, { version: 1, companyName: own.companyName, contactPhone: own.contactPhone, uscc: own.uscc });
      expect(same.status).toBe(200);
    });

    it('GET /prospects/duplicates reports the same before creating', async () => {
      const check = (query: Record<string, string>, u: TestUser = SP3) => get(u, '/prospects/duplicates', query);
      const byName = await check({ companyName: '深圳市 华强科技' });
      expect(byName.status).toBe(200);
      expect(byName.body).toEqual({ duplicate: true, matches: [{ field: 'companyName', entity: 'prospect', id: huaqiang.id }] });
      expect((await check({ uscc: HUAQIANG.uscc })).body).toEqual({ duplicate: true, matches: [{ field: 'uscc', entity: 'prospect', id: huaqiang.id }] });
      expect((await check({ contactPhone: '+86 138 0013 8000' })).body).toEqual({
        duplicate: true,
        matches: [{ field: 'contactPhone', entity: 'prospect', id: huaqiang.id }],
      });
      expect((await check({ companyName: '宁波港通物流' })).body).toEqual({ duplicate: true, matches: [{ field: 'companyName', entity: 'customer', id: customer.id }] });
      const all = await check({ companyName: HUAQIANG.companyName, uscc: HUAQIANG.uscc, contactPhone: HUAQIANG.contactPhone }, KP);
      expect(all.body.duplicate).toBe(true);
      expect(all.body.matches.map((m: { field: string }) => m.field).sort()).toEqual(['companyName', 'contactPhone', 'uscc']);
      expect((await check({ companyName: '一家从未登记过的公司' })).body).toEqual({ duplicate: false, matches: [] });
    });

    it('GET /prospects/duplicates without any parameter, or with a bad USCC, is 400; without prospect.create 403', async () => {
      expectProblem(await get(SP3, '/prospects/duplicates'), 400, 'VALIDATION_FAILED');
      const bad = await get(SP3, '/prospects/duplicates', { uscc: '91350100M000100Y44' });
      expectProblem(bad, 400, 'VALIDATION_FAILED');
      expect(errorFields(bad)).toContain('uscc');
      expectProblem(await get(REP, '/prospects/duplicates', { companyName: '深圳市华强科技' }), 403, 'PERMISSION_DENIED');
    });

    it('a wrong USCC check character is 400 VALIDATION_FAILED on field uscc, and nothing is created', async () => {
      const before = await prospectCount();
      const good = usccFor(++seq);
      const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      for (const uscc of [wrongCheck, '91350100M000100Y44', '91110108551385082R', '1234']) {
        const res = await post(SP1, '/prospects', fresh({ uscc }));
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(errorFields(res)).toEqual(['uscc']);
      }
      expect(await prospectCount()).toBe(before);
      // the computed check character is accepted
      expect((await post(SP1, '/prospects', fresh({ uscc: good }))).status).toBe(201);
    });

    it('10 concurrent registrations of the same company: exactly one 201, nine 409', async () => {
      if (t.embedded) {
        console.warn('[prospects.e2e] 并发登记测试在嵌入式 PGlite（单连接）上跳过；请设置 TEST_DATABASE_URL 在真实 PostgreSQL 上运行。');
        return;
      }
      const body = { companyName: '苏州工业园区并发测试有限公司', contactName: '并发', contactPhone: '13912345678', uscc: usccFor(++seq) };
      const users = [SP1, SP2, SP3, KP, MS, SP1, SP2, SP3, KP, MS];
      const results = await Promise.all(users.map((u) => post(u, '/prospects', body)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
      const winner = results.find((r) => r.status === 201)!.body;
      for (const r of results.filter((x) => x.status === 409)) {
        expect(r.body.code).toBe('DUPLICATE_PARTY');
        expect(r.body.duplicateOf).toMatchObject({ entity: 'prospect', id: winner.id });
      }
      const rows = await t.ds.query('SELECT id FROM prospects WHERE phone_key = $1 OR uscc = $2', ['13912345678', body.uscc]);
      expect(rows).toEqual([{ id: winner.id }]);
    });
  });

  // ── update ─────────────────────────────────────────────────────────
  describe('update with optimistic version', () => {
    let p: ProspectBody;
    beforeAll(async () => {
      p = await create(SP1, fresh({ notes: '第一次' }));
    });

    it('PATCH with the current version changes the fields and bumps the version', async () => {
      const res = await patch(SP1, `/prospects/${p.id}`, { version: 1, notes: '已约见', region: '华南', contactName: '  李总  ' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: p.id, notes: '已约见', region: '华南', contactName: '李总', version: 2, ownerId: SP1.id, status: 'new' });
      expect((await get(SP1, `/prospects/${p.id}`)).body).toMatchObject({ notes: '已约见', version: 2 });
    });

    it('a stale version is 409 STALE_VERSION and nothing changes', async () => {
      const before = await row(p.id);
      expectProblem(await patch(SP1, `/prospects/${p.id}`, { version: 1, notes: '覆盖' }), 409, 'STALE_VERSION');
      expectProblem(await patch(SP1, `/prospects/${p.id}`, { version: 99, notes: '覆盖' }), 409, 'STALE_VERSION');
      expect(await row(p.id)).toEqual(before);
      expect(before.notes).toBe('已约见');
    });

    it('PATCH without a version is 400', async () => {
      const res = await patch(SP1, `/prospects/${p.id}`, { notes: '无版本' });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(errorFields(res)).toContain('version');
    });

    it('the update scope: another specialist 404, the supervisor (team) 200, the key-account manager 403', async () => {
      expectProblem(await patch(SP2, `/prospects/${p.id}`, { version: 2, notes: '越权' }), 404, 'NOT_FOUND');
      expectProblem(await patch(KM, `/prospects/${p.id}`, { version: 2, notes: '越权' }), 403, 'PERMISSION_DENIED');
      const res = await patch(MS, `/prospects/${p.id}`, { version: 2, notes: '主管补充' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ notes: '主管补充', version: 3 });
      const mm = await patch(MM, `/prospects/${p.id}`, { version: 3, industry: '电子制造' });
      expect(mm.status).toBe(200);
      expect(mm.body.version).toBe(4);
      expect(mm.body.notes).toBe('主管补充');
    });

    it('a create and an update leave audit rows with the entity id', async () => {
      const rows: { action: string; actor_id: string; entity: string; before: Record<string, unknown> | null; after: Record<string, unknown> }[] =
        await t.ds.query(`SELECT action, actor_id, entity, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id`, [p.id]);
      expect(rows.map((r) => r.action)).toEqual(['prospect.create', 'prospect.update', 'prospect.update', 'prospect.update']);
      expect(rows.every((r) => r.entity === 'prospect')).toBe(true);
      expect(rows[0]).toMatchObject({ actor_id: SP1.id, before: null, after: { id: p.id, notes: '第一次', version: 1 } });
      expect(rows[1]).toMatchObject({ actor_id: SP1.id, before: { notes: '第一次', version: 1 }, after: { notes: '已约见', version: 2 } });
      expect(rows[2]).toMatchObject({ actor_id: MS.id, after: { notes: '主管补充' } });
      expect(rows[3]).toMatchObject({ actor_id: MM.id });
    });

    it('two simultaneous PATCHes with the same version: one 200, one 409 STALE_VERSION', async () => {
      const q = await create(SP1);
      const [a, b] = await Promise.all([
        patch(SP1, `/prospects/${q.id}`, { version: 1, notes: '甲' }),
        patch(MS, `/prospects/${q.id}`, { version: 1, notes: '乙' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      const winner = a.status === 200 ? a : b;
      expect(loser.body.code).toBe('STALE_VERSION');
      expect(await row(q.id)).toMatchObject({ version: 2, notes: winner.body.notes });
    });
  });

  // ── mass assignment ────────────────────────────────────────────────
  describe('mass assignment: server-owned fields are 400 and change nothing', () => {
    it.each([
      ['ownerId', () => SP2.id],
      ['status', () => 'qualified'],
      ['department', () => 'key_account'],
      ['customerId', () => '00000000-0000-4000-8000-000000000000'],
      ['registeredCapital', () => '5000000.00'],
      ['capitalVerified', () => true],
      ['version', () => 7],
      ['id', () => '00000000-0000-4000-8000-000000000001'],
    ])('POST /prospects with %s', async (field, value) => {
      const before = await prospectCount();
      const body = fresh({ [field]: value() });
      const res = await post(SP1, '/prospects', body);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(errorFields(res)).toContain(field);
      expect(await prospectCount()).toBe(before);
      const found = await t.ds.query('SELECT id FROM prospects WHERE company_name = $1', [body.companyName]);
      expect(found).toEqual([]);
    });

    it.each([
      ['ownerId', () => SP2.id],
      ['status', () => 'qualified'],
      ['department', () => 'key_account'],
      ['customerId', () => '00000000-0000-4000-8000-000000000000'],
      ['registeredCapital', () => '1.00'],
      ['releasedAt', () => null],
    ])('PATCH /prospects/:id with %s', async (field, value) => {
      const p = await create(SP1);
      const before = await row(p.id);
      const res = await patch(SP1, `/prospects/${p.id}`, { version: p.version, notes: '顺带修改', [field]: value() });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(errorFields(res)).toEqual([field]);
      expect(await row(p.id)).toEqual(before);
      expect((await get(SP1, `/prospects/${p.id}`)).body.ownerId).toBe(SP1.id);
    });
  });

  // ── evaluate ───────────────────────────────────────────────────────
  describe('evaluation (评估、验资)', () => {
    let pass: ProspectBody, failLater: ProspectBody, untouched: ProspectBody;

    beforeAll(async () => {
      pass = await create(SP1);
      failLater = await create(SP1);
      untouched = await create(SP1);
    });

    it('pass by the supervisor (team) makes it qualified and records capital', async () => {
      const res = await post(MS, `/prospects/${pass.id}/evaluations`, evaluation('pass', { score: 85, registeredCapital: '5000000' }));
      expect(res.status).toBe(201);
      expect(res.body.evaluation).toMatchObject({
        prospectId: pass.id,
        evaluatorId: MS.id,
        conclusion: 'pass',
        score: 85,
        registeredCapital: '5000000.00',
        capitalVerified: true,
        statusBefore: 'new',
        statusAfter: 'qualified',
      });
      expect(res.body.prospect).toMatchObject({ id: pass.id, status: 'qualified', registeredCapital: '5000000.00', capitalVerified: true, version: 2 });
      expect((await get(SP1, `/prospects/${pass.id}`)).body.status).toBe('qualified');
    });

    it('pending leaves the status unchanged; fail makes it disqualified', async () => {
      const pending = await post(MS, `/prospects/${failLater.id}/evaluations`, evaluation('pending', { capitalVerified: false, score: 50 }));
      expect(pending.status).toBe(201);
      expect(pending.body.evaluation).toMatchObject({ statusBefore: 'new', statusAfter: 'new' });
      expect((await get(SP1, `/prospects/${failLater.id}`)).body.status).toBe('new');
      const fail = await post(MS, `/prospects/${failLater.id}/evaluations`, evaluation('fail', { score: 20, registeredCapital: '10000.5' }));
      expect(fail.status).toBe(201);
      expect(fail.body.evaluation).toMatchObject({ statusBefore: 'new', statusAfter: 'disqualified', registeredCapital: '10000.50' });
      expect((await get(SP1, `/prospects/${failLater.id}`)).body.status).toBe('disqualified');
    });

    it('evaluating a disqualified prospect is 409 PROSPECT_INVALID_TRANSITION and records nothing', async () => {
      const before = await evaluationCount(failLater.id);
      expectProblem(await post(MS, `/prospects/${failLater.id}/evaluations`, evaluation('pass')), 409, 'PROSPECT_INVALID_TRANSITION');
      expect(await evaluationCount(failLater.id)).toBe(before);
      expect((await row(failLater.id)).status).toBe('disqualified');
    });

    it('a specialist (no prospect.evaluate) gets 403; a supervisor outside the team 404', async () => {
      const res = await post(SP1, `/prospects/${untouched.id}/evaluations`, evaluation('pass'));
      expectProblem(res, 403, 'PERMISSION_DENIED');
      expect(res.body.permission).toBe('prospect.evaluate');
      const p3 = await create(SP3);
      expectProblem(await post(MS, `/prospects/${p3.id}/evaluations`, evaluation('pass')), 404, 'NOT_FOUND');
      expect(await evaluationCount(untouched.id)).toBe(0);
      expect(await evaluationCount(p3.id)).toBe(0);
    });

    it.each([
      ['score', { score: 101 }],
      ['score', { score: -1 }],
      ['score', { score: 50.5 }],
      ['registeredCapital', { registeredCapital: '1.005' }],
      ['registeredCapital', { registeredCapital: '-5.00' }],
      ['registeredCapital', { registeredCapital: 5000 }],
      ['registeredCapital', { registeredCapital: '1000000000000.00' }],
      ['conclusion', { conclusion: 'maybe' }],
      ['capitalVerified', { capitalVerified: 'yes' }],
      ['notes', { notes: '' }],
    ])('bad input is 400 on %s: %j', async (field, override) => {
      const res = await post(MS, `/prospects/${untouched.id}/evaluations`, { ...evaluation('pass'), ...override });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(errorFields(res)).toContain(field);
      expect(await evaluationCount(untouched.id)).toBe(0);
      expect((await row(untouched.id)).status).toBe('new');
    });

    it('GET /prospects/:id/evaluations lists them, newest first, for readers in scope', async () => {
      const res = await get(SP1, `/prospects/${failLater.id}/evaluations`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(2);
      expect(res.body.items.map((e: { conclusion: string }) => e.conclusion)).toEqual(['fail', 'pending']);
      expect(res.body.items.every((e: { prospectId: string; evaluatorId: string }) => e.prospectId === failLater.id && e.evaluatorId === MS.id)).toBe(true);
      expect((await get(MM, `/prospects/${failLater.id}/evaluations`)).body.total).toBe(2);
      expect((await get(SP1, `/prospects/${untouched.id}/evaluations`)).body).toEqual({ items: [], total: 0 });
      expectProblem(await get(KM, `/prospects/${failLater.id}/evaluations`), 404, 'NOT_FOUND');
    });
  });

  // ── convert ────────────────────────────────────────────────────────
  describe('conversion (选择合作对象) into a customer', () => {
    const qualify = async (owner: TestUser = SP1) => {
      const p = await create(owner);
      const res = await post(MS, `/prospects/${p.id}/evaluations`, evaluation('pass'));
      expect(res.body.prospect.status).toBe('qualified');
      return res.body.prospect as ProspectBody;
    };

    it('a qualified prospect converted by the supervisor becomes a customer of the same owner and department', async () => {
      const p = await qualify();
      const res = await post(MS, `/prospects/${p.id}/convert`);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: p.companyName,
        uscc: p.uscc,
        contactName: p.contactName,
        contactPhone: p.contactPhone,
        ownerId: SP1.id,
        department: 'market',
        isKeyAccount: false,
        tierCode: null,
        version: 1,
      });
      const customerId = res.body.id;
      const after = await get(SP1, `/prospects/${p.id}`);
      expect(after.body).toMatchObject({ status: 'converted', customerId });
      const asOwner = await get(SP1, `/customers/${customerId}`);
      expect(asOwner.status).toBe(200);
      expect(asOwner.body).toMatchObject({ id: customerId, ownerId: SP1.id, department: 'market' });
      expect((await get(MS, `/customers/${customerId}`)).status).toBe(200);
      expectProblem(await get(SP2, `/customers/${customerId}`), 404, 'NOT_FOUND');
      const audit = await t.ds.query(`SELECT action FROM audit_log WHERE entity_id IN ($1, $2) ORDER BY id`, [p.id, customerId]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['customer.create-from-prospect', 'prospect.convert']));

      // converting twice is refused, and no second customer appears
      const customers = await customerCount();
      expectProblem(await post(MS, `/prospects/${p.id}/convert`), 409, 'PROSPECT_INVALID_TRANSITION');
      expectProblem(await post(MM, `/prospects/${p.id}/convert`), 409, 'PROSPECT_INVALID_TRANSITION');
      expect(await customerCount()).toBe(customers);
      // a converted prospect cannot be evaluated any more either
      expectProblem(await post(MS, `/prospects/${p.id}/evaluations`, evaluation('fail')), 409, 'PROSPECT_INVALID_TRANSITION');
      // nor edited or reassigned: the customer archive is where it lives on
      const current = (await get(SP1, `/prospects/${p.id}`)).body;
      expectProblem(await patch(SP1, `/prospects/${p.id}`, { version: current.version, companyName: '改名后的公司' }), 409, 'PROSPECT_CONVERTED');
      expectProblem(await post(MS, `/prospects/${p.id}/assign`, { ownerId: SP2.id }), 409, 'PROSPECT_CONVERTED');
      expect((await row(p.id)).company_name).toBe(p.companyName);
    });

    it('the market manager (department) may convert too', async () => {
      const p = await qualify(SP2);
      const res = await post(MM, `/prospects/${p.id}/convert`);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ ownerId: SP2.id, department: 'market' });
      expect((await row(p.id))).toMatchObject({ status: 'converted', customer_id: res.body.id });
    });

    it('from new, contacting or disqualified: 409 PROSPECT_INVALID_TRANSITION and nothing changes', async () => {
      const fresh$ = await create(SP1);
      const contacting = await create(SP1);
      await t.ds.query(`UPDATE prospects SET status = 'contacting', version = version + 1 WHERE id = $1`, [contacting.id]);
      const disq = await create(SP1);
      expect((await post(MS, `/prospects/${disq.id}/evaluations`, evaluation('fail'))).status).toBe(201);
      const customers = await customerCount();
      for (const [p, status] of [[fresh$, 'new'], [contacting, 'contacting'], [disq, 'disqualified']] as const) {
        const before = await row(p.id);
        expect(before.status).toBe(status);
        const res = await post(MS, `/prospects/${p.id}/convert`);
        expectProblem(res, 409, 'PROSPECT_INVALID_TRANSITION');
        expect(await row(p.id)).toEqual(before);
      }
      expect(await customerCount()).toBe(customers);
    });

    it('a specialist cannot convert (403); a manager of another department gets 404', async () => {
      const p = await qualify();
      expectProblem(await post(SP1, `/prospects/${p.id}/convert`), 403, 'PERMISSION_DENIED');
      expectProblem(await post(KM, `/prospects/${p.id}/convert`), 404, 'NOT_FOUND');
      expect((await row(p.id)).status).toBe('qualified');
    });
  });

  // ── assign ─────────────────────────────────────────────────────────
  describe('assignment (分派)', () => {
    let p: ProspectBody;
    beforeAll(async () => {
      p = await create(SP1);
    });

    it('the supervisor assigns within the team: the new owner sees it, the old one gets 404', async () => {
      const res = await post(MS, `/prospects/${p.id}/assign`, { ownerId: SP2.id });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: p.id, ownerId: SP2.id, department: 'market', version: p.version + 1 });
      expect((await get(SP2, `/prospects/${p.id}`)).status).toBe(200);
      expect(ids(await get(SP2, '/prospects', { pageSize: 100 }))).toContain(p.id);
      expectProblem(await get(SP1, `/prospects/${p.id}`), 404, 'NOT_FOUND');
      expect(ids(await get(SP1, '/prospects', { pageSize: 100 }))).not.toContain(p.id);
      const audit = await t.ds.query(`SELECT before, after FROM audit_log WHERE entity_id = $1 AND action = 'prospect.assign'`, [p.id]);
      expect(audit).toHaveLength(1);
      expect(audit[0].before.ownerId).toBe(SP1.id);
      expect(audit[0].after.ownerId).toBe(SP2.id);
    });

    it('the supervisor cannot assign to someone outside the team: 400 ASSIGNEE_INVALID, owner unchanged', async () => {
      const before = await row(p.id);
      const res = await post(MS, `/prospects/${p.id}/assign`, { ownerId: SP3.id });
      expectProblem(res, 400, 'ASSIGNEE_INVALID');
      expect(errorFields(res)).toEqual(['ownerId']);
      expect(await row(p.id)).toEqual(before);
    });

    it('the manager cannot assign to a role that cannot read prospects, nor to another department', async () => {
      const before = await row(p.id);
      expectProblem(await post(MM, `/prospects/${p.id}/assign`, { ownerId: REP.id }), 400, 'ASSIGNEE_INVALID');
      expectProblem(await post(MM, `/prospects/${p.id}/assign`, { ownerId: KP.id }), 400, 'ASSIGNEE_INVALID');
      expectProblem(await post(MM, `/prospects/${p.id}/assign`, { ownerId: '00000000-0000-4000-8000-000000000000' }), 400, 'ASSIGNEE_INVALID');
      expectProblem(await post(MM, `/prospects/${p.id}/assign`, { ownerId: 'nobody' }), 400, 'VALIDATION_FAILED');
      expect(await row(p.id)).toEqual(before);
    });

    it('a specialist cannot assign (403); the key-account manager cannot reach a market prospect (404)', async () => {
      expectProblem(await post(SP2, `/prospects/${p.id}/assign`, { ownerId: SP1.id }), 403, 'PERMISSION_DENIED');
      expectProblem(await post(KM, `/prospects/${p.id}/assign`, { ownerId: KP.id }), 404, 'NOT_FOUND');
      expect((await row(p.id)).owner_id).toBe(SP2.id);
    });

    it('the manager assigns across teams within the department; the old supervisor loses it', async () => {
      const res = await post(MM, `/prospects/${p.id}/assign`, { ownerId: SP3.id });
      expect(res.status).toBe(200);
      expect(res.body.ownerId).toBe(SP3.id);
      expect((await get(SP3, `/prospects/${p.id}`)).status).toBe(200);
      expectProblem(await get(MS, `/prospects/${p.id}`), 404, 'NOT_FOUND');
      expectProblem(await post(MS, `/prospects/${p.id}/assign`, { ownerId: SP1.id }), 404, 'NOT_FOUND');
    });
  });

  // ── pool (公海) ─────────────────────────────────────────────────────
  describe('the shared pool (公海) and claiming', () => {
    const release = (id: string, from: TestUser, ago = "interval '0'") =>
      t.ds.query(`UPDATE prospects SET owner_id = NULL, released_at = now() - ${ago}, released_from = $1 WHERE id = $2`, [from.id, id]);
    let p: ProspectBody;

    beforeAll(async () => {
      p = await create(SP1);
      await release(p.id, SP1);
    });

    it('GET /prospects/pool lists it for the department, not for another one', async () => {
      const res = await get(SP2, '/prospects/pool', { pageSize: 100 });
      expect(res.status).toBe(200);
      const item = res.body.items.find((x: ProspectBody) => x.id === p.id);
      expect(item).toMatchObject({ ownerId: null, inPool: true, department: 'market' });
      expect(res.body.items.every((x: ProspectBody) => x.ownerId === null && x.department === 'market')).toBe(true);
      const ka = await get(KP, '/prospects/pool', { pageSize: 100 });
      expect(ka.status).toBe(200);
      expect(ids(ka)).not.toContain(p.id);
      expectProblem(await get(REP, '/prospects/pool'), 403, 'PERMISSION_DENIED');
      // the former owner no longer reads it as their own
      expectProblem(await get(SP1, `/prospects/${p.id}`), 404, 'NOT_FOUND');
    });

    it('the former owner cannot reclaim it within 7 days: 409 PROSPECT_RECLAIM_TOO_SOON', async () => {
      const res = await post(SP1, `/prospects/${p.id}/claim`);
      expectProblem(res, 409, 'PROSPECT_RECLAIM_TOO_SOON');
      const released: Date = (await row(p.id)).released_at;
      expect(new Date(res.body.availableAt).getTime()).toBe(released.getTime() + 7 * 86_400_000);
      expect((await row(p.id)).owner_id).toBeNull();
    });

    it('a specialist of another department gets 404', async () => {
      expectProblem(await post(KP, `/prospects/${p.id}/claim`), 404, 'NOT_FOUND');
      expect((await row(p.id)).owner_id).toBeNull();
    });

    it('another specialist of the department claims it and owns it; claiming it again is 409 PROSPECT_NOT_IN_POOL', async () => {
      const res = await post(SP2, `/prospects/${p.id}/claim`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: p.id, ownerId: SP2.id, inPool: false, department: 'market' });
      expect((await get(SP2, `/prospects/${p.id}`)).status).toBe(200);
      expect(ids(await get(SP2, '/prospects/pool', { pageSize: 100 }))).not.toContain(p.id);
      expectProblem(await post(SP3, `/prospects/${p.id}/claim`), 409, 'PROSPECT_NOT_IN_POOL');
      expectProblem(await post(SP2, `/prospects/${p.id}/claim`), 409, 'PROSPECT_NOT_IN_POOL');
      expect((await row(p.id)).owner_id).toBe(SP2.id);
      const audit = await t.ds.query(`SELECT actor_id FROM audit_log WHERE entity_id = $1 AND action = 'prospect.claim'`, [p.id]);
      expect(audit).toEqual([{ actor_id: SP2.id }]);
    });

    it('after 7 days the former owner may reclaim it', async () => {
      const q = await create(SP1);
      await release(q.id, SP1, "interval '8 days'");
      const res = await post(SP1, `/prospects/${q.id}/claim`);
      expect(res.status).toBe(200);
      expect(res.body.ownerId).toBe(SP1.id);
    });

    it('only specialists claim: the supervisor and the manager get 403 PROSPECT_CLAIM_SPECIALISTS_ONLY', async () => {
      const q = await create(SP1);
      await release(q.id, SP1);
      expectProblem(await post(MS, `/prospects/${q.id}/claim`), 403, 'PROSPECT_CLAIM_SPECIALISTS_ONLY');
      expectProblem(await post(MM, `/prospects/${q.id}/claim`), 403, 'PROSPECT_CLAIM_SPECIALISTS_ONLY');
      expect((await row(q.id)).owner_id).toBeNull();
    });

    it('claiming an owned prospect that never was in the pool is 409 PROSPECT_NOT_IN_POOL', async () => {
      const q = await create(SP1);
      expectProblem(await post(SP2, `/prospects/${q.id}/claim`), 409, 'PROSPECT_NOT_IN_POOL');
      expect((await row(q.id)).owner_id).toBe(SP1.id);
    });
  });
});
