import type { Locator, Page } from 'playwright-core';
import { choose } from './support/antd';
import { checkPage, type ConsoleWorld, describeInBrowser, journey, signIn, smallTapTargets, startConsole } from './support/console';

/**
 * 计划与指标 in the console: the 销售部经理 sets this year's department target for 签约金额 and
 * splits a share to 刘洋's team; 刘洋 splits it to 吴昊 and is refused a split above what remains,
 * in the form, with the server's message; 吴昊 reads 我的指标 on a phone — the same 完成率 as the API.
 */
describeInBrowser('指标: set, split, refused above the remainder, and 我的指标 on a phone', () => {
  let w: ConsoleWorld;
  // this year: the demo organisation's contracts were signed over the last months
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const year = today.slice(0, 4);
  const url = `/targets?period=${year}&measure=contract_amount`;
  const api = async (user: string, path: string) => (await w.t.http().get(`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`)).body;
  const yearTargets = async (user: string) => (await api(user, `/targets?period=${year}&measure=contract_amount&pageSize=100`)).items as Array<Record<string, any>>;
  const node = (page: Page, name: string) => page.getByTestId('target-node').filter({ hasText: name });
  const drawer = (page: Page) => page.getByRole('dialog');
  /** A row's action button (its name also carries the icon's label; antd may space two characters). */
  const action = (scope: Locator, label: string) => scope.getByRole('button', { name: new RegExp(label.split('').join('\\s*')) });

  beforeAll(async () => {
    w = await startConsole();
  }, 180_000);
  afterAll(() => w?.close());

  it('the 销售部经理 sets the year’s department target and splits a share to a team (desktop)', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.manager', undefined, url);
      await page.getByText('还没有「签约金额」指标').waitFor();
      await page.getByRole('button', { name: '设定部门指标' }).click();
      await page.getByLabel('指标（元）').fill('300000');
      await page.getByTestId('target-save').click();
      await node(page, '销售部').waitFor();

      await action(node(page, '销售部'), '分解').click();
      await drawer(page).getByTestId('target-remaining').filter({ hasText: '还可分解 ¥300,000.00' }).waitFor();
      await choose(page, '主管', '刘洋（销售主管）', { scope: drawer(page) });
      await page.getByLabel('指标（元）').fill('200000');
      await checkPage(page, 'targets-split');
      await page.getByTestId('target-save').click();
      await node(page, '刘洋 团队').waitFor();
      await node(page, '销售部').getByText('还可分解 ¥100,000.00').waitFor();
      await checkPage(page, 'targets-manager');

      const targets = await yearTargets('sales.manager');
      const dept = targets.find((t) => t.level === 'department');
      const team = targets.find((t) => t.level === 'team');
      expect(dept).toMatchObject({ department: 'sales', value: '300000.00', partsSum: '200000.00', remaining: '100000.00' });
      expect(team).toMatchObject({ userName: '刘洋', parentId: dept!.id, value: '200000.00' });
      // what the tree shows is what the API computes
      expect(await node(page, '刘洋 团队').getByTestId('rate').first().getAttribute('data-rate').catch(() => '')).toBe(team!.rate ?? '');
    });
  });

  it('刘洋 splits the team’s share to 吴昊 on a phone; a split above the remainder is refused in the form, with the server’s message', async () => {
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'sales.sup.liu', undefined, url);
      await node(page, '刘洋 团队').waitFor();
      await checkPage(page, 'targets-team');
      expect(await smallTapTargets(page)).toEqual([]);
      // the department's own target is not in a 主管's reach
      expect(await node(page, '销售部').count()).toBe(0);
      await action(node(page, '刘洋 团队'), '分解').click();
      await choose(page, '人员', '吴昊（销售业务员）', { scope: drawer(page) });
      await page.getByLabel('指标（元）').fill('120000');
      await page.getByTestId('target-save').click();
      await node(page, '吴昊').waitFor();

      await action(node(page, '刘洋 团队'), '分解').click();
      await drawer(page).getByTestId('target-remaining').filter({ hasText: '还可分解 ¥80,000.00' }).waitFor();
      await choose(page, '人员', '郑爽（销售业务员）', { scope: drawer(page) });
      await page.getByLabel('指标（元）').fill('90000');
      await page.getByTestId('target-save').click();
      const refusal = drawer(page).getByRole('alert').filter({ hasText: 'TARGET_PARTS_EXCEED_PARENT' });
      await refusal.waitFor();
      expect(await refusal.innerText()).toContain('还可分解 80000.00');
      // beside the field, and what was typed is kept
      await drawer(page).locator('.ant-form-item-explain-error').filter({ hasText: '分解后各部分合计 210000.00' }).waitFor();
      expect(await page.getByLabel('指标（元）').inputValue()).toBe('90000');
      await checkPage(page, 'targets-split-refused');
      await page.getByRole('button', { name: /取\s*消/ }).click();

      const targets = await yearTargets('sales.sup.liu');
      expect(targets.filter((t) => t.level === 'person').map((t) => [t.userName, t.value])).toEqual([['吴昊', '120000.00']]);
    });
  });

  it('刘洋 drafts 吴昊’s work plan and puts it into effect (desktop)', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.sup.liu', undefined, '/work-plans/new');
      await choose(page, '计划人', '吴昊（销售业务员）');
      await page.getByLabel('标题').fill('本月销售工作计划');
      await page.getByLabel('事项 1', { exact: true }).fill('走访华东区重点客户');
      await choose(page, '考核项（可选）', '拜访次数');
      await page.getByLabel('计划数（次）').fill('12');
      await checkPage(page, 'work-plan-form');
      await page.getByRole('button', { name: '保存计划' }).click();
      await page.waitForURL(/\/work-plans\/[0-9a-f-]{36}$/);
      await page.getByRole('button', { name: /下达执行/ }).click();
      await page.getByRole('heading').getByText('执行中').waitFor();
      await checkPage(page, 'work-plan-detail');
      const id = page.url().split('/').pop()!;
      const plan = await api('sales.rep.wu', `/work-plans/${id}`);
      expect(plan).toMatchObject({ ownerName: '吴昊', authorName: '刘洋', status: 'active', title: '本月销售工作计划' });
      expect(plan.items).toEqual([{ content: '走访华东区重点客户', measure: 'visits', plannedValue: '12', actual: expect.stringMatching(/^\d+$/), dueDate: null }]);
      expect(await page.getByTestId('plan-item').innerText()).toContain(`已完成 ${plan.items[0].actual} 次`);
    });
  });

  it('吴昊 reads 我的指标 on a phone: the 完成率 the API computes', async () => {
    const mine = await api('sales.rep.wu', '/targets/mine');
    const section = mine.periods.find((p: { period: string }) => p.period === year);
    expect(section.items).toHaveLength(1);
    const expected = section.items[0];
    expect(expected).toMatchObject({ measure: 'contract_amount', value: '120000.00', userName: '吴昊' });

    await journey(w, 'phone', async (page) => {
      await signIn(page, 'sales.rep.wu', undefined, '/my-targets');
      const card = page.locator(`[data-testid="my-target"][data-period="${year}"]`);
      await card.waitFor();
      expect(await card.getByTestId('rate').getAttribute('data-rate').catch(() => '')).toBe(expected.rate ?? '');
      const rate = page.locator(`[data-testid="my-period"][data-period="${year}"]`).getByTestId('my-period-rate');
      expect(await rate.getAttribute('data-rate')).toBe(section.rate ?? '');
      expect(await card.innerText()).toContain('¥120,000.00');
      await checkPage(page, 'my-targets');
      expect(await smallTapTargets(page)).toEqual([]);
      // and the plan his supervisor put into effect
      await page.goto('/work-plans');
      await page.getByRole('link').filter({ hasText: '本月销售工作计划' }).waitFor();
      await checkPage(page, 'work-plans');
    });
  });
});
