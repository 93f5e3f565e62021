import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/demo-data';
import { checkPage, describeInBrowser, journey, SCREENSHOT_DIR, signIn, startConsole, type ConsoleWorld } from './support/console';
import { button, choose, pickDate } from './support/antd';


/** The customer picker: type part of the name, tap the match. */
async function pickCustomer(page: Page, name: string): Promise<void> {
  await page.getByLabel('客户', { exact: true }).click();
  await page.getByLabel('客户', { exact: true }).fill(name.slice(0, 8));
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(name, { exact: true }).click();
}

/** "2026-12-05T15:38:35.577Z" → "2026-12-05 23:38", as the console shows it in business time. */
const businessMinute = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
const businessToday = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** The pages of a PDF as Chromium writes it: one `/Type /Page` object each (`/Pages` is the tree). */
const pdfPageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

interface Contract {
  id: string;
  number: string;
  title: string;
  status: string;
  version: number;
  customerId: string;
  customerName: string;
  archiveNo: string | null;
  archiveLocation: string | null;
  archivedBy: string | null;
  archivedAt: string | null;
  approvals: { round: number; level: string; approverId: string; decision: string; comment: string | null; decidedAt: string }[];
}

describeInBrowser('合同档案: the 内勤 files signed contracts, reads their record and prints the A4 sheet', () => {
  let w: ConsoleWorld;
  const me: Record<string, string> = {};
  const api = async (user: string, method: 'get' | 'post' | 'patch', path: string, body?: object) => {
    const req = w.t.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`);
    return body ? req.send(body) : req;
  };
  const contract = async (id: string): Promise<Contract> => (await api('sales.clerk', 'get', `/contracts/${id}`)).body;
  /** Signed, not yet filed, from the demo organisation (not the one this suite makes). */
  const demoAwaiting = async (): Promise<Contract[]> =>
    (await api('sales.clerk', 'get', '/contracts?awaitingArchive=true&status=signed&pageSize=20&sort=number')).body.items.filter((c: Contract) => c.id !== made.id);
  let made: Contract;

  beforeAll(async () => {
    w = await startConsole();
    for (const u of ['sales.rep.wu', 'sales.manager', 'sales.clerk', 'sales.assistant']) me[u] = (await api(u, 'get', '/auth/me')).body.user.id;

    // 吴昊 drafts; 陈静 sends it back once, approves the second submission; 吴昊 signs it today.
    const customer = (await api('sales.rep.wu', 'get', '/customers?isKeyAccount=false&pageSize=1&sort=name')).body.items[0];
    const draft = await api('sales.rep.wu', 'post', '/contracts', {
      customerId: customer.id,
      title: '2027 年度档案柜采购合同',
      amount: '123456.60',
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      paymentPlan: [
        { dueDate: '2027-03-31', amount: '60000.00' },
        { dueDate: '2027-06-30', amount: '63456.60' },
      ],
    });
    expect(draft.status).toBe(201);
    const id = draft.body.id;
    expect((await api('sales.rep.wu', 'post', `/contracts/${id}/submit`)).status).toBe(200);
    expect((await api('sales.manager', 'post', `/contracts/${id}/reject`, { comment: '第二期付款日请与客户再确认' })).status).toBe(200);
    expect((await api('sales.rep.wu', 'post', `/contracts/${id}/submit`)).status).toBe(200);
    expect((await api('sales.manager', 'post', `/contracts/${id}/approve`, { comment: '同意' })).status).toBe(200);
    const signed = await api('sales.rep.wu', 'post', `/contracts/${id}/sign`, { signedAt: businessToday() });
    expect(signed.body.status).toBe('signed');
    made = signed.body;
    expect(made.archiveNo).toBeNull();
  }, 180_000);
  afterAll(() => w?.close());

  it('the 内勤 finds the contract in 待归档, files it with a location, and finds it in the archive with every filter', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.clerk', undefined, '/contract-archive');
      await page.waitForURL('**/contract-archive');
      await page.getByRole('row').filter({ hasText: 'DA-' }).first().waitFor();
      await checkPage(page, 'contract-archive');

      // the worklist: its count in the switch, then search it for the new contract
      await page.getByText(/^待归档（\d+）$/).click();
      await page.waitForURL(/view=awaiting/);
      await page.getByRole('columnheader', { name: '签订日期' }).waitFor();
      await page.getByLabel('搜索', { exact: true }).fill(made.number);
      await page.getByLabel('搜索', { exact: true }).press('Enter');
      await page.waitForURL(new RegExp(`q=${made.number}`));
      const row = page.getByRole('row').filter({ hasText: made.number });
      await row.waitFor();
      expect(await row.innerText()).toContain('2027 年度档案柜采购合同');
      expect(await row.innerText()).toContain('¥123,456.60');
      await checkPage(page, 'contract-archive-awaiting');

      await page.getByRole('button', { name: `归档 ${made.number}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('存放位置').waitFor();
      // the location is required
      await dialog.getByRole('button', { name: '确认归档' }).click();
      await dialog.getByText('请填写存放位置').waitFor();
      expect((await contract(made.id)).archiveNo).toBeNull();
      await dialog.getByLabel('存放位置').fill('档案室 A 柜 3 层');
      await checkPage(page, 'contract-archive-file');
      await dialog.getByRole('button', { name: '确认归档' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const archiveNo = made.number.replace(/^HT-/, 'DA-');
      expect(await page.getByTestId('filed').innerText()).toContain(`已归档 ${made.number}：档案号 ${archiveNo}，存放于 档案室 A 柜 3 层`);
      // off the worklist
      await page.getByText('没有待归档的合同').waitFor();

      const filed = await contract(made.id);
      expect(filed).toMatchObject({ status: 'signed', archiveNo, archiveLocation: '档案室 A 柜 3 层', archivedBy: me['sales.clerk'] });
      expect(Date.now() - Date.parse(filed.archivedAt!)).toBeLessThan(5 * 60_000);
      const awaiting = (await api('sales.clerk', 'get', `/contracts?awaitingArchive=true&q=${made.number}`)).body;
      expect(awaiting.total).toBe(0);

      // the archive, narrowed by every filter it has; each lands in the URL
      await page.getByText('已归档', { exact: true }).click();
      await page.waitForURL((u) => !u.search.includes('view=awaiting'));
      await page.getByRole('columnheader', { name: '存放位置' }).waitFor();
      await page.getByLabel('搜索', { exact: true }).fill('档案室 A 柜');
      await page.getByLabel('搜索', { exact: true }).press('Enter');
      await choose(page, '合同状态', '已签订');
      await pickDate(page, '归档日期起', businessToday());
      await pickDate(page, '归档日期止', businessToday());
      await pickCustomer(page, made.customerName);
      await page.waitForURL(/customerId=/);
      const found = page.getByRole('row').filter({ hasText: archiveNo });
      await found.waitFor();
      const url = new URL(page.url());
      expect(Object.fromEntries(url.searchParams)).toEqual({
        q: '档案室 A 柜',
        status: 'signed',
        archivedFrom: businessToday(),
        archivedTo: businessToday(),
        customerId: made.customerId,
      });
      expect(await found.innerText()).toContain('档案室 A 柜 3 层');
      expect(await found.innerText()).toContain('林芳');
      await checkPage(page, 'contract-archive-filtered');

      // sorted by 档案号 (a header click), and the view survives a reload from its link
      await page.getByRole('columnheader', { name: '档案号' }).click();
      await page.waitForURL(/sort=archiveNo/);
      await page.reload();
      await found.waitFor();
      expect(await page.getByLabel('搜索', { exact: true }).inputValue()).toBe('档案室 A 柜');

      // what the list showed is what the API answers for those filters
      const query = `q=${encodeURIComponent('档案室 A 柜')}&status=signed&customerId=${made.customerId}&archivedFrom=${businessToday()}&sort=archiveNo`;
      const listed = (await api('sales.clerk', 'get', `/contracts/archive?${query}`)).body;
      expect(listed.items.map((c: Contract) => c.id)).toContain(made.id);
      const rows = await page.getByRole('row').filter({ hasText: 'DA-' }).count();
      expect(rows).toBe(listed.total);
      expect((await api('sales.clerk', 'get', `/contracts/archive?status=completed&q=${archiveNo}`)).body.total).toBe(0);
    });
  });

  it('the contract page shows the plan, receivables, payments, each decision with round, level, who and when, and the archive record', async () => {
    const c = await contract(made.id);
    expect(c.approvals.map((a) => [a.round, a.level, a.decision])).toEqual([
      [1, 'manager', 'reject'],
      [2, 'manager', 'approve'],
    ]);
    for (const size of ['desktop', 'phone'] as const) {
      await journey(w, size, async (page) => {
        await signIn(page, 'sales.clerk', undefined, `/contracts/${made.id}`);
        await page.getByRole('heading').getByText('已签订').waitFor();
        const steps = page.getByTestId('approval-step');
        await steps.nth(1).waitFor();
        const texts = await steps.allInnerTexts();
        expect(texts).toHaveLength(2);
        for (const [i, a] of c.approvals.entries()) {
          expect(texts[i]).toContain(`陈静 ${a.decision === 'approve' ? '通过' : '退回'}`);
          expect(texts[i]).toContain(`第 ${a.round} 次提交`);
          expect(texts[i]).toContain('部门经理审批');
          expect(texts[i]).toContain(businessMinute(a.decidedAt));
        }
        expect(texts[0]).toContain('第二期付款日请与客户再确认');

        expect(await page.getByTestId('plan-line').allInnerTexts()).toEqual([expect.stringContaining('¥60,000.00'), expect.stringContaining('¥63,456.60')]);
        const receivables = page.getByTestId('receivable');
        await receivables.nth(1).waitFor();
        expect(await receivables.allInnerTexts()).toEqual([expect.stringMatching(/应收 ¥60,000\.00.*未收 ¥60,000\.00/s), expect.stringMatching(/应收 ¥63,456\.60.*未收 ¥63,456\.60/s)]);
        await page.getByText('尚无回款').waitFor();

        const archive = page.getByTestId('archive-info');
        const text = await archive.innerText();
        expect(text).toContain(c.archiveNo!);
        expect(text).toContain('档案室 A 柜 3 层');
        expect(text).toContain('林芳');
        expect(text).toContain(businessMinute(c.archivedAt!));
        // filed already: no second 归档; the 内勤 cannot terminate
        expect(await button(page, '归档').count()).toBe(0);
        expect(await button(page, '终止').count()).toBe(0);
        await checkPage(page, 'contract-detail-archived');
      });
    }
  });

  it('the print view: one A4 page without the console, the amount in 大写, the plan, the trail and the archive record', async () => {
    const c = await contract(made.id);
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.clerk', undefined, `/contracts/${made.id}`);
      await page.getByTestId('archive-info').waitFor();
      await button(page, '打印登记表').click();
      await page.waitForURL(`**/contracts/${made.id}/print`);
      await page.getByRole('heading', { name: '销售合同归档登记表' }).waitFor();

      // 打印 and 返回 (each after its icon's name) on screen; gone on paper
      const printButton = page.getByRole('button', { name: /打\s*印$/ });
      const backButton = page.getByRole('button', { name: /返\s*回$/ });
      expect([await printButton.isVisible(), await backButton.isVisible()]).toEqual([true, true]);
      expect(await page.getByTestId('amount-capital').innerText()).toBe('人民币壹拾贰万叁仟肆佰伍拾陆元陆角整');
      expect(await page.getByTestId('amount-figures').innerText()).toBe('¥123,456.60');
      const sheet = await page.locator('article').innerText();
      for (const s of [c.number, c.title, c.customerName, c.archiveNo!, '档案室 A 柜 3 层', '林芳', '吴昊', '2027-01-01 至 2027-12-31', '第二期付款日请与客户再确认']) expect(sheet).toContain(s);
      expect(await page.getByTestId('print-plan').locator('tbody tr').allInnerTexts()).toEqual([
        expect.stringMatching(/第 1 期\s+2027-03-31\s+¥60,000\.00/),
        expect.stringMatching(/第 2 期\s+2027-06-30\s+¥63,456\.60/),
        expect.stringMatching(/合计\s+¥123,456\.60/),
      ]);
      const trail = await page.getByTestId('print-approvals').locator('tbody tr').allInnerTexts();
      expect(trail).toEqual([
        expect.stringMatching(new RegExp(`第 1 次\\s+部门经理审批\\s+陈静\\s+退回\\s+第二期付款日请与客户再确认\\s+${businessMinute(c.approvals[0].decidedAt)}`)),
        expect.stringMatching(new RegExp(`第 2 次\\s+部门经理审批\\s+陈静\\s+通过\\s+同意\\s+${businessMinute(c.approvals[1].decidedAt)}`)),
      ]);
      expect(await page.getByTestId('printed-at').innerText()).toMatch(/打印时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+打印人：林芳/);
      // none of the console's chrome on this page at all
      expect(await page.getByRole('navigation').count()).toBe(0);
      expect(await page.getByTestId('user-menu').count()).toBe(0);
      expect(await page.getByText('退出登录').count()).toBe(0);
      await checkPage(page, 'contract-print');

      // as printed: the sheet only, black on white, in a CJK font
      await page.emulateMedia({ media: 'print' });
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'contract-print-as-printed-desktop.png'), fullPage: true });
      expect([await printButton.isVisible(), await backButton.isVisible()]).toEqual([false, false]);
      expect(await page.locator('article').isVisible()).toBe(true);
      const look = await page.locator('article').evaluate((el) => {
        const s = getComputedStyle(el);
        return { color: s.color, background: s.backgroundColor, body: getComputedStyle(document.body).backgroundColor, font: s.fontFamily };
      });
      expect(look).toEqual({ color: 'rgb(0, 0, 0)', background: 'rgb(255, 255, 255)', body: 'rgb(255, 255, 255)', font: expect.stringMatching(/^"Noto Sans CJK SC"/) });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      writeFileSync(join(SCREENSHOT_DIR, 'contract-print.pdf'), pdf);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdfPageCount(pdf)).toBe(1);
      await page.emulateMedia({ media: 'screen' });

      // 返回 goes back to the contract
      await backButton.click();
      await page.waitForURL(`**/contracts/${made.id}`);
    });

    // a long plan still prints: rows are not cut, the table goes on to a second page
    const long = await api('sales.rep.wu', 'post', '/contracts', {
      customerId: made.customerId,
      title: '五年期设备维保合同（按月付款）',
      amount: '60000.00',
      startDate: '2027-01-01',
      endDate: '2031-12-31',
      paymentPlan: Array.from({ length: 60 }, (_, i) => ({ dueDate: `${2027 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-28`, amount: '1000.00' })),
    });
    expect(long.status).toBe(201);
    await journey(w, 'phone', async (page) => {
      // behind the sign-in: a link to the sheet asks who you are first, then comes back to it
      const path = `/contracts/${long.body.id}/print`;
      await page.goto(path);
      await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('next') === path);
      await page.getByLabel('用户名').fill('sales.rep.wu');
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.waitForURL(`**${path}`);
      await page.getByTestId('print-plan').waitFor();
      expect(await page.getByTestId('amount-capital').innerText()).toBe('人民币陆万元整');
      await checkPage(page, 'contract-print');
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdfPageCount(pdf)).toBeGreaterThan(1);
    });
  });

  it('the 助理 files too; a refusal by the API (filed meanwhile) is shown with its code and keeps what was typed', async () => {
    const [first, second] = await demoAwaiting();
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.assistant', undefined, `/contracts/${first.id}`);
      await page.getByRole('heading').getByText('已签订').waitFor();
      await page.getByText('尚未归档').waitFor();
      // the 助理 does not read receivables: those sections are not there
      expect(await page.getByText('回款记录', { exact: true }).count()).toBe(0);
      await button(page, '归档').hover();
      await page.getByRole('tooltip').getByText('依据 SAL-8.1').waitFor();
      await button(page, '归档').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('存放位置').fill('档案室 B 柜 2 层');
      // the 内勤 files the same contract first
      expect((await api('sales.clerk', 'post', `/contracts/${first.id}/archive`, { location: '档案室 C 柜 1 层' })).status).toBe(200);
      await dialog.getByRole('button', { name: '确认归档' }).click();
      await dialog.getByRole('alert').waitFor();
      expect(await dialog.getByTestId('problem-code').innerText()).toBe('CONTRACT_ALREADY_ARCHIVED');
      expect(await dialog.getByRole('alert').innerText()).toContain(first.number.replace(/^HT-/, 'DA-'));
      expect(await dialog.getByLabel('存放位置').inputValue()).toBe('档案室 B 柜 2 层');
      await checkPage(page, 'contract-archive-conflict');
      await dialog.getByRole('button', { name: /取\s*消/ }).click();
      // the page now shows the filing that won
      await page.getByTestId('archive-info').getByText('档案室 C 柜 1 层').waitFor();
      expect(await button(page, '归档').count()).toBe(0);
      expect((await contract(first.id)).archiveLocation).toBe('档案室 C 柜 1 层');

      // the next one, from the worklist
      await page.goto(`/contract-archive?view=awaiting&q=${second.number}`);
      await page.getByRole('button', { name: `归档 ${second.number}` }).click();
      await page.getByRole('dialog').getByLabel('存放位置').fill('档案室 B 柜 2 层');
      await page.getByRole('dialog').getByRole('button', { name: '确认归档' }).click();
      await page.getByTestId('filed').waitFor();
    });
    expect(await contract(second.id)).toMatchObject({ archiveNo: second.number.replace(/^HT-/, 'DA-'), archiveLocation: '档案室 B 柜 2 层', archivedBy: me['sales.assistant'] });
  });

  it('a 业务员 sees no 归档 on his signed contract; the 经理 terminates one with a reason', async () => {
    const mine = (await api('sales.rep.wu', 'get', '/contracts?awaitingArchive=true&status=signed&pageSize=20')).body.items.filter((c: Contract) => c.id !== made.id);
    const target: Contract = mine[0];
    expect(target).toBeDefined();
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.rep.wu', undefined, `/contracts/${target.id}`);
      await page.getByRole('heading').getByText('已签订').waitFor();
      await page.getByText('尚未归档').waitFor();
      expect(await button(page, '归档').count()).toBe(0);
      expect(await button(page, '终止').count()).toBe(0);
      expect(await button(page, '打印登记表').count()).toBe(1);
      // nor is 合同档案 in his menu
      expect(await page.getByRole('navigation').getByText('合同档案').count()).toBe(0);
    });
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.manager', undefined, `/contracts/${target.id}`);
      await page.getByRole('heading').getByText('已签订').waitFor();
      expect(await button(page, '归档').count()).toBe(0);
      await button(page, '终止').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: /^终\s*止$/ }).click();
      await dialog.getByText('请写明终止原因').waitFor();
      await dialog.getByLabel('终止原因').fill('客户业务调整，双方协商终止');
      await checkPage(page, 'contract-terminate');
      await dialog.getByRole('button', { name: /^终\s*止$/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('heading').getByText('已终止').waitFor();
    });
    expect(await contract(target.id)).toMatchObject({ status: 'terminated', terminationReason: '客户业务调整，双方协商终止' });
    // terminated and not filed: back on the 内勤's worklist
    const awaiting = (await api('sales.clerk', 'get', `/contracts?awaitingArchive=true&status=terminated&q=${target.number}`)).body;
    expect(awaiting.items.map((c: Contract) => c.id)).toEqual([target.id]);
  });

  it('the archive list on a phone', async () => {
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'sales.clerk', undefined, '/contract-archive');
      await page.getByText(/DA-\d{4}-\d{6}/).first().waitFor();
      await checkPage(page, 'contract-archive');
      await page.getByText(/^待归档（\d+）$/).click();
      await page.getByRole('button', { name: /^归档 HT-/ }).first().waitFor();
      await checkPage(page, 'contract-archive-awaiting');
    });
  });
});
