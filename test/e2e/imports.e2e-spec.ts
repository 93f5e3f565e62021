import * as ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { grantFor } from '../../src/access/policy';
import { ROLES } from '../../src/access/roles';
import { usccCheckCharacter } from '../../src/parties/uscc';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { binary } from '../setup/http';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

const API = '/api/v1';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CUSTOMER_HEADERS = ['客户名称', '统一社会信用代码', '联系人', '联系电话', '地址', '地区', '行业'];
const PROSPECT_HEADERS = ['公司名称', '统一社会信用代码', '联系人', '联系电话', '地区', '行业', '来源', '备注'];

type Cell = ExcelJS.CellValue;
type Kind = 'customers' | 'prospects';

interface ImportBody {
  id: string;
  kind: Kind;
  dryRun: boolean;
  status: 'running' | 'completed' | 'failed';
  totalRows: number;
  processedRows: number;
  totals: { create: number; created: number; duplicate: number; error: number };
  message: string | null;
  ignoredColumns: string[];
  ownerId: string;
}
interface RowBody {
  row: number;
  status: string;
  values: Record<string, string | null>;
  errors: { column: string; field: string; message: string }[];
  duplicateOf: { field: string; column: string; row: number | null; entity: string | null; id: string | null } | null;
  recordId: string | null;
}

