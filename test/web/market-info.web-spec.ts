import type { Page } from 'playwright-core';
import { button, choose } from './support/antd';
import { checkPage, describeInBrowser, journey, signIn, smallTapTargets, startConsole, type ConsoleWorld } from './support/console';

const ENTRY_PATH = /\/market-info\/[0-9a-f-]{36}$/;
const REPORT_PATH = /\/research-reports\/[0-9a-f-]{36}$/;

/** 通过 / 退回 with a comment, in the 经理's dialog. */
async function decide(page: Page, action: '通过' | '退回', comment: string) {
  await button(page, action).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(action === '退回' ? '退回原因' : '审核意见（可选）').fill(comment);
  await dialog.getByRole('button', { name: new RegExp(`^${action.split('').join('\\s*')}$`) }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describeInBrowser('市场信息库 and 调查报告: a specialist registers and finds information on a phone; a report goes to the 经理, back, and through', () => {
  let w: ConsoleWorld;
  const api = async (user: string, method: 'get' | 'post', path: string, body?: object) => {
    const req = w.t.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`);
    return body ? req.send(body) : req;
  };
  const me = async (user: string): Promise<string> => (await api(user, 'get', '/auth/me')).body.user.id;
  let stale = '';

  beforeAll(async () => {
    w = await startConsole();
    // a colleague's entry, long neither updated nor confirmed: flagged 过时 by the daily check
    const old = await api('mkt.spec.zhou', 'post', '/market-info', { category: 'channel', title: '华南经销商渠道调整', body: '两家一级经销商合并。', region: '华南', source: '经销商电话' });
    expect(old.status).toBe(201);
    stale = old.body.id;
    await w.t.ds.query(`UPDATE market_info SET updated_at = now() - interval '200 days' WHERE id = $1`, [stale]);
    expect((await api('admin', 'post', '/jobs/market-info.stale-check/run', {})).body).toMatchObject({ status: 'succeeded', summary: { flagged: 1 } });
  }, 180_000);
  afterAll(() => w?.close());

  it('the 专员 registers an entry on her phone and finds it again by a Chinese word', async () => {
    const title = '竞品中端型号华东降价 8%';
    let id = '';
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'mkt.spec.sun', undefined, '/market-info');
      await page.getByRole('heading', { name: '市场信息' }).waitFor();
      // the colleague's stale entry carries 过时
      await page.getByRole('link').filter({ hasText: '华南经销商渠道调整' }).getByTestId('stale-tag').waitFor();
      await checkPage(page, 'market-info-list');
      expect((await smallTapTargets(page)).filter((t) => !/^(input「」|button「」)/.test(t))).toEqual([]);

      await page.getByRole('button', { name: '登记信息' }).click();
      const drawer = page.getByRole('dialog');
      await choose(page, '类别', '价格行情', { scope: drawer });
      await drawer.getByLabel('标题').fill(title);
      await drawer.getByLabel('内容').fill('竞品 A 自本月起在华东区经销商渠道让利，中端型号降价 8%，对我方冲击较大。');
      await drawer.getByLabel('地区').fill('华东');
      await drawer.getByLabel('来源').fill('经销商座谈会');
      await checkPage(page, 'market-info-new');
      await drawer.getByRole('button', { name: /^保\s*存$/ }).click();
      await page.waitForURL(ENTRY_PATH);
      id = page.url().split('/').pop()!;
      await page.getByText('经销商座谈会').waitFor();
      await checkPage(page, 'market-info-detail');
      expect(await smallTapTargets(page)).toEqual([]);

      // back to the list: a Chinese word from the body finds it, the search kept in the URL
      await page.goto('/market-info');
      const search = page.getByLabel('搜索');
      await search.fill('让利');
      await search.press('Enter');
      await page.waitForURL(/q=%E8%AE%A9%E5%88%A9/);
      await page.getByRole('link').filter({ hasText: title }).waitFor();
      await page.getByRole('link').filter({ hasText: '华南经销商渠道调整' }).waitFor({ state: 'detached' });
      await checkPage(page, 'market-info-search');
    });
    const entry = (await api('mkt.manager', 'get', `/market-info/${id}`)).body;
    expect(entry).toMatchObject({ title, category: 'price', region: '华东', source: '经销商座谈会', ownerId: await me('mkt.spec.sun'), department: 'market', status: 'active', stale: false });
    const found = (await api('mkt.sup.zhao', 'get', `/market-info?q=${encodeURIComponent('华东 让利')}`)).body;
    expect(found.items.map((e: { id: string }) => e.id)).toEqual([id]);
  });

  it('the 主管 confirms a stale entry, writes a report on it and submits it; the 经理 returns it with a comment; resubmitted and accepted', async () => {
    const title = '华南渠道变动调查';
    let id = '';
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'mkt.sup.zhao', undefined, '/market-info?stale=true');
      const row = page.getByRole('row').filter({ hasText: '华南经销商渠道调整' });
      await row.getByTestId('stale-tag').waitFor();
      await checkPage(page, 'market-info-list');
      await row.click();
      await page.waitForURL(`**/market-info/${stale}`);
      await page.getByText('标记为过时').waitFor();
      await checkPage(page, 'market-info-stale');
      await button(page, '确认仍然准确').click();
      await page.getByText('标记为过时').waitFor({ state: 'detached' });
      expect(await page.getByTestId('stale-tag').count()).toBe(0);

      await page.goto('/research-reports');
      await page.getByRole('heading', { name: '调查报告' }).waitFor();
      await checkPage(page, 'research-report-list');
      await page.getByRole('button', { name: '新建报告' }).click();
      await page.waitForURL('**/research-reports/new');
      await page.getByRole('heading', { name: '新建调查报告' }).waitFor();
      await page.getByLabel('标题').fill(title);
      await page.getByLabel('调查主题').fill('一级经销商合并对华南出货的影响');
      await page.getByLabel('正文').fill('走访华南两家一级经销商。');
      await choose(page, '依据的市场信息', '【渠道】华南经销商渠道调整', { search: '华南' });
      await checkPage(page, 'research-report-new');
      await button(page, '保存草稿').click();
      await page.waitForURL(REPORT_PATH);
      id = page.url().split('/').pop()!;
      // without conclusions the 经理 gets nothing: the API says what is missing
      await button(page, '提交审核').click();
      await page.getByTestId('problem-code').filter({ hasText: 'RESEARCH_REPORT_INCOMPLETE' }).waitFor();
      await button(page, '修改').click();
      await page.waitForURL('**/edit');
      await page.getByRole('heading', { name: '修改调查报告' }).waitFor();
      await page.getByLabel('结论与建议').fill('建议加强与合并后经销商的月度对账。');
      await button(page, '保存草稿').click();
      await page.waitForURL(REPORT_PATH);
      await button(page, '提交审核').click();
      await page.getByText('已提交，等待部门经理审核。').waitFor();
      await checkPage(page, 'research-report-submitted');
    });
    expect((await api('mkt.manager', 'get', '/me/tasks?status=open')).body.items.map((t: { entityId: string }) => t.entityId)).toContain(id);

    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'mkt.manager', undefined, `/research-reports/${id}`);
      await page.getByText('提交的调查报告，请审核').waitFor();
      await decide(page, '退回', '请补充华南其他地市的出货数据');
      await page.getByTestId('report-step').filter({ hasText: '请补充华南其他地市的出货数据' }).waitFor();
      await checkPage(page, 'research-report-returned');
    });
    expect((await api('mkt.sup.zhao', 'get', `/research-reports/${id}`)).body).toMatchObject({ status: 'returned', returnCount: 1, decisionComment: '请补充华南其他地市的出货数据' });

    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'mkt.sup.zhao', undefined, `/research-reports/${id}`);
      await page.getByText('退回：请补充华南其他地市的出货数据').waitFor();
      await button(page, '修改').click();
      await page.waitForURL('**/edit');
      await page.getByRole('heading', { name: '修改调查报告' }).waitFor();
      await page.getByLabel('正文').fill('走访华南两家一级经销商；补充广州、深圳、佛山三地出货数据。');
      await button(page, '保存草稿').click();
      await page.waitForURL(REPORT_PATH);
      await button(page, '提交审核').click();
      await page.getByText('已提交，等待部门经理审核。').waitFor();
    });

    // the 经理 decides on his phone
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'mkt.manager', undefined, `/research-reports/${id}`);
      await page.getByText('提交的调查报告，请审核').waitFor();
      await checkPage(page, 'research-report-review');
      expect(await smallTapTargets(page)).toEqual([]);
      await decide(page, '通过', '可作为渠道调整依据');
      await page.getByTestId('report-step').filter({ hasText: '可作为渠道调整依据' }).waitFor();
      expect(await button(page, '退回').count()).toBe(0);
      await checkPage(page, 'research-report-accepted');
    });
    const report = (await api('mkt.manager', 'get', `/research-reports/${id}`)).body;
    expect(report).toMatchObject({ title, status: 'accepted', returnCount: 1, submissionRound: 2, ownerId: await me('mkt.sup.zhao'), entryIds: [stale], decisionComment: '可作为渠道调整依据' });
    expect(report.history.map((h: { action: string }) => h.action)).toEqual(['create', 'edit', 'submit', 'return', 'edit', 'submit', 'accept']);
    expect((await api('mkt.manager', 'get', `/market-info/${stale}`)).body).toMatchObject({ stale: false, reviewedBy: await me('mkt.sup.zhao') });
  });
});
