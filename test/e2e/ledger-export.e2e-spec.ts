import { createTestApp, TestApp } from '../setup/create-test-app';
import { binary, csvCells, xlsxRows, type XlsxBody } from '../setup/http';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

/**
 * 销售台账 exports (SAL-6.5): `GET /ledger?format=xlsx` is a real workbook with the same rows and
 * columns as `?format=csv`, equal to the JSON lines, under the same filters and the reader's scope.
 */
describe('ledger exports (CSV and XLSX)', () => {
  let t: TestApp;
  const u: Record<string, TestUser> = {};
  let customer = '';
  let other = '';
  const numbers: Record<string, string> = {};

  const post = (user: TestUser, path: string, body: object) => t.http().post(`/api/v1${path}`).set('authorization', bearer(user)).send(body);
  const get = (user: TestUser, path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(user));
  const xlsx = (user: TestUser, query: string) => get(user, `/ledger?format=xlsx${query ? `&${query}` : ''}`).buffer(true).parse(xlsxRows);
  const csvLines = async (user: TestUser, query: string) => {
    const res = await get(user, `/ledger?format=csv${query ? `&${query}` : ''}`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    return (res.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  };

  const HEADERS = ['序号', '日期', '类型', '客户', '合同编号', '摘要', '借方（应收）', '贷方（收款）', '客户余额', '合同余额'];
  const KIND = { sale: '合同签订', payment: '回款', reversal: '冲销' } as const;
  interface Line {
    seq: string;
    occurredAt: string;
    kind: keyof typeof KIND;
    customerName: string;
    contractNumber: string;
    description: string;
    debit: string;
    credit: string;
    customerBalance: string;
    contractBalance: string;
  }
  /** A JSON line as the workbook should hold it: the sequence and the money as numbers, the rest as the CSV has it. */
  const asCells = (l: Line) => [
    Number(l.seq),
    l.occurredAt,
    KIND[l.kind],
    l.customerName,
    l.contractNumber,
    l.description,
    Number(l.debit),
    Number(l.credit),
    Number(l.customerBalance),
    Number(l.contractBalance),
  ];
  const json = async (user: TestUser, query: string): Promise<Line[]> => {
    const res = await get(user, `/ledger?pageSize=100${query ? `&${query}` : ''}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(res.body.items.length);
    return res.body.items;
  };

  let partyNo = 0;
  async function newCustomer(owner: TestUser): Promise<string> {
    partyNo += 1;
    const c = await post(u.clerk, '/customers', { name: `台账导出${partyNo}号商贸有限公司`, contactName: '财务', contactPhone: `1391111${String(partyNo).padStart(4, '0')}` });
    expect(c.status).toBe(201);
    expect((await post(u.sm, `/customers/${c.body.id}/assign`, { ownerId: owner.id })).status).toBe(200);
    return c.body.id;
  }
  async function signed(owner: TestUser, customerId: string, amount: string, signedAt: string): Promise<string> {
    const k = await post(owner, '/contracts', {
      customerId,
      title: `导出测试合同 ${amount}`,
      amount,
      startDate: '2026-01-01',
      endDate: '2027-12-31',
      paymentPlan: [{ dueDate: '2026-12-31', amount }],
    });
    expect(k.status).toBe(201);
    expect((await post(owner, `/contracts/${k.body.id}/submit`, {})).status).toBe(200);
    expect((await post(u.sm, `/contracts/${k.body.id}/approve`, { comment: '同意' })).status).toBe(200);
    expect((await post(owner, `/contracts/${k.body.id}/sign`, { signedAt })).status).toBe(200);
    numbers[k.body.id] = k.body.number;
    return k.body.id;
  }
  const pay = (contractId: string, amount: string, receivedAt: string, reference?: string) =>
    post(u.clerk, '/payments', { contractId, amount, receivedAt, method: 'bank_transfer', ...(reference ? { reference } : {}) });

  let k1 = '';
  let k2 = '';
  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    u.sm = await createUser(t, 'sales.manager', { admin });
    u.ss = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id });
    u.r1 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id });
    u.r2 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id });
    u.clerk = await createUser(t, 'sales.clerk', { admin });
    u.admin = { id: '', username: 'admin', role: 'admin', token: admin, version: 1 };

    customer = await newCustomer(u.r1);
    k1 = await signed(u.r1, customer, '12345.60', '2026-01-10');
    k2 = await signed(u.r1, customer, '98765.40', '2026-02-10');
    const a = await pay(k1, '5000.00', '2026-10-15', '=HYPERLINK("x")');
    expect(a.status).toBe(201);
    expect((await pay(k2, '50000.50', '2026-11-01')).status).toBe(201);
    expect((await post(u.clerk, `/payments/${a.body.id}/reverse`, { reason: '票据退回, 重新开具' })).status).toBe(201);
    expect((await pay(k1, '12345.60', '2026-11-20', '工行回单 001')).status).toBe(201);
    other = await newCustomer(u.r2);
    await signed(u.r2, other, '123.45', '2026-03-01');
  });
  afterAll(() => t?.close());

  it('?format=xlsx: a workbook (sheet 销售台账) with the CSV headers and one row per JSON line, money as numbers', async () => {
    const lines = await json(u.clerk, `customerId=${customer}`);
    expect(lines.map((l) => l.kind)).toEqual(['sale', 'sale', 'payment', 'payment', 'reversal', 'payment']);
    const res = await xlsx(u.clerk, `customerId=${customer}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="ledger.xlsx"');
    const book = res.body as XlsxBody;
    expect(book.sheet).toBe('销售台账');
    expect(book.rows[0]).toEqual(HEADERS);
    expect(book.rows.slice(1)).toEqual(lines.map(asCells));
    // the balances run as in the JSON: 12,345.60 + 98,765.40 − 5,000.00 − 50,000.50 + 5,000.00 − 12,345.60
    expect(book.rows[book.rows.length - 1].slice(-2)).toEqual([48764.9, 0]);
    expect(lines[lines.length - 1].customerBalance).toBe('48764.90');
    // a reference that looks like a formula stays text in the workbook
    expect(book.rows.some((r) => String(r[5]).includes('=HYPERLINK("x")'))).toBe(true);
  });

  it('the workbook and the CSV hold the same rows and columns', async () => {
    const csv = await csvLines(u.clerk, `customerId=${customer}`);
    const book = (await xlsx(u.clerk, `customerId=${customer}`)).body as XlsxBody;
    expect(csv[0].split(',')).toEqual(book.rows[0]);
    expect(csv).toHaveLength(book.rows.length);
    const lines = await json(u.clerk, `customerId=${customer}`);
    // CSV cells are the JSON strings; the workbook's are the same values (money and the sequence as numbers)
    lines.forEach((l, i) => {
      const strings = [l.seq, l.occurredAt, KIND[l.kind], l.customerName, l.contractNumber, l.description, l.debit, l.credit, l.customerBalance, l.contractBalance];
      expect(csvCells(csv[i + 1])).toEqual(strings);
      expect(book.rows[i + 1].map(String)).toEqual(strings.map((v, j) => (j === 0 || j >= 6 ? String(Number(v)) : v)));
    });
  });

  it('the filters apply to the workbook as to the JSON: contract, and from / to without restarting the balance', async () => {
    const byContract = await json(u.clerk, `contractId=${k2}`);
    expect(byContract).toHaveLength(2);
    expect(((await xlsx(u.clerk, `contractId=${k2}`)).body as XlsxBody).rows.slice(1)).toEqual(byContract.map(asCells));
    const window = 'from=2026-11-01&to=2026-11-02';
    const inWindow = await json(u.clerk, `customerId=${customer}&${window}`);
    expect(inWindow.map((l) => [l.kind, l.credit, l.customerBalance])).toEqual([['payment', '50000.50', '56110.50']]);
    expect(((await xlsx(u.clerk, `customerId=${customer}&${window}`)).body as XlsxBody).rows).toEqual([HEADERS, ...inWindow.map(asCells)]);
  });

  it('scope: a rep’s workbook holds only the entries of his own contracts; another rep’s customer gives headers only', async () => {
    const mine = await json(u.r1, '');
    expect(mine.length).toBe(6);
    expect(new Set(mine.map((l) => l.contractNumber))).toEqual(new Set([numbers[k1], numbers[k2]]));
    expect(((await xlsx(u.r1, '')).body as XlsxBody).rows.slice(1)).toEqual(mine.map(asCells));

    const foreign = await xlsx(u.r2, `customerId=${customer}`);
    expect(foreign.status).toBe(200);
    expect((foreign.body as XlsxBody).rows).toEqual([HEADERS]);
    const own = ((await xlsx(u.r2, '')).body as XlsxBody).rows;
    expect(own.map((r) => r[3])).toEqual(['客户', '台账导出2号商贸有限公司']);
    // the supervisor reads his team: both reps
    const team = ((await xlsx(u.ss, '')).body as XlsxBody).rows.slice(1);
    expect(team).toHaveLength(7);
  });

  it('without receivable.read the export is 403 problem+json; an unknown format is 400', async () => {
    const refused = await xlsx(u.admin, '');
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((refused.body as { code: string }).code).toBe('PERMISSION_DENIED');
    const bad = await get(u.clerk, '/ledger?format=pdf');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'format', message: 'format 必须是 json、csv 或 xlsx' }]);
  });
});