/** A workbook of one sheet: a header row and the rows below it (a null row is left blank). */
async function workbook(headers: string[], rows: Array<Cell[] | null>, opts: { title?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  let r = 1;
  if (opts.title) ws.getRow(r++).getCell(1).value = opts.title;
  headers.forEach((h, i) => (ws.getRow(r).getCell(i + 1).value = h));
  r += 1;
  for (const row of rows) {
    if (row) row.forEach((v, i) => (ws.getRow(r).getCell(i + 1).value = v));
    r += 1;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A valid USCC of our own numbering (17 characters and the GB 32100 check character). */
const usccFor = (n: number) => {
  const first17 = `91320500${String(n).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
};
/** The same USCC with a wrong check character. */
const badUscc = (n: number) => {
  const good = usccFor(n);
  const wrong = good[17] === '0' ? '1' : '0';
  return good.slice(0, 17) + wrong;
};

describe('imports (导入客户、潜在客户, SPEC §6, SAL-6.3): dry run, commit, duplicates, limits, scope', () => {
  let t: TestApp;
  let admin: string;
  let CLERK: TestUser, CLERK2: TestUser, MSP: TestUser, MSP2: TestUser, MSUP: TestUser, REP: TestUser, GM: TestUser;

  const get = (u: TestUser, path: string, query: Record<string, string | number> = {}) => t.http().get(`${API}${path}`).query(query).set('authorization', bearer(u));
  const post = (u: TestUser, path: string, body: object) => t.http().post(`${API}${path}`).set('authorization', bearer(u)).send(body);
  const upload = (u: TestUser | string, kind: Kind, file: Buffer, query: Record<string, string> = { dryRun: 'true' }, type = XLSX) =>
    t.http().post(`${API}/imports/${kind}`).query(query).set('authorization', bearer(u)).set('content-type', type).send(file);

  const expectProblem = (res: Response, status: number, code: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toMatch(/[\u4e00-\u9fff]/);
  };

  /** Polls the import until it is no longer running. */
  const settle = async (u: TestUser, kind: Kind, id: string): Promise<ImportBody> => {
    const until = Date.now() + 60_000;
    for (;;) {
      const res = await get(u, `/imports/${kind}/${id}`);
      if (res.status !== 200) throw new Error(`poll: ${res.status} ${JSON.stringify(res.body)}`);
      if (res.body.status !== 'running') return res.body;
      if (Date.now() > until) throw new Error('import did not finish');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  /** Uploads, expects 202, waits for the end. */
  const run = async (u: TestUser, kind: Kind, file: Buffer, dryRun: boolean): Promise<ImportBody> => {
    const res = await upload(u, kind, file, { dryRun: String(dryRun), fileName: '名单.xlsx' });
    if (res.status !== 202) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
    expect(res.body).toMatchObject({ kind, dryRun, fileName: '名单.xlsx', ownerId: u.id });
    return settle(u, kind, res.body.id);
  };
  const allRows = async (u: TestUser, kind: Kind, id: string, status?: string): Promise<RowBody[]> => {
    const out: RowBody[] = [];
    for (let page = 1; ; page++) {
      const res = await get(u, `/imports/${kind}/${id}/rows`, { page, pageSize: 100, ...(status ? { status } : {}) });
      expect(res.status).toBe(200);
      out.push(...res.body.items);
      if (out.length >= res.body.total) return out;
    }
  };
  const count = async (table: string): Promise<number> => (await t.ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  /** What a refused upload must leave as it was. */
  const state = async () => ({ imports: await count('imports'), rows: await count('import_rows'), customers: await count('customers'), prospects: await count('prospects'), audit: await count('audit_log') });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    CLERK = await createUser(t, 'sales.clerk', { admin });
    CLERK2 = await createUser(t, 'sales.clerk', { admin });
    const mm = await createUser(t, 'market.manager', { admin });
    MSUP = await createUser(t, 'market.supervisor', { admin, supervisorId: mm.id });
    MSP = await createUser(t, 'market.specialist', { admin, supervisorId: MSUP.id });
    MSP2 = await createUser(t, 'market.specialist', { admin, supervisorId: MSUP.id });
    REP = await createUser(t, 'sales.rep', { admin });
    GM = await createUser(t, 'gm', { admin });
  }, 60_000);
  afterAll(() => t?.close());

  describe('the template', () => {
    it('is an xlsx whose first row is the columns of the kind (SPEC §10 names)', async () => {
      for (const [u, kind, headers] of [[CLERK, 'customers', CUSTOMER_HEADERS], [MSP, 'prospects', PROSPECT_HEADERS]] as const) {
        const res = await get(u, `/imports/${kind}/template`).buffer(true).parse(binary);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe(XLSX);
        expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+\.xlsx"; filename\*=UTF-8''/);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(res.body);
        expect((wb.worksheets[0].getRow(1).values as Cell[]).slice(1)).toEqual(headers);
        expect(wb.worksheets[0].rowCount).toBe(1);
      }
    });

    it('an empty template filled in and uploaded is accepted as it is', async () => {
      const res = await get(CLERK, '/imports/customers/template').buffer(true).parse(binary);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body);
      wb.worksheets[0].addRow(['苏州模板试填有限公司', usccFor(900), '模板', '13900009000']);
      const done = await run(CLERK, 'customers', Buffer.from(await wb.xlsx.writeBuffer()), true);
      expect(done).toMatchObject({ status: 'completed', totalRows: 1, totals: { create: 1, created: 0, duplicate: 0, error: 0 } });
    });
  });

  describe('customers: dry run, commit, and the same file again', () => {
    let existingCustomer: string;
    let existingProspect: string;
    let file: Buffer;
    const before = { customers: 0, audit: 0 };
    let firstCreated: string[] = [];

    beforeAll(async () => {
      const c = await post(CLERK, '/customers', { name: '无锡太湖纺织有限公司', contactName: '钱经理', contactPhone: '13511110000', uscc: usccFor(1) });
      expect(c.status).toBe(201);
      existingCustomer = c.body.id;
      const p = await post(MSP, '/prospects', { companyName: '常州龙城机电有限公司', contactName: '孙先生', contactPhone: '13511112222', uscc: usccFor(2) });
      expect(p.status).toBe(201);
      existingProspect = p.body.id;
      file = await workbook(CUSTOMER_HEADERS, [
        /* 2 */ ['苏州工业园区精工科技有限公司', usccFor(10), '张伟', '13800001111', '苏州市工业园区星湖街 1 号', '华东', '机械'],
        /* 3 */ ['昆山电子元件有限公司', badUscc(11), '李娜', '13800002222', null, '华东', '电子'],
        /* 4 */ ['南通船舶配件有限公司', null, null, '13800003333', null, null, null],
        /* 5 */ ['无锡 太湖纺织（有限公司）', null, '钱多多', '13800004444', null, null, null],
        /* 6 */ ['苏州精工二厂', null, '王五', '+86 138-0000-1111', null, null, null],
        /* 7 */ ['扬州漆器工艺有限公司', null, '赵六', 13800007777, null, '华东', '工艺品'],
        /* 8 */ null,
        /* 9 */ ['镇江香醋酿造有限公司', usccFor(2), '周七', '13800009999', null, null, null],
        /* 10 */ ['泰州医药物流有限公司', null, '吴八', '电话待补', null, null, null],
      ]);
      before.customers = await count('customers');
      before.audit = await count('audit_log');
    });

    it('the dry run answers 202 at once and then says, row by row, what would happen — and creates nothing', async () => {
      const res = await upload(CLERK, 'customers', file, { dryRun: 'true' });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ kind: 'customers', dryRun: true, totalRows: 8, ignoredColumns: [] });
      expect(['running', 'completed']).toContain(res.body.status);
      const done = await settle(CLERK, 'customers', res.body.id);
      expect(done).toMatchObject({ status: 'completed', processedRows: 8, totals: { create: 2, created: 0, duplicate: 3, error: 3 }, message: null });

      const rows = await allRows(CLERK, 'customers', res.body.id);
      expect(rows.map((r) => [r.row, r.status])).toEqual([
        [2, 'create'],
        [3, 'error'],
        [4, 'error'],
        [5, 'duplicate'],
        [6, 'duplicate'],
        [7, 'create'],
        [9, 'duplicate'],
        [10, 'error'],
      ]);
      const byRow = new Map(rows.map((r) => [r.row, r]));
      // errors: the column, and the message in Chinese
      expect(byRow.get(3)!.errors).toEqual([{ column: '统一社会信用代码', field: 'uscc', message: expect.stringMatching(/^统一社会信用代码.*校验位错误/) }]);
      expect(byRow.get(4)!.errors).toEqual([{ column: '联系人', field: 'contactName', message: '联系人 不能为空' }]);
      expect(byRow.get(10)!.errors).toEqual([{ column: '联系电话', field: 'contactPhone', message: expect.stringMatching(/^联系电话 必须是 7 到 20 位的电话号码/) }]);
      // duplicates: of which record or which row, by which rule
      expect(byRow.get(5)!.duplicateOf).toEqual({ field: 'companyName', column: '客户名称', row: null, entity: 'customer', id: existingCustomer });
      expect(byRow.get(6)!.duplicateOf).toEqual({ field: 'contactPhone', column: '联系电话', row: 2, entity: null, id: null });
      expect(byRow.get(9)!.duplicateOf).toEqual({ field: 'uscc', column: '统一社会信用代码', row: null, entity: 'prospect', id: existingProspect });
      // the values as read: a phone typed as a number reads as its digits
      expect(byRow.get(7)!.values).toMatchObject({ name: '扬州漆器工艺有限公司', contactPhone: '13800007777', region: '华东', uscc: null });
      expect(rows.every((r) => r.recordId === null)).toBe(true);

      expect(await count('customers')).toBe(before.customers);
      const audit = await t.ds.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY at, id`, [res.body.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['import.dry-run', 'import.dry-run.finish']);
    });

    it('row results are paged and filtered by status', async () => {
      const done = await run(CLERK, 'customers', file, true);
      const errors = await get(CLERK, `/imports/customers/${done.id}/rows`, { status: 'error', pageSize: 2 });
      expect(errors.status).toBe(200);
      expect(errors.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(errors.body.items.map((r: RowBody) => r.row)).toEqual([3, 4]);
      const page2 = await get(CLERK, `/imports/customers/${done.id}/rows`, { status: 'error', pageSize: 2, page: 2 });
      expect(page2.body.items.map((r: RowBody) => r.row)).toEqual([10]);
      const desc = await get(CLERK, `/imports/customers/${done.id}/rows`, { sort: '-row', pageSize: 1 });
      expect(desc.body.items[0].row).toBe(10);
      expectProblem(await get(CLERK, `/imports/customers/${done.id}/rows`, { status: 'maybe' }), 400, 'VALIDATION_FAILED');
      expectProblem(await get(CLERK, `/imports/customers/${done.id}/rows`, { sort: 'name' }), 400, 'VALIDATION_FAILED');
      expectProblem(await get(CLERK, `/imports/customers/${done.id}/rows`, { pageSize: 101 }), 400, 'VALIDATION_FAILED');
    });

    it('the commit creates exactly the rows the dry run would create, owned by the clerk, audited like a create', async () => {
      const done = await run(CLERK, 'customers', file, false);
      expect(done).toMatchObject({ status: 'completed', dryRun: false, processedRows: 8, totals: { create: 0, created: 2, duplicate: 3, error: 3 } });
      const created = await allRows(CLERK, 'customers', done.id, 'created');
      expect(created.map((r) => r.row)).toEqual([2, 7]);
      firstCreated = created.map((r) => r.recordId!);
      expect(await count('customers')).toBe(before.customers + 2);
      const first = await get(CLERK, `/customers/${firstCreated[0]}`);
      expect(first.body).toMatchObject({ name: '苏州工业园区精工科技有限公司', uscc: usccFor(10), contactName: '张伟', contactPhone: '13800001111', address: '苏州市工业园区星湖街 1 号', region: '华东', industry: '机械', ownerId: CLERK.id, department: 'sales' });
      const second = await get(CLERK, `/customers/${firstCreated[1]}`);
      expect(second.body).toMatchObject({ name: '扬州漆器工艺有限公司', uscc: null, contactPhone: '13800007777' });
      // one audit row per record (in its batch's transaction), and the import's own
      const audit = await t.ds.query(`SELECT action, entity_id, after, request_id FROM audit_log WHERE action = 'customer.import' AND entity_id = ANY($1) ORDER BY entity_id`, [firstCreated]);
      expect(audit).toHaveLength(2);
      const asRead = await Promise.all([...firstCreated].sort().map(async (id) => (await get(CLERK, `/customers/${id}`)).body));
      expect(audit.map((a: { after: object }) => a.after)).toEqual(asRead);
      expect(audit[0].request_id).toEqual(expect.any(String));
      const own = await t.ds.query(`SELECT action, after FROM audit_log WHERE entity = 'import' AND entity_id = $1 ORDER BY at, id`, [done.id]);
      expect(own.map((a: { action: string }) => a.action)).toEqual(['import.commit', 'import.finish']);
      expect(own[1].after).toMatchObject({ status: 'completed', totals: { created: 2, duplicate: 3, error: 3 } });
    });

    it('the same file again creates nothing: every row that was created is now a duplicate of its record', async () => {
      const n = await count('customers');
      const done = await run(CLERK, 'customers', file, false);
      expect(done.totals).toEqual({ create: 0, created: 0, duplicate: 5, error: 3 });
      expect(await count('customers')).toBe(n);
      const rows = await allRows(CLERK, 'customers', done.id, 'duplicate');
      expect(rows.find((r) => r.row === 2)!.duplicateOf).toMatchObject({ entity: 'customer', id: firstCreated[0], row: null });
      expect(rows.find((r) => r.row === 7)!.duplicateOf).toMatchObject({ entity: 'customer', id: firstCreated[1], row: null });
      // and a dry run of it says there is nothing to create
      expect((await run(CLERK, 'customers', file, true)).totals).toEqual({ create: 0, created: 0, duplicate: 5, error: 3 });
    });
  });

  describe('prospects: the importer owns them; the import is the importer’s', () => {
    let importId: string;

    it('a market specialist imports prospects of her own (MKT-6.2), with 来源 and 备注', async () => {
      const file = await workbook(['备注', '联系电话', '公司名称', '联系人', '来源', '不相干的列'], [
        ['展会上交换了名片', '13600001001', '盐城海盐科技有限公司', '陈一', '展会', 'x'],
        [null, '13600001002', '淮安淮扬食品有限公司', '陈二', '转介绍', 'y'],
      ]);
      const done = await run(MSP, 'prospects', file, false);
      importId = done.id;
      expect(done).toMatchObject({ status: 'completed', totals: { created: 2 }, ignoredColumns: ['不相干的列'] });
      const rows = await allRows(MSP, 'prospects', done.id);
      const p = await get(MSP, `/prospects/${rows[0].recordId}`);
      expect(p.body).toMatchObject({ companyName: '盐城海盐科技有限公司', source: '展会', notes: '展会上交换了名片', status: 'new', ownerId: MSP.id, department: 'market' });
      const [audit] = await t.ds.query(`SELECT after FROM audit_log WHERE action = 'prospect.import' AND entity_id = $1`, [p.body.id]);
      expect(audit.after).toEqual(p.body);
    });

    it('another specialist, her supervisor (prospect.create is own for every holder) and the other kind’s routes answer 404', async () => {
      expectProblem(await get(MSP2, `/imports/prospects/${importId}`), 404, 'NOT_FOUND');
      expectProblem(await get(MSP2, `/imports/prospects/${importId}/rows`), 404, 'NOT_FOUND');
      expectProblem(await get(MSUP, `/imports/prospects/${importId}`), 404, 'NOT_FOUND');
      expectProblem(await get(CLERK, `/imports/customers/${importId}`), 404, 'NOT_FOUND');
      expect((await get(MSP, `/imports/prospects/${importId}`)).status).toBe(200);
    });

    it('customer imports are read by any holder of customer.create (all scope): another clerk', async () => {
      const [row] = await t.ds.query(`SELECT id FROM imports WHERE kind = 'customers' AND owner_id = $1 LIMIT 1`, [CLERK.id]);
      expect((await get(CLERK2, `/imports/customers/${row.id}`)).status).toBe(200);
      expectProblem(await get(MSP, `/imports/prospects/${row.id}`), 404, 'NOT_FOUND');
    });
  });

  describe('permissions per role (the duty matrix, no grants added)', () => {
    it('only holders of customer.create / prospect.create pass; the others get 403 naming the permission', async () => {
      const noHeader = await workbook(['随便'], [['x']]);
      const wrong: string[] = [];
      for (const role of ROLES) {
        const u = role === 'admin' ? admin : (await createUser(t, role, { admin })).token;
        for (const [kind, permission] of [['customers', 'customer.create'], ['prospects', 'prospect.create']] as const) {
          const res = await upload(u, kind, noHeader);
          const tpl = await t.http().get(`${API}/imports/${kind}/template`).set('authorization', bearer(u));
          const expected = grantFor(role, permission) ? [400, 'IMPORT_MISSING_HEADER', 200] : [403, 'PERMISSION_DENIED', 403];
          const got = [res.status, res.body.code, tpl.status];
          if (JSON.stringify(got) !== JSON.stringify(expected)) wrong.push(`${role} ${kind}: ${JSON.stringify(got)}`);
          if (res.status === 403 && res.body.permission !== permission) wrong.push(`${role} ${kind}: names ${res.body.permission}`);
        }
      }
      expect(wrong).toEqual([]);
      expect(grantFor('sales.clerk', 'customer.create')?.scope).toBe('all');
    });

    it('without a token: 401', async () => {
      const res = await t.http().post(`${API}/imports/customers`).set('content-type', XLSX).send(Buffer.from('x'));
      expect(res.status).toBe(401);
    });
  });

  describe('refused files change nothing', () => {
    const refused = async (res: Promise<Response> | Response, status: number, code: string, s0: Awaited<ReturnType<typeof state>>) => {
      expectProblem(await res, status, code);
      // a refusal is answered before anything is written (the audit log included)
      expect(await state()).toEqual(s0);
    };

    it('a file over 5 MiB: 413 IMPORT_FILE_TOO_LARGE', async () => {
      const s0 = await state();
      await refused(upload(CLERK, 'customers', Buffer.alloc(5 * 1024 * 1024 + 1, 1)), 413, 'IMPORT_FILE_TOO_LARGE', s0);
      // exactly 5 MiB is read (and then refused for what it is: not a workbook)
      await refused(upload(CLERK, 'customers', Buffer.alloc(5 * 1024 * 1024, 1)), 400, 'IMPORT_BAD_FILE', s0);
    });

    it('more than 5,000 data rows: 400 IMPORT_TOO_MANY_ROWS, counted exactly near the limit and before reading far past it', async () => {
      const s0 = await state();
      const rows = (n: number) => Array.from({ length: n }, (_, i) => [`超限测试${i}有限公司`, null, '某人', `1370${String(i).padStart(7, '0')}`]);
      const exact = await upload(CLERK, 'customers', await workbook(CUSTOMER_HEADERS, rows(5001)));
      await refused(exact, 400, 'IMPORT_TOO_MANY_ROWS', s0);
      expect(exact.body).toMatchObject({ rows: 5001, maxRows: 5000 });
      const far = await upload(CLERK, 'customers', await workbook(CUSTOMER_HEADERS, rows(7000)));
      await refused(far, 400, 'IMPORT_TOO_MANY_ROWS', s0);
      expect(far.body.detail).toContain('约');
    });

    it('not an xlsx: 415 for another content type or a JSON body, 400 for bytes that are not a workbook', async () => {
      const s0 = await state();
      await refused(upload(CLERK, 'customers', Buffer.from('hello'), {}, 'text/plain'), 415, 'IMPORT_BAD_FILE', s0);
      await refused(t.http().post(`${API}/imports/customers`).set('authorization', bearer(CLERK)).send({ rows: [] }), 415, 'IMPORT_BAD_FILE', s0);
      await refused(upload(CLERK, 'customers', Buffer.from('客户名称,联系人,联系电话\n某公司,某人,13800000000\n')), 400, 'IMPORT_BAD_FILE', s0);
      const real = await workbook(CUSTOMER_HEADERS, [['某公司', null, '某人', '13800000000']]);
      await refused(upload(CLERK, 'customers', real.subarray(0, Math.floor(real.length / 2))), 400, 'IMPORT_BAD_FILE', s0);
      await refused(upload(CLERK, 'customers', Buffer.alloc(0)), 400, 'IMPORT_BAD_FILE', s0);
      // an Excel body on a route that takes JSON is refused before it is read
      const onJson = await t.http().post(`${API}/customers`).set('authorization', bearer(CLERK)).set('content-type', XLSX).send(real);
      await refused(onJson, 415, 'UNSUPPORTED_MEDIA_TYPE', s0);
    });

    it('a missing required column, a column twice, or no data: 400 with the column names', async () => {
      const s0 = await state();
      const missing = await upload(CLERK, 'customers', await workbook(['客户名称', '联系电话', '备用'], [['某公司', '13800000000', 'x']]));
      await refused(missing, 400, 'IMPORT_MISSING_HEADER', s0);
      expect(missing.body).toMatchObject({ missing: ['联系人'], found: ['客户名称', '联系电话', '备用'] });
      expect(missing.body.detail).toContain('联系人');
      const twice = await upload(CLERK, 'customers', await workbook(['客户名称', '联系人', '联系电话', '公司名称'], [['a', 'b', '13800000000', 'c']]));
      await refused(twice, 400, 'IMPORT_DUPLICATE_HEADER', s0);
      await refused(upload(CLERK, 'customers', await workbook(CUSTOMER_HEADERS, [])), 400, 'IMPORT_EMPTY', s0);
    });

    it('a query that is not allowed: 400', async () => {
      const s0 = await state();
      const file = await workbook(CUSTOMER_HEADERS, [['某公司', null, '某人', '13800000000']]);
      await refused(upload(CLERK, 'customers', file, { dryRun: 'yes' }), 400, 'VALIDATION_FAILED', s0);
      await refused(upload(CLERK, 'customers', file, { fileName: 'x'.repeat(201) }), 400, 'VALIDATION_FAILED', s0);
    });
  });

  describe('headers as people write them', () => {
    it('a title row above the header, columns in any order, 公司名称 for 客户名称, required marks and extra spaces', async () => {
      const file = await workbook(['联系电话 *', '联系人（必填）', ' 公司名称 ', '行业'], [['13300000001', '甲', '宿迁洋河酒业有限公司', '酒类']], { title: '2026 年客户名单' });
      const done = await run(CLERK, 'customers', file, true);
      expect(done.totals.create).toBe(1);
      const [row] = await allRows(CLERK, 'customers', done.id);
      expect(row).toMatchObject({ row: 3, values: { name: '宿迁洋河酒业有限公司', contactName: '甲', contactPhone: '13300000001', industry: '酒类' } });
    });
  });

  describe('a 5,000-row file', () => {
    it('is checked in batches: the progress moves, and every row is accounted for', async () => {
      const rows = Array.from({ length: 5000 }, (_, i) => [`批量检查${i}号有限公司`, null, `联系人${i}`, `1350${String(i).padStart(7, '0')}`]);
      const res = await upload(CLERK, 'customers', await workbook(CUSTOMER_HEADERS, rows));
      expect(res.status).toBe(202);
      const seen = new Set<number>();
      let last: ImportBody;
      for (;;) {
        last = (await get(CLERK, `/imports/customers/${res.body.id}`)).body;
        seen.add(last.processedRows);
        if (last.status !== 'running') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(last).toMatchObject({ status: 'completed', totalRows: 5000, processedRows: 5000, totals: { create: 5000, created: 0, duplicate: 0, error: 0 } });
      // progress is recorded per batch: only whole batches of 250, never a half one
      expect([...seen].every((n) => n % 250 === 0)).toBe(true);
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM import_rows WHERE import_id = $1 AND status = 'create'`, [res.body.id]);
      expect(n).toBe(5000);
    });
  });

  describe('failures', () => {
    afterEach(async () => {
      await t.ds.query(`DROP TRIGGER IF EXISTS import_test_boom ON customers`);
      await t.ds.query(`DROP FUNCTION IF EXISTS import_test_boom()`);
    });

    it('a batch that fails mid-way is undone whole; the import is marked failed with a Chinese message, earlier batches stay', async () => {
      await t.ds.query(`CREATE FUNCTION import_test_boom() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.name = '中途失败测试300号有限公司' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$`);
      await t.ds.query(`CREATE TRIGGER import_test_boom BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION import_test_boom()`);
      const rows = Array.from({ length: 600 }, (_, i) => [`中途失败测试${i}号有限公司`, null, '某人', `1340${String(i).padStart(7, '0')}`]);
      const n0 = await count('customers');
      const res = await upload(CLERK, 'customers', await workbook(CUSTOMER_HEADERS, rows), { dryRun: 'false' });
      expect(res.status).toBe(202);
      const done = await settle(CLERK, 'customers', res.body.id);
      // rows 0–249 (batch 1) were created; row 300 is in batch 2 (250–499), which left nothing behind
      expect(done).toMatchObject({ status: 'failed', processedRows: 250, totals: { created: 250 } });
      expect(done.message).toMatch(/^处理第 252 行起的一批数据时出错，该批已整体撤销/);
      expect(await count('customers')).toBe(n0 + 250);
      const second = await t.ds.query(`SELECT count(*)::int AS n FROM customers WHERE name LIKE '中途失败测试%' AND name <> ALL($1)`, [rows.slice(0, 250).map((r) => r[0])]);
      expect(second[0].n).toBe(0);
      const audit = await t.ds.query(`SELECT after FROM audit_log WHERE entity_id = $1 AND action = 'import.finish'`, [res.body.id]);
      expect(audit[0].after).toMatchObject({ status: 'failed' });

      // once the cause is gone, the same file again creates the rest and skips what is there
      await t.ds.query(`DROP TRIGGER import_test_boom ON customers`);
      const again = await run(CLERK, 'customers', await workbook(CUSTOMER_HEADERS, rows), false);
      expect(again.totals).toEqual({ create: 0, created: 350, duplicate: 250, error: 0 });
    });

    it('an import left running by a process that ended is reported as failed, and no longer blocks a new one', async () => {
      const [row] = await t.ds.query(
        `INSERT INTO imports (kind, dry_run, status, file_sha256, total_rows, owner_id, department, updated_at)
         VALUES ('customers', false, 'running', repeat('0', 64), 10, $1, 'sales', now()) RETURNING id`,
        [CLERK2.id],
      );
      const file = await workbook(CUSTOMER_HEADERS, [['某公司', null, '某人', '13800000000']]);
      const busy = await upload(CLERK2, 'customers', file);
      expectProblem(busy, 409, 'IMPORT_IN_PROGRESS');
      expect(busy.body.importId).toBe(row.id);
      expect((await get(CLERK2, `/imports/customers/${row.id}`)).body.status).toBe('running');
      await t.ds.query(`UPDATE imports SET updated_at = now() - interval '10 minutes' WHERE id = $1`, [row.id]);
      const stale = (await get(CLERK2, `/imports/customers/${row.id}`)).body;
      expect(stale).toMatchObject({ status: 'failed', message: expect.stringMatching(/^导入中断/) });
      const fresh = await upload(CLERK2, 'customers', file);
      expect(fresh.status).toBe(202);
      await settle(CLERK2, 'customers', fresh.body.id);
    });
  });

  describe('two commits of the same file at once', () => {
    it('create each company once (the duplicate keys are locked as in a single create)', async () => {
      const rows = Array.from({ length: 300 }, (_, i) => [`并发导入${i}号有限公司`, null, '某人', `1330${String(i).padStart(7, '0')}`]);
      const file = await workbook(CUSTOMER_HEADERS, rows);
      const [a, b] = await Promise.all([upload(CLERK, 'customers', file, { dryRun: 'false' }), upload(CLERK2, 'customers', file, { dryRun: 'false' })]);
      expect([a.status, b.status]).toEqual([202, 202]);
      const [da, db] = await Promise.all([settle(CLERK, 'customers', a.body.id), settle(CLERK2, 'customers', b.body.id)]);
      expect(da.totals.created + db.totals.created).toBe(300);
      expect(da.totals.duplicate + db.totals.duplicate).toBe(300);
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM customers WHERE name LIKE '并发导入%'`);
      expect(n).toBe(300);
    });
  });

  it('a 404 for an unknown id, a 400 for one that is not a UUID', async () => {
    expectProblem(await get(GM, `/imports/customers/3f1c2b7e-8a4d-4c6b-9e2f-0a1b2c3d4e5f`), 403, 'PERMISSION_DENIED');
    expectProblem(await get(CLERK, `/imports/customers/3f1c2b7e-8a4d-4c6b-9e2f-0a1b2c3d4e5f`), 404, 'NOT_FOUND');
    expectProblem(await get(CLERK, `/imports/customers/not-a-uuid`), 400, 'VALIDATION_FAILED');
    expectProblem(await get(REP, `/imports/customers/not-a-uuid`), 403, 'PERMISSION_DENIED');
  });
});
