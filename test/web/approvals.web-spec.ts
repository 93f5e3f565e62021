import type { Page } from 'playwright-core';
import { button } from './support/antd';
import { checkPage, type ConsoleWorld, describeInBrowser, journey, signIn, smallTapTargets, startConsole } from './support/console';

/**
 * 审批: a 销售部经理 decides a rep's contract from the inbox (SAL-4.6); at the threshold the 总经理
 * decides the second level in his (SAL-4.4); a rejection with a reason, edited and resubmitted, comes
 * back as round 2; a 销售主管 reviews a visit from the inbox (SAL-5.4); the inbox at phone size with
 * the menu's count equal to the API's.
 */

const REP = 'sales.rep.wu';
const MANAGER = 'sales.manager';
const GM = 'gm.wang';
const SUPERVISOR = 'sales.sup.liu';

describeInBrowser('审批: the inbox of managers, the 总经理 and supervisors', () => {
  let w: ConsoleWorld;
  const api = async (user: string, method: 'get' | 'post', path: string, body?: object) => {
    const req = w.t.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`);
    return body ? req.send(body) : req;
  };
  let serial = 0;

  beforeAll(async () => {
    w = await startConsole();
  }, 180_000);
  afterAll(() => w?.close());

  /** The rep drafts a contract for a customer of his and submits it (through the API). */
  async function submittedByRep(amount: string): Promise<{ id: string; number: string; title: string }> {
    const customers = await api(REP, 'get', '/customers?pageSize=1');
    expect(customers.status).toBe(200);
    const customerId = customers.body.items[0].id as string;
    const title = `审批测试合同 ${(serial += 1)}`;
    const draft = await api(REP, 'post', '/contracts', {
      customerId,
      title,
      amount,
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      paymentPlan: [{ dueDate: '2027-06-30', amount }],
    });
    expect(draft.status).toBe(201);
    expect((await api(REP, 'post', `/contracts/${draft.body.id}/submit`)).status).toBe(200);
    return { id: draft.body.id, number: draft.body.number, title };
  }

  const row = (page: Page, id: string) => page.locator(`[data-testid="approval-row"][data-id="${id}"]`);
  const contractOf = async (user: string, id: string) => {
    const res = await api(user, 'get', `/contracts/${id}`);
    expect(res.status).toBe(200);
    return res.body as { status: string; submissionRound?: number; approvals: Array<{ round: number; level: string; decision: string; comment: string | null; approverId: string }> };
  };
  const idOf = async (user: string) => (await api(user, 'get', '/auth/me')).body.user.id as string;

  /** From the inbox, open the contract and decide it; back in the inbox, the row is gone. */
  async function decide(page: Page, id: string, decision: '审批通过' | '退回', comment?: string, shot?: string) {
    await page.goto('/approvals?kind=contract');
    await row(page, id).click();
    await page.waitForURL(`**/approvals/contracts/${id}`);
    await page.getByTestId('plan-line').first().waitFor();
    if (shot) await checkPage(page, shot);
    await button(page, decision).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    if (comment) await dialog.getByLabel('审批意见').fill(comment);
    await button(dialog, decision === '退回' ? '退回' : '通过').click();
    await page.waitForURL('**/approvals?kind=contract');
    await page.getByTestId('decision-done').waitFor();
    await row(page, id).waitFor({ state: 'detached' });
  }

  it('a 销售部经理 approves a rep’s contract from the inbox; the rep sees it 已批准', async () => {
    const c = await submittedByRep('86000.00');
    await journey(w, 'desktop', async (page) => {
      await signIn(page, MANAGER, undefined, '/approvals');
      await row(page, c.id).waitFor();
      expect(await row(page, c.id).innerText()).toContain(c.number);
      await checkPage(page, 'approvals-inbox-desktop');
      // the side menu's count is the API's total
      const total = (await api(MANAGER, 'get', '/me/approvals')).body.counts.total as number;
      expect(total).toBeGreaterThan(0);
      expect(await page.getByRole('navigation', { name: '主导航' }).getByTestId('approvals-count').innerText()).toBe(String(total));
      await decide(page, c.id, '审批通过', '同意签订', 'approvals-contract-decision');
      // the count follows the decision
      await page.getByRole('navigation', { name: '主导航' }).getByTestId('approvals-count').filter({ hasText: String(total - 1) }).waitFor();
    });
    const after = await contractOf(MANAGER, c.id);
    expect(after.status).toBe('approved');
    expect(after.approvals).toMatchObject([{ round: 1, level: 'manager', decision: 'approve', comment: '同意签订', approverId: await idOf(MANAGER) }]);
    await journey(w, 'phone', async (page) => {
      await signIn(page, REP, undefined, `/contracts/${c.id}`);
      await page.getByRole('heading', { name: new RegExp(c.title) }).getByText('已批准').waitFor();
    });
  });

  it('above the threshold: the manager approves, then the 总经理 approves it in his inbox (second level)', async () => {
    const c = await submittedByRep('1280000.00');
    await journey(w, 'desktop', async (page) => {
      await signIn(page, MANAGER, undefined, '/approvals?kind=contract');
      await row(page, c.id).getByText('还须总经理审批').waitFor();
      await row(page, c.id).click();
      await page.getByTestId('gm-note').filter({ hasText: '还须总经理审批' }).waitFor();
      expect(await page.getByTestId('gm-note').innerText()).toContain('¥1,000,000.00');
      await decide(page, c.id, '审批通过', '金额较大，报总经理');
    });
    expect((await contractOf(MANAGER, c.id)).status).toBe('pending_gm');
    await journey(w, 'desktop', async (page) => {
      await signIn(page, GM, undefined, '/approvals');
      await row(page, c.id).getByText('总经理审批').waitFor();
      await row(page, c.id).click();
      await page.getByTestId('gm-note').filter({ hasText: '待总经理审批' }).waitFor();
      await page.getByTestId('approval-step').filter({ hasText: '金额较大，报总经理' }).waitFor();
      await checkPage(page, 'approvals-contract-gm');
      await decide(page, c.id, '审批通过');
    });
    const after = await contractOf(GM, c.id);
    expect(after.status).toBe('approved');
    expect(after.approvals.map((a) => [a.level, a.decision])).toEqual([
      ['manager', 'approve'],
      ['gm', 'approve'],
    ]);
    expect(after.approvals[1].approverId).toBe(await idOf(GM));
  });

  it('退回 needs a reason; the rep edits and resubmits; the manager sees round 2 and approves', async () => {
    const c = await submittedByRep('42000.00');
    await journey(w, 'phone', async (page) => {
      await signIn(page, MANAGER, undefined, `/approvals/contracts/${c.id}`);
      await page.getByTestId('plan-line').first().waitFor();
      await page.getByTestId('customer-contract').first().waitFor();
      await checkPage(page, 'approvals-contract-decision');
      expect(await smallTapTargets(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await button(page, '退回').click();
      const dialog = page.getByRole('dialog');
      await button(dialog, '退回').click();
      await dialog.getByText('请写明退回原因').waitFor();
      expect((await contractOf(MANAGER, c.id)).status).toBe('pending_approval');
      await dialog.getByLabel('审批意见').fill('回款计划需分两期');
      await button(dialog, '退回').click();
      await page.waitForURL('**/approvals?kind=contract');
      await row(page, c.id).waitFor({ state: 'detached' });
    });
    const rejected = await contractOf(REP, c.id);
    expect(rejected.status).toBe('rejected');
    expect(rejected.approvals).toMatchObject([{ round: 1, decision: 'reject', comment: '回款计划需分两期' }]);

    await journey(w, 'phone', async (page) => {
      await signIn(page, REP, undefined, `/contracts/${c.id}/edit`);
      const title = page.getByLabel('合同名称');
      await title.waitFor();
      await title.fill(`${c.title}（修订）`);
      await button(page, '保存并提交审批').click();
      await page.waitForURL(`**/contracts/${c.id}`);
      // the page shows the contract as the submission left it, without a reload
      await page.getByRole('heading', { name: /（修订）/ }).getByText('待审批').waitFor();
    });
    const resubmitted = await contractOf(REP, c.id);
    expect(resubmitted.status).toBe('pending_approval');

    await journey(w, 'desktop', async (page) => {
      await signIn(page, MANAGER, undefined, '/approvals?kind=contract');
      await row(page, c.id).getByText('第 2 次提交').waitFor();
      await row(page, c.id).click();
      await page.getByTestId('approval-step').filter({ hasText: '回款计划需分两期' }).waitFor();
      await decide(page, c.id, '审批通过', '已按意见修改');
    });
    const after = await contractOf(MANAGER, c.id);
    expect(after.status).toBe('approved');
    expect(after.approvals.map((a) => [a.round, a.decision])).toEqual([
      [1, 'reject'],
      [2, 'approve'],
    ]);
  });

  it('a 销售主管 reviews a visit of his rep from the inbox', async () => {
    const customers = await api(REP, 'get', '/customers?pageSize=1');
    const visit = await api(REP, 'post', '/visits', {
      customerId: customers.body.items[0].id,
      method: 'in_person',
      purpose: '审批测试拜访：介绍新品',
      summary: '客户对新品感兴趣，约下周报价',
      visitedAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(visit.status).toBe(201);
    const id = visit.body.id as string;
    await journey(w, 'phone', async (page) => {
      // oldest first: the visit just logged is on the last page
      const total = (await api(SUPERVISOR, 'get', '/me/approvals?kind=visit')).body.counts.visit as number;
      const last = Math.ceil(total / 20);
      await signIn(page, SUPERVISOR, undefined, `/approvals?kind=visit&page=${last}`);
      await page.getByText(`第 ${last} / ${last} 页`).waitFor();
      await row(page, id).click();
      await page.waitForURL(`**/visits/${id}`);
      // the visit page's own 审阅 (its icon is part of the button's name)
      await page.getByRole('button', { name: /审\s*阅$/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('审阅意见').fill('记录清楚，跟进报价');
      await button(dialog, '提交审阅').click();
      await page.getByTestId('visit-review').waitFor();
      await dialog.waitFor({ state: 'hidden' });
      await page.goto(`/approvals?kind=visit&page=${last}`);
      await page.getByTestId('approval-group-visit').filter({ hasText: `拜访记录（${total - 1}）` }).waitFor();
      expect(await row(page, id).count()).toBe(0);
    });
    const after = await api(SUPERVISOR, 'get', `/visits/${id}`);
    expect(after.body).toMatchObject({ reviewed: true, reviewComment: '记录清楚，跟进报价', reviewerId: await idOf(SUPERVISOR) });
    const inbox = await api(SUPERVISOR, 'get', '/me/approvals?kind=visit&pageSize=100');
    expect(inbox.body.groups[0].items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('the inbox at phone size: thumb-sized, no sideways scroll, and 我的 shows the API’s count', async () => {
    await submittedByRep('15000.00');
    await journey(w, 'phone', async (page) => {
      await signIn(page, MANAGER, undefined, '/me');
      const total = (await api(MANAGER, 'get', '/me/approvals')).body.counts.total as number;
      expect(total).toBeGreaterThan(0);
      await page.getByTestId('more-approvals').getByTestId('approvals-count').filter({ hasText: String(total) }).waitFor();
      await page.getByTestId('more-approvals').click();
      await page.waitForURL('**/approvals');
      await page.getByTestId('approval-row').first().waitFor();
      await checkPage(page, 'approvals-inbox-phone');
      expect(await smallTapTargets(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      // the kind filter is in the URL
      await button(page, `合同 ${(await api(MANAGER, 'get', '/me/approvals')).body.counts.contract}`).click();
      await page.waitForURL('**/approvals?kind=contract');
      await page.getByTestId('approval-group-contract').waitFor();
      await checkPage(page, 'approvals-inbox-phone-contracts');
      expect(await smallTapTargets(page)).toEqual([]);
    });
  });
});
