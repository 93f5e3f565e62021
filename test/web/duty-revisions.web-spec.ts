import type { Locator, Page } from 'playwright-core';
import { button, choose } from './support/antd';
import { checkPage, describeInBrowser, journey, signIn, smallTapTargets, startConsole, type ConsoleWorld } from './support/console';

interface Impact {
  displayName: string;
  permission: string;
  newlyVisible: number;
  noLongerVisible: number;
}

/**
 * 制度修订 (SPEC §12; MKT-7/8, SAL-9/10, KA-7/8): the 市场开拓部经理 drafts a revision of the sales
 * rule on a desk — the 业务员 no longer reads contracts — and sees what it changes and whom it
 * touches; the 总经理 approves it on a phone, and the 业务员 is refused under 第 2 版. Another
 * revision the 总经理 returns with a reason, which the drafter reads from 待办.
 */
describeInBrowser('制度修订: drafted by the 市场开拓部经理, approved or returned by the 总经理, in force at once', () => {
  let w: ConsoleWorld;
  const api = async (user: string, method: 'get' | 'post', path: string, body?: object) => {
    const req = w.t.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`);
    return body ? req.send(body) : req;
  };
  const TITLE = '业务员不再查阅合同';
  let revisionId = '';

  beforeAll(async () => {
    w = await startConsole();
  }, 180_000);
  afterAll(() => w?.close());

  const row = (page: Page, i: number): Locator => page.getByTestId('change-row').nth(i);

  it('市场开拓部经理 on a desk: removes the 业务员’s 查阅销售合同 grant — a refused row keeps what was typed — sees the diff and the impact, and submits', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'mkt.manager', undefined, '/duties/revisions');
      await page.getByText('暂无制度修订').waitFor();
      await checkPage(page, 'duty-revisions');
      await page.getByRole('button', { name: '新建修订' }).click();
      await page.waitForURL('**/duties/revisions/new');
      await page.getByLabel('标题').fill(TITLE);
      await page.getByLabel('修订理由').fill('合同统一由内勤、主管和经理查阅');

      // 授权: the position and the permission; what it holds now is shown, then the action
      await choose(page, '岗位', '销售业务员', { scope: row(page, 0) });
      await choose(page, '权限', '查阅销售合同（contract.read）', { scope: row(page, 0), search: 'contract.read' });
      expect(await row(page, 0).getByTestId('current-grant').innerText()).toBe('现行授权：本人 · 依据 SAL-7.3');
      await row(page, 0).getByText('取消授权', { exact: true }).click();

      // 条款 新增 with an id that exists: the server refuses that row, and says so beside it
      await page.getByRole('button', { name: '添加变更' }).click();
      await row(page, 1).getByText('条款', { exact: true }).click();
      await row(page, 1).getByText('新增', { exact: true }).click();
      await row(page, 1).getByLabel('条款编号').fill('SAL-7.3');
      await row(page, 1).getByLabel('摘要').fill('合同查阅');
      await row(page, 1).getByRole('textbox', { name: '原文' }).fill('业务员的合同由内勤统一归档查阅。');
      await button(page, '保存草稿').click();
      await row(page, 1).getByTestId('change-error').filter({ hasText: '条款 SAL-7.3 已存在' }).waitFor();
      expect(await row(page, 0).getByTestId('change-error').count()).toBe(0);
      expect(page.url()).toMatch(/\/duties\/revisions\/new$/);
      expect(await page.getByLabel('标题').inputValue()).toBe(TITLE);
      expect(await row(page, 1).getByRole('textbox', { name: '原文' }).inputValue()).toBe('业务员的合同由内勤统一归档查阅。');
      await row(page, 0).getByTestId('current-grant').waitFor();
      await checkPage(page, 'duty-revision-form');

      await page.getByRole('button', { name: '删除第 2 项' }).click();
      await button(page, '保存草稿').click();
      await page.waitForURL(/\/duties\/revisions\/[0-9a-f-]{36}$/);
      revisionId = page.url().split('/').pop()!;
      await page.getByTestId('revision-status').filter({ hasText: '草稿' }).waitFor();

      // the diff: the grant removed, the position losing it; the impact: each 业务员 and how many contracts
      await page.locator('[data-testid="diff-grant-removed"][data-permission="contract.read"][data-role="sales.rep"]').waitFor();
      expect(await page.locator('[data-testid="diff-role"][data-role="sales.rep"]').getByTestId('role-lost').innerText()).toContain('查阅销售合同');
      const detail = (await api('mkt.manager', 'get', `/duties/revisions/${revisionId}`)).body;
      const impact = (detail.impact as Impact[]).filter((i) => i.permission === 'contract.read');
      expect(impact.map((i) => i.displayName).sort()).toEqual(['何斌', '吴昊', '郑爽']);
      expect(impact.some((i) => i.noLongerVisible > 0)).toBe(true);
      const shown = await page.getByTestId('impact-row').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-person'), Number(r.getAttribute('data-lost')), Number(r.getAttribute('data-gained'))]));
      expect(shown).toEqual((detail.impact as Impact[]).map((i) => [i.displayName, i.noLongerVisible, i.newlyVisible]));
      expect(await page.getByTestId('violations').count()).toBe(0);
      await checkPage(page, 'duty-revision-draft');

      await page.getByRole('button', { name: '提交审批' }).click();
      await page.getByTestId('revision-status').filter({ hasText: '待总经理审批' }).waitFor();
      expect(await page.getByRole('button', { name: '提交审批' }).count()).toBe(0);
    });
    const res = await api('mkt.manager', 'get', `/duties/revisions/${revisionId}`);
    expect(res.body).toMatchObject({
      title: TITLE,
      reason: '合同统一由内勤、主管和经理查阅',
      status: 'submitted',
      baseVersion: 1,
      changes: [{ kind: 'grant.remove', permission: 'contract.read', role: 'sales.rep' }],
      actions: ['withdraw'],
    });
  });

  it('the 总经理 on a phone: opens it from 待办 and approves it, in force at once — the 业务员 is refused contracts under 第 2 版', async () => {
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'gm.wang');
      await page.waitForURL('**/tasks');
      const task = page.getByTestId('task').filter({ hasText: `职责制度修订「${TITLE}」待审批` });
      expect(await task.getByTestId('task-cause').innerText()).toBe('制度修订待审批');
      await task.getByRole('link').click();
      await page.waitForURL(`**/duties/revisions/${revisionId}`);
      await page.getByTestId('revision-status').filter({ hasText: '待总经理审批' }).waitFor();
      await page.locator('[data-testid="diff-grant-removed"][data-role="sales.rep"]').waitFor();
      await page.getByTestId('impact-row').first().waitFor();
      await checkPage(page, 'duty-revision-decision');
      expect(await smallTapTargets(page)).toEqual([]);
      // the drafter's steps are not the 总经理's
      expect(await page.getByRole('button', { name: '提交审批' }).count()).toBe(0);

      await page.getByRole('button', { name: '批准' }).click();
      const dialog = page.getByRole('dialog');
      expect(await dialog.getByRole('radio', { name: '立即生效' }).isChecked()).toBe(true);
      await button(dialog, '批准').click();
      await page.getByTestId('revision-status').filter({ hasText: '已批准' }).waitFor();
      expect(await page.getByTestId('resulting-version').innerText()).toBe('第 2 版');

      // the rules now: 第 2 版 in force, 第 1 版 retired; and the 业务员's grants in 第 2 版
      await page.getByTestId('resulting-version').click();
      await page.waitForURL((u) => u.pathname === '/duties' && u.searchParams.get('version') === '2');
      await page.getByTestId('coverage').waitFor();
      await page.getByRole('radiogroup', { name: '视图' }).getByText('历史版本').click();
      await page.waitForURL((u) => u.searchParams.get('view') === 'versions');
      await page.getByTestId('duty-version').first().waitFor();
      const states = await page.getByTestId('duty-version').evaluateAll((els) => els.map((e) => [e.getAttribute('data-version'), e.querySelector('[data-testid="version-state"]')?.textContent]));
      expect(states).toEqual([
        ['2', '生效中'],
        ['1', '已停用'],
      ]);
      await checkPage(page, 'duties-versions');
      await page.goto('/duties?view=roles&role=sales.rep');
      await page.locator('[data-testid="role-grant"]').first().waitFor();
      expect(await page.locator('[data-testid="role-grant"][data-permission="contract.read"]').count()).toBe(0);
      await checkPage(page, 'duties-roles');
      expect(await smallTapTargets(page)).toEqual([]);

      await page.goto('/duties/revisions?status=approved');
      await page.getByText(TITLE).waitFor();
      await checkPage(page, 'duty-revisions');
    });
    const refused = await api('sales.rep.wu', 'get', '/contracts');
    expect([refused.status, refused.body.code, refused.body.policyVersion]).toEqual([403, 'PERMISSION_DENIED', 2]);
    expect(refused.body.detail).toContain('第 2 版');
    const versions = (await api('sales.rep.wu', 'get', '/duties/versions')).body.items;
    expect(versions[0]).toMatchObject({ version: 2, title: TITLE, inForce: true, approvedByName: '王建国' });
    expect(versions[1]).toMatchObject({ version: 1, inForce: false });
  });

  it('the 总经理 returns a revision with the reason on a desk; the drafter reads it from 待办 on a phone and opens it to 修改', async () => {
    const before = (await api('mkt.manager', 'get', '/duties')).body.items.find((c: { id: string }) => c.id === 'SAL-7.5').text as string;
    const text = `${before.replace(/。$/, '')}，并记入市场信息库。`;
    const draft = await api('mkt.manager', 'post', '/duties/revisions', { title: '业务员收集信息的去处', changes: [{ kind: 'clause.change', clauseId: 'SAL-7.5', text }] });
    expect([draft.status, draft.body.baseVersion]).toEqual([201, 2]);
    const id = draft.body.id as string;
    expect((await api('mkt.manager', 'post', `/duties/revisions/${id}/submit`, { version: draft.body.version })).status).toBe(200);
    const reason = '请同时写明信息库的更新频率';

    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'gm.wang', undefined, '/duties/revisions?status=submitted');
      await page.getByText('业务员收集信息的去处').click();
      await page.waitForURL(`**/duties/revisions/${id}`);
      const changed = page.locator('[data-testid="diff-clause-changed"][data-id="SAL-7.5"]');
      expect(await changed.getByTestId('clause-before').innerText()).toContain(before);
      expect(await changed.getByTestId('clause-after').innerText()).toContain(text);
      await checkPage(page, 'duty-revision-decision');
      await page.getByRole('button', { name: '退回' }).click();
      const dialog = page.getByRole('dialog');
      await button(dialog, '退回').click();
      await dialog.getByText('请填写退回理由').waitFor();
      await dialog.getByLabel('退回理由').fill(reason);
      await button(dialog, '退回').click();
      await page.getByTestId('revision-status').filter({ hasText: '已退回' }).waitFor();
      expect(await page.getByTestId('decision-comment').innerText()).toBe(reason);
      // 第 1 版, as it was: the 业务员 still read contracts then
      await page.goto('/duties?version=1&view=roles&role=sales.rep');
      await page.locator('[data-testid="role-grant"][data-permission="contract.read"]').waitFor();
      expect(await page.getByTestId('version-notice').innerText()).toContain('正在查看第 1 版（已停用）');
      await checkPage(page, 'duties-roles');
      await page.getByRole('radiogroup', { name: '视图' }).getByText('历史版本').click();
      await page.getByTestId('duty-version').first().waitFor();
      await checkPage(page, 'duties-versions');
    });

    await journey(w, 'phone', async (page) => {
      await signIn(page, 'mkt.manager');
      await page.waitForURL('**/tasks');
      const task = page.getByTestId('task').filter({ hasText: '职责制度修订「业务员收集信息的去处」被退回' });
      expect(await task.getByTestId('task-cause').innerText()).toBe('制度修订被退回');
      await task.getByRole('link').click();
      await page.waitForURL(`**/duties/revisions/${id}`);
      expect(await page.getByTestId('rejected-notice').innerText()).toContain(reason);
      await checkPage(page, 'duty-revision-returned');
      expect(await smallTapTargets(page)).toEqual([]);
      await page.getByRole('button', { name: '修改' }).click();
      await page.waitForURL(`**/duties/revisions/${id}/edit`);
      expect(await page.getByTestId('reject-comment').innerText()).toContain(reason);
      expect(await row(page, 0).getByRole('textbox', { name: '原文' }).inputValue()).toBe(text);
      await checkPage(page, 'duty-revision-form');
      expect(await smallTapTargets(page)).toEqual([]);
    });
    const res = await api('mkt.manager', 'get', `/duties/revisions/${id}`);
    expect(res.body).toMatchObject({ status: 'rejected', decisionComment: reason, decidedByName: '王建国', actions: ['edit', 'withdraw'] });
  });
});
