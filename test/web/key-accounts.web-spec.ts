import type { Locator, Page } from 'playwright-core';
import { choose } from './support/antd';
import { checkPage, describeInBrowser, journey, signIn, smallTapTargets, startConsole, type ConsoleWorld } from './support/console';

/** A dialog's 保存 (after a refused save antd may still hold the spinner's name for a moment). */
const saveIn = (dialog: Locator) => dialog.getByRole('button', { name: /保\s*存$/ });

interface Tier {
  code: string;
  name: string;
  visitIntervalDays: number;
  version: number;
}

describeInBrowser('大客户: the manager keeps the service standards and decides assessments; the complaint board', () => {
  let w: ConsoleWorld;
  const api = async (user: string, method: 'get' | 'post' | 'patch', path: string, body?: object) => {
    const req = w.t.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`);
    return body ? req.send(body) : req;
  };
  const tiers = async (): Promise<Tier[]> => (await api('ka.manager', 'get', '/key-accounts/tiers')).body.items;

  /** A tier change for one of `user`'s key accounts, proposed through the API (the first customer that takes one). */
  async function proposeFor(user: string, reason: string): Promise<{ id: string; customerId: string; proposedTierCode: string }> {
    const all = await tiers();
    const mine = (await api(user, 'get', '/customers?isKeyAccount=true&pageSize=100')).body.items as { id: string; tierCode: string }[];
    for (const c of mine) {
      const other = all.find((t) => t.code !== c.tierCode)!;
      const res = await api(user, 'post', '/key-accounts/assessments', { customerId: c.id, proposedTierCode: other.code, reason });
      if (res.status === 201) return { id: res.body.id, customerId: c.id, proposedTierCode: other.code };
    }
    throw new Error(`${user} has no key account that takes a proposal`);
  }

  beforeAll(async () => {
    w = await startConsole();
  }, 180_000);
  afterAll(() => w?.close());

  it('the key-account manager changes a visit interval; a save on a stale version offers a reload', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'ka.manager', undefined, '/key-accounts');
      await page.getByRole('button', { name: '等级与服务标准' }).click();
      await page.waitForURL('**/key-accounts/tiers');
      await page.getByRole('heading', { name: '等级与服务标准' }).waitFor();
      const before = (await tiers())[0];
      const row = page.getByRole('row').filter({ hasText: before.name });
      await row.waitFor();
      await checkPage(page, 'key-account-tiers');

      await page.getByRole('button', { name: `修改 ${before.name}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('拜访周期（天）').waitFor();
      expect(await dialog.getByLabel('拜访周期（天）').inputValue()).toBe(String(before.visitIntervalDays));
      // meanwhile someone else saves the tier (its version moves on)
      const other = await api('ka.manager', 'patch', `/key-accounts/tiers/${before.code}`, { version: before.version, complaintResponseHours: 12 });
      expect(other.status).toBe(200);
      const next = before.visitIntervalDays === 366 ? 365 : before.visitIntervalDays + 1;
      await dialog.getByLabel('拜访周期（天）').fill(String(next));
      await saveIn(dialog).click();
      await dialog.getByTestId('problem-code').filter({ hasText: 'STALE_VERSION' }).waitFor();
      await dialog.getByRole('button', { name: '重新加载' }).click();
      await dialog.getByTestId('problem-code').waitFor({ state: 'detached' });
      // the reload brought the other save in; the change is made again on top of it
      expect(await dialog.getByLabel('投诉响应时限（小时）').inputValue()).toBe('12');
      await dialog.getByLabel('拜访周期（天）').fill(String(next));
      await saveIn(dialog).click({ timeout: 30_000 });
      await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
      await row.getByTestId('tier-interval').filter({ hasText: `每 ${next} 天` }).waitFor();

      const after = (await tiers()).find((t) => t.code === before.code)!;
      expect(after).toMatchObject({ visitIntervalDays: next, complaintResponseHours: 12, version: before.version + 2 });
    });
  });

  it('the key-account manager adds a tier; a code already taken is refused with its code', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'ka.manager', undefined, '/key-accounts/tiers');
      await page.getByRole('heading', { name: '等级与服务标准' }).waitFor();
      await page.getByRole('button', { name: '新增等级' }).click();
      const dialog = page.getByRole('dialog', { name: '新增等级' });
      await dialog.getByLabel('等级代码').fill('A');
      await dialog.getByLabel('等级名称').fill('D 级大客户');
      await dialog.getByLabel('排序（1 为最高等级）').fill('4');
      await dialog.getByLabel('年度签约金额门槛（元）').fill('100000');
      await dialog.getByLabel('拜访周期（天）').fill('90');
      await dialog.getByLabel('投诉响应时限（小时）').fill('72');
      await saveIn(dialog).click();
      await dialog.getByTestId('problem-code').filter({ hasText: 'TIER_EXISTS' }).waitFor();
      await dialog.getByLabel('等级代码').fill('D');
      await saveIn(dialog).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('row').filter({ hasText: 'D 级大客户（D）' }).getByText('¥100,000.00').waitFor();
    });
    const d = (await tiers()).find((t) => t.code === 'D');
    expect(d).toMatchObject({ name: 'D 级大客户', rank: 4, minAnnualAmount: '100000.00', visitIntervalDays: 90, complaintResponseHours: 72, version: 1 });
  });

  it('the overdue flags of the key-account list are those of GET /key-accounts, and the filter is in the URL', async () => {
    const all = (await api('ka.manager', 'get', '/key-accounts?pageSize=100')).body;
    const overdue = (await api('ka.manager', 'get', '/key-accounts?visitOverdue=true&pageSize=100')).body;
    expect(all.total).toBeGreaterThan(0);
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'ka.manager', undefined, '/key-accounts');
      await page.getByText(`共 ${all.total} 条`).waitFor();
      await checkPage(page, 'key-accounts');
      const rows = page.locator('tbody tr.ant-table-row');
      const shown = await rows.evaluateAll((trs) => trs.map((tr) => [tr.querySelector('strong')?.textContent, tr.querySelector('[data-testid="ka-next-visit"]')?.getAttribute('data-overdue')]));
      expect(shown).toEqual(all.items.slice(0, 20).map((k: { name: string; visitOverdue: boolean }) => [k.name, String(k.visitOverdue)]));

      await choose(page, '拜访', '拜访已逾期');
      await page.waitForURL((u) => u.searchParams.get('visitOverdue') === 'true');
      if (overdue.total === 0) await page.getByText('没有符合条件的大客户').waitFor();
      else await page.getByText(`共 ${overdue.total} 条`).waitFor();
      const names = await rows.locator('strong').allInnerTexts();
      expect(names).toEqual(overdue.items.slice(0, 20).map((k: { name: string }) => k.name));
    });
  });

  it('on a phone the key-account list reads as cards, without sideways scroll or small targets', async () => {
    const first = (await api('ka.sup.xu', 'get', '/key-accounts?pageSize=1')).body.items[0];
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'ka.sup.xu', undefined, '/key-accounts');
      await page.getByRole('link').filter({ hasText: first.name }).first().waitFor();
      await checkPage(page, 'key-accounts');
      // (the shared list search field is measured apart: its inner input and clear icon are small)
      expect((await smallTapTargets(page)).filter((t) => !/^(input「」|button「」)/.test(t))).toEqual([]);
      expect(await page.getByTestId('ka-next-visit').count()).toBe(Math.min(20, (await api('ka.sup.xu', 'get', '/key-accounts?pageSize=1')).body.total));
      // a card opens the customer's page, which carries the tier history
      await page.getByRole('link').filter({ hasText: first.name }).first().click();
      await page.waitForURL(`**/customers/${first.customerId}`);
      await page.getByTestId('next-visit-due').waitFor();
    });
  });

  it('the manager approves a specialist’s proposal and rejects a supervisor’s, listed pending first', async () => {
    const byMa = await proposeFor('ka.spec.ma', '近一年签约额明显变化，建议调整等级');
    const byXu = await proposeFor('ka.sup.xu', '客户合作层次提升，建议调整等级');
    const pending = (await api('ka.manager', 'get', '/key-accounts/assessments?status=pending&pageSize=100')).body;
    const manager = (await api('ka.manager', 'get', '/auth/me')).body.user.id as string;
    const guo = (await api('ka.spec.guo', 'get', '/auth/me')).body.user as { id: string; displayName: string };
    const upgrade = (pending.items as { id: string; customerId: string; currentTierCode: string | null; proposedTierCode: string | null }[]).find(
      (a) => !a.currentTierCode && a.proposedTierCode,
    )!;
    expect(upgrade).toBeDefined();

    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'ka.manager', undefined, '/key-accounts');
      await page.getByRole('button', { name: '等级评定' }).click();
      await page.waitForURL('**/key-accounts/assessments');
      // the default view is the pending ones
      await page.getByText(`共 ${pending.total} 条`).waitFor();
      expect(await page.locator('tbody tr.ant-table-row').count()).toBe(Math.min(pending.total, 20));
      expect(await page.locator('tbody [data-testid="assessment-status"]').allInnerTexts()).toEqual(Array(Math.min(pending.total, 20)).fill('待审批'));
      await checkPage(page, 'key-account-assessments');

      await page.goto(`/key-accounts/assessments/${byMa.id}`);
      await page.getByTestId('proposed-tier').waitFor();
      await checkPage(page, 'key-account-assessment-pending');
      await page.getByRole('button', { name: /批\s*准$/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('意见（可选）').fill('同意调整');
      await dialog.getByRole('button', { name: /^批\s*准$/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('assessment-status').filter({ hasText: '已批准' }).waitFor();
      expect(await page.getByRole('button', { name: /批\s*准$/ }).count()).toBe(0);

      await page.goto(`/key-accounts/assessments/${byXu.id}`);
      await page.getByRole('button', { name: /驳\s*回$/ }).click();
      await dialog.getByRole('button', { name: /^驳\s*回$/ }).click();
      await dialog.getByText('请填写驳回理由').waitFor();
      await dialog.getByLabel('驳回理由').fill('签约额未持续达到标准');
      await dialog.getByRole('button', { name: /^驳\s*回$/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('assessment-status').filter({ hasText: '已驳回' }).waitFor();
      await checkPage(page, 'key-account-assessment-decided');

      // a customer becoming a key account, handed to another specialist with the approval
      await page.goto(`/key-accounts/assessments/${upgrade.id}`);
      await page.getByRole('button', { name: /批\s*准$/ }).click();
      await dialog.getByText('客户成为大客户时须指定负责人').waitFor();
      await choose(page, '大客户部负责人', `${guo.displayName}（大客户专员）`, { scope: dialog });
      await dialog.getByRole('button', { name: /批\s*准$/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('assessment-status').filter({ hasText: '已批准' }).waitFor();
    });
    expect((await api('ka.manager', 'get', `/key-accounts/assessments/${upgrade.id}`)).body).toMatchObject({ status: 'approved', assigneeId: guo.id });
    expect((await api('ka.manager', 'get', `/customers/${upgrade.customerId}`)).body).toMatchObject({
      isKeyAccount: true,
      tierCode: upgrade.proposedTierCode,
      ownerId: guo.id,
      department: 'key_account',
    });

    const approved = (await api('ka.manager', 'get', `/key-accounts/assessments/${byMa.id}`)).body;
    expect(approved).toMatchObject({ status: 'approved', decidedBy: manager, decisionComment: '同意调整' });
    expect((await api('ka.manager', 'get', `/customers/${byMa.customerId}`)).body.tierCode).toBe(byMa.proposedTierCode);
    const history = (await api('ka.manager', 'get', `/customers/${byMa.customerId}/tier-history`)).body.items;
    expect(history.at(-1)).toMatchObject({ assessmentId: byMa.id, toTierCode: byMa.proposedTierCode });
    const rejected = (await api('ka.manager', 'get', `/key-accounts/assessments/${byXu.id}`)).body;
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: manager, decisionComment: '签约额未持续达到标准' });
    expect((await api('ka.manager', 'get', `/customers/${byXu.customerId}`)).body.tierCode).not.toBe(byXu.proposedTierCode);
  });

  it('a specialist proposes a tier from the customer page; he may not decide it', async () => {
    const pendingIds = new Set(((await api('ka.manager', 'get', '/key-accounts/assessments?status=pending&pageSize=100')).body.items as { customerId: string }[]).map((a) => a.customerId));
    const free = async (user: string) =>
      ((await api(user, 'get', '/customers?isKeyAccount=true&pageSize=100')).body.items as { id: string; name: string; tierCode: string }[]).find((c) => !pendingIds.has(c.id));
    const user = (await free('ka.spec.guo')) ? 'ka.spec.guo' : 'ka.spec.ma';
    const customer = (await free(user))!;
    expect(customer).toBeDefined();
    const target = (await tiers()).find((t) => t.code !== customer.tierCode)!;
    await journey(w, 'phone', async (page) => {
      await signIn(page, user, undefined, `/customers/${customer.id}`);
      await page.getByRole('button', { name: '提出等级评定' }).click();
      const dialog = page.getByRole('dialog');
      await choose(page, '提议等级', target.name, { scope: dialog });
      await dialog.getByLabel('理由').fill('年度签约额达到该等级标准');
      await dialog.getByRole('button', { name: '提交评定' }).click();
      await page.waitForURL(/\/key-accounts\/assessments\/[0-9a-f-]{36}$/);
      await page.getByTestId('assessment-status').filter({ hasText: '待审批' }).waitFor();
      expect(await page.getByRole('button', { name: /批\s*准$/ }).count()).toBe(0);
      await checkPage(page, 'key-account-assessment-proposed');
      const id = page.url().split('/').pop()!;
      const a = (await api(user, 'get', `/key-accounts/assessments/${id}`)).body;
      expect(a).toMatchObject({ customerId: customer.id, proposedTierCode: target.code, reason: '年度签约额达到该等级标准', status: 'pending', source: 'manual' });
    });
  });

  /** The board's cards per department, in order, against the API's unresolved complaints. */
  async function boardMatchesApi(page: Page, user: string, depts: string[]): Promise<number> {
    let cards = 0;
    for (const d of depts) {
      const items: { id: string; status: string; dueAt: string }[] = [];
      for (const s of ['open', 'in_progress']) items.push(...(await api(user, 'get', `/complaints?department=${d}&status=${s}&pageSize=100`)).body.items);
      const column = page.getByTestId(`board-${d}`);
      await column.getByTestId('board-counts').filter({ hasText: `未解决 ${items.length} ` }).waitFor();
      const shown = await column.getByTestId('board-card').evaluateAll((as) => as.map((a) => [a.getAttribute('data-id'), a.getAttribute('data-overdue')]));
      expect(shown.map(([id]) => id).sort()).toEqual(items.map((c) => c.id).sort());
      // overdue first: no overdue card after one that is not
      const flags = shown.map(([, o]) => o);
      expect(flags).toEqual([...flags].sort((a, b) => (a === b ? 0 : a === 'true' ? -1 : 1)));
      const now = Date.now();
      expect(flags.filter((f) => f === 'true').length).toBe(items.filter((c) => Date.parse(c.dueAt) < now).length);
      cards += shown.length;
    }
    return cards;
  }

  it('the complaint board as the sales manager (her department) and the 总经理 (both) equals the API', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.manager', undefined, '/complaints');
      await page.getByRole('radiogroup', { name: '视图' }).getByText('看板').click();
      await page.waitForURL((u) => u.searchParams.get('view') === 'board');
      expect(await page.getByTestId('board-key_account').count()).toBe(0);
      await boardMatchesApi(page, 'sales.manager', ['sales']);
      await checkPage(page, 'complaint-board');
    });
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'gm.wang', undefined, '/complaints?view=board');
      const cards = await boardMatchesApi(page, 'gm.wang', ['sales', 'key_account']);
      expect(cards).toBeGreaterThan(0);
      await checkPage(page, 'complaint-board');
      expect(await smallTapTargets(page)).toEqual([]);
      // a card opens its complaint
      const first = page.getByTestId('board-card').first();
      const id = await first.getAttribute('data-id');
      await first.click();
      await page.waitForURL(`**/complaints/${id}`);
    });
  });
});
