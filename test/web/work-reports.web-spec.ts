import type { Page } from 'playwright-core';
import { checkPage, type ConsoleWorld, describeInBrowser, journey, signIn, smallTapTargets, startConsole } from './support/console';

const UUID_PATH = /\/work-reports\/[0-9a-f-]{36}$/;
const PLAN_NOTE: Record<string, string> = { 'mkt.spec.sun': '华东区', 'ka.spec.ma': 'A 级大客户', 'sales.rep.wu': '含回款计划' };

describeInBrowser('工作报告: the weekly draft from my activity, edited and submitted; the review', () => {
  let w: ConsoleWorld;
  const api = async (user: string, method: 'get' | 'post', path: string, body?: object) => {
    const req = w.t.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`);
    return body ? req.send(body) : req;
  };
  const reportOf: Record<string, string> = {};

  beforeAll(async () => {
    w = await startConsole();
  }, 180_000);
  afterAll(() => w?.close());

  /** 写报告 → 生成草稿 → edit the summary's wording and add a plan → 提交报告; returns the report's id. */
  async function writeWeekly(page: Page, user: string, first: boolean): Promise<{ id: string; summary: string; plan: string }> {
    await signIn(page, user, undefined, '/work-reports');
    await page.waitForURL('**/work-reports');
    await page.getByText('暂无工作报告').waitFor();
    if (first) await checkPage(page, 'work-report-list-empty');
    await page.getByRole('button', { name: '写报告' }).click();
    await page.waitForURL('**/work-reports/new');

    const expected = (await api(user, 'get', '/work-reports/draft?period=week')).body;
    await page.getByRole('button', { name: '生成草稿' }).click();
    await page.getByTestId('draft-period').waitFor();
    expect(await page.getByTestId('draft-period').innerText()).toContain(`${expected.from} ~ ${expected.to}`);
    const summary = page.getByLabel('工作总结');
    expect(await summary.inputValue()).toBe(expected.summary);
    expect(expected.summary).toMatch(/^本周拜访客户 \d+ 次/);
    if (first) {
      await checkPage(page, 'work-report-form');
      expect(await smallTapTargets(page)).toEqual([]);
    }

    // the author rewrites the first clause in her own words and adds a line
    const edited = expected.summary.replace(/^本周拜访客户 (\d+) 次/, '本周共拜访客户 $1 次（含电话回访）') + '\n另：协助整理了华东区客户名单。';
    expect(edited).not.toBe(expected.summary);
    await summary.fill(edited);
    const plan = `下周重点跟进两家意向客户的报价（${PLAN_NOTE[user]}）`;
    await page.getByLabel('下期计划').fill(plan);
    await page.getByRole('button', { name: '提交报告' }).click();
    await page.waitForURL(UUID_PATH);
    const id = page.url().split('/').pop()!;
    await page.getByTestId('review').filter({ hasText: '待审阅' }).waitFor();
    return { id, summary: edited, plan };
  }

  it.each([
    ['mkt.spec.sun', true],
    ['ka.spec.ma', false],
    ['sales.rep.wu', false],
  ])('%s generates the weekly draft, edits it and submits it', async (user, first) => {
    await journey(w, 'phone', async (page) => {
      const written = await writeWeekly(page, user, first);
      reportOf[user] = written.id;
      if (first) await checkPage(page, 'work-report-detail-pending');

      const me = (await api(user, 'get', '/auth/me')).body.user;
      const res = await api(user, 'get', `/work-reports/${written.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ownerId: me.id, period: 'week', status: 'submitted', summary: written.summary, plan: written.plan, issues: null, reviewerId: null });
      // in my list now
      await page.goto('/work-reports');
      await page.getByRole('link').filter({ hasText: '待审阅' }).first().waitFor();
      expect(await page.getByRole('link').filter({ hasText: '周报' }).count()).toBe(1);
    });
  });

  it("a supervisor's review (through the API) shows on the author's report page", async () => {
    const id = reportOf['mkt.spec.sun'];
    expect(id).toBeTruthy();
    const reviewed = await api('mkt.sup.zhao', 'post', `/work-reports/${id}/review`, { comment: '拜访量达标，下周把两家意向客户的报价落实' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ status: 'reviewed', reviewComment: '拜访量达标，下周把两家意向客户的报价落实' });

    await journey(w, 'phone', async (page) => {
      await signIn(page, 'mkt.spec.sun', undefined, `/work-reports/${id}`);
      const review = page.getByTestId('review');
      await review.filter({ hasText: '拜访量达标' }).waitFor();
      const text = await review.innerText();
      expect(text).toContain('拜访量达标，下周把两家意向客户的报价落实');
      expect(text).toContain('赵磊 审阅于');
      await page.getByRole('heading').getByText('已审阅').waitFor();
      await checkPage(page, 'work-report-detail');
    });
  });

  it("a key-account supervisor reviews his specialist's report on its page", async () => {
    const id = reportOf['ka.spec.ma'];
    expect(id).toBeTruthy();
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'ka.sup.xu', undefined, '/work-reports?status=submitted');
      const card = page.getByRole('link').filter({ hasText: '马丽' });
      await card.waitFor();
      // a supervisor sees his team's reports, not another department's
      expect(await page.getByRole('link').filter({ hasText: '孙悦' }).count()).toBe(0);
      await checkPage(page, 'work-report-list');
      await card.click();
      await page.waitForURL(`**/work-reports/${id}`);
      await page.getByLabel('审阅意见').fill('客户分级资料请在周三前补齐');
      await checkPage(page, 'work-report-review');
      expect(await smallTapTargets(page)).toEqual([]);
      await page.getByRole('button', { name: '提交审阅' }).click();
      await page.getByTestId('review').filter({ hasText: '徐刚 审阅于' }).waitFor();

      const xu = (await api('ka.sup.xu', 'get', '/auth/me')).body.user.id;
      const res = await api('ka.spec.ma', 'get', `/work-reports/${id}`);
      expect(res.body).toMatchObject({ status: 'reviewed', reviewerId: xu, reviewComment: '客户分级资料请在周三前补齐' });
    });
  });
});
