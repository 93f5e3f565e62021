import type { Page } from 'playwright-core';
import { checkPage, type ConsoleWorld, describeInBrowser, journey, signIn, smallTapTargets, startConsole } from './support/console';
import { button, choose, pickDate } from './support/antd';

const UUID_PATH = (prefix: string) => new RegExp(`/${prefix}/[0-9a-f-]{36}$`);

/** The customer picker: type part of the name, tap the match. */
async function pickCustomer(page: Page, name: string): Promise<void> {
  await page.getByLabel('客户', { exact: true }).click();
  await page.getByLabel('客户', { exact: true }).fill(name.slice(0, 8));
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(name, { exact: true }).click();
}

/** Waits until the element reads exactly `text` (the balance line follows typing), then says what it reads. */
async function readsExactly(locator: ReturnType<Page['getByTestId']>, text: string): Promise<string> {
  await locator.filter({ hasText: text }).waitFor({ timeout: 5_000 }).catch(() => undefined);
  return locator.innerText();
}

/** A computed style of the element, as the browser paints it. */
const cssOf = (locator: ReturnType<Page['locator']>, property: 'color' | 'backgroundColor') => locator.evaluate((el, p) => getComputedStyle(el)[p], property);

/** "2026-12-05T15:38:35.577Z" → "2026-12-05 23:38", as the console shows it in business time. */
const businessMinute = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

