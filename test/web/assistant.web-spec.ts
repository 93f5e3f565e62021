import * as ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { binary } from '../setup/http';
import type { Page } from 'playwright-core';
import { checkPage, type ConsoleWorld, describeInBrowser, journey, signIn, startConsole } from './support/console';
import { button, choose, openDropdown } from './support/antd';

const UUID_PATH = (prefix: string) => new RegExp(`/${prefix}/[0-9a-f-]{36}$`);

/** "2026-12-05T15:38:35.577Z" → "2026-12-05 23:38", as the console shows it in business time. */
const businessMinute = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
/** The business date `days` from today (negative: before). */
const businessDay = (days = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));

/** The words the SLA clock may show for `dueAt` a minute either side of now (the page ticks). */
function clockWords(dueAt: string): string[] {
  const out = new Set<string>();
  for (const drift of [-60_000, 0, 60_000]) {
    const ms = Date.parse(dueAt) - (Date.now() + drift);
    const minutes = Math.floor(Math.abs(ms) / 60_000);
    const [d, h, m] = [Math.floor(minutes / 1440), Math.floor(minutes / 60) % 24, minutes % 60];
    const span = minutes < 60 ? `${m} 分钟` : minutes < 1440 ? `${Math.floor(minutes / 60)} 小时${m ? ` ${m} 分钟` : ''}` : `${d} 天${h ? ` ${h} 小时` : ''}`;
    out.add(`${ms > 0 ? '剩余' : '已超时'} ${span}`);
  }
  return [...out];
}
const showsOneOf = (text: string, words: string[]) => words.some((w) => text.includes(w));

