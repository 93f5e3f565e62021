import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { VISIT_METHOD_NAMES } from '../../src/visits/visit.entity';
import { checkPage, describeInBrowser, openPage, pageProblems, signIn, smallTapTargets, startConsole, type ConsoleWorld } from './support/console';

/** The save button: antd spaces two-character Chinese labels ("保 存"). */
const SAVE = { name: /^保\s*存$/ };

async function pickParty(page: Page, name: string): Promise<void> {
  await page.getByLabel('拜访对象').click();
  // without typing: the parties of my latest visits come first
  await page.getByText('最近拜访', { exact: true }).waitFor();
  await page.getByLabel('拜访对象').fill(name);
  await page.getByTitle(name, { exact: true }).first().click();
}

describeInBrowser('拜访记录: logging, editing and reviewing visits on a phone', () => {
  let w: ConsoleWorld;
  const api = async (user: string, method: 'get' | 'post' | 'patch', path: string, body?: object) => {
    const req = w.t.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`);
    return body ? req.send(body) : req;
  };
  const userId = async (user: string): Promise<string> => (await api(user, 'get', '/auth/me')).body.user.id;

  beforeAll(async () => {
    w = await startConsole();
  }, 180_000);
  afterAll(() => w?.close());

  it('a market specialist logs a visit on his prospect with a check-in, edits it until it is reviewed', async () => {
    const sun = await userId('mkt.spec.sun');
    // one of his prospects that he has not converted
    const mine = (await api('mkt.spec.sun', 'get', '/prospects?status=new&pageSize=5&sort=-createdAt')).body.items;
    const prospect = mine[0] as { id: string; companyName: string };
    expect(prospect).toBeDefined();

    const { context, page } = await openPage(w, 'phone', { permissions: ['geolocation'], geolocation: { latitude: 22.54, longitude: 114.06 } });
    await signIn(page, 'mkt.spec.sun');
    await page.getByTestId('bar-visits').click();
    await page.waitForURL('**/visits');
    await page.getByText(/待审阅|已审阅/).first().waitFor();
    await checkPage(page, 'visits-list');

    await page.getByRole('button', { name: /记录拜访/ }).click();
    await page.waitForURL('**/visits/new');
    const openedAt = Date.now();
    await page.getByLabel('拜访目的').waitFor();
    await checkPage(page, 'visit-new');
    // the time defaults to now (business time; the browser runs in Asia/Shanghai too)
    const shown = await page.getByRole('textbox', { name: /^\*?\s*拜访时间$/ }).inputValue();
    expect(shown).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const now = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(Math.abs(Date.parse(`${shown.replace(' ', 'T')}:00+08:00`) - Date.parse(`${now.replace(' ', 'T')}:00+08:00`))).toBeLessThanOrEqual(60_000);

    await pickParty(page, prospect.companyName);
    await page.getByText('上门', { exact: true }).click();
    await page.getByLabel('拜访目的').fill('初次上门，了解设备采购需求');
    await page.getByLabel('拜访情况').fill('见到采购经理，对方计划明年一季度更新生产线');
    await page.getByLabel('发现的问题').fill('现有供应商交期不稳定');
    await page.getByLabel('客户建议').fill('希望提供本地化安装服务');
    await page.getByLabel('下一步').fill('两周内提交初步方案');
    await page.getByRole('button', { name: /(^|\s)签\s*到$/ }).click();
    await expect(page.getByTestId('check-in-coords').textContent()).resolves.toContain('22.540000');
    await page.getByLabel('签到地址').fill('深圳市福田区深南大道 1000 号');
    await checkPage(page, 'visit-new-filled');
    expect(await smallTapTargets(page)).toEqual([]);
    await page.getByRole('button', SAVE).click();
    await page.waitForURL(/\/visits\/[0-9a-f-]{36}$/);
    await page.getByText('拜访记录已保存').waitFor();
    const id = page.url().split('/').pop()!;
    await checkPage(page, 'visit-detail');
    expect(await smallTapTargets(page)).toEqual([]);
    expect(await page.getByTestId('visit-location').textContent()).toContain('22.540000');

    // through the API: who, whom, how, when, where
    const saved = (await api('mkt.spec.sun', 'get', `/visits/${id}`)).body;
    expect(saved).toMatchObject({
      visitorId: sun,
      prospectId: prospect.id,
      customerId: null,
      method: 'in_person',
      purpose: '初次上门，了解设备采购需求',
      issues: '现有供应商交期不稳定',
      suggestions: '希望提供本地化安装服务',
      nextStep: '两周内提交初步方案',
      location: { lat: 22.54, lng: 114.06, address: '深圳市福田区深南大道 1000 号' },
      reviewed: false,
    });
    expect(Math.abs(Date.parse(saved.visitedAt) - openedAt)).toBeLessThan(60_000);

    // edit: change the summary; the version goes up
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await page.waitForURL(`**/visits/${id}/edit`);
    await expect(page.getByLabel('拜访目的').inputValue()).resolves.toBe('初次上门，了解设备采购需求');
    await checkPage(page, 'visit-edit');
    await page.getByLabel('拜访情况').fill('见到采购经理和技术负责人，明年一季度更新两条生产线');
    await page.getByRole('button', SAVE).click();
    await page.waitForURL(`**/visits/${id}`);
    const edited = (await api('mkt.spec.sun', 'get', `/visits/${id}`)).body;
    expect(edited.summary).toBe('见到采购经理和技术负责人，明年一季度更新两条生产线');
    expect(edited.version).toBe(saved.version + 1);

    // someone changed it meanwhile: the save is refused with its code, the typing stays, reload offered
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await page.waitForURL(`**/visits/${id}/edit`);
    await page.getByLabel('下一步').fill('本周内电话确认方案范围');
    expect((await api('mkt.spec.sun', 'patch', `/visits/${id}`, { version: edited.version, nextStep: '由另一台设备修改' })).status).toBe(200);
    await page.getByRole('button', SAVE).click();
    await page.getByTestId('problem-code').filter({ hasText: 'STALE_VERSION' }).waitFor();
    expect(await page.getByLabel('下一步').inputValue()).toBe('本周内电话确认方案范围');
    await page.getByRole('button', { name: '重新加载' }).click();
    await page.waitForFunction(() => (document.getElementById('nextStep') as HTMLTextAreaElement | null)?.value === '由另一台设备修改');

    // the supervisor reviews it (through the API): read-only from then on, the review shown
    const review = await api('mkt.sup.zhao', 'post', `/visits/${id}/review`, { comment: '记录完整，请按计划提交方案' });
    expect(review.status).toBe(200);
    await page.goto(`/visits/${id}`);
    await page.getByTestId('visit-review').waitFor();
    expect(await page.getByTestId('visit-review').textContent()).toContain('记录完整，请按计划提交方案');
    expect(await page.getByRole('button', { name: /编\s*辑/ }).count()).toBe(0);
    await checkPage(page, 'visit-detail-reviewed');
    await page.goto(`/visits/${id}/edit`);
    await page.getByText('审阅后不能再修改', { exact: false }).waitFor();
    expect(await page.getByRole('button', SAVE).count()).toBe(0);
    await checkPage(page, 'visit-edit-reviewed');
    expect(pageProblems(page).filter((p) => !/40[49]/.test(p))).toEqual([]);
    await context.close();
  });

  it('a key-account specialist logs a visit from her key account; a refused save keeps the typing, a sign-in round trip too', async () => {
    const ma = await userId('ka.spec.ma');
    const guo = await userId('ka.spec.guo');
    const accounts = (await api('ka.spec.ma', 'get', `/key-accounts?ownerId=${ma}&pageSize=20&sort=name`)).body.items as { customerId: string; name: string; tierName: string; nextVisitDue: string }[];
    expect(accounts.length).toBeGreaterThan(0);
    const account = accounts[0];
    const countVisits = async () => (await api('ka.spec.ma', 'get', `/visits?customerId=${account.customerId}&pageSize=1`)).body.total as number;
    const before = await countVisits();

    const { context, page } = await openPage(w, 'phone');
    await signIn(page, 'ka.spec.ma');
    await page.getByTestId('bar-customers').click();
    await page.waitForURL('**/customers');
    await page.getByLabel('搜索').fill(account.name);
    await page.getByLabel('搜索').press('Enter');
    await page.getByRole('link', { name: new RegExp(account.name) }).click();
    await page.waitForURL(`**/customers/${account.customerId}`);
    await page.getByTestId('next-visit-due').waitFor();
    expect(await page.getByTestId('tier-tag').first().textContent()).toContain(account.tierName);
    expect(await page.getByTestId('next-visit-due').textContent()).toContain(account.nextVisitDue);

    await page.getByRole('button', { name: /记录拜访/ }).first().click();
    await page.waitForURL(`**/visits/new?customerId=${account.customerId}`);
    // the customer is prefilled, by name
    await page.getByTitle(account.name).first().waitFor();
    await page.getByText('电话', { exact: true }).click();
    // no location permission in this browser: 签到 says so in Chinese, and the visit can still be saved
    await page.getByRole('button', { name: /(^|\s)签\s*到$/ }).click();
    await page.getByText('您拒绝了位置权限').waitFor();
    await page.getByLabel('拜访目的').fill('季度回访'.repeat(51)); // 204 characters: above the API's 200
    await page.getByLabel('拜访情况').fill('客户对上季度交付满意，提出增加备件库存');
    await page.getByLabel('客户建议').fill('希望每月提供一次库存报表');
    await page.getByRole('button', SAVE).click();
    await page.getByText('拜访目的最多 200 个字').waitFor();
    expect(page.url()).toContain('/visits/new');
    expect(await page.getByLabel('拜访情况').inputValue()).toBe('客户对上季度交付满意，提出增加备件库存');
    expect(await countVisits()).toBe(before);
    await page.getByLabel('拜访目的').fill('季度回访');

    // the server refuses (the account moved to a colleague meanwhile): the error with its code, the typing stays
    expect((await api('ka.manager', 'post', `/customers/${account.customerId}/assign`, { ownerId: guo })).status).toBe(200);
    await page.getByRole('button', SAVE).click();
    await page.getByTestId('problem-code').filter({ hasText: 'NOT_FOUND' }).waitFor();
    expect(await page.getByLabel('拜访目的').inputValue()).toBe('季度回访');
    expect(await page.getByLabel('客户建议').inputValue()).toBe('希望每月提供一次库存报表');
    expect(await countVisits()).toBe(before);
    expect((await api('ka.manager', 'post', `/customers/${account.customerId}/assign`, { ownerId: ma })).status).toBe(200);

    // the session ends before she saves: sign in again, the form comes back as typed
    await w.t.ds.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [ma]);
    // Whichever request meets the ended session first — the save, or one of the form's own queries
    // still on its way — sends her to sign in; the typing must survive either way.
    const toLogin = page.waitForURL(/\/login\?next=/);
    await Promise.race([toLogin, page.getByRole('button', SAVE).click().catch(() => undefined)]);
    await toLogin;
    await page.getByText('登录已过期').waitFor();
    // late 401s of the form's own queries do not overwrite the page to come back to
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/visits/new?customerId=${account.customerId}`);
    await page.getByLabel('用户名').fill('ka.spec.ma');
    await page.getByLabel('密码').fill('Zhize-Demo-2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(`**/visits/new?customerId=${account.customerId}`);
    await page.getByText('已恢复上次未保存的内容').waitFor();
    expect(await page.getByLabel('拜访情况').inputValue()).toBe('客户对上季度交付满意，提出增加备件库存');
    await page.getByRole('button', SAVE).click();
    await page.waitForURL(/\/visits\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;

    const saved = (await api('ka.spec.ma', 'get', `/visits/${id}`)).body;
    expect(saved).toMatchObject({ visitorId: ma, customerId: account.customerId, method: 'phone', purpose: '季度回访', suggestions: '希望每月提供一次库存报表', location: null });
    expect(await countVisits()).toBe(before + 1);
    // the draft is gone once saved
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('zhize.visit-draft')))).toEqual([]);
    // the customer page's timeline shows it first
    await page.goto(`/customers/${account.customerId}`);
    await expect(page.getByTestId('customer-visit').first().textContent()).resolves.toContain('季度回访');
    await context.close();
  });

  it('managers at a desk: the visits list with filters and CSV export; a manager reviews a visit', async () => {
    const { context, page } = await openPage(w, 'desktop', { acceptDownloads: true });
    await signIn(page, 'mkt.manager');
    await page.goto('/visits?reviewed=false&method=in_person');
    await page.locator('tbody tr.ant-table-row').first().waitFor();
    await checkPage(page, 'visits-list');
    // no "mine" toggle for a role that does not visit
    expect(await page.getByRole('radiogroup', { name: '范围' }).count()).toBe(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 CSV/ }).click()]);
    const text = readFileSync(await download.path(), 'utf8');
    expect(text.split('\n')[0]).toContain('拜访时间');
    // the export honours the filters: in-person visits only (named as the export names them)
    const rows = text.trim().split('\n').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => !r.split(',').includes(VISIT_METHOD_NAMES.in_person))).toEqual([]);

    // open the first unreviewed visit and review it
    await page.locator('tbody tr.ant-table-row').first().click();
    await page.waitForURL(/\/visits\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await page.getByRole('button', { name: /审\s*阅/ }).click();
    await page.getByLabel('审阅意见').fill('请补充客户的预算范围');
    await page.getByRole('button', { name: '提交审阅' }).click();
    await page.getByTestId('visit-review').waitFor();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(await page.getByRole('button', { name: /审\s*阅/ }).count()).toBe(0);
    await checkPage(page, 'visit-detail');
    const reviewed = (await api('mkt.manager', 'get', `/visits/${id}`)).body;
    expect(reviewed).toMatchObject({ reviewed: true, reviewComment: '请补充客户的预算范围', reviewerId: await userId('mkt.manager') });
    await context.close();
  });

  it('a supervisor who also visits starts on his own visits and switches to his team', async () => {
    const liu = await userId('sales.sup.liu');
    const team = (await api('sales.sup.liu', 'get', '/visits?pageSize=1')).body.total as number;
    const own = (await api('sales.sup.liu', 'get', `/visits?visitorId=${liu}&pageSize=1`)).body.total as number;
    expect(team).toBeGreaterThan(own);

    const { context, page } = await openPage(w, 'desktop');
    await signIn(page, 'sales.sup.liu');
    await page.goto('/visits');
    const scope = page.getByRole('radiogroup', { name: '范围' });
    await scope.waitFor();
    await page.getByText(own === 0 ? '还没有拜访记录' : `共 ${own} 条`).first().waitFor();
    await scope.getByText('全部可见').click();
    await page.waitForURL((u) => u.searchParams.get('scope') === 'all');
    await page.getByText(`共 ${team} 条`).waitFor();
    await page.getByRole('cell', { name: '吴昊' }).first().waitFor();
    await context.close();
  });
});
