import type { Page } from 'playwright-core';
import { button, choose } from './support/antd';
import { checkPage, describeInBrowser, journey, signIn, smallTapTargets, startConsole, type ConsoleWorld } from './support/console';

const CAMPAIGN_PATH = /\/campaigns\/[0-9a-f-]{36}$/;
const PROSPECT_PATH = /\/prospects\/[0-9a-f-]{36}$/;
const day = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offset * 86_400_000));

/** Types a day into a drawer's date field and leaves it (Enter would submit the form). */
async function typeDay(page: Page, label: string, date: string) {
  const input = page.getByRole('dialog').getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Tab');
}

describeInBrowser('推广活动: a 市场主管 plans and starts a campaign, a 专员 registers a prospect through it, the evaluation counts it; finished with a 总结', () => {
  let w: ConsoleWorld;
  const api = async (user: string, method: 'get' | 'post', path: string, body?: object) => {
    const req = w.t.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`);
    return body ? req.send(body) : req;
  };
  const name = '2026 华东工业展推广';
  let channelId = '';
  let campaignId = '';

  beforeAll(async () => {
    w = await startConsole();
    // the channel the campaign runs through, with a maintenance plan (the 主管's, through the API)
    const ch = await api('mkt.sup.zhao', 'post', '/channels', { name: '华东展会渠道', kind: 'exhibition', region: '华东', description: '华东地区的行业展会' });
    expect(ch.status).toBe(201);
    channelId = ch.body.id;
    const plan = await api('mkt.sup.zhao', 'post', `/channels/${channelId}/plans`, { title: '展会前走访参展商', periodFrom: day(0), periodTo: day(30), actions: '每周走访两家参展商' });
    expect(plan.status).toBe(201);
  }, 180_000);
  afterAll(() => w?.close());

  it('the 市场主管 plans the campaign through the channel and starts it', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'mkt.sup.zhao', undefined, '/campaigns');
      await page.getByRole('heading', { name: '推广活动' }).waitFor();
      await page.getByText('暂无推广活动').waitFor();
      await page.getByRole('button', { name: '新建活动' }).click();
      const drawer = page.getByRole('dialog');
      await drawer.getByLabel('活动名称').fill(name);
      await choose(page, '渠道', '华东展会渠道', { scope: drawer });
      await drawer.getByLabel('地区').fill('华东');
      await drawer.getByLabel('目标受众').fill('长三角中型制造企业的采购负责人');
      await drawer.getByLabel('目标潜在客户数').fill('30');
      await typeDay(page, '开始日期', day(0));
      await typeDay(page, '结束日期', day(-1));
      await drawer.getByLabel('预算').fill('20000');
      await drawer.getByRole('button', { name: '保存方案' }).click();
      // the form says what is wrong and keeps what was typed
      await drawer.getByText('结束日期不能早于开始日期').waitFor();
      expect(await drawer.getByLabel('活动名称').inputValue()).toBe(name);
      await typeDay(page, '结束日期', day(20));
      await checkPage(page, 'campaign-new');
      await drawer.getByRole('button', { name: '保存方案' }).click();
      await page.waitForURL(CAMPAIGN_PATH);
      campaignId = page.url().split('/').pop()!;
      await button(page, '开始活动').click();
      await page.getByTestId('campaign-status').filter({ hasText: '进行中' }).first().waitFor();
      await page.getByTestId('figure-prospects').filter({ hasText: '0 家' }).waitFor();
      await checkPage(page, 'campaign-detail');
      await page.goto('/campaigns?status=running');
      await page.getByRole('row').filter({ hasText: name }).waitFor();
      await checkPage(page, 'campaign-list');
    });
    expect((await api('mkt.sup.zhao', 'get', `/campaigns/${campaignId}`)).body).toMatchObject({
      name,
      status: 'running',
      channelId,
      budget: '20000.00',
      targetProspects: 30,
      startDate: day(0),
      endDate: day(20),
      startedAt: expect.any(String),
    });
  });

  it('a 专员 registers a prospect attributed to it on a phone; the campaign’s evaluation shows 1 prospect', async () => {
    const company = '宁波甬江精密模具有限公司';
    let prospectId = '';
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'mkt.spec.sun', undefined, '/prospects/new');
      await page.getByLabel('公司名称').fill(company);
      await page.getByLabel('联系人', { exact: true }).fill('陈立');
      await page.getByLabel('联系电话').fill('13957400123');
      await page.keyboard.press('Escape');
      await choose(page, '推广活动', `${name}（${day(0)} 至 ${day(20)}）`);
      // no channel chosen: the campaign's goes with it
      await page.getByText('不选时随推广活动归属渠道「华东展会渠道」').waitFor();
      await checkPage(page, 'prospect-new-attributed');
      expect(await smallTapTargets(page)).toEqual([]);
      await page.getByRole('button', { name: '提交登记' }).click();
      await page.waitForURL(PROSPECT_PATH);
      prospectId = page.url().split('/').pop()!;
      await page.getByTestId('attribution-campaign').filter({ hasText: name }).waitFor();
      await page.getByTestId('attribution-channel').filter({ hasText: '华东展会渠道' }).waitFor();
      // the specialist reads the campaign and the channel of the department, and their figures
      await page.getByTestId('attribution-campaign').click();
      await page.waitForURL(`**/campaigns/${campaignId}`);
      await page.getByTestId('figure-prospects').filter({ hasText: '1 家' }).waitFor();
      expect(await button(page, '开始活动').count()).toBe(0);
      await checkPage(page, 'campaign-detail');
      await page.goto('/campaigns');
      await page.getByRole('link').filter({ hasText: name }).waitFor();
      await checkPage(page, 'campaign-list');
      await page.goto('/channels');
      await page.getByRole('link').filter({ hasText: '华东展会渠道' }).click();
      await page.getByTestId('channel-plan').filter({ hasText: '展会前走访参展商' }).waitFor();
      await page.getByTestId('figure-prospects').filter({ hasText: '1 家' }).waitFor();
      expect(await button(page, '编制方案').count()).toBe(0);
      await checkPage(page, 'channel-detail');
      await page.goto('/channels');
      await checkPage(page, 'channel-list');
    });
    expect((await api('mkt.spec.sun', 'get', `/prospects/${prospectId}`)).body).toMatchObject({ companyName: company, campaignId, channelId });
    expect((await api('mkt.sup.zhao', 'get', `/campaigns/${campaignId}/evaluation`)).body).toMatchObject({ prospects: 1, converted: 0, conversionRate: '0.0000', budget: '20000.00', actualCost: null });
  });

  it('the 市场主管 finishes it with a 总结 and the final cost; the channel’s plan is completed', async () => {
    const conclusion = '展会接待 60 家企业，登记潜在客户 1 家；下次提前两周邀约。';
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'mkt.sup.zhao', undefined, `/campaigns/${campaignId}`);
      await button(page, '结束并总结').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: '结束活动' }).click();
      await dialog.getByText('请填写活动总结').waitFor();
      await dialog.getByLabel('活动总结').fill(conclusion);
      await dialog.getByLabel('实际费用').fill('12000.00');
      await checkPage(page, 'campaign-finish');
      await dialog.getByRole('button', { name: '结束活动' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('campaign-conclusion').filter({ hasText: conclusion }).waitFor();
      await page.getByTestId('figure-costPerProspect').filter({ hasText: '¥12,000.00' }).waitFor();
      await page.getByTestId('figure-budgetUsedRate').filter({ hasText: '60.00%' }).waitFor();
      expect(await button(page, '取消活动').count()).toBe(0);
      // the channel: its figures and its plan, completed with the result
      await page.goto(`/channels/${channelId}`);
      const plan = page.getByTestId('channel-plan').filter({ hasText: '展会前走访参展商' });
      await button(plan, '完成').click();
      await page.getByRole('dialog').getByLabel('执行结果').fill('走访 8 家参展商');
      await page.getByRole('dialog').getByRole('button', { name: /^完\s*成$/ }).click();
      await plan.getByText('执行结果：走访 8 家参展商', { exact: false }).waitFor();
      await checkPage(page, 'channel-detail');
      await page.goto('/channels');
      await page.getByRole('row').filter({ hasText: '华东展会渠道' }).waitFor();
      await checkPage(page, 'channel-list');
    });
    expect((await api('mkt.sup.zhao', 'get', `/campaigns/${campaignId}`)).body).toMatchObject({ status: 'finished', conclusion, actualCost: '12000.00', finishedAt: expect.any(String) });
    expect((await api('mkt.manager', 'get', `/campaigns/${campaignId}/evaluation`)).body).toMatchObject({ prospects: 1, costPerProspect: '12000.00', budgetUsedRate: '0.6000' });
    const plans = (await api('mkt.sup.zhao', 'get', `/channels/${channelId}/plans`)).body.items;
    expect(plans).toEqual([expect.objectContaining({ status: 'done', result: '走访 8 家参展商' })]);
  });
});