describeInBrowser('业务员: a contract with a payment plan to the cent, 催收 on an overdue receivable, a complaint', () => {
  let w: ConsoleWorld;
  const me: Record<string, string> = {};
  const api = async (user: string, method: 'get' | 'post', path: string, body?: object) => {
    const req = w.t.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`);
    return body ? req.send(body) : req;
  };
  let contractId = '';

  beforeAll(async () => {
    w = await startConsole();
    for (const u of ['sales.rep.wu', 'sales.manager']) me[u] = (await api(u, 'get', '/auth/me')).body.user.id;
  }, 180_000);
  afterAll(() => w?.close());

  it('drafts a contract whose plan must add up to the amount (one cent shown live), submits it, and follows the approval', async () => {
    const customer = (await api('sales.rep.wu', 'get', '/customers?isKeyAccount=false&pageSize=1&sort=name')).body.items[0];
    expect(customer).toMatchObject({ isKeyAccount: false, ownerId: me['sales.rep.wu'] });

    await journey(w, 'phone', async (page) => {
      await signIn(page, 'sales.rep.wu', undefined, '/contracts');
      await page.waitForURL('**/contracts');
      await page.getByRole('link').filter({ hasText: 'HT-' }).first().waitFor();
      await checkPage(page, 'contract-list');
      await page.getByRole('button', { name: '拟定合同' }).click();
      await page.waitForURL('**/contracts/new');

      await pickCustomer(page, customer.name);
      await page.getByLabel('合同名称').fill('2027 年度耗材供应合同');
      await page.getByLabel('合同金额').fill('10000.01');
      await pickDate(page, page.getByLabel('开始日期'), '2027-01-01');
      await pickDate(page, page.getByLabel('结束日期'), '2027-12-31');
      const due = page.getByLabel('到期日', { exact: true });
      const amount = page.getByLabel('金额', { exact: true });
      await pickDate(page, due.nth(0), '2027-03-31');
      await amount.nth(0).fill('5000.00');
      await page.getByRole('button', { name: '添加一期' }).click();
      await amount.nth(1).fill('5000.00');

      // one cent short: said live, in red, and neither save button can be used
      const balance = page.getByTestId('plan-balance');
      expect(await readsExactly(balance, '计划合计 ¥10,000.00 / 合同金额 ¥10,000.01 — 还差 ¥0.01')).toBe('计划合计 ¥10,000.00 / 合同金额 ¥10,000.01 — 还差 ¥0.01');
      expect(await balance.getAttribute('data-balanced')).toBe('false');
      expect(await cssOf(balance, 'color')).toBe('rgb(207, 19, 34)');
      expect(await page.getByRole('button', { name: '保存草稿' }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: '保存并提交审批' }).isDisabled()).toBe(true);
      await checkPage(page, 'contract-form');
      expect(await smallTapTargets(page)).toEqual([]);

      // three equal instalments in whole cents, the remainder on the last; then back to two lines
      await page.getByRole('button', { name: '添加一期' }).click();
      await page.getByRole('button', { name: '按金额平均分期' }).click();
      expect(await Promise.all([0, 1, 2].map((i) => amount.nth(i).inputValue()))).toEqual(['3333.33', '3333.33', '3333.35']);
      expect(await balance.getAttribute('data-balanced')).toBe('true');
      await page.getByRole('button', { name: '删除第 3 期' }).click();
      expect(await readsExactly(balance, '还差 ¥3,333.35')).toBe('计划合计 ¥6,666.66 / 合同金额 ¥10,000.01 — 还差 ¥3,333.35');
      await amount.nth(0).fill('5000.00');
      await amount.nth(1).fill('5000.01');
      expect(await readsExactly(balance, '已与合同金额一致')).toBe('计划合计 ¥10,000.01 / 合同金额 ¥10,000.01 — 已与合同金额一致');
      expect(await page.getByRole('button', { name: '保存草稿' }).isDisabled()).toBe(false);
      const secondDue = await due.nth(1).inputValue();
      expect(secondDue).toBe('2027-04-30'); // the added line's date: a month after the one before

      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.waitForURL(UUID_PATH('contracts'));
      contractId = page.url().split('/').pop()!;
      await page.getByRole('heading').getByText('草稿').waitFor();
      expect((await api('sales.rep.wu', 'get', `/contracts/${contractId}`)).body.status).toBe('draft');

      await button(page, '提交审批').click();
      await page.getByRole('dialog').getByRole('button', { name: /^提\s*交$/ }).click();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      await page.getByRole('heading').getByText('待审批').waitFor();
      expect(await page.getByTestId('approval-waiting').innerText()).toContain('等待 陈静 审批');
      await checkPage(page, 'contract-detail-pending');
      expect(await smallTapTargets(page)).toEqual([]);

      const submitted = (await api('sales.rep.wu', 'get', `/contracts/${contractId}`)).body;
      expect(submitted).toMatchObject({
        status: 'pending_approval',
        customerId: customer.id,
        ownerId: me['sales.rep.wu'],
        title: '2027 年度耗材供应合同',
        amount: '10000.01',
        startDate: '2027-01-01',
        endDate: '2027-12-31',
      });
      expect(submitted.paymentPlan).toEqual([
        { seq: 1, dueDate: '2027-03-31', amount: '5000.00' },
        { seq: 2, dueDate: '2027-04-30', amount: '5000.01' },
      ]);

      // the manager approves through the API; the rep's page shows it, with the decision in the trail
      const approved = await api('sales.manager', 'post', `/contracts/${contractId}/approve`, { comment: '同意，按计划回款' });
      expect(approved.status).toBe(200);
      await page.reload();
      await page.getByRole('heading').getByText('已批准').waitFor();
      const step = page.getByTestId('approval-step');
      expect(await step.count()).toBe(1);
      const stepText = await step.innerText();
      expect(stepText).toContain('陈静 通过');
      expect(stepText).toContain('同意，按计划回款');
      expect(stepText).toContain(businessMinute(approved.body.approvals[0].decidedAt));
      expect(await page.getByTestId('approval-waiting').count()).toBe(0);
      // approved: the owner may sign it now, no longer edit it
      expect(await button(page, '签订').count()).toBe(1);
      expect(await button(page, '编辑').count()).toBe(0);
      await checkPage(page, 'contract-detail');

      // he signs it (签订日期 defaults to today): the plan becomes two receivables
      await button(page, '签订').click();
      expect(await page.getByRole('dialog').getByLabel('签订日期').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await page.getByRole('dialog').getByRole('button', { name: '确认签订' }).click();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      await page.getByRole('heading').getByText('已签订').waitFor();
      const receivables = page.getByRole('link').filter({ hasText: '未收' });
      await receivables.nth(1).waitFor();
      expect(await receivables.allInnerTexts()).toEqual([expect.stringContaining('¥5,000.00'), expect.stringContaining('¥5,000.01')]);
      const signed = (await api('sales.rep.wu', 'get', `/contracts/${contractId}`)).body;
      expect(signed.status).toBe('signed');
      const lines = (await api('sales.rep.wu', 'get', `/receivables?contractId=${contractId}&sort=dueDate`)).body.items;
      expect(lines.map((r: { dueDate: string; amountDue: string }) => [r.dueDate, r.amountDue])).toEqual([
        ['2027-03-31', '5000.00'],
        ['2027-04-30', '5000.01'],
      ]);
    });
  });

  it('logs 催收 on one of his overdue receivables', async () => {
    const overdue = (await api('sales.rep.wu', 'get', '/receivables?overdue=true&pageSize=1')).body.items[0];
    expect(overdue).toMatchObject({ overdue: true, ownerId: me['sales.rep.wu'] });
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'sales.rep.wu', undefined, '/receivables?overdue=true');
      const card = page.getByRole('link').filter({ hasText: `${overdue.contractNumber} 第 ${overdue.seq} 期` });
      await card.waitFor();
      expect(await card.innerText()).toContain(`逾期 ${overdue.daysOverdue} 天`);
      await checkPage(page, 'receivable-list');
      await card.click();
      await page.waitForURL(`**/receivables/${overdue.id}`);
      // The tap leaves the pointer where the card was; a link now under it would be read in its hover colour.
      await page.mouse.move(0, 0);
      await page.getByText('尚无催收记录').waitFor();
      await checkPage(page, 'receivable-detail');

      const before = Date.now();
      await page.getByRole('button', { name: '记录催收' }).click();
      await choose(page, '联系方式', '电话');
      await choose(page, '催收结果', '承诺付款');
      await pickDate(page, page.getByLabel('承诺付款日期'), '2027-01-15');
      await page.getByLabel('备注').fill('财务王经理答应一月中旬安排付款，需先补寄对账单');
      await checkPage(page, 'receivable-collect');
      expect(await smallTapTargets(page)).toEqual([]);
      await page.getByRole('button', { name: '保存催收记录' }).click();
      const logged = page.getByTestId('collection');
      await logged.waitFor();
      expect(await logged.innerText()).toContain('财务王经理答应一月中旬安排付款');
      expect(await page.getByRole('button', { name: '保存催收记录' }).count()).toBe(0);

      const res = await api('sales.rep.wu', 'get', `/receivables/${overdue.id}/collections`);
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
      const c = res.body.items[0];
      expect(c).toMatchObject({ collectorId: me['sales.rep.wu'], method: 'phone', result: 'promised', promisedDate: '2027-01-15', note: '财务王经理答应一月中旬安排付款，需先补寄对账单' });
      // 联系时间 defaulted to now (to the minute the picker keeps)
      expect(Date.parse(c.contactedAt)).toBeGreaterThan(before - 120_000);
      expect(Date.parse(c.contactedAt)).toBeLessThanOrEqual(Date.now());
    });
  });

  it('files a complaint for one of his customers; it gets a response deadline', async () => {
    const customer = (await api('sales.rep.wu', 'get', '/customers?isKeyAccount=false&pageSize=1&sort=-name')).body.items[0];
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'sales.rep.wu', undefined, '/complaints');
      await page.getByRole('link').filter({ hasText: '处理期限' }).first().waitFor();
      await checkPage(page, 'complaint-list');
      await page.getByRole('button', { name: '登记投诉' }).click();
      await page.waitForURL('**/complaints/new');

      await pickCustomer(page, customer.name);
      await choose(page, '渠道', '电子邮件');
      await choose(page, '类别', '交货');
      await page.getByText('高', { exact: true }).click();
      const description = '第二批货比合同约定晚到五天，客户产线停工半天，要求说明原因';
      await page.getByLabel('描述').fill(description);
      await checkPage(page, 'complaint-create');
      expect(await smallTapTargets(page)).toEqual([]);
      await page.getByRole('button', { name: '提交投诉' }).click();
      await page.waitForURL(UUID_PATH('complaints'));
      const id = page.url().split('/').pop()!;
      await page.getByText(description).waitFor();

      const res = await api('sales.rep.wu', 'get', `/complaints/${id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        customerId: customer.id,
        channel: 'email',
        category: 'delivery',
        severity: 'high',
        description,
        status: 'open',
        reporterId: me['sales.rep.wu'],
        handlingDepartment: 'sales',
        responseHours: 24,
        escalated: false,
      });
      expect(Date.parse(res.body.dueAt) - Date.parse(res.body.createdAt)).toBe(24 * 3_600_000);
      expect(await page.getByTestId('complaint-due').innerText()).toContain(businessMinute(res.body.dueAt));
      await page.getByRole('link', { name: customer.name }).waitFor();
      await checkPage(page, 'complaint-detail');
      expect(await smallTapTargets(page)).toEqual([]);
    });
  });

  it('sales.manager at a desk: the contracts list, approving a pending contract from its page, the receivables list', async () => {
    const pending = (await api('sales.manager', 'get', '/contracts?status=pending_approval&pageSize=1')).body.items[0];
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.manager', undefined, '/contracts?status=pending_approval');
      const row = page.locator('.ant-table-row').filter({ hasText: pending.number });
      await row.waitFor();
      await checkPage(page, 'contract-list');
      await row.click();
      await page.waitForURL(`**/contracts/${pending.id}`);
      await page.getByTestId('approval-waiting').waitFor();
      await checkPage(page, 'contract-detail');

      await page.getByRole('button', { name: '审批通过' }).click();
      await page.getByRole('dialog').getByLabel('审批意见').fill('价格与账期均合理');
      await page.getByRole('dialog').getByRole('button', { name: /^通\s*过$/ }).click();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      await page.getByRole('heading').getByText('已批准').waitFor();
      const after = (await api('sales.manager', 'get', `/contracts/${pending.id}`)).body;
      expect(after.status).toBe('approved');
      expect(after.approvals.at(-1)).toMatchObject({ approverId: me['sales.manager'], decision: 'approve', comment: '价格与账期均合理', level: 'manager' });

      await page.goto('/receivables?overdue=true');
      await page.locator('.ant-table-row').first().waitFor();
      // overdue rows stand out
      const bg = await cssOf(page.locator('.ant-table-row td').first(), 'backgroundColor');
      expect(bg).toBe('rgb(255, 241, 240)');
      await checkPage(page, 'receivable-list');
    });
  });
});