/** Money as the console must show it: ¥, thousands separators, two decimals (the API gives two already). */
const yuan = (v: string) => {
  const [int, frac] = v.replace('-', '').split('.');
  return `${v.startsWith('-') ? '-' : ''}¥${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
};
/** "0.7500" → "75.00%". */
const percent = (r: string | null) => {
  if (r === null) return '—';
  const [int, frac] = r.split('.');
  return `${String(Number(int) * 100 + Number(frac.slice(0, 2)))}.${frac.slice(2)}%`;
};

interface Figures {
  contractsSigned: number;
  contractAmount: string;
  paymentsReceived: string;
  amountDue: string;
  amountCollected: string;
  collectionRate: string | null;
  newProspects: number;
  visits: number;
  complaintsOpened: number;
  complaintsClosed: number;
}
/** A row of the report as it must read on the page, from the API's JSON. */
const shown = (name: string, f: Figures) => [
  name,
  String(f.contractsSigned),
  yuan(f.contractAmount),
  yuan(f.paymentsReceived),
  yuan(f.amountDue),
  yuan(f.amountCollected),
  percent(f.collectionRate),
  String(f.newProspects),
  String(f.visits),
  String(f.complaintsOpened),
  String(f.complaintsClosed),
];

describeInBrowser('销售助理: complaints from intake to closing with the SLA clock in view, and the 报表', () => {
  let w: ConsoleWorld;
  const me: Record<string, string> = {};
  const api = async (user: string, method: 'get' | 'post', path: string, body?: object) => {
    const req = w.t.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`);
    return body ? req.send(body) : req;
  };
  const complaint = async (id: string) => {
    const res = await api('sales.assistant', 'get', `/complaints/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const file = async (user: string, customerId: string, severity: string, description: string) => {
    const res = await api(user, 'post', '/complaints', { customerId, channel: 'phone', category: 'service', severity, description });
    expect(res.status).toBe(201);
    return res.body;
  };
  let customer: { id: string; name: string };
  let complaintId = '';

  beforeAll(async () => {
    w = await startConsole();
    for (const u of ['sales.assistant', 'sales.manager', 'gm.wang', 'sales.rep.wu']) me[u] = (await api(u, 'get', '/auth/me')).body.user.id;
    customer = (await api('sales.assistant', 'get', '/customers?isKeyAccount=false&pageSize=1&sort=name')).body.items[0];
    expect(customer).toBeDefined();
  }, 180_000);
  afterAll(() => w?.close());

  it('files a complaint at her desk, takes it on, records the resolution and its measures (no 赔偿: that is not her duty), then reopens it and hands it to the manager', async () => {
    const description = '客户反映上门安装的技术员迟到两小时且未提前告知，要求书面道歉并说明改进办法';
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.assistant', undefined, '/complaints');
      await page.locator('.ant-table-row').first().waitFor();
      await checkPage(page, 'assistant-complaint-list');
      await page.getByRole('button', { name: '登记投诉' }).click();
      await page.waitForURL('**/complaints/new');
      await choose(page, '客户', customer.name, { search: customer.name.slice(0, 6) });
      await choose(page, '渠道', '电话');
      await choose(page, '类别', '服务');
      await page.getByText('紧急', { exact: true }).click();
      await page.getByLabel('描述').fill(description);
      await checkPage(page, 'assistant-complaint-create');
      await page.getByRole('button', { name: '提交投诉' }).click();
      await page.waitForURL(UUID_PATH('complaints'));
      complaintId = page.url().split('/').pop()!;
      await page.getByRole('heading').getByText('待处理', { exact: true }).waitFor();

      const filed = await complaint(complaintId);
      expect(filed).toMatchObject({ customerId: customer.id, channel: 'phone', category: 'service', severity: 'critical', description, status: 'open', reporterId: me['sales.assistant'], handlingDepartment: 'sales', responseHours: 4, assigneeId: null });
      expect(Date.parse(filed.dueAt) - Date.parse(filed.createdAt)).toBe(4 * 3_600_000);
      // the SLA clock: the deadline in business time, and the time left
      const due = await page.getByTestId('complaint-due').innerText();
      expect(due).toContain(businessMinute(filed.dueAt));
      expect(due).toContain('4 小时内响应');
      expect(clockWords(filed.dueAt)).toContainEqual(expect.stringMatching(/^剩余 3 小时/));
      expect(showsOneOf(due, clockWords(filed.dueAt))).toBe(true);

      // 分派: the people who may handle a 销售部 complaint — herself and the manager, no one else
      const assign = button(page, '分派');
      await assign.hover();
      expect(await page.getByRole('tooltip').filter({ hasText: '依据' }).innerText()).toBe('依据 SAL-8.5');
      await assign.click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('处理人').click();
      const options = openDropdown(page).locator('.ant-select-item-option');
      await options.first().waitFor();
      expect((await options.allInnerTexts()).sort()).toEqual(['陈静（销售部经理）', '黄婷（销售助理）']);
      await openDropdown(page).getByTitle('黄婷（销售助理）').click();
      await dialog.locator('.ant-select').filter({ hasText: '黄婷（销售助理）' }).waitFor();
      await checkPage(page, 'assistant-complaint-assign');
      await button(dialog, '分派').click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('heading').getByText('处理中', { exact: true }).waitFor();
      expect(await complaint(complaintId)).toMatchObject({ status: 'in_progress', assigneeId: me['sales.assistant'] });
      expect(await button(page, '改派').count()).toBe(1);

      // 登记解决: 解决办法 and 措施; 赔偿金额 is not offered to her
      await button(page, '登记解决').click();
      await dialog.getByLabel('解决办法').fill('由服务经理致电道歉并寄送书面致歉函，免收本次安装费');
      await dialog.getByLabel('措施').fill('安装排班提前一天短信确认，迟到十五分钟以上须提前告知客户');
      expect(await dialog.getByLabel('赔偿金额').count()).toBe(0);
      expect(await dialog.innerText()).toContain('提出赔偿须有赔偿处理职责');
      await checkPage(page, 'assistant-complaint-resolve');
      await button(dialog, '登记解决').click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('heading').getByText('已解决', { exact: true }).waitFor();
      const resolved = await complaint(complaintId);
      expect(resolved).toMatchObject({
        status: 'resolved',
        resolution: '由服务经理致电道歉并寄送书面致歉函，免收本次安装费',
        measures: '安装排班提前一天短信确认，迟到十五分钟以上须提前告知客户',
        resolvedBy: me['sales.assistant'],
        compensation: null,
      });
      expect(await page.getByTestId('sla-clock').first().innerText()).toContain('按期解决');
      expect(await button(page, '关闭投诉').count()).toBe(1);

      // the customer wants compensation: she reopens it and hands it to the manager, who may propose one
      await button(page, '重新打开').click();
      await button(dialog, '重新打开').click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('heading').getByText('处理中', { exact: true }).waitFor();
      expect(await complaint(complaintId)).toMatchObject({ status: 'in_progress', reopenCount: 1, resolvedAt: null });
      await button(page, '改派').click();
      await choose(page, '处理人', '陈静（销售部经理）', { scope: dialog });
      await button(dialog, '分派').click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('分派给 陈静 处理').waitFor();
      expect(await complaint(complaintId)).toMatchObject({ status: 'in_progress', assigneeId: me['sales.manager'], reopenCount: 1 });
    });
  });

  it('the manager resolves it with a 赔偿 of ¥2,000.50; she may not approve her own proposal, and the complaint cannot close yet', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.manager', undefined, `/complaints/${complaintId}`);
      await page.getByRole('heading').getByText('处理中', { exact: true }).waitFor();
      await button(page, '登记解决').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('解决办法').fill('致电道歉，免收安装费，并按合同约定赔偿误工损失');
      await dialog.getByLabel('措施').fill('安装排班提前一天确认；迟到纳入技术员考核');
      await dialog.getByLabel('赔偿金额').fill('2,000.5');
      expect(await dialog.getByLabel('赔偿金额').inputValue()).toBe('2000.5');
      await button(dialog, '登记解决').click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('heading').getByText('已解决', { exact: true }).waitFor();
      const c = await complaint(complaintId);
      expect(c).toMatchObject({
        status: 'resolved',
        resolution: '致电道歉，免收安装费，并按合同约定赔偿误工损失',
        measures: '安装排班提前一天确认；迟到纳入技术员考核',
        resolvedBy: me['sales.manager'],
        compensation: { amount: '2000.50', status: 'proposed', proposedBy: me['sales.manager'], approvedBy: null, approvedAt: null },
      });
      expect(await page.getByTestId('complaint-compensation').innerText()).toContain('¥2,000.50（待审批）');
      // separation of duties: no 审批赔偿 for the proposer; closing waits for the approval
      expect(await button(page, '审批赔偿').count()).toBe(0);
      expect(await page.getByTestId('complaint-compensation').innerText()).toContain('您提出的赔偿须由他人审批');
      expect(await button(page, '关闭投诉').count()).toBe(0);
      await page.getByText('赔偿待审批，审批后方可关闭投诉。').waitFor();
      await checkPage(page, 'assistant-complaint-compensation-proposed');
    });
  });

  it('the 总经理 approves the compensation in his own session', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'gm.wang', undefined, `/complaints/${complaintId}`);
      await page.getByRole('heading').getByText('已解决', { exact: true }).waitFor();
      // the 总经理 handles no complaints himself: approving is all he may do here
      expect(await button(page, '关闭投诉').count()).toBe(0);
      expect(await button(page, '重新打开').count()).toBe(0);
      await button(page, '审批赔偿').click();
      const dialog = page.getByRole('dialog');
      expect(await dialog.innerText()).toContain('¥2,000.50');
      await button(dialog, '批准赔偿').click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('complaint-compensation').filter({ hasText: '已由 王建国 批准' }).waitFor();
      const c = await complaint(complaintId);
      expect(c.compensation).toMatchObject({ amount: '2000.50', status: 'approved', proposedBy: me['sales.manager'], approvedBy: me['gm.wang'] });
      expect(c.status).toBe('resolved');
      expect(await button(page, '审批赔偿').count()).toBe(0);
    });
  });

  it('she closes it with the customer’s satisfaction; the page tells the whole story', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.assistant', undefined, `/complaints/${complaintId}`);
      await page.getByRole('heading').getByText('已解决', { exact: true }).waitFor();
      await button(page, '关闭投诉').click();
      const dialog = page.getByRole('dialog');
      // required: without a score nothing is sent
      await button(dialog, '关闭投诉').click();
      await dialog.getByText('请选择客户满意度').waitFor();
      expect((await complaint(complaintId)).status).toBe('resolved');
      await dialog.getByText('4 满意', { exact: true }).click();
      // the message collapses once a score is chosen, moving the buttons up: click when it has gone
      await dialog.getByText('请选择客户满意度').waitFor({ state: 'detached' });
      await checkPage(page, 'assistant-complaint-close');
      // the score once more after the page check (it scans the whole page): the choice must still hold
      await dialog.getByText('4 满意', { exact: true }).click();
      const closed = page.waitForResponse((r) => r.url().endsWith(`/complaints/${complaintId}/close`) && r.request().method() === 'POST');
      await button(dialog, '关闭投诉').click();
      expect((await closed).status()).toBe(200);
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('heading').getByText('已关闭', { exact: true }).waitFor();
      const c = await complaint(complaintId);
      expect(c).toMatchObject({ status: 'closed', satisfaction: 4, reopenCount: 1, assigneeId: me['sales.manager'], compensation: { status: 'approved', amount: '2000.50' } });
      expect(c.closedAt).not.toBeNull();
      expect(await page.getByTestId('complaint-satisfaction').innerText()).toBe('4 / 5（满意）');
      // no action is left on a closed complaint
      for (const label of ['分派', '改派', '登记解决', '审批赔偿', '关闭投诉', '重新打开']) expect(await button(page, label).count()).toBe(0);

      const steps = page.getByTestId('complaint-step');
      expect(await steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-step')))).toEqual(['filed', 'assigned', 'reopened', 'resolved', 'proposed', 'approved', 'closed']);
      const text = (await steps.allInnerTexts()).join('\n');
      expect(text).toContain(`黄婷 登记投诉（电话）\n${businessMinute(c.createdAt)}`);
      expect(text).toContain('分派给 陈静 处理');
      expect(text).toContain('重新打开 1 次');
      expect(text).toContain(`陈静 登记解决办法及措施\n${businessMinute(c.resolvedAt)}`);
      expect(text).toContain('陈静 提出赔偿 ¥2,000.50');
      expect(text).toContain(`王建国 批准赔偿\n${businessMinute(c.compensation.approvedAt)}`);
      expect(text).toContain(`关闭，客户满意度 4 / 5（满意）\n${businessMinute(c.closedAt)}`);
      await checkPage(page, 'assistant-complaint-closed');
    });
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'sales.assistant', undefined, `/complaints/${complaintId}`);
      await page.getByRole('heading').getByText('已关闭', { exact: true }).waitFor();
      await checkPage(page, 'assistant-complaint-closed');
    });
  });

  it('the SLA clock: the deadline in business time with the time left or overdue, escalated ones flagged in words, filters in the URL', async () => {
    const late = await file('sales.assistant', customer.id, 'high', 'SLA：超过期限两小时仍未处理的投诉');
    const fresh = await file('sales.assistant', customer.id, 'low', 'SLA：刚登记的低级别投诉');
    // a day and two hours past due: yesterday's end-of-day run of the escalation job catches it
    await w.t.ds.query(`UPDATE complaints SET due_at = now() - interval '26 hours 5 minutes' WHERE id = $1`, [late.id]);
    const run = await api('admin', 'post', '/jobs/complaints.sla-escalation/run', { asOf: businessDay(-1) });
    expect(run.body).toMatchObject({ status: 'succeeded' });
    const lateNow = await complaint(late.id);
    expect(lateNow).toMatchObject({ escalated: true, status: 'open' });
    const overdueIds = (await api('sales.assistant', 'get', '/complaints?overdue=true&pageSize=100')).body.items.map((c: { id: string }) => c.id);
    expect(overdueIds).toContain(late.id);
    expect(overdueIds).not.toContain(fresh.id);

    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.assistant', undefined, '/complaints');
      const freshRow = page.locator('.ant-table-row').filter({ hasText: fresh.description });
      await freshRow.waitFor();
      const freshDue = await freshRow.getByTestId('complaint-due').innerText();
      expect(freshDue).toContain(businessMinute(fresh.dueAt));
      expect(freshDue).toContain('剩余 2 天 23 小时');

      // filter through the UI: the URL carries it, and the rows are the API's
      await page.getByLabel('是否超时').click();
      await openDropdown(page).getByTitle('已超时未解决').click();
      await page.waitForURL(/overdue=true/);
      await page.getByLabel('是否升级').click();
      await openDropdown(page).getByTitle('已升级').click();
      await page.waitForURL(/escalated=true/);
      expect(new URL(page.url()).searchParams.get('overdue')).toBe('true');
      const lateRow = page.locator('.ant-table-row').filter({ hasText: late.description });
      await lateRow.waitFor();
      await page.locator('.ant-table-row').filter({ hasText: fresh.description }).waitFor({ state: 'detached' });
      const both = (await api('sales.assistant', 'get', '/complaints?overdue=true&escalated=true&pageSize=100')).body;
      expect(await page.locator('.ant-table-row').count()).toBe(both.items.length);
      const rowText = await lateRow.innerText();
      expect(rowText).toContain(businessMinute(lateNow.dueAt));
      expect(clockWords(lateNow.dueAt)).toContainEqual('已超时 1 天 2 小时');
      expect(showsOneOf(rowText, clockWords(lateNow.dueAt))).toBe(true);
      // flagged in words, not by colour alone
      expect(rowText).toContain('已超时');
      expect(await lateRow.getByTestId('escalated-flag').innerText()).toContain('已升级');
      await checkPage(page, 'assistant-complaint-list-overdue');

      // a link reproduces the view
      await page.goto('/complaints?overdue=true&escalated=true&severity=high');
      await lateRow.waitFor();
      expect(await page.getByLabel('是否超时').locator('xpath=ancestor::*[contains(@class,"ant-select")][1]').innerText()).toContain('已超时未解决');

      await lateRow.click();
      await page.waitForURL(`**/complaints/${late.id}`);
      await page.getByText('处理经过').waitFor();
      const due = await page.getByTestId('complaint-due').innerText();
      expect(due).toContain(businessMinute(lateNow.dueAt));
      expect(due).toContain('24 小时内响应');
      expect(showsOneOf(due, clockWords(lateNow.dueAt))).toBe(true);
      expect(await page.getByRole('heading').getByTestId('escalated-flag').innerText()).toContain('已升级');
      const escalatedStep = page.locator('[data-step="escalated"]');
      expect(await escalatedStep.innerText()).toContain(businessMinute(lateNow.escalatedAt));
      await page.mouse.move(0, 0);
      await checkPage(page, 'assistant-complaint-overdue');
    });
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'sales.assistant', undefined, '/complaints?overdue=true');
      const card = page.getByRole('link').filter({ hasText: late.description.slice(0, 20) });
      await card.waitFor();
      const text = await card.innerText();
      expect(text).toContain(businessMinute(lateNow.dueAt));
      expect(showsOneOf(text, clockWords(lateNow.dueAt))).toBe(true);
      await checkPage(page, 'assistant-complaint-list-overdue');
      await card.click();
      await page.waitForURL(`**/complaints/${late.id}`);
      await page.getByText('处理经过').waitFor();
      await page.mouse.move(0, 0);
      await checkPage(page, 'assistant-complaint-overdue');
    });
  });

  it('a role without complaint.handle sees no 分派 or 登记解决 on a complaint the assistant may act on', async () => {
    const his = (await api('sales.rep.wu', 'get', '/customers?isKeyAccount=false&pageSize=1')).body.items[0];
    const mine = await file('sales.rep.wu', his.id, 'medium', '业务员登记：客户要求更换发票抬头');
    // the rep reads it but may not handle it — the API says so too
    const refused = await api('sales.rep.wu', 'post', `/complaints/${mine.id}/assign`, { assigneeId: me['sales.rep.wu'] });
    expect(refused.status).toBe(403);
    expect(refused.body.permission).toBe('complaint.handle');
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.rep.wu', undefined, `/complaints/${mine.id}`);
      await page.getByText(mine.description).waitFor();
      await page.getByTestId('complaint-due').waitFor();
      for (const label of ['分派', '改派', '登记解决', '审批赔偿', '关闭投诉', '重新打开']) expect(await button(page, label).count()).toBe(0);
    });
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.assistant', undefined, `/complaints/${mine.id}`);
      await page.getByText(mine.description).waitFor();
      expect(await button(page, '分派').count()).toBe(1);
      expect(await button(page, '登记解决').count()).toBe(0); // not before it is being handled
    });
  });

  it('报表: the figures on the page are the API’s for month/owner and quarter/department; the CSV and XLSX are the API’s files', async () => {
    // a day about six weeks back: its month and its quarter hold signed contracts, payments and visits of the demo
    const day = businessDay(-45);
    const report = async (query: string) => {
      const res = await api('sales.assistant', 'get', `/reports/sales?${query}`);
      expect(res.status).toBe(200);
      return res.body as { from: string; to: string; groups: (Figures & { key: string; name: string })[]; total: Figures };
    };
    const file = async (query: string) => {
      const res = await w.t.http().get(`/api/v1/reports/sales?${query}`).set('authorization', `Bearer ${await w.token('sales.assistant')}`).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      return res.body as Buffer;
    };
    const sheet = async (bytes: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('销售报表')!;
      return Array.from({ length: ws.rowCount }, (_, i) => ws.getRow(i + 1).values);
    };

    /** The table as it reads: one array of cell texts per group row, then the 合计 row. */
    const table = async (page: Page) => {
      const rows = await page.getByTestId('report-row').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())));
      const total = await page.getByTestId('report-total').evaluate((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim()));
      return { rows, total };
    };

    await journey(w, 'desktop', async (page) => {
      // month by owner, from a link
      await signIn(page, 'sales.assistant', undefined, `/reports?period=month&date=${day}&groupBy=owner`);
      const month = await report(`period=month&date=${day}&groupBy=owner`);
      expect(month.groups.length).toBeGreaterThan(1);
      expect(month.total.contractsSigned + month.total.visits + month.total.newProspects).toBeGreaterThan(0);
      await page.getByTestId('report-total').waitFor();
      expect(await page.getByTestId('report-range').innerText()).toBe(`统计期间：${month.from} 至 ${month.to}（含）`);
      const m = await table(page);
      expect(m.rows).toEqual(month.groups.map((g) => shown(g.name, g)));
      expect(m.total).toEqual(shown('合计', month.total));
      await page.getByRole('columnheader', { name: '负责人' }).waitFor();
      await checkPage(page, 'assistant-report-month');

      // its files: the CSV byte for byte, the workbook cell for cell
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 CSV/ }).click()]);
      expect(csv.suggestedFilename()).toBe(`sales-month-${month.from}.csv`);
      expect(readFileSync(await csv.path())).toEqual(await file(`period=month&date=${day}&groupBy=owner&format=csv`));
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
      expect(xlsx.suggestedFilename()).toBe(`sales-month-${month.from}.xlsx`);
      const downloaded = await sheet(readFileSync(await xlsx.path()));
      expect(downloaded.length).toBe(2 + month.groups.length + 1);
      expect(downloaded).toEqual(await sheet(await file(`period=month&date=${day}&groupBy=owner&format=xlsx`)));

      // quarter by department, chosen on the page: the URL follows, the figures are the API's
      await page.getByRole('radiogroup', { name: '报表期间' }).getByText('季报').click();
      await page.waitForURL(/period=quarter/);
      await page.getByRole('radiogroup', { name: '分组' }).getByText('按部门').click();
      await page.waitForURL(/groupBy=department/);
      const params = new URL(page.url()).searchParams;
      expect([params.get('period'), params.get('date'), params.get('groupBy')]).toEqual(['quarter', day, 'department']);
      const quarter = await report(`period=quarter&date=${day}&groupBy=department`);
      await page.getByRole('columnheader', { name: '部门' }).waitFor();
      await page.getByTestId('report-range').filter({ hasText: quarter.from }).waitFor();
      const q = await table(page);
      expect(q.rows).toEqual(quarter.groups.map((g) => shown(g.name, g)));
      expect(q.total).toEqual(shown('合计', quarter.total));
      expect(q.rows.map((r) => r[0])).toContain('销售部');
      expect(q.total).not.toEqual(m.total);
      expect(quarter.total.contractsSigned + quarter.total.visits).toBeGreaterThan(0);
      await checkPage(page, 'assistant-report-quarter');

      const [csv2] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 CSV/ }).click()]);
      expect(csv2.suggestedFilename()).toBe(`sales-quarter-${quarter.from}.csv`);
      expect(readFileSync(await csv2.path())).toEqual(await file(`period=quarter&date=${day}&groupBy=department&format=csv`));
      const [xlsx2] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
      expect(await sheet(readFileSync(await xlsx2.path()))).toEqual(await sheet(await file(`period=quarter&date=${day}&groupBy=department&format=xlsx`)));
    });

    await journey(w, 'phone', async (page) => {
      await signIn(page, 'sales.assistant', undefined, `/reports?period=month&date=${day}&groupBy=owner`);
      await page.getByTestId('report-total').waitFor();
      await checkPage(page, 'assistant-report-month');
      // a year long ago: the empty state, not a table of zeros
      await page.goto('/reports?period=year&date=2001-06-01&groupBy=owner');
      await page.getByText('该期间没有业务数据').waitFor();
      expect(await page.getByTestId('report-total').count()).toBe(0);
      expect(await page.getByTestId('report-range').innerText()).toBe('统计期间：2001-01-01 至 2001-12-31（含）');
      await checkPage(page, 'assistant-report-empty');
    });
  });
});
