import { readFileSync } from 'node:fs';
import * as ExcelJS from 'exceljs';
import type { Page, Request } from 'playwright-core';
import { checkPage, type ConsoleWorld, describeInBrowser, journey, signIn, startConsole } from './support/console';
import { choose } from './support/antd';
import { fromCents, toCents } from '../../src/common/money';
import { csvCells } from '../setup/http';

interface Receivable {
  id: string;
  seq: number;
  dueDate: string;
  outstanding: string;
  overdue: boolean;
  daysOverdue: number;
  contractNumber: string;
  ownerId: string;
  department: string;
}
interface Contract {
  id: string;
  number: string;
  title: string;
  customerId: string;
  customerName: string;
}
interface LedgerLine {
  seq: string;
  occurredAt: string;
  kind: 'sale' | 'payment' | 'reversal';
  customerName: string;
  contractNumber: string;
  description: string;
  debit: string;
  credit: string;
  customerBalance: string;
  contractBalance: string;
  paymentId: string | null;
}

// exact money in integer cents
/** "¥1,234.50" as the console shows an amount. */
const shown = (v: string) => `${v.startsWith('-') ? '-' : ''}¥${v.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

const KIND = { sale: '合同签订', payment: '回款', reversal: '冲销' } as const;

/** The open drawer or modal whose text includes `text`. */
const dialog = (page: Page, text: string) => page.getByRole('dialog').filter({ hasText: text });

/** POST /payments requests the page sent: their Idempotency-Key and body. */
function watchPayments(page: Page): Array<{ key: string | undefined; body: Record<string, unknown> }> {
  const sent: Array<{ key: string | undefined; body: Record<string, unknown> }> = [];
  page.on('request', (r: Request) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/payments') sent.push({ key: r.headers()['idempotency-key'], body: r.postDataJSON() });
  });
  return sent;
}

describeInBrowser('内勤 (sales.clerk): 回款 with one Idempotency-Key per submission, 冲销, the 销售台账 and its exports, overdue receivables', () => {
  let w: ConsoleWorld;
  const api = async (method: 'get' | 'post', path: string, body?: object, user = 'sales.clerk') => {
    const req = w.t.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`);
    return body ? req.send(body) : req;
  };
  const receivables = async (contractId: string): Promise<Receivable[]> => (await api('get', `/receivables?contractId=${contractId}&sort=dueDate&pageSize=100`)).body.items;
  const outstanding = async (contractId: string) => (await receivables(contractId)).reduce((s, r) => s + toCents(r.outstanding), 0n);
  const payments = async (contractId: string) =>
    (await api('get', `/payments?contractId=${contractId}&pageSize=100&sort=createdAt`)).body.items as Array<{ id: string; amount: string; reversesPaymentId: string | null; reason: string | null }>;
  const ledger = async (query: string): Promise<LedgerLine[]> => {
    const res = await api('get', `/ledger?pageSize=100&${query}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(res.body.items.length);
    return res.body.items;
  };

  let contract: Contract;
  let owedAtStart = 0n;
  /** The payment recorded by the double click, and the one whose response was lost on the way. */
  let first = { id: '', amount: '' };
  let second = { id: '', amount: '' };

  beforeAll(async () => {
    w = await startConsole();
    // a signed contract with at least two receivables still open, found through the API
    const signed = (await api('get', '/contracts?status=signed&pageSize=100')).body.items as Contract[];
    for (const k of signed) {
      const open = (await receivables(k.id)).filter((r) => toCents(r.outstanding) > 0n);
      if (open.length >= 2) {
        contract = k;
        break;
      }
    }
    expect(contract).toBeDefined();
    owedAtStart = await outstanding(contract.id);
  }, 180_000);
  afterAll(() => w?.close());

  /** The 合同 picker of the form: search by number, pick the contract; it shows what is owed on it. */
  async function pickContract(page: Page, owed: bigint) {
    const form = dialog(page, '收款方式');
    await choose(page, '合同', `${contract.number} · ${contract.title} · ${contract.customerName}`, { search: contract.number, scope: form });
    await form.getByTestId('contract-outstanding').filter({ hasText: shown(fromCents(owed)) }).waitFor();
  }

  it('登记回款: an amount above the outstanding is refused (409 in Chinese, typing kept); the corrected one, double-clicked, is recorded once', async () => {
    const before = await receivables(contract.id);
    const open = before.filter((r) => toCents(r.outstanding) > 0n);
    const paymentsBefore = (await payments(contract.id)).length;
    // enough to settle the oldest open receivable and part of the next
    const amount = fromCents(toCents(open[0].outstanding) + 12_345n);
    const tooMuch = fromCents(owedAtStart + 100n);

    await journey(w, 'desktop', async (page) => {
      const sent = watchPayments(page);
      await signIn(page, 'sales.clerk', undefined, '/payments');
      await page.locator('tbody tr.ant-table-row').first().waitFor();
      await checkPage(page, 'payment-list');

      await page.getByRole('button', { name: '登记回款' }).click();
      const form = dialog(page, '收款方式');
      await form.waitFor();
      await pickContract(page, owedAtStart);
      await form.getByLabel('金额').fill(tooMuch);
      await form.getByLabel('凭证号').fill('工行回单 20261202-001');
      // said while typing, but the server decides
      await form.getByTestId('amount-over').filter({ hasText: `超过未收余额 ${shown(fromCents(owedAtStart))}` }).waitFor();
      await checkPage(page, 'payment-form');
      await form.getByRole('button', { name: '登记回款' }).click();
      const alert = form.getByRole('alert').filter({ hasText: '回款金额超过未收余额' });
      await alert.waitFor();
      expect(await alert.innerText()).toContain(`该合同未收余额为 ${fromCents(owedAtStart)} 元`);
      expect(await alert.getByTestId('problem-code').innerText()).toBe('PAYMENT_EXCEEDS_OUTSTANDING');
      // nothing typed is lost
      expect(await form.getByLabel('金额').inputValue()).toBe(tooMuch);
      expect(await form.getByLabel('凭证号').inputValue()).toBe('工行回单 20261202-001');
      expect(await form.getByTitle(`${contract.number} · ${contract.title} · ${contract.customerName}`).count()).toBeGreaterThan(0);
      await checkPage(page, 'payment-form-refused');
      expect((await payments(contract.id)).length).toBe(paymentsBefore);

      // corrected, then a double click on 登记回款
      await form.getByLabel('金额').fill(amount);
      await form.getByRole('button', { name: '登记回款' }).dblclick();
      const result = dialog(page, '分配到的应收');
      await result.waitFor();
      expect(await result.getByRole('alert').innerText()).toContain(`已登记回款 ${shown(amount)}`);
      const rows = result.locator('tbody tr.ant-table-row');
      await rows.nth(1).waitFor();
      expect(await rows.count()).toBe(2);
      expect(await rows.nth(0).innerText()).toContain(`第 ${open[0].seq} 期`);
      expect(await rows.nth(0).innerText()).toContain(shown(open[0].outstanding));
      expect(await rows.nth(1).innerText()).toContain(`第 ${open[1].seq} 期`);
      expect(await rows.nth(1).innerText()).toContain('¥123.45');
      await checkPage(page, 'payment-allocation');

      // the console's use of the key: the refused values had theirs; the corrected values one new key, however many clicks went out
      expect(sent.length).toBeGreaterThanOrEqual(2);
      const [refused, ...corrected] = sent;
      expect(refused.body.amount).toBe(tooMuch);
      expect(refused.key).toMatch(/^[0-9a-f]{32}$/);
      expect(new Set(corrected.map((s) => s.key)).size).toBe(1);
      expect(corrected[0].key).not.toBe(refused.key);
      expect(corrected.map((s) => s.body)).toEqual(corrected.map(() => ({ contractId: contract.id, amount, receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), method: 'bank_transfer', reference: '工行回单 20261202-001' })));
    });

    // through the API: exactly one payment, and the receivables moved by exactly its amount
    const after = await payments(contract.id);
    expect(after.length).toBe(paymentsBefore + 1);
    const made = after[after.length - 1];
    expect(made).toMatchObject({ amount, reversesPaymentId: null });
    first = { id: made.id, amount };
    expect(await outstanding(contract.id)).toBe(owedAtStart - toCents(amount));
    const now = await receivables(contract.id);
    expect(now.find((r) => r.id === open[0].id)!.outstanding).toBe('0.00');
    expect(toCents(now.find((r) => r.id === open[1].id)!.outstanding)).toBe(toCents(open[1].outstanding) - 12_345n);
  });

  it('a response lost on the way: 登记回款 again sends the same key, and the server answers with the first payment', async () => {
    const owed = await outstanding(contract.id);
    const count = (await payments(contract.id)).length;
    const amount = '200.00';
    await journey(w, 'desktop', async (page) => {
      const sent = watchPayments(page);
      let delivered = 0;
      // the first POST reaches the server and is recorded, but its answer never reaches the page
      await page.route(
        (url) => url.pathname === '/api/v1/payments',
        async (route) => {
          if (route.request().method() !== 'POST' || delivered > 0) return route.continue();
          delivered += 1;
          const res = await route.fetch();
          expect(res.status()).toBe(201);
          await route.abort('connectionreset');
        },
      );
      await signIn(page, 'sales.clerk', undefined, '/payments');
      await page.getByRole('button', { name: '登记回款' }).click();
      const form = dialog(page, '收款方式');
      await pickContract(page, owed);
      await form.getByLabel('金额').fill(amount);
      await form.getByRole('button', { name: '登记回款' }).click();
      const offline = form.getByRole('alert').filter({ hasText: '网络错误' });
      await offline.waitFor();
      expect(await offline.getByTestId('problem-code').innerText()).toBe('NETWORK_ERROR');
      expect(await form.getByLabel('金额').inputValue()).toBe(amount);
      // it was recorded on the server all the same
      expect((await payments(contract.id)).length).toBe(count + 1);

      await form.getByRole('button', { name: '登记回款' }).click();
      const result = dialog(page, '分配到的应收');
      await result.waitFor();
      expect(await result.getByRole('alert').innerText()).toContain(`已登记回款 ${shown(amount)}`);
      expect(sent).toHaveLength(2);
      expect(sent[1].key).toBe(sent[0].key);
    });
    const after = await payments(contract.id);
    expect(after.length).toBe(count + 1);
    second = { id: after[after.length - 1].id, amount };
    expect(await outstanding(contract.id)).toBe(owed - toCents(amount));
  });

  it('冲销 with a reason: a new negative entry, the balance back; a payment reversed meanwhile shows the API’s refusal', async () => {
    const ledgerBefore = await ledger(`contractId=${contract.id}`);
    const balanceBefore = ledgerBefore[ledgerBefore.length - 1].contractBalance;
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.clerk', undefined, `/payments?contractId=${contract.id}`);
      const reverseFirst = page.getByRole('button', { name: `冲销 ${contract.number} ${shown(first.amount)}` });
      await reverseFirst.waitFor();
      await reverseFirst.click();
      const confirm = dialog(page, '冲销原因');
      await confirm.waitFor();
      // a reason is required
      await confirm.getByRole('button', { name: '确认冲销' }).click();
      await confirm.getByText('请写明冲销原因').waitFor();
      await confirm.getByLabel('冲销原因').fill('银行退票，客户重新汇款');
      await checkPage(page, 'payment-reverse');
      await confirm.getByRole('button', { name: '确认冲销' }).click();
      const result = dialog(page, '恢复的应收');
      await result.waitFor();
      expect(await result.getByRole('alert').innerText()).toContain(`已冲销：生成负数回款 ${shown(`-${first.amount}`)}`);
      await result.getByRole('button', { name: /^完\s*成$/ }).click();
      // the list: the negative entry with its reason; the original marked 已冲销 and no longer reversible
      const negativeRow = page.locator('tbody tr.ant-table-row').filter({ hasText: shown(`-${first.amount}`) });
      await negativeRow.waitFor();
      expect(await negativeRow.innerText()).toContain('银行退票，客户重新汇款');
      expect(await negativeRow.innerText()).toContain('冲销');
      await page.locator('tbody tr.ant-table-row').filter({ hasText: '已冲销' }).waitFor();
      expect(await reverseFirst.count()).toBe(0);
      await checkPage(page, 'payment-list-reversed');

      // another clerk's reversal lands while the dialog is open: the API refuses the second, and says why
      const reverseSecond = page.getByRole('button', { name: `冲销 ${contract.number} ${shown(second.amount)}` });
      await reverseSecond.click();
      await confirm.getByLabel('冲销原因').fill('重复登记');
      expect((await api('post', `/payments/${second.id}/reverse`, { reason: '重复登记（另一位内勤处理）' })).status).toBe(201);
      await confirm.getByRole('button', { name: '确认冲销' }).click();
      const refused = confirm.getByRole('alert').filter({ hasText: '该笔回款已经冲销过' });
      await refused.waitFor();
      expect(await refused.getByTestId('problem-code').innerText()).toBe('PAYMENT_ALREADY_REVERSED');
      expect(await confirm.getByLabel('冲销原因').inputValue()).toBe('重复登记');
      await checkPage(page, 'payment-reverse-refused');
      await confirm.getByRole('button', { name: /取\s*消/ }).click();
      // the refusal refreshed the list: that payment is marked 已冲销 and offers no 冲销 any more
      await reverseSecond.waitFor({ state: 'detached' });
      expect(await page.locator('tbody tr.ant-table-row').filter({ hasText: '已冲销' }).count()).toBe(2);
    });

    // through the API: one reversal each, negative, pointing at its payment
    const all = await payments(contract.id);
    expect(all.filter((p) => p.reversesPaymentId === first.id).map((p) => [p.amount, p.reason])).toEqual([[`-${first.amount}`, '银行退票，客户重新汇款']]);
    expect(all.filter((p) => p.reversesPaymentId === second.id)).toHaveLength(1);
    // the ledger: two new negative entries, and the balance back where it was before both payments
    const lines = await ledger(`contractId=${contract.id}`);
    const added = lines.slice(ledgerBefore.length);
    expect(added.map((l) => [l.kind, l.credit])).toEqual([
      ['reversal', `-${first.amount}`],
      ['reversal', `-${second.amount}`],
    ]);
    expect(toCents(lines[lines.length - 1].contractBalance)).toBe(toCents(balanceBefore) + toCents(first.amount) + toCents(second.amount));
    expect(toCents(lines[lines.length - 1].contractBalance)).toBe(owedAtStart);
    expect(await outstanding(contract.id)).toBe(owedAtStart);
  });

  it('销售台账: a contract picked in the page, its running balance; the CSV and XLSX downloads hold the rows of GET /ledger', async () => {
    const lines = await ledger(`contractId=${contract.id}`);
    const customerLines = await ledger(`customerId=${contract.customerId}`);
    const customerBalance = (await api('get', `/customers/${contract.customerId}/ledger`)).body.balance as string;
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.clerk', undefined, '/ledger');
      await page.locator('tbody tr.ant-table-row').first().waitFor();
      await choose(page, '合同', `${contract.number} · ${contract.title} · ${contract.customerName}`, { search: contract.number });
      await page.waitForURL((u) => u.searchParams.get('contractId') === contract.id);
      const rows = page.locator('tbody tr.ant-table-row');
      await rows.nth(lines.length - 1).waitFor();
      await page.waitForFunction((n) => document.querySelectorAll('tbody tr.ant-table-row').length === n, lines.length);
      // the running balance column, row by row, as the API computes it
      const balances = await rows.locator('td:last-child').allInnerTexts();
      expect(balances).toEqual(lines.map((l) => shown(l.contractBalance)));
      expect(await rows.nth(lines.length - 1).innerText()).toContain('冲销');
      await checkPage(page, 'ledger-contract');

      const [csvFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 CSV/ }).click()]);
      expect(csvFile.suggestedFilename()).toMatch(/^销售台账-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = readFileSync(await csvFile.path(), 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
      expect(csv[0]).toBe('序号,日期,类型,客户,合同编号,摘要,借方（应收）,贷方（收款）,客户余额,合同余额');
      expect(csv.slice(1).map(csvCells)).toEqual(
        lines.map((l) => [l.seq, l.occurredAt, KIND[l.kind], l.customerName, l.contractNumber, l.description, l.debit, l.credit, l.customerBalance, l.contractBalance]),
      );

      const [xlsxFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
      expect(xlsxFile.suggestedFilename()).toMatch(/^销售台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(await xlsxFile.path()) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('销售台账')!;
      const sheet: unknown[][] = [];
      ws.eachRow((row) => sheet.push((row.values as unknown[]).slice(1)));
      expect(sheet[0]).toEqual(csvCells(csv[0]));
      expect(sheet.slice(1)).toEqual(
        lines.map((l) => [Number(l.seq), l.occurredAt, KIND[l.kind], l.customerName, l.contractNumber, l.description, ...[l.debit, l.credit, l.customerBalance, l.contractBalance].map(Number)]),
      );

      // the customer's view: its ledger with the running customer balance, and what it owes now
      await page.goto(`/ledger?customerId=${contract.customerId}&pageSize=100`);
      const summary = page.getByTestId('customer-balance');
      await summary.filter({ hasText: shown(customerBalance) }).waitFor();
      expect(await summary.innerText()).toContain(contract.customerName);
      await page.waitForFunction((n) => document.querySelectorAll('tbody tr.ant-table-row').length === n, customerLines.length);
      const customerRows = page.locator('tbody tr.ant-table-row');
      // 客户余额 is the last column
      expect(await customerRows.locator('td:last-child').allInnerTexts()).toEqual(customerLines.map((l) => shown(l.customerBalance)));
      expect(customerLines[customerLines.length - 1].customerBalance).toBe(customerBalance);
      await checkPage(page, 'ledger-customer');
    });
  });

  it('应收账款 for the 内勤: the overdue filter, overdue rows highlighted with a tag in words, the receivable’s collections and payments', async () => {
    const overdue = (await api('get', '/receivables?overdue=true&sort=dueDate&pageSize=20')).body.items as Receivable[];
    expect(overdue.length).toBeGreaterThan(0);
    // a promise to pay that has passed, logged by the sales manager on one of his department's
    const at = overdue.findIndex((r) => r.department === 'sales');
    const target = overdue[at];
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - 86_400_000));
    const logged = await api(
      'post',
      `/receivables/${target.id}/collections`,
      { contactedAt: `${yesterday}T10:00:00+08:00`, method: 'phone', result: 'promised', promisedDate: yesterday, note: '财务答应昨天付款，至今未到账' },
      'sales.manager',
    );
    expect(logged.status).toBe(201);
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.clerk', undefined, '/receivables');
      await page.locator('tbody tr.ant-table-row').first().waitFor();
      await choose(page, '是否逾期', '已逾期');
      await page.waitForURL((u) => u.searchParams.get('overdue') === 'true');
      const rows = page.locator('tbody tr.ant-table-row');
      // the filtered page has come (the previous one stays on screen while it loads)
      await page.waitForFunction((n) => document.querySelectorAll('tbody tr.ant-table-row td:first-child[data-overdue="true"]').length === n, overdue.length);
      expect(await rows.count()).toBe(overdue.length);
      const texts = await rows.allInnerTexts();
      overdue.forEach((r, i) => {
        expect(texts[i]).toContain(r.contractNumber);
        expect(texts[i]).toContain(`逾期 ${r.daysOverdue} 天`);
      });
      // highlighted: a pale red row with a red bar on its first cell, on every row of the filter
      expect(await rows.first().locator('td').first().evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 241, 240)');
      expect(await rows.first().locator('td').first().evaluate((el) => getComputedStyle(el).boxShadow)).toContain('rgb(207, 19, 34)');
      await checkPage(page, 'receivable-list-overdue');

      // the receivable's page: 登记回款 for the 内勤, the 催收 log (the broken promise said in words) and the contract's payments
      await rows.nth(at).click();
      await page.waitForURL(`**/receivables/${target.id}`);
      await page.getByRole('button', { name: '登记回款' }).waitFor();
      await page.getByText('合同回款记录').waitFor();
      await page.getByText('催收记录（1）').waitFor();
      const entry = page.getByTestId('collection');
      expect(await entry.innerText()).toContain('财务答应昨天付款，至今未到账');
      expect(await entry.innerText()).toContain(`承诺付款日期：${yesterday} 已过承诺日期`);
      // the clerk reads the log but does not collect: no 记录催收
      expect(await page.getByRole('button', { name: '记录催收' }).count()).toBe(0);
      await checkPage(page, 'receivable-detail-clerk');
      await page.getByRole('button', { name: '登记回款' }).click();
      await page.waitForURL((u) => u.pathname === '/payments');
      // the form opens on the receivable's contract
      const form = dialog(page, '收款方式');
      await form.getByTestId('contract-outstanding').waitFor();
      expect(await form.getByText(target.contractNumber, { exact: false }).count()).toBeGreaterThan(0);
    });
  });

  it('on a phone the desk pages still fit: 回款 with its form, 销售台账, overdue 应收账款', async () => {
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'sales.clerk', undefined, '/payments');
      await page.locator('.ant-list-item, .ant-card').first().waitFor();
      await checkPage(page, 'payment-list');
      await page.getByRole('button', { name: '登记回款' }).click();
      await dialog(page, '收款方式').waitFor();
      await checkPage(page, 'payment-form');
      await page.goto(`/ledger?contractId=${contract.id}`);
      await page.locator('.ant-card').filter({ hasText: contract.number }).first().waitFor();
      await checkPage(page, 'ledger-contract');
      await page.goto('/receivables?overdue=true');
      await page.locator('.ant-card').filter({ hasText: '逾期' }).first().waitFor();
      await checkPage(page, 'receivable-list-overdue');
    });
  });
});
