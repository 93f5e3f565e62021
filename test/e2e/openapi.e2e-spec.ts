import type { Response } from 'supertest';
import { businessDate } from '../../src/common/time';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { OpenApiDoc, resolveRef, responseProblems, schemaProblems } from '../setup/openapi-schema';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

/**
 * The OpenAPI document is what the console's API types are generated from: every operation must
 * say what it answers, and what it says must be what the API really sends.
 */

/** Operations that answer 2xx without a body, and why. */
const NO_BODY: Record<string, string> = {
  'POST /api/v1/auth/logout': '204: the session is revoked and its cookies cleared',
  'DELETE /api/v1/attachments/{id}': '204: the file is gone',
};
/** Operations that answer only a file (no JSON at all); the CSV and xlsx exports are `?format=` of a JSON route. */
const FILE_ONLY: Record<string, string> = {
  'GET /api/v1/imports/customers/template': 'the import template (xlsx)',
  'GET /api/v1/imports/prospects/template': 'the import template (xlsx)',
  'GET /api/v1/attachments/{id}': 'the attached file itself',
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('OpenAPI document (/api/docs-json)', () => {
  let t: TestApp;
  let doc: OpenApiDoc;

  beforeAll(async () => {
    t = await createTestApp();
    const res = await t.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(() => t?.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, responses: op.responses ?? {} })),
    );

  it('documents a 2xx response with a schema for every operation, except the named no-body and file-only ones', () => {
    const missing: string[] = [];
    for (const { key, responses } of operations()) {
      const ok = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
      if (key in NO_BODY) {
        if (!ok.some(([status, r]) => status === '204' && !r.content)) missing.push(`${key}: listed as answering without a body, but documents no bare 204`);
        continue;
      }
      const withSchema = ok.filter(([, r]) => Object.entries(r.content ?? {}).some(([type, c]) => (key in FILE_ONLY || type === 'application/json') && c.schema));
      if (!withSchema.length) missing.push(`${key}: no 2xx response with a ${key in FILE_ONLY ? 'file' : 'JSON'} schema`);
    }
    expect(missing).toEqual([]);
    for (const key of [...Object.keys(NO_BODY), ...Object.keys(FILE_ONLY)]) expect(operations().map((o) => o.key)).toContain(key);
  });

  it('resolves every $ref to a component schema', () => {
    const refs = new Set(JSON.stringify(doc).match(/"\$ref":"[^"]+"/g)?.map((r) => r.slice(8, -1)));
    expect(refs.size).toBeGreaterThan(50);
    for (const ref of refs) expect(() => resolveRef(doc, ref)).not.toThrow();
  });

  it('names one page schema per item type, with items, total (and whether it is exact), page and pageSize', () => {
    const page = doc.components.schemas.ProspectPageDto;
    expect(page.required).toEqual(['items', 'total', 'totalExact', 'page', 'pageSize']);
    expect(page.properties?.totalExact).toMatchObject({ type: 'boolean' });
    expect(page.properties?.items).toEqual({ type: 'array', items: { $ref: '#/components/schemas/ProspectResponseDto' } });
    const list = doc.paths['/api/v1/prospects'].get.responses?.['200'].content?.['application/json'].schema;
    const pool = doc.paths['/api/v1/prospects/pool'].get.responses?.['200'].content?.['application/json'].schema;
    expect(list).toEqual({ $ref: '#/components/schemas/ProspectPageDto' });
    expect(pool).toEqual(list);
  });

  it('documents the CSV and xlsx exports beside the JSON of the same route', () => {
    const types = (path: string) => Object.keys(doc.paths[path].get.responses?.['200'].content ?? {}).sort();
    expect(types('/api/v1/visits')).toEqual(['application/json', 'text/csv']);
    expect(types('/api/v1/ledger')).toEqual(['application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv']);
    expect(types('/api/v1/reports/sales')).toEqual(['application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv']);
  });

  it('documents errors as problem+json', () => {
    const notFound = doc.paths['/api/v1/contracts/{id}'].get.responses?.['404'].content?.['application/problem+json'].schema;
    expect(notFound).toEqual({ $ref: '#/components/schemas/ProblemDto' });
    expect(doc.components.schemas.ProblemDto.required).toEqual(['type', 'title', 'status', 'detail', 'code']);
  });

  /** Real answers of the API, held to the schemas documented for their routes and status codes. */
  describe('real responses match their documented schemas', () => {
    const u: Record<string, TestUser> = {};
    const as = (user: TestUser) => ({
      get: (path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(user)),
      post: (path: string, body: object = {}) => t.http().post(`/api/v1${path}`).set('authorization', bearer(user)).send(body),
    });
    /** The response conforms: a documented 2xx, and a body with the documented keys and types (and no others). */
    const conforms = (res: Response, status: number): Response => {
      expect({ status: res.status, body: res.status === status ? 'ok' : res.body }).toEqual({ status, body: 'ok' });
      const { method, path } = (res as Response & { req: { method: string; path: string } }).req;
      expect(responseProblems(doc, method, path, res.status, res.body)).toEqual([]);
      return res;
    };
    /** A business date (BUSINESS_TZ) `offset` days from today, as the API counts days overdue. */
    const day = (offset: number) => businessDate(new Date(Date.now() + offset * 86_400_000), t.config.businessTz);
    let prospectId: string;
    let customerId: string;
    let contractId: string;

    beforeAll(async () => {
      const admin = await adminToken(t);
      u.sm = await createUser(t, 'sales.manager', { admin });
      u.ss = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id });
      u.rep = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id });
      u.clerk = await createUser(t, 'sales.clerk', { admin });
      u.sp = await createUser(t, 'market.specialist', { admin });
    });

    it('the checker itself catches drift: a missing key, a wrong type, an unexpected null, an undocumented key', () => {
      const good = { id: '3f0c7a52-5d2a-4e0b-9f4e-0d6f5b7f1a10', seq: 1, dueDate: '2027-06-30', amount: '100.00' };
      const schema = { $ref: '#/components/schemas/ContractPlanLineDto' };
      expect(schemaProblems(doc, schema, { seq: 1, dueDate: '2027-06-30', amount: '100.00' })).toEqual([]);
      expect(schemaProblems(doc, schema, { ...good, seq: '1', dueDate: null, amount: '100.5' }).sort()).toEqual([
        '$.amount: "100.5" does not match ^-?\\d+\\.\\d{2}$',
        '$.dueDate: null, but the schema does not say nullable',
        '$.id: not in the documented schema',
        '$.seq: expected an integer, got string',
      ]);
      expect(schemaProblems(doc, schema, { seq: 1, amount: '1.00' })).toEqual(['$.dueDate: required, but missing']);
    });

    it('a prospect (created, read, listed)', async () => {
      const created = conforms(await as(u.sp).post('/prospects', { companyName: '福州闽江茶业有限公司', contactName: '林先生', contactPhone: '13900001111', region: '华东' }), 201);
      prospectId = created.body.id;
      expect(created.body).toMatchObject({ uscc: null, ownerId: u.sp.id, inPool: false, registeredCapital: null });
      conforms(await as(u.sp).get(`/prospects/${prospectId}`), 200);
      const page = conforms(await as(u.sp).get('/prospects'), 200);
      expect(page.body.items.length).toBeGreaterThan(0);
    });

    it('a page of visits, with and without a check-in location', async () => {
      const c = conforms(await as(u.clerk).post('/customers', { name: '厦门鹭岛贸易有限公司', contactName: '黄经理', contactPhone: '13900002222' }), 201);
      customerId = c.body.id;
      conforms(await as(u.sm).post(`/customers/${customerId}/assign`, { ownerId: u.rep.id }), 200);
      const visit = { customerId, visitedAt: `${day(-3)}T10:00:00+08:00`, purpose: '回访', summary: '客户询问新品价格' };
      conforms(await as(u.rep).post('/visits', { ...visit, method: 'in_person', location: { lat: 24.4798, lng: 118.0894, address: '厦门市思明区' } }), 201);
      conforms(await as(u.rep).post('/visits', { ...visit, method: 'phone', nextVisitAt: day(7) }), 201);
      conforms(await as(u.sp).post('/visits', { prospectId, visitedAt: day(-1), method: 'phone', purpose: '初次联系', summary: '约定面谈' }), 201);
      const page = conforms(await as(u.rep).get('/visits'), 200);
      expect(page.body.items.map((v: { location: unknown }) => v.location === null).sort()).toEqual([false, true]);
    });

    it('a contract with its payment plan, the approvers it waits for, and its decisions', async () => {
      const body = {
        customerId,
        title: '2027 年度茶叶采购合同',
        amount: '120000.00',
        startDate: day(-30),
        endDate: day(330),
        paymentPlan: [
          { dueDate: day(-2), amount: '20000.00' },
          { dueDate: day(60), amount: '100000.00' },
        ],
      };
      const draft = conforms(await as(u.rep).post('/contracts', body), 201);
      contractId = draft.body.id;
      expect(draft.body).not.toHaveProperty('awaitingApprovers');
      const pending = conforms(await as(u.rep).post(`/contracts/${contractId}/submit`), 200);
      expect(pending.body.awaitingApprovers).toEqual([{ id: u.sm.id, displayName: expect.any(String), role: 'sales.manager' }]);
      conforms(await as(u.sm).post(`/contracts/${contractId}/approve`, { comment: '同意' }), 200);
      conforms(await as(u.rep).post(`/contracts/${contractId}/sign`, { signedAt: day(-5) }), 200);
      const signed = conforms(await as(u.rep).get(`/contracts/${contractId}`), 200);
      expect(signed.body).toMatchObject({ status: 'signed', customerName: '厦门鹭岛贸易有限公司', paymentPlan: [{ seq: 1 }, { seq: 2 }], approvals: [{ decision: 'approve', comment: '同意' }] });
      conforms(await as(u.rep).get('/contracts'), 200);
    });

    it('/me/tasks: the approval task of the manager, the signing task of the rep', async () => {
      for (const user of [u.sm, u.rep]) {
        const page = conforms(await as(user).get('/me/tasks'), 200);
        expect(page.body.items.length).toBeGreaterThan(0);
      }
    });

    it('a receivable, its collections, a payment and the ledger', async () => {
      const page = conforms(await as(u.rep).get(`/receivables?contractId=${contractId}`), 200);
      expect(page.body.items).toHaveLength(2);
      const overdue = page.body.items.find((r: { overdue: boolean }) => r.overdue);
      const one = conforms(await as(u.rep).get(`/receivables/${overdue.id}`), 200);
      expect(one.body).toMatchObject({ contractNumber: expect.stringMatching(/^HT-/), outstanding: '20000.00', daysOverdue: 2 });
      conforms(await as(u.rep).post(`/receivables/${overdue.id}/collections`, { contactedAt: `${day(-1)}T15:00:00+08:00`, method: 'phone', result: 'promised', promisedDate: day(3), note: '财务答应本周付款' }), 201);
      conforms(await as(u.rep).get(`/receivables/${overdue.id}/collections`), 200);
      conforms(await as(u.clerk).post('/payments', { contractId, amount: '5000.5', receivedAt: day(-1), method: 'bank_transfer' }), 201);
      conforms(await as(u.rep).get(`/customers/${customerId}/ledger`), 200);
      const payments = conforms(await as(u.clerk).get(`/payments?contractId=${contractId}`), 200);
      expect(payments.body.items[0]).toMatchObject({ contractNumber: expect.stringMatching(/^HT-/), reversedByPaymentId: null });
      conforms(await as(u.clerk).get(`/ledger?contractId=${contractId}`), 200);
      conforms(await as(u.rep).get('/receivables/aging'), 200);
    });
  });
});
