import type { Response } from 'supertest';
import { usccCheckCharacter } from '../../src/parties/uscc';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

const API = '/api/v1';

interface CustomerBody {
  id: string;
  name: string;
  uscc: string | null;
  contactName: string;
  contactPhone: string;
  address: string | null;
  region: string | null;
  industry: string | null;
  isKeyAccount: boolean;
  tierCode: string | null;
  ownerId: string;
  department: string;
  version: number;
}

describe('customers (客户档案): filing, scopes, 责任分区, updates, duplicates, ledger (SPEC §4, §6, §9)', () => {
  let t: TestApp;
  let admin: string;
  /** sales: SM ← SS ← R1, R2; R3 under nobody; CLERK, SA. market: MM ← MSUP ← MSP. */
  let CLERK: TestUser, SM: TestUser, SS: TestUser, R1: TestUser, R2: TestUser, R3: TestUser, SA: TestUser;
  let GM: TestUser, MM: TestUser, MSUP: TestUser, MSP: TestUser, KM: TestUser;

  const get = (u: TestUser | string, path: string, query: Record<string, string | number> = {}) =>
    t.http().get(`${API}${path}`).query(query).set('authorization', bearer(u));
  const post = (u: TestUser | string, path: string, body: object = {}) => t.http().post(`${API}${path}`).set('authorization', bearer(u)).send(body);
  const patch = (u: TestUser | string, path: string, body: object) => t.http().patch(`${API}${path}`).set('authorization', bearer(u)).send(body);

  const expectProblem = (res: Response, status: number, code: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  };
  const errorFields = (res: Response): string[] => (res.body.errors ?? []).map((e: { field: string }) => e.field);
  const ids = (res: Response): string[] => res.body.items.map((c: { id: string }) => c.id);

  let seq = 0;
  const usccFor = (n: number) => {
    const first17 = `91440100${String(n).padStart(9, '0')}`;
    return first17 + usccCheckCharacter(first17);
  };
  const fresh = (extra: Record<string, unknown> = {}) => {
    const n = ++seq;
    return { name: `测试客户${n}号有限公司`, contactName: `客户联系人${n}`, contactPhone: `137${String(n).padStart(8, '0')}`, uscc: usccFor(n), ...extra };
  };
  const file = async (body: object = fresh(), u: TestUser = CLERK): Promise<CustomerBody> => {
    const res = await post(u, '/customers', body);
    if (res.status !== 201) throw new Error(`create customer failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const assign = async (u: TestUser, c: CustomerBody, owner: TestUser): Promise<CustomerBody> => {
    const res = await post(u, `/customers/${c.id}/assign`, { ownerId: owner.id });
    if (res.status !== 200) throw new Error(`assign failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const row = async (id: string) => (await t.ds.query('SELECT * FROM customers WHERE id = $1', [id]))[0];
  const customerCount = async (): Promise<number> => (await t.ds.query('SELECT count(*)::int AS n FROM customers'))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    CLERK = await createUser(t, 'sales.clerk', { admin });
    SM = await createUser(t, 'sales.manager', { admin });
    SS = await createUser(t, 'sales.supervisor', { admin, supervisorId: SM.id });
    R1 = await createUser(t, 'sales.rep', { admin, supervisorId: SS.id });
    R2 = await createUser(t, 'sales.rep', { admin, supervisorId: SS.id });
    R3 = await createUser(t, 'sales.rep', { admin });
    SA = await createUser(t, 'sales.assistant', { admin });
    GM = await createUser(t, 'gm', { admin });
    MM = await createUser(t, 'market.manager', { admin });
    MSUP = await createUser(t, 'market.supervisor', { admin, supervisorId: MM.id });
    MSP = await createUser(t, 'market.specialist', { admin, supervisorId: MSUP.id });
    KM = await createUser(t, 'key_account.manager', { admin });
  });
  afterAll(() => t?.close());

  // ── create ─────────────────────────────────────────────────────────
  describe('create (建立客户档案, sales.clerk)', () => {
    it('the clerk files a customer: 201, owned by the clerk, department sales, not a key account', async () => {
      const body = fresh({ address: '广州市天河区体育西路1号', region: '华南', industry: '医药' });
      const res = await post(CLERK, '/customers', body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: body.name,
        uscc: body.uscc,
        contactName: body.contactName,
        contactPhone: body.contactPhone,
        address: '广州市天河区体育西路1号',
        region: '华南',
        industry: '医药',
        isKeyAccount: false,
        tierCode: null,
        ownerId: CLERK.id,
        department: 'sales',
        version: 1,
      });
      const audit = await t.ds.query(`SELECT action, actor_id, after FROM audit_log WHERE entity = 'customer' AND entity_id = $1`, [res.body.id]);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'customer.create', actor_id: CLERK.id, after: { id: res.body.id, ownerId: CLERK.id } });
    });

    it('sales.rep, market.specialist and others without customer.create get 403, nothing filed', async () => {
      const before = await customerCount();
      for (const u of [R1, MSP, SM, SA, GM, admin]) {
        const res = await post(u, '/customers', fresh());
        expectProblem(res, 403, 'PERMISSION_DENIED');
        expect(res.body.permission).toBe('customer.create');
      }
      expect(await customerCount()).toBe(before);
    });

    it('a name of punctuation only is 400 on field name, nothing filed', async () => {
      const [{ n: before }] = await t.ds.query('SELECT count(*)::int AS n FROM customers');
      const res = await post(CLERK, '/customers', fresh({ name: '（）——' }));
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(errorFields(res)).toContain('name');
      const [{ n: after }] = await t.ds.query('SELECT count(*)::int AS n FROM customers');
      expect(after).toBe(before);
    });

    it('missing fields and a bad phone are 400 with per-field errors', async () => {
      const res = await post(CLERK, '/customers', { name: '   ', contactPhone: '12' });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(errorFields(res)).toEqual(expect.arrayContaining(['name', 'contactName', 'contactPhone']));
    });

    it('a wrong USCC check character is 400 on field uscc, nothing filed', async () => {
      const before = await customerCount();
      const good = usccFor(++seq);
      const wrong = good.slice(0, 17) + (good[17] === 'A' ? 'B' : 'A');
      for (const uscc of [wrong, '91110108551385082R']) {
        const res = await post(CLERK, '/customers', fresh({ uscc }));
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(errorFields(res)).toEqual(['uscc']);
      }
      expect(await customerCount()).toBe(before);
      expect((await post(CLERK, '/customers', fresh({ uscc: good }))).status).toBe(201);
    });

    it.each([
      ['ownerId', () => R1.id],
      ['isKeyAccount', () => true],
      ['tierCode', () => 'A'],
      ['department', () => 'key_account'],
      ['version', () => 3],
      ['createdBy', () => R1.id],
    ])('a body setting %s is 400 naming it, and nothing is filed', async (field, value) => {
      const before = await customerCount();
      const body = fresh({ [field]: value() });
      const res = await post(CLERK, '/customers', body);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(errorFields(res)).toEqual([field]);
      expect(await customerCount()).toBe(before);
      expect(await t.ds.query('SELECT id FROM customers WHERE name = $1', [body.name])).toEqual([]);
    });
  });

  // ── scopes and assignment ──────────────────────────────────────────
  describe('customer.read scopes and 责任分区 (assignment)', () => {
    let c1: CustomerBody, c2: CustomerBody, c3: CustomerBody, c4: CustomerBody, c5: CustomerBody, cm: CustomerBody;
    const listAll = (u: TestUser | string, query: Record<string, string | number> = {}) => get(u, '/customers', { pageSize: 100, ...query });

    beforeAll(async () => {
      [c1, c2, c3, c4, c5, cm] = [await file(), await file(), await file(), await file(), await file(), await file()];
    });

    it('the sales manager assigns within the department; the customer follows the owner', async () => {
      const res = await post(SM, `/customers/${c1.id}/assign`, { ownerId: R1.id });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: c1.id, ownerId: R1.id, department: 'sales', version: 2 });
      c1 = res.body;
      c2 = await assign(SM, c2, R2);
      c3 = await assign(SM, c3, SS);
      c5 = await assign(SM, c5, R3);
      const audit = await t.ds.query(`SELECT actor_id, before, after FROM audit_log WHERE entity_id = $1 AND action = 'customer.assign'`, [c1.id]);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: SM.id, before: { ownerId: CLERK.id }, after: { ownerId: R1.id } });
    });

    it('a rep sees only their own; another rep gets 404 by id and never sees it, even with ?ownerId=', async () => {
      const mine = await listAll(R1);
      expect(mine.status).toBe(200);
      expect(ids(mine)).toContain(c1.id);
      expect(mine.body.items.every((c: CustomerBody) => c.ownerId === R1.id)).toBe(true);
      expect((await get(R1, `/customers/${c1.id}`)).body).toMatchObject({ id: c1.id, ownerId: R1.id });

      const other = await get(R2, `/customers/${c1.id}`);
      expectProblem(other, 404, 'NOT_FOUND');
      expect(JSON.stringify(other.body)).not.toContain(c1.name);
      const r2 = await listAll(R2);
      expect(ids(r2)).toContain(c2.id);
      expect(ids(r2)).not.toContain(c1.id);
      expect((await listAll(R2, { ownerId: R1.id })).body).toMatchObject({ items: [], total: 0 });
      expectProblem(await get(R1, `/customers/${c4.id}`), 404, 'NOT_FOUND');
    });

    it('the sales supervisor sees their own and their reps’ (team), not others', async () => {
      const res = await listAll(SS);
      expect(ids(res)).toEqual(expect.arrayContaining([c1.id, c2.id, c3.id]));
      for (const id of [c4.id, c5.id, cm.id]) expect(ids(res)).not.toContain(id);
      expect(res.body.items.every((c: CustomerBody) => [SS.id, R1.id, R2.id].includes(c.ownerId))).toBe(true);
      expectProblem(await get(SS, `/customers/${c5.id}`), 404, 'NOT_FOUND');
      expect((await listAll(SS, { ownerId: R3.id })).body.total).toBe(0);
    });

    it('the sales manager sees the whole department', async () => {
      const res = await listAll(SM);
      expect(ids(res)).toEqual(expect.arrayContaining([c1.id, c2.id, c3.id, c4.id, c5.id, cm.id]));
      expect(res.body.items.every((c: CustomerBody) => c.department === 'sales')).toBe(true);
    });

    it('assigning to a market specialist by the sales manager is 400 ASSIGNEE_INVALID, nothing changes', async () => {
      const before = await row(cm.id);
      const res = await post(SM, `/customers/${cm.id}/assign`, { ownerId: MSP.id });
      expectProblem(res, 400, 'ASSIGNEE_INVALID');
      expect(errorFields(res)).toEqual(['ownerId']);
      // nor to someone who cannot read customers at all, nor to an unknown user
      expectProblem(await post(SM, `/customers/${cm.id}/assign`, { ownerId: KM.id }), 400, 'ASSIGNEE_INVALID');
      expectProblem(await post(SM, `/customers/${cm.id}/assign`, { ownerId: '00000000-0000-4000-8000-000000000000' }), 400, 'ASSIGNEE_INVALID');
      expect(await row(cm.id)).toEqual(before);
    });

    it('without customer.assign: 403 (rep, clerk, supervisor)', async () => {
      for (const u of [R1, CLERK, SS]) {
        const res = await post(u, `/customers/${c1.id}/assign`, { ownerId: R2.id });
        expectProblem(res, 403, 'PERMISSION_DENIED');
        expect(res.body.permission).toBe('customer.assign');
      }
      expect((await row(c1.id)).owner_id).toBe(R1.id);
    });

    it('the gm may assign across departments; the department follows the new owner', async () => {
      const res = await post(GM, `/customers/${cm.id}/assign`, { ownerId: MSP.id });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: cm.id, ownerId: MSP.id, department: 'market' });
      cm = res.body;
      expect((await get(MSP, `/customers/${cm.id}`)).status).toBe(200);
      expect(ids(await listAll(MSP))).toContain(cm.id);
      expect((await get(MM, `/customers/${cm.id}`)).status).toBe(200);
      expect((await get(MSUP, `/customers/${cm.id}`)).status).toBe(200);
      expectProblem(await get(SM, `/customers/${cm.id}`), 404, 'NOT_FOUND');
      expect(ids(await listAll(SM))).not.toContain(cm.id);
      // the market manager cannot reach a sales customer to assign it
      expectProblem(await post(MM, `/customers/${c4.id}/assign`, { ownerId: MSP.id }), 404, 'NOT_FOUND');
    });

    it('clerk, sales assistant and gm see every customer (all)', async () => {
      const total = await customerCount();
      for (const u of [CLERK, SA, GM]) {
        const res = await listAll(u);
        expect(res.status).toBe(200);
        expect(res.body.total).toBe(total);
        expect(ids(res)).toEqual(expect.arrayContaining([c1.id, c2.id, c3.id, c4.id, c5.id, cm.id]));
        expect((await get(u, `/customers/${cm.id}`)).status).toBe(200);
      }
    });

    it('admin sees no business data: 403 on list, read and ledger', async () => {
      for (const path of ['/customers', `/customers/${c1.id}`, `/customers/${c1.id}/ledger`]) {
        const res = await get(admin, path);
        expectProblem(res, 403, 'PERMISSION_DENIED');
        expect(res.body.permission).toBe('customer.read');
      }
    });

    it('GET /customers/:id/ledger: empty with a zero balance for readers in scope, 404 out of scope', async () => {
      for (const u of [R1, SS, SM, CLERK, GM]) {
        const res = await get(u, `/customers/${c1.id}/ledger`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ customerId: c1.id, items: [], balance: '0.00' });
      }
      for (const u of [R2, R3, MSP, MM]) expectProblem(await get(u, `/customers/${c1.id}/ledger`), 404, 'NOT_FOUND');
      expectProblem(await get(CLERK, '/customers/00000000-0000-4000-8000-000000000000/ledger'), 404, 'NOT_FOUND');
      expectProblem(await get(CLERK, '/customers/123/ledger'), 400, 'VALIDATION_FAILED');
    });

    // ── update ───────────────────────────────────────────────────────
    describe('update (customer.update: owner own, clerk all)', () => {
      it('the owning rep updates (version bumps); then the clerk', async () => {
        const res = await patch(R1, `/customers/${c1.id}`, { version: c1.version, address: '杭州市西湖区文三路90号', region: '华东' });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ id: c1.id, address: '杭州市西湖区文三路90号', region: '华东', version: c1.version + 1, ownerId: R1.id });
        const byClerk = await patch(CLERK, `/customers/${c1.id}`, { version: c1.version + 1, industry: '化工', contactName: '孙经理' });
        expect(byClerk.status).toBe(200);
        expect(byClerk.body).toMatchObject({ industry: '化工', contactName: '孙经理', address: '杭州市西湖区文三路90号', version: c1.version + 2 });
        c1 = byClerk.body;
        const audit = await t.ds.query(`SELECT actor_id FROM audit_log WHERE entity_id = $1 AND action = 'customer.update' ORDER BY id`, [c1.id]);
        expect(audit).toEqual([{ actor_id: R1.id }, { actor_id: CLERK.id }]);
      });

      it('an optional field can be cleared with null', async () => {
        const res = await patch(CLERK, `/customers/${c1.id}`, { version: c1.version, region: null });
        expect(res.status).toBe(200);
        expect(res.body.region).toBeNull();
        c1 = res.body;
      });

      it('another rep gets 404; roles without customer.update get 403; nothing changes', async () => {
        const before = await row(c1.id);
        expectProblem(await patch(R2, `/customers/${c1.id}`, { version: c1.version, address: '越权' }), 404, 'NOT_FOUND');
        for (const u of [SS, SM, SA, GM]) {
          const res = await patch(u, `/customers/${c1.id}`, { version: c1.version, address: '越权' });
          expectProblem(res, 403, 'PERMISSION_DENIED');
        }
        expect(await row(c1.id)).toEqual(before);
      });

      it('a market specialist updates the customer they own', async () => {
        const res = await patch(MSP, `/customers/${cm.id}`, { version: cm.version, address: '宁波市鄞州区' });
        expect(res.status).toBe(200);
        expect(res.body.version).toBe(cm.version + 1);
        cm = res.body;
      });

      it('a stale version is 409 STALE_VERSION and nothing changes', async () => {
        const before = await row(c1.id);
        expectProblem(await patch(R1, `/customers/${c1.id}`, { version: c1.version - 1, address: '旧版本' }), 409, 'STALE_VERSION');
        expectProblem(await patch(CLERK, `/customers/${c1.id}`, { version: c1.version + 5, address: '旧版本' }), 409, 'STALE_VERSION');
        expect(await row(c1.id)).toEqual(before);
        const noVersion = await patch(R1, `/customers/${c1.id}`, { address: '无版本' });
        expectProblem(noVersion, 400, 'VALIDATION_FAILED');
        expect(errorFields(noVersion)).toContain('version');
      });

      it('two simultaneous PATCHes with the same version: one 200, one 409 STALE_VERSION', async () => {
        const c = await file();
        const [a, b] = await Promise.all([
          patch(CLERK, `/customers/${c.id}`, { version: 1, address: '甲地' }),
          patch(CLERK, `/customers/${c.id}`, { version: 1, address: '乙地' }),
        ]);
        expect([a.status, b.status].sort()).toEqual([200, 409]);
        const winner = a.status === 200 ? a : b;
        expect((a.status === 409 ? a : b).body.code).toBe('STALE_VERSION');
        expect(await row(c.id)).toMatchObject({ version: 2, address: winner.body.address });
      });

      it.each([
        ['ownerId', () => R2.id],
        ['isKeyAccount', () => true],
        ['tierCode', () => 'A'],
        ['department', () => 'key_account'],
        ['createdBy', () => R2.id],
      ])('a body setting %s is 400 naming it, and nothing changes', async (field, value) => {
        const before = await row(c1.id);
        for (const u of [R1, CLERK]) {
          const res = await patch(u, `/customers/${c1.id}`, { version: c1.version, address: '顺带修改', [field]: value() });
          expectProblem(res, 400, 'VALIDATION_FAILED');
          expect(errorFields(res)).toEqual([field]);
        }
        expect(await row(c1.id)).toEqual(before);
      });
    });

    // ── filters ──────────────────────────────────────────────────────
    describe('filters and pagination', () => {
      let baiyun: CustomerBody;
      beforeAll(async () => {
        baiyun = await file(fresh({ name: '广州白云山制药有限公司', contactName: '钟南海' }));
        await file(fresh({ name: '白云%物流有限公司' }));
      });

      it('q matches a Chinese substring of the name or the contact name, within the scope', async () => {
        const res = await get(CLERK, '/customers', { q: '白云山' });
        expect(res.status).toBe(200);
        expect(ids(res)).toEqual([baiyun.id]);
        expect(res.body.total).toBe(1);
        expect(ids(await get(CLERK, '/customers', { q: '南海' }))).toEqual([baiyun.id]);
        expect((await get(CLERK, '/customers', { q: '白云' })).body.total).toBe(2);
        expect((await get(CLERK, '/customers', { q: '白云%' })).body.items.map((c: CustomerBody) => c.name)).toEqual(['白云%物流有限公司']);
        expect((await get(CLERK, '/customers', { q: '白_山' })).body.total).toBe(0);
        expect((await get(CLERK, '/customers', { q: '不存在的名字' })).body).toMatchObject({ items: [], total: 0 });
        // the clerk owns it; a rep does not see it through search
        expect((await get(R1, '/customers', { q: '白云山' })).body.total).toBe(0);
      });

      it('ownerId narrows inside the scope', async () => {
        const res = await get(SM, '/customers', { ownerId: R1.id, pageSize: 100 });
        expect(ids(res)).toContain(c1.id);
        expect(res.body.items.every((c: CustomerBody) => c.ownerId === R1.id)).toBe(true);
        expect((await get(SM, '/customers', { ownerId: MSP.id })).body.total).toBe(0);
        expect((await get(CLERK, '/customers', { ownerId: MSP.id })).body.items.map((c: CustomerBody) => c.id)).toContain(cm.id);
        expectProblem(await get(SM, '/customers', { ownerId: 'R1' }), 400, 'VALIDATION_FAILED');
      });

      it('isKeyAccount=true / false', async () => {
        await t.ds.query(`INSERT INTO key_account_tiers (code, name, rank, min_annual_amount, visit_interval_days, complaint_response_hours) VALUES ('A', 'A 级', 1, 5000000, 30, 24) ON CONFLICT DO NOTHING`);
        await t.ds.query(`UPDATE customers SET is_key_account = true, tier_code = 'A' WHERE id = $1`, [c5.id]);
        const [{ n: general }] = await t.ds.query('SELECT count(*)::int AS n FROM customers WHERE NOT is_key_account');
        const no = await get(CLERK, '/customers', { isKeyAccount: 'false', pageSize: 100 });
        expect(no.status).toBe(200);
        expect(no.body.total).toBe(general);
        expect(no.body.items.every((c: CustomerBody) => c.isKeyAccount === false)).toBe(true);
        expect(ids(no)).not.toContain(c5.id);
        expect(ids(no)).toContain(c1.id);
        const yes = await get(CLERK, '/customers', { isKeyAccount: 'true' });
        expect(ids(yes)).toEqual([c5.id]);
        expect(yes.body.items[0]).toMatchObject({ isKeyAccount: true, tierCode: 'A' });
        const bad = await get(CLERK, '/customers', { isKeyAccount: 'yes' });
        expectProblem(bad, 400, 'VALIDATION_FAILED');
        expect(errorFields(bad)).toContain('isKeyAccount');
      });

      it('department narrows inside the scope', async () => {
        const res = await get(CLERK, '/customers', { department: 'market', pageSize: 100 });
        expect(ids(res)).toContain(cm.id);
        expect(res.body.items.every((c: CustomerBody) => c.department === 'market')).toBe(true);
        expect((await get(SM, '/customers', { department: 'market' })).body.total).toBe(0);
      });

      it('pages with total/page/pageSize and sorts; a bad sort is 400', async () => {
        const total = await customerCount();
        const p1 = await get(CLERK, '/customers', { page: 1, pageSize: 3, sort: 'createdAt' });
        const p2 = await get(CLERK, '/customers', { page: 2, pageSize: 3, sort: 'createdAt' });
        expect(p1.body).toMatchObject({ total, page: 1, pageSize: 3 });
        expect(p2.body).toMatchObject({ total, page: 2, pageSize: 3 });
        expect(p1.body.items).toHaveLength(3);
        expect(p2.body.items).toHaveLength(3);
        const expected: { id: string }[] = await t.ds.query('SELECT id FROM customers ORDER BY created_at, id LIMIT 6');
        expect([...ids(p1), ...ids(p2)]).toEqual(expected.map((r) => r.id));
        const last = await get(CLERK, '/customers', { page: Math.ceil(total / 3) + 1, pageSize: 3 });
        expect(last.body).toMatchObject({ items: [], total });

        const byName = await get(CLERK, '/customers', { sort: 'name', pageSize: 100 });
        const names: { id: string }[] = await t.ds.query('SELECT id FROM customers ORDER BY name, id');
        expect(ids(byName)).toEqual(names.map((r) => r.id));
        expect(ids(await get(CLERK, '/customers', { sort: '-name', pageSize: 100 }))).toEqual(names.map((r) => r.id).reverse());

        for (const query of [{ sort: 'ownerId' }, { sort: 'name desc' }, { pageSize: 101 }, { page: 0 }] as Record<string, string | number>[]) {
          const res = await get(CLERK, '/customers', query);
          expectProblem(res, 400, 'VALIDATION_FAILED');
          expect(errorFields(res)).toContain(Object.keys(query)[0]);
        }
      });
    });
  });

  // ── duplicates ─────────────────────────────────────────────────────
  describe('duplicates on create and update', () => {
    let a: CustomerBody, b: CustomerBody;
    let prospect: { id: string; companyName: string; contactPhone: string };
    const A = { name: 'ＸＹＺ精密机械（东莞）有限公司', uscc: '91350100M000100Y43', contactName: '黄工', contactPhone: '+86 135-0000-1111' };

    beforeAll(async () => {
      a = await file(A);
      b = await file();
      const res = await post(MSP, '/prospects', { companyName: '佛山顺德家电配件有限公司', contactName: '梁生', contactPhone: '0757-2222 3333' });
      expect(res.status).toBe(201);
      prospect = res.body;
    });

    const expectDuplicate = (res: Response, entity: 'prospect' | 'customer', id: string, field: string) => {
      expectProblem(res, 409, 'DUPLICATE_PARTY');
      expect(res.body.duplicateOf).toEqual({ entity, id, field });
    };

    it('creating the same company again is 409 DUPLICATE_PARTY with duplicateOf, by USCC, name or phone', async () => {
      const before = await customerCount();
      expectDuplicate(await post(CLERK, '/customers', fresh({ uscc: '91350100m000100y43' })), 'customer', a.id, 'uscc');
      expectDuplicate(await post(CLERK, '/customers', fresh({ name: 'xyz 精密机械(东莞)有限责任公司' })), 'customer', a.id, 'companyName');
      expectDuplicate(await post(CLERK, '/customers', fresh({ contactPhone: '13500001111' })), 'customer', a.id, 'contactPhone');
      expect(await customerCount()).toBe(before);
    });

    it('a customer duplicating a registered prospect is 409 with duplicateOf.entity prospect', async () => {
      expectDuplicate(await post(CLERK, '/customers', fresh({ name: '佛山顺德家电配件' })), 'prospect', prospect.id, 'companyName');
      expectDuplicate(await post(CLERK, '/customers', fresh({ contactPhone: '(0757) 22223333' })), 'prospect', prospect.id, 'contactPhone');
    });

    it('updating onto another party’s keys is 409 and changes nothing; a customer keeps its own keys', async () => {
      const before = await row(b.id);
      expectDuplicate(await patch(CLERK, `/customers/${b.id}`, { version: b.version, name: 'XYZ精密机械（东莞）' }), 'customer', a.id, 'companyName');
      expectDuplicate(await patch(CLERK, `/customers/${b.id}`, { version: b.version, uscc: A.uscc }), 'customer', a.id, 'uscc');
      expectDuplicate(await patch(CLERK, `/customers/${b.id}`, { version: b.version, contactPhone: '0757 2222 3333' }), 'prospect', prospect.id, 'contactPhone');
      expect(await row(b.id)).toEqual(before);
      const same = await patch(CLERK, `/customers/${b.id}`, { version: b.version, name: b.name, uscc: b.uscc, contactPhone: b.contactPhone });
      expect(same.status).toBe(200);
    });

    it('a wrong USCC on update is 400 on uscc, nothing changes', async () => {
      const before = await row(a.id);
      const res = await patch(CLERK, `/customers/${a.id}`, { version: a.version, uscc: '91350100M000100Y44' });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(errorFields(res)).toEqual(['uscc']);
      expect(await row(a.id)).toEqual(before);
    });

    it('a customer converted from a prospect is not a duplicate of its own source prospect', async () => {
      const p = await post(MSP, '/prospects', { companyName: '江门新会陈皮有限公司', contactName: '陈老板', contactPhone: '0750-6666 7777' });
      expect(p.status).toBe(201);
      expect((await post(MSUP, `/prospects/${p.body.id}/evaluations`, { capitalVerified: true, score: 90, conclusion: 'pass', notes: '合格' })).status).toBe(201);
      const conv = await post(MSUP, `/prospects/${p.body.id}/convert`);
      expect(conv.status).toBe(201);
      const c: CustomerBody = conv.body;
      expect(c).toMatchObject({ ownerId: MSP.id, department: 'market' });
      const res = await patch(MSP, `/customers/${c.id}`, { version: c.version, name: '江门新会陈皮股份有限公司', contactPhone: '0750 66667777' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: '江门新会陈皮股份有限公司', version: c.version + 1 });
      // but a new filing of that company is still a duplicate
      const again = await post(CLERK, '/customers', fresh({ name: '江门新会陈皮' }));
      expectProblem(again, 409, 'DUPLICATE_PARTY');
    });
  });
});
