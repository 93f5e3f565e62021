import type { Locator, Page } from 'playwright-core';
import { button, choose, openDropdown } from './support/antd';
import { checkPage, describeInBrowser, journey, openPage, pageProblems, SCREENSHOT_DIR, signIn, smallTapTargets, startConsole, type ConsoleWorld } from './support/console';

const UUID_PATH = /\/assignments\/[0-9a-f-]{36}$/;
/** A choice of an antd button-style radio group (its input is hidden: the label is what is tapped). */
const radio = (scope: Locator, name: string) => scope.locator('label.ant-radio-button-wrapper').filter({ hasText: new RegExp(`^${name}$`) });
/** Types a day into the drawer's 截止日期 and leaves the field (Enter would submit the form). */
async function dueDay(scope: Locator, date: string) {
  const input = scope.getByLabel('截止日期', { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Tab');
}
/** 完成 with a note, on the assignee's page. */
async function complete(page: Page, note: string) {
  await button(page, '完成').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('完成说明').fill(note);
  await dialog.getByRole('button', { name: /^完\s*成$/ }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText('已完成，等待 陈静 确认。').waitFor();
}
const day = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offset * 86_400_000));

describeInBrowser('交办事项: a manager hands work out, the assignee does it on a phone, returned and confirmed; a request across departments', () => {
  let w: ConsoleWorld;
  const api = async (user: string, method: 'get' | 'post', path: string, body?: object) => {
    const req = w.t.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`);
    return body ? req.send(body) : req;
  };
  const me = async (user: string): Promise<string> => (await api(user, 'get', '/auth/me')).body.user.id;
  const fetchIt = async (id: string) => (await api('sales.manager', 'get', `/assignments/${id}`)).body;

  beforeAll(async () => {
    w = await startConsole();
  }, 180_000);
  afterAll(() => w?.close());

  it('the 销售部经理 assigns work to a rep, who starts and completes it on a phone; returned with a comment, completed again, confirmed', async () => {
    const wu = await me('sales.rep.wu');
    const manager = await me('sales.manager');
    const title = '整理华东区重点客户名单';
    // some work already past its deadline, to show how the list flags it
    const late = await api('sales.manager', 'post', '/assignments', { title: '核对十一月回款明细', dueAt: day(1), assigneeId: await me('sales.clerk'), priority: 'urgent' });
    expect(late.status).toBe(201);
    await w.t.ds.query(`UPDATE assignments SET due_at = now() - interval '2 days', due_date = $2 WHERE id = $1`, [late.body.id, day(-2)]);

    // the manager at a desk and the rep on his phone, each in a context of their own, side by side
    const desk = await openPage(w, 'desktop');
    const phone = await openPage(w, 'phone');
    const [mp, rp] = [desk.page, phone.page];
    try {
      await signIn(mp, 'sales.manager', undefined, '/assignments?mine=created');
      await mp.getByRole('heading', { name: '交办事项' }).waitFor();
      const overdueRow = mp.getByRole('row').filter({ hasText: '核对十一月回款明细' });
      await overdueRow.waitFor();
      expect(await overdueRow.locator('[data-overdue="true"]').count()).toBeGreaterThan(0);
      await overdueRow.getByText('逾期 2 天').waitFor();
      await checkPage(mp, 'assignment-list');

      await mp.getByRole('button', { name: '新建交办' }).click();
      const drawer = mp.getByRole('dialog');
      await drawer.getByLabel('标题').waitFor();
      // the picker offers those within the manager's reach only: his department, not another's
      await drawer.getByLabel('承办人', { exact: true }).click();
      await openDropdown(mp).getByTitle('刘洋 · 销售主管').waitFor();
      expect(await openDropdown(mp).getByTitle('孙悦 · 市场开拓专员').count()).toBe(0);
      await mp.keyboard.press('Escape');
      await choose(mp, '承办人', '吴昊 · 销售业务员', { scope: drawer });
      await drawer.getByLabel('标题').fill(title);
      await drawer.getByLabel('说明').fill('按行业分组，标出近三个月未拜访的客户');
      await dueDay(drawer, day(5));
      await radio(drawer, '高').click();
      await checkPage(mp, 'assignment-new');
      await drawer.getByRole('button', { name: /交\s*办/ }).click();
      await mp.waitForURL(UUID_PATH);
      const id = mp.url().split('/').pop()!;
      await mp.getByTestId('assignment-step').filter({ hasText: '陈静 交办给 吴昊' }).waitFor();
      await checkPage(mp, 'assignment-detail');
      expect(await fetchIt(id)).toMatchObject({ title, assigneeId: wu, assignerId: manager, priority: 'high', status: 'assigned', dueDate: day(5), description: '按行业分组，标出近三个月未拜访的客户' });

      // the rep finds it in his list on the phone, starts it and completes it with a note
      await signIn(rp, 'sales.rep.wu', undefined, '/assignments');
      const card = rp.getByRole('link').filter({ hasText: title });
      await card.waitFor();
      await checkPage(rp, 'assignment-list');
      // (the shared list search field is measured apart, as on the other lists: its inner input and icons are small)
      expect((await smallTapTargets(rp)).filter((t) => !/^(input「」|button「」)/.test(t))).toEqual([]);
      await card.click();
      await rp.waitForURL(`**/assignments/${id}`);
      await button(rp, '开始').waitFor();
      await checkPage(rp, 'assignment-detail');
      expect(await smallTapTargets(rp)).toEqual([]);
      await button(rp, '开始').click();
      await rp.getByTestId('assignment-step').filter({ hasText: '吴昊 开始办理' }).waitFor();
      expect((await fetchIt(id)).status).toBe('in_progress');
      await complete(rp, '名单已上传共享盘');
      expect(await fetchIt(id)).toMatchObject({ status: 'done', history: expect.arrayContaining([expect.objectContaining({ action: 'complete', comment: '名单已上传共享盘', actorId: wu })]) });

      // the manager returns it: a return needs its reason
      await mp.reload();
      await mp.getByText('吴昊 已完成，请确认或退回。').waitFor();
      await button(mp, '退回').click();
      const dialog = mp.getByRole('dialog');
      await dialog.getByRole('button', { name: /^退\s*回$/ }).click();
      await dialog.getByText('请填写退回原因').waitFor();
      await dialog.getByLabel('退回原因').fill('缺少宁波地区的客户，请补齐');
      await checkPage(mp, 'assignment-return');
      await dialog.getByRole('button', { name: /^退\s*回$/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await mp.getByTestId('assignment-step').filter({ hasText: '缺少宁波地区的客户，请补齐' }).waitFor();
      expect(await fetchIt(id)).toMatchObject({ status: 'in_progress', returnCount: 1 });

      // the rep sees why, and completes it again
      await rp.reload();
      await rp.getByText('已被 陈静 退回：缺少宁波地区的客户，请补齐').waitFor();
      await complete(rp, '已补齐宁波 12 家');
      await checkPage(rp, 'assignment-done');
      expect((await fetchIt(id)).status).toBe('done');

      // the manager confirms it; nothing is left to do on it
      await mp.reload();
      await button(mp, '确认完成').click();
      await mp.getByRole('dialog').getByLabel('确认意见').fill('很好');
      await mp.getByRole('dialog').getByRole('button', { name: /^确认完成$/ }).click();
      await mp.getByTestId('assignment-step').filter({ hasText: '陈静 确认完成' }).waitFor();
      expect(await button(mp, '退回').count()).toBe(0);
      const done = await fetchIt(id);
      expect(done).toMatchObject({ status: 'confirmed', returnCount: 1, confirmedAt: expect.any(String) });
      expect(done.history.map((h: { action: string }) => h.action)).toEqual(['create', 'start', 'complete', 'return', 'complete', 'confirm']);
      // the rep's and the manager's tasks for it are all done
      expect(await w.t.ds.query(`SELECT kind FROM tasks WHERE entity_id = $1 AND status = 'open'`, [id])).toEqual([]);
      expect({ desk: pageProblems(mp), phone: pageProblems(rp) }).toEqual({ desk: [], phone: [] });
    } catch (err) {
      await rp.screenshot({ path: `${SCREENSHOT_DIR}/failed-assignments-phone.png`, fullPage: true }).catch(() => undefined);
      await mp.screenshot({ path: `${SCREENSHOT_DIR}/failed-assignments-desktop.png`, fullPage: true }).catch(() => undefined);
      throw err;
    } finally {
      await desk.context.close();
      await phone.context.close();
    }
  });

  it('the 市场开拓部经理 asks 销售部 for help; the 销售部经理 accepts it and passes it to a supervisor', async () => {
    const title = '提供华东区老客户的联系人';
    let id = '';
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'mkt.manager', undefined, '/assignments');
      await page.getByRole('button', { name: '协作请求' }).click();
      const drawer = page.getByRole('dialog');
      await radio(drawer, '销售部').click();
      await drawer.getByLabel('标题').fill(title);
      await drawer.getByLabel('说明').fill('下周走访前需要');
      await dueDay(drawer, day(4));
      await checkPage(page, 'assignment-request');
      await drawer.getByRole('button', { name: '提交请求' }).click();
      await page.waitForURL(UUID_PATH);
      id = page.url().split('/').pop()!;
      await page.getByTestId('assignment-step').filter({ hasText: '李明 提出协作请求，交给 陈静' }).waitFor();
    });
    expect(await fetchIt(id)).toMatchObject({ kind: 'request', toDepartment: 'sales', assigneeId: await me('sales.manager'), assignerId: await me('mkt.manager'), status: 'assigned' });

    // the 经理 on his phone: the department's work (团队), the overdue one flagged, the request among it
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'sales.manager', undefined, '/assignments?mine=all');
      const card = page.getByRole('link').filter({ hasText: title });
      await card.getByText('协作请求').waitFor();
      await page.getByRole('link').filter({ hasText: '核对十一月回款明细' }).locator('[data-overdue="true"]').waitFor();
      await checkPage(page, 'assignment-team');
      expect((await smallTapTargets(page)).filter((t) => !/^(input「」|button「」)/.test(t))).toEqual([]);
      await card.click();
      await page.waitForURL(`**/assignments/${id}`);
      await button(page, '受理').click();
      await page.getByTestId('assignment-step').filter({ hasText: '陈静 开始办理' }).waitFor();
      await button(page, '转派').click();
      const dialog = page.getByRole('dialog');
      await choose(page, '转派给', '刘洋 · 销售主管', { scope: dialog });
      await dialog.getByLabel('转派说明').fill('请安排业务员整理');
      await dialog.getByRole('button', { name: /^转\s*派$/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('assignment-step').filter({ hasText: '陈静 转派给 刘洋' }).waitFor();
      // passed on: the 经理 has no more steps to take on it
      expect(await button(page, '转派').count()).toBe(0);
      await checkPage(page, 'assignment-request-delegated');
      expect(await smallTapTargets(page)).toEqual([]);
    });
    const liu = await me('sales.sup.liu');
    expect(await fetchIt(id)).toMatchObject({ status: 'assigned', assigneeId: liu, delegatedBy: await me('sales.manager') });
    // the requester follows it: he sees who has it now
    expect((await api('mkt.manager', 'get', `/assignments/${id}`)).body).toMatchObject({ assigneeId: liu, assigneeName: '刘洋' });
    const tasks = await w.t.ds.query(`SELECT assignee_id, status FROM tasks WHERE entity_id = $1 ORDER BY created_at`, [id]);
    expect(tasks).toEqual([
      { assignee_id: await me('sales.manager'), status: 'done' },
      { assignee_id: liu, status: 'open' },
    ]);
  });
});
