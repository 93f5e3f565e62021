import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/demo-data';
import { ADMIN_PASSWORD } from '../setup/create-test-app';
import { checkPage, type ConsoleWorld, describeInBrowser, journey, openPage, signIn, startConsole } from './support/console';
import { button, choose as pick } from './support/antd';

const choose = (page: Page, label: string, option: string, search?: string, scope?: Page | Locator) => pick(page, label, option, { search, scope });


const TABLE_ROWS = '.ant-table-tbody tr.ant-table-row';
/** The audit log's own rows (an expanded row holds a table of its own). */
const AUDIT_ROWS = '[data-testid="audit-row"]';

/** Waits until the table shows `n` rows (a filter's answer replaces the rows before it), then reads them. */
async function rowsWhen(page: Page, n: number, selector = TABLE_ROWS): Promise<string[]> {
  await page.waitForFunction(([sel, count]) => document.querySelectorAll(sel as string).length === count, [selector, n] as const, { timeout: 10_000 }).catch(() => undefined);
  return page.locator(selector).allInnerTexts();
}

/** The side menu's entries, as the person sees them. */
async function menuOf(page: Page): Promise<string[]> {
  const side = page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem');
  await side.first().waitFor();
  return (await side.allInnerTexts()).map((s) => s.trim());
}

const NEW_USER = { username: 'sales.rep.tian', displayName: '田野', password: 'Tian-Ye-Start-2026' };

