import type { Locator, Page } from 'playwright-core';
import { choose, openDropdown } from './support/antd';
import { checkPage, describeInBrowser, journey, signIn, smallTapTargets, startConsole, type ConsoleWorld } from './support/console';

const day = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offset * 86_400_000));

/** Adds `option` to the multiple select labelled `label` (typing the name: the long list is virtual) and closes its dropdown. */
async function add(page: Page, scope: Page | Locator, label: string, option: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(option.split(' · ')[0]);
  await openDropdown(page).getByTitle(option, { exact: true }).click();
  await page.keyboard.press('Escape');
  await openDropdown(page).waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
}

/** Types a value into the antd DatePicker labelled `label`: a day is taken on leaving the field (Enter would submit the form), a time with Enter. */
async function typeDate(scope: Page | Locator, label: string, value: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press(value.length > 10 ? 'Enter' : 'Tab');
}

describeInBrowser('会议纪要 and 培训: the 助理 publishes minutes whose action item becomes the chair’s 交办事项; a 销售主管 trains his team and sees the pass rate', () => {
  let w: ConsoleWorld;
  const api = async (user: string, path: string) => (await w.t.http().get(`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`)).body;
  const me = async (user: string): Promise<string> => (await api(user, '/auth/me')).user.id;
  let meetingId = '';
  let trainingId = '';

  beforeAll(async () => {
    w = await startConsole();
  }, 180_000);
  afterAll(() => w?.close());

  it('the 助理 records a meeting chaired by the 经理 with one action item and publishes it; the rep finds the 交办事项 in his list', async () => {
    const title = '销售部十二月第一周例会';
    const work = '回访华东区三家意向客户';
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.assistant', undefined, '/meetings');
      await page.getByRole('heading', { name: '会议纪要' }).waitFor();
      await checkPage(page, 'meeting-list');
      await page.getByRole('button', { name: '记录会议' }).click();
      await page.waitForURL('**/meetings/new');
      await page.getByLabel('会议名称').fill(title);
      await choose(page, '主持人', '陈静 · 销售部经理');
      await add(page, page, '参会人员', '吴昊 · 销售业务员');
      await add(page, page, '参会人员', '刘洋 · 销售主管');
      await page.getByLabel('会议记录').fill('经理通报了十一月回款情况，布置本周拜访。');
      await page.getByRole('button', { name: '添加决议' }).click();
      await page.getByLabel('决议 1', { exact: true }).fill('回款周报改为每周五提交');
      await page.getByRole('button', { name: '添加行动项' }).click();
      const row = page.getByTestId('action-item');
      await row.getByLabel('行动项 1', { exact: true }).fill(work);
      await choose(page, '承办人 1', '吴昊 · 销售业务员', { scope: row, search: '吴昊' });
      await typeDate(row, '截止日期 1', day(5));
      await checkPage(page, 'meeting-new');
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
      meetingId = page.url().split('/').pop()!;
      await page.getByText('发布后交办').waitFor();
      await checkPage(page, 'meeting-draft');

      // (the header's button carries an icon, whose name comes first)
      await page.getByRole('button', { name: /发\s*布$/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('1 个行动项将成为主持人 陈静 交办的交办事项').waitFor();
      await dialog.getByRole('button', { name: /^发\s*布$/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('meeting-action-item').getByText('待开始').waitFor();
      expect(await page.getByRole('button', { name: /发\s*布$/ }).count()).toBe(0);
      await checkPage(page, 'meeting-published');
    });

    const [manager, wu] = [await me('sales.manager'), await me('sales.rep.wu')];
    const m = await api('sales.manager', `/meetings/${meetingId}`);
    expect(m).toMatchObject({ title, status: 'published', chairId: manager, decisions: ['回款周报改为每周五提交'], actionItems: [{ title: work, assigneeId: wu, dueDate: day(5), assignmentStatus: 'assigned' }] });
    // the rep's list of work handed to him holds it, handed out by the chair
    const mine = await api('sales.rep.wu', '/assignments?mine=assigned&pageSize=100');
    expect(mine.items.find((a: { id: string }) => a.id === m.actionItems[0].assignmentId)).toMatchObject({ title: work, assignerId: manager, assigneeId: wu, status: 'assigned', entity: 'meeting', entityId: meetingId });
  });

  it('a 销售主管 organises a training for two of his reps, records attendance and scores, evaluates it and sees the computed pass rate', async () => {
    const title = '新产品报价流程培训';
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.sup.liu', undefined, '/trainings');
      await page.getByRole('heading', { name: '培训' }).waitFor();
      await page.getByRole('button', { name: '组织培训' }).click();
      const drawer = page.getByRole('dialog');
      await drawer.getByLabel('培训名称').fill(title);
      await drawer.getByLabel('讲师').fill('刘洋');
      await typeDate(drawer, '培训时间', `${day(2)} 14:00`);
      // the picker offers his direct reports only
      await drawer.getByLabel('受训人员', { exact: true }).click();
      await openDropdown(page).getByTitle('何斌 · 销售业务员').waitFor();
      expect(await openDropdown(page).getByTitle('林芳 · 销售内勤').count()).toBe(0);
      await page.keyboard.press('Escape');
      await add(page, drawer, '受训人员', '吴昊 · 销售业务员');
      await add(page, drawer, '受训人员', '郑爽 · 销售业务员');
      await drawer.getByLabel('培训资料').fill('报价审批节点与折扣权限');
      await checkPage(page, 'training-new');
      await drawer.getByRole('button', { name: '组织培训' }).click();
      await page.waitForURL(/\/trainings\/[0-9a-f-]{36}$/);
      trainingId = page.url().split('/').pop()!;
      await checkPage(page, 'training-planned');

      await page.getByRole('button', { name: '记录培训情况' }).click();
      const hold = page.getByRole('dialog');
      await hold.getByLabel('吴昊 成绩').fill('85');
      await hold.getByLabel('郑爽 成绩').fill('55');
      await hold.getByLabel('郑爽 反馈').fill('折扣权限还不熟');
      await checkPage(page, 'training-hold');
      await hold.getByRole('button', { name: '保存培训情况' }).click();
      await hold.waitFor({ state: 'hidden' });
      await page.getByTestId('figure-passRate').getByText('50.00%').waitFor();
      await page.getByLabel('效果评价').fill('报价流程掌握较好，折扣权限需再讲一次');
      await page.getByRole('button', { name: '提交评估' }).click();
      await page.getByTestId('training-assessment').waitFor();
      await checkPage(page, 'training-evaluated');
    });
    const t = await api('sales.sup.liu', `/trainings/${trainingId}`);
    expect(t).toMatchObject({
      title,
      status: 'evaluated',
      organiserId: await me('sales.sup.liu'),
      assessment: '报价流程掌握较好，折扣权限需再讲一次',
      figures: { invited: 2, attended: 2, scored: 2, passed: 1, attendanceRate: '1.0000', averageScore: '70.00', passRate: '0.5000' },
    });
    expect(t.attendees.find((a: { displayName: string }) => a.displayName === '郑爽')).toMatchObject({ attended: true, score: 55, feedback: '折扣权限还不熟' });
  });

  it('on his phone the rep reads the minutes he attended and the training he took', async () => {
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'sales.rep.wu', undefined, '/meetings');
      const card = page.getByRole('link').filter({ hasText: '销售部十二月第一周例会' });
      await card.waitFor();
      await checkPage(page, 'meeting-list');
      await card.click();
      await page.waitForURL(`**/meetings/${meetingId}`);
      await page.getByRole('link', { name: '查看交办事项' }).waitFor();
      await checkPage(page, 'meeting-published');
      expect(await smallTapTargets(page)).toEqual([]);
      await page.goto(`/trainings/${trainingId}`);
      await page.getByTestId('figure-passRate').waitFor();
      expect(await page.getByRole('button', { name: '记录培训情况' }).count()).toBe(0);
      await checkPage(page, 'training-evaluated');
      await page.goto('/trainings');
      await page.getByRole('link').filter({ hasText: '新产品报价流程培训' }).waitFor();
      await checkPage(page, 'training-list');
    });
  });
});