describeInBrowser('系统管理员', () => {
  let w: ConsoleWorld;
  const api = async (method: 'get' | 'post' | 'patch', path: string, body?: object, user = 'admin') => {
    const req = w.t.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`);
    return body ? req.send(body) : req;
  };
  const login = (username: string, password: string) => w.t.http().post('/api/v1/auth/login').send({ username, password });
  const userNamed = async (username: string) => (await api('get', `/users?q=${username}`)).body.items.find((u: { username: string }) => u.username === username);
  let liu: { id: string; displayName: string };
  let chen: { id: string; displayName: string };
  let adminId = '';
  let newId = '';
  let password = NEW_USER.password;

  beforeAll(async () => {
    w = await startConsole();
    liu = await userNamed('sales.sup.liu');
    chen = await userNamed('sales.manager');
    adminId = (await api('get', '/auth/me')).body.user.id;
    expect(liu).toMatchObject({ role: 'sales.supervisor', active: true });
  }, 180_000);
  afterAll(() => w?.close());

  it('lands on 用户管理, refuses a duplicate username in Chinese with its code, creates a 销售业务员 under 刘洋 who then signs in', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'admin', ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/users');
      expect((await menuOf(page))[0]).toBe('用户管理');
      await page.getByRole('cell', { name: 'sales.sup.liu', exact: true }).waitFor();
      const listed = (await api('get', '/users?pageSize=20&sort=username')).body;
      expect(await page.getByTestId('problem-code').count()).toBe(0);
      expect(await rowsWhen(page, listed.items.length)).toHaveLength(listed.items.length);
      await checkPage(page, 'admin-users');

      // the filters go into the URL, and the list follows them
      await choose(page, '角色', '销售主管', undefined, page.getByRole('search'));
      await page.waitForURL((u) => u.searchParams.get('role') === 'sales.supervisor');
      const supervisors = (await api('get', '/users?role=sales.supervisor')).body;
      const shown = await rowsWhen(page, supervisors.total);
      expect(shown).toHaveLength(supervisors.total);
      expect(shown.every((r) => r.includes('销售主管'))).toBe(true);
      expect(await page.getByTestId('problem-code').count()).toBe(0);

      await page.getByRole('button', { name: '新建用户' }).click();
      const drawer = page.getByRole('dialog', { name: '新建用户' });
      await drawer.getByLabel('用户名').fill('sales.rep.wu');
      await drawer.getByLabel('姓名').fill(NEW_USER.displayName);
      await choose(page, '角色', '销售业务员', '业务员', drawer);
      await choose(page, '上级', `${liu.displayName} · 销售主管`, liu.displayName, drawer);
      // the password rule is stated before anyone types
      await drawer.getByText('10 到 128 个字符').first().waitFor();
      await drawer.getByLabel('初始密码').fill('short');
      await drawer.getByText('密码长度必须在 10 到 128 个字符之间').waitFor();
      await drawer.getByLabel('初始密码').fill(NEW_USER.password);
      await drawer.getByText('密码长度必须在 10 到 128 个字符之间').waitFor({ state: 'detached' });
      await checkPage(page, 'admin-user-create');
      const before = (await api('get', '/users?pageSize=1')).body.total;
      await drawer.getByRole('button', { name: '创建用户' }).click();
      const refusal = drawer.getByRole('alert').filter({ hasText: 'USER_USERNAME_TAKEN' });
      await refusal.waitFor();
      expect(await refusal.innerText()).toContain('用户名「sales.rep.wu」已被使用');
      // nothing typed is lost, and nothing was created
      expect(await drawer.getByLabel('姓名').inputValue()).toBe(NEW_USER.displayName);
      expect(await drawer.getByLabel('初始密码').inputValue()).toBe(NEW_USER.password);
      expect((await api('get', '/users?pageSize=1')).body.total).toBe(before);

      await drawer.getByLabel('用户名').fill(NEW_USER.username);
      await drawer.getByRole('button', { name: '创建用户' }).click();
      await page.waitForURL(/\/users\/[0-9a-f-]{36}$/);
      newId = page.url().split('/').pop()!;
      await page.getByText(`已创建用户 ${NEW_USER.displayName}`).waitFor();
      expect(await page.getByTestId('user-supervisor').innerText()).toBe(`${liu.displayName}（销售主管）`);
      await checkPage(page, 'admin-user-detail');
    });

    const created = (await api('get', `/users/${newId}`)).body;
    expect(created).toMatchObject({ username: NEW_USER.username, displayName: NEW_USER.displayName, role: 'sales.rep', department: 'sales', supervisorId: liu.id, active: true });

    // the new rep signs in, in a browser of their own, and gets a rep's menu (the same as another rep's)
    const rep = async (username: string, pw: string) => {
      const { context, page } = await openPage(w, 'desktop');
      try {
        await signIn(page, username, pw);
        await page.waitForURL((u) => u.pathname === '/tasks');
        return await menuOf(page);
      } finally {
        await context.close();
      }
    };
    const menu = await rep(NEW_USER.username, NEW_USER.password);
    expect(menu).toEqual(await rep('sales.rep.wu', DEMO_PASSWORD));
    expect(menu).toEqual(expect.arrayContaining(['待办', '客户', '拜访记录', '合同']));
    expect(menu).not.toContain('用户管理');
  });

  it('the reporting tree shows the new rep under 刘洋, within 销售部', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'admin', ADMIN_PASSWORD, '/users');
      await page.getByText('汇报关系', { exact: true }).click();
      await page.waitForURL((u) => u.searchParams.get('view') === 'tree');
      await choose(page, '部门', '销售部', undefined, page.getByRole('search'));
      await page.waitForURL((u) => u.searchParams.get('department') === 'sales');
      const under = page.locator(`[data-user-id="${liu.id}"] [data-user-id="${newId}"]`);
      await under.waitFor();
      expect(await under.locator('a').first().innerText()).toBe(NEW_USER.displayName);
      // 刘洋 reports to the sales manager, who heads the department's tree
      expect(await page.locator(`[data-user-id="${chen.id}"] [data-user-id="${liu.id}"]`).count()).toBe(1);
      // only 销售部 is shown
      const shown = await page.getByTestId('org-node').evaluateAll((els) => els.map((e) => e.getAttribute('data-user-id')));
      const sales = (await api('get', '/users?department=sales&active=true&pageSize=100')).body.items.map((u: { id: string }) => u.id);
      expect([...shown].sort()).toEqual([...sales].sort());
      await checkPage(page, 'admin-user-tree');
    });
  });

  it('edits the supervisor with the version it showed: a change made meanwhile is 409, reloaded, then saved', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'admin', ADMIN_PASSWORD, `/users/${newId}`);
      await button(page, '编辑').click();
      // (its title follows the name, which changes below)
      const drawer = page.getByRole('dialog', { name: /^编辑用户/ });
      await drawer.getByLabel('姓名').waitFor();
      // someone else renames the user while the drawer is open
      const current = (await api('get', `/users/${newId}`)).body;
      expect((await api('patch', `/users/${newId}`, { version: current.version, displayName: '田小野' })).status).toBe(200);

      await choose(page, '上级', `${chen.displayName} · 销售部经理`, chen.displayName, drawer);
      await button(page, '保存').click();
      const stale = drawer.getByRole('alert').filter({ hasText: 'STALE_VERSION' });
      await stale.waitFor();
      await checkPage(page, 'admin-user-edit-stale');
      await stale.getByRole('button', { name: '重新加载' }).click();
      await stale.waitFor({ state: 'detached' });
      expect(await drawer.getByLabel('姓名').inputValue()).toBe('田小野');
      await choose(page, '上级', `${chen.displayName} · 销售部经理`, chen.displayName, drawer);
      // (a button that was loading may keep its spinner's name, "loading", for a moment)
      await drawer.getByRole('button', { name: /保\s*存/ }).click();
      await drawer.waitFor({ state: 'hidden' });
      await page.getByTestId('user-supervisor').filter({ hasText: chen.displayName }).waitFor();
    });
    const after = (await api('get', `/users/${newId}`)).body;
    expect(after).toMatchObject({ displayName: '田小野', supervisorId: chen.id, role: 'sales.rep' });
    // back under 刘洋, through the API, for what follows
    expect((await api('patch', `/users/${newId}`, { version: after.version, supervisorId: liu.id, displayName: NEW_USER.displayName })).status).toBe(200);
  });

  it('resets the password: shown once; the old one stops working, the new one works; a common one is refused', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'admin', ADMIN_PASSWORD, `/users/${newId}`);
      await button(page, '重置密码').click();
      const dialog = page.getByRole('dialog', { name: '重置密码' });
      await dialog.getByLabel('新密码').fill('1234567890');
      await dialog.getByRole('button', { name: '设为新密码' }).click();
      const refusal = dialog.getByRole('alert').filter({ hasText: 'USER_PASSWORD_REJECTED' });
      await refusal.waitFor();
      expect(await refusal.innerText()).toContain('该密码过于常见');
      expect(await dialog.getByLabel('新密码').inputValue()).toBe('1234567890');

      await dialog.getByRole('button', { name: /生\s*成/ }).click();
      const generated = await dialog.getByLabel('新密码').inputValue();
      expect(generated).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
      await dialog.getByRole('button', { name: '设为新密码' }).click();
      const issued = dialog.getByTestId('issued-password');
      await issued.waitFor();
      expect(await issued.innerText()).toBe(generated);
      await dialog.getByText('只显示这一次').waitFor();
      await checkPage(page, 'admin-user-password');
      await dialog.getByRole('button', { name: '我已记下，关闭' }).click();
      await dialog.waitFor({ state: 'hidden' });
      // opened again, the dialog asks for a new one and shows nothing of the last
      await button(page, '重置密码').click();
      expect(await page.getByTestId('issued-password').count()).toBe(0);
      expect(await page.getByRole('dialog', { name: '重置密码' }).getByLabel('新密码').inputValue()).toBe('');
      await page.getByRole('dialog', { name: '重置密码' }).getByRole('button', { name: /取\s*消/ }).click();
      password = generated;
    });
    expect((await login(NEW_USER.username, NEW_USER.password)).status).toBe(401);
    expect((await login(NEW_USER.username, password)).status).toBe(200);
  });

  it('deactivates after a confirmation: the account cannot sign in (said in Chinese); reactivated, it can again', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'admin', ADMIN_PASSWORD, `/users/${newId}`);
      await button(page, '停用').click();
      const dialog = page.getByRole('dialog', { name: '停用账号' });
      await dialog.getByText('不能再登录').waitFor();
      expect((await api('get', `/users/${newId}`)).body.active).toBe(true); // nothing before the confirmation
      await checkPage(page, 'admin-user-deactivate');
      await dialog.getByRole('button', { name: /^停\s*用$/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('heading').getByText('已停用').waitFor();
      expect(await button(page, '停用').count()).toBe(0);
      expect(await button(page, '启用').count()).toBe(1);
    });
    expect((await api('get', `/users/${newId}`)).body).toMatchObject({ active: false, supervisorId: liu.id, role: 'sales.rep' });

    const { context, page } = await openPage(w, 'desktop');
    try {
      await page.goto('/login');
      await page.getByLabel('用户名').fill(NEW_USER.username);
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      const refused = page.getByRole('alert').filter({ hasText: 'AUTH_INVALID_CREDENTIALS' });
      await refused.waitFor();
      expect(await refused.innerText()).toContain('用户名或密码错误');
      expect(new URL(page.url()).pathname).toBe('/login');
      await checkPage(page, 'admin-deactivated-sign-in');
    } finally {
      await context.close();
    }

    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'admin', ADMIN_PASSWORD, `/users/${newId}`);
      await button(page, '启用').click();
      await page.getByRole('dialog', { name: '重新启用账号' }).getByRole('button', { name: /^启\s*用$/ }).click();
      await page.getByRole('dialog', { name: '重新启用账号' }).waitFor({ state: 'hidden' });
      await button(page, '停用').waitFor();
    });
    expect((await api('get', `/users/${newId}`)).body.active).toBe(true);
    expect((await login(NEW_USER.username, password)).status).toBe(200);
  });

  it('runs a job now as of a date, shows the outcome, and the job records that run; the same slot again is skipped', async () => {
    const JOB = 'key-accounts.visit-reminders';
    const asOf = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - 3 * 86_400_000));
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'admin', ADMIN_PASSWORD, '/jobs');
      const card = page.getByTestId(`job-${JOB}`);
      await card.waitFor();
      expect(await card.innerText()).toContain('每天 07:00');
      expect(await card.innerText()).toContain('大客户回访提醒');
      await checkPage(page, 'admin-jobs');

      const run = async () => {
        await card.getByRole('button', { name: /立即运行/ }).click();
        const dialog = page.getByRole('dialog', { name: '立即运行：大客户回访提醒' });
        const date = dialog.getByLabel('基准日期');
        await date.click();
        await date.fill(asOf);
        await date.press('Enter');
        await dialog.getByRole('button', { name: /^运\s*行$/ }).click();
        const outcome = dialog.getByTestId('run-outcome');
        await outcome.waitFor();
        return { dialog, outcome };
      };
      const first = await run();
      expect(await first.outcome.innerText()).toContain('运行成功');
      expect(await first.outcome.innerText()).toContain(`基准日期 ${asOf}`);
      await checkPage(page, 'admin-job-run');
      await first.dialog.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
      await first.dialog.waitFor({ state: 'hidden' });
      await card.getByTestId('last-run').filter({ hasText: `基准日期 ${asOf}` }).waitFor();
      expect(await card.getByTestId('last-run').innerText()).toContain('手动');

      const again = await run();
      expect(await again.outcome.innerText()).toContain('已跳过');
      expect(await again.outcome.innerText()).toContain('该时段已经运行过');
      await again.dialog.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
    });
    const job = (await api('get', '/jobs')).body.items.find((j: { name: string }) => j.name === JOB);
    expect(job.lastRun).toMatchObject({ asOf, slot: asOf, status: 'succeeded', trigger: 'manual', error: null });
    expect(job.lastRun.finishedAt).not.toBeNull();
  });

  it('审计日志 filtered to users shows the creation with its fields and a change side by side, as many rows as the API', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'admin', ADMIN_PASSWORD, '/audit');
      await page.locator(AUDIT_ROWS).first().waitFor();
      await choose(page, '对象类型', '用户（user）', undefined, page.getByRole('search'));
      await page.waitForURL((u) => u.searchParams.get('entity') === 'user');
      await page.waitForLoadState('networkidle');
      const users = (await api('get', '/audit?entity=user&pageSize=20')).body;
      await page.getByTestId('audit-total').filter({ hasText: `共 ${users.total} 条` }).waitFor();
      expect(await rowsWhen(page, users.items.length, AUDIT_ROWS)).toHaveLength(users.items.length);

      await page.getByLabel('对象 ID').fill(newId);
      await page.getByLabel('对象 ID').press('Enter');
      await page.waitForURL((u) => u.searchParams.get('entityId') === newId);
      await page.waitForLoadState('networkidle');
      const mine = (await api('get', `/audit?entity=user&entityId=${newId}`)).body;
      expect(mine.items.map((e: { action: string }) => e.action)).toContain('user.create');
      await page.getByTestId('audit-total').filter({ hasText: `共 ${mine.total} 条` }).waitFor();
      const rows = page.locator(AUDIT_ROWS);
      expect(await rowsWhen(page, mine.items.length, AUDIT_ROWS)).toHaveLength(mine.items.length);
      // newest first, each with its request id
      expect(await rows.first().innerText()).toContain(mine.items[0].requestId);

      // the creation: every field it was created with, the supervisor by name
      const creation = rows.filter({ hasText: 'user.create' });
      await creation.getByRole('button', { name: '展开行' }).click();
      const created = creation.locator('xpath=following-sibling::tr[1]').getByTestId('audit-diff');
      await created.waitFor();
      const createdText = await created.innerText();
      for (const text of ['用户名', NEW_USER.username, '姓名', NEW_USER.displayName, '角色', '销售业务员', '上级', liu.displayName]) expect(createdText).toContain(text);
      await creation.getByRole('button', { name: '关闭行' }).click();

      // the deactivation: 启用 是 → 否, side by side with 修改前 / 修改后
      const deactivation = mine.items.find((e: { before: { active?: boolean } | null; after: { active?: boolean } | null }) => e.before?.active === true && e.after?.active === false);
      const row = rows.filter({ hasText: deactivation.requestId });
      await row.getByRole('button', { name: '展开行' }).click();
      const diff = row.locator('xpath=following-sibling::tr[1]').getByTestId('audit-diff');
      await diff.getByRole('columnheader', { name: '修改前' }).waitFor();
      const changed = await diff.locator('tr[data-kind="changed"]').allInnerTexts();
      expect(changed.find((t) => t.includes('启用'))?.replace(/\s+/g, ' ')).toMatch(/启用 active 已修改 是 否/);
      expect(changed.some((t) => t.includes('用户名'))).toBe(false); // unchanged fields are folded away
      await checkPage(page, 'admin-audit');

      // 操作人 by name: the admin's own rows, as many as the API has
      await page.getByLabel('对象 ID').fill('');
      await page.getByLabel('对象 ID').press('Enter');
      await choose(page, '操作人', '系统管理员 · 系统管理员', '系统', page.getByRole('search'));
      await page.waitForURL((u) => u.searchParams.get('actorId') === adminId && !u.searchParams.has('entityId'));
      await page.waitForLoadState('networkidle');
      const byAdmin = (await api('get', `/audit?entity=user&actorId=${adminId}`)).body;
      await page.getByTestId('audit-total').filter({ hasText: `共 ${byAdmin.total} 条` }).waitFor();
      expect(await rowsWhen(page, byAdmin.items.length, AUDIT_ROWS)).toHaveLength(byAdmin.items.length);
      expect(new Set(await rows.locator('td:nth-child(3)').allInnerTexts())).toEqual(new Set(['系统管理员 · 系统管理员']));
    });
  });

  it('at phone size every admin page fits and reads; 我的 still works for the admin', async () => {
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'admin', ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/users');
      await page.getByText(NEW_USER.displayName).first().waitFor();
      await checkPage(page, 'admin-users');
      await page.goto('/users?view=tree&department=sales');
      await page.locator(`[data-user-id="${newId}"]`).waitFor();
      await checkPage(page, 'admin-user-tree');
      await page.goto(`/users/${newId}`);
      await page.getByTestId('user-supervisor').waitFor();
      await checkPage(page, 'admin-user-detail');
      await page.goto('/jobs');
      await page.getByTestId('job-receivables.overdue-scan').waitFor();
      await checkPage(page, 'admin-jobs');
      await page.goto(`/audit?entity=user&entityId=${newId}`);
      const card = page.getByTestId('audit-card').filter({ hasText: 'user.create' });
      await card.getByText('修改前后').click();
      await card.getByTestId('audit-diff').waitFor();
      await checkPage(page, 'admin-audit');
      await page.getByTestId('bar-me').click();
      await page.getByRole('heading', { name: '我的' }).waitFor();
      await page.getByText('系统管理员').first().waitFor();
      expect(await page.locator('[data-testid^="more-"]').allInnerTexts()).toEqual(['用户管理', '定时任务', '通知发件箱', '审计日志', '职责制度']);
      await checkPage(page, 'admin-me');
    });
  });
});
