import { DEMO_USERS } from '../../src/demo/demo-data';
import { ADMIN_PASSWORD } from '../setup/create-test-app';
import { checkPage, describeInBrowser, openPage, pageProblems, signIn, smallTapTargets, startConsole, type ConsoleWorld } from './support/console';

/**
 * Which menu entry a role may use, read off the duty matrix (GET /duties/matrix) — the test's own
 * statement of SPEC §10's vocabulary, independent of the console's menu code — in the order the
 * menu shows them, under its headings.
 */
/** A permission held at `own` scope only (own: true), or beyond one's own (own: false). */
type ScopeNeed = { permission: string; own: boolean };
const ENTRY_NEEDS: [label: string, anyOf: string[] | 'business-role' | 'everyone' | ScopeNeed][] = [
  // 工作台
  ['待办', 'business-role'],
  ['审批', ['contract.approve', 'tier.approve', 'complaint.approve_compensation', 'workreport.review', 'visit.review', 'review.approve_scheme', 'review.confirm']],
  ['交办事项', ['assignment.read']],
  // 客户
  ['潜在客户', ['prospect.read']],
  ['公海', ['prospect.create']],
  ['客户', ['customer.read']],
  ['拜访记录', ['visit.read']],
  ['大客户', ['tier.read']],
  ['投诉', ['complaint.read']],
  // 合同与回款
  ['合同', ['contract.read']],
  ['合同档案', ['contract.archive']],
  ['应收账款', ['receivable.read']],
  ['回款', ['payment.record']],
  ['销售台账', ['payment.record', 'report.receivables']],
  // 市场与活动
  ['市场信息', ['marketinfo.read']],
  ['调查报告', ['research.read']],
  ['渠道', ['channel.read']],
  ['推广活动', ['campaign.read']],
  ['会议纪要', ['meeting.read']],
  ['培训', ['training.read']],
  // 计划与考核
  ['工作计划', ['workplan.read', 'workplan.write']],
  ['指标', { permission: 'target.read', own: false }],
  ['我的指标', { permission: 'target.read', own: true }],
  ['绩效考核', ['review.read']],
  ['考核方案', ['review.read']],
  ['我的考核', 'business-role'],
  // 报表与报告
  ['报表', ['report.sales']],
  ['工作报告', ['workreport.submit', 'workreport.review']],
  // 系统
  ['用户管理', ['user.manage']],
  ['定时任务', ['job.run']],
  ['通知发件箱', ['notification.manage']],
  ['审计日志', ['audit.read']],
  ['制度修订', ['duty.revise', 'duty.approve']],
  ['职责制度', 'everyone'],
];
const PHONE_BAR = ['待办', '客户', '拜访记录'];

interface Matrix {
  items: { permission: string; grants: { role: string; scope: string }[] }[];
}

function expectedMenu(matrix: Matrix, role: string): string[] {
  const held = new Set(matrix.items.filter((e) => e.grants.some((g) => g.role === role)).map((e) => e.permission));
  const scopeOf = (permission: string) => matrix.items.find((e) => e.permission === permission)?.grants.find((g) => g.role === role)?.scope;
  const allows = (needs: (typeof ENTRY_NEEDS)[number][1]) => {
    if (needs === 'everyone') return true;
    if (needs === 'business-role') return role !== 'admin';
    if (Array.isArray(needs)) return needs.some((p) => held.has(p));
    const scope = scopeOf(needs.permission);
    return scope !== undefined && (scope === 'own') === needs.own;
  };
  return ENTRY_NEEDS.filter(([, needs]) => allows(needs)).map(([label]) => label);
}

const ACCOUNTS = [...DEMO_USERS.map((u) => ({ username: u.username, role: u.role as string, password: undefined as string | undefined })), { username: 'admin', role: 'admin', password: ADMIN_PASSWORD }];
const ROLES = [...new Set(ACCOUNTS.map((a) => a.role))];

describeInBrowser('the console shell: sign-in, sessions, menus by role', () => {
  let w: ConsoleWorld;
  let matrix: Matrix;
  beforeAll(async () => {
    w = await startConsole();
    matrix = (await w.t.http().get('/api/v1/duties/matrix').set('authorization', `Bearer ${await w.token('gm.wang')}`)).body;
  }, 180_000);
  afterAll(() => w?.close());

  it('covers all 13 roles with demo accounts', () => {
    expect(ROLES.sort()).toHaveLength(13);
  });

  it('the sign-in page: labelled fields, a wrong password in Chinese with its code, then in; sign-out ends the session server-side', async () => {
    const { context, page } = await openPage(w, 'phone');
    await page.goto('/');
    await page.waitForURL('**/login');
    await checkPage(page, 'login');
    await page.getByLabel('用户名').fill('mkt.spec.sun');
    await page.getByLabel('密码').fill('wrong-password-123');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('alert').filter({ hasText: 'INVALID_CREDENTIALS' }).waitFor();
    // what was typed stays
    expect(await page.getByLabel('用户名').inputValue()).toBe('mkt.spec.sun');
    await page.getByLabel('密码').fill('Zhize-Demo-2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL('**/tasks');

    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'zhize_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // page scripts cannot read the session token
    expect(await page.evaluate(() => document.cookie)).not.toContain('zhize_session');

    // sign out from 我的 (phone)
    await page.getByTestId('bar-me').click();
    await checkPage(page, 'me');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/login');
    // the old session cookie no longer works, even replayed by hand
    const replay = await w.t.http().get('/api/v1/auth/me').set('cookie', `zhize_session=${session!.value}`);
    expect(replay.status).toBe(401);
    await page.goto('/tasks');
    await page.waitForURL('**/login?next=%2Ftasks');
    expect(pageProblems(page).filter((p) => !/401/.test(p))).toEqual([]);
    await context.close();
  });

  it('an expired session goes back to sign-in, remembers the page, and returns to it', async () => {
    const { context, page } = await openPage(w, 'phone');
    await signIn(page, 'ka.spec.ma');
    await page.goto('/customers?q=%E6%9C%89%E9%99%90');
    await page.getByRole('heading', { name: '客户' }).waitFor();
    // the server ends every session of this user (as an expiry would)
    await w.t.ds.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE username = 'ka.spec.ma')`);
    await page.getByRole('button', { name: '刷新' }).click();
    await page.waitForURL((u) => u.pathname === '/login' && decodeURIComponent(u.searchParams.get('next') ?? '') === '/customers?q=有限');
    await page.getByText('登录已过期，请重新登录').waitFor();
    await page.getByLabel('用户名').fill('ka.spec.ma');
    await page.getByLabel('密码').fill('Zhize-Demo-2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => u.pathname === '/customers' && u.searchParams.get('q') === '有限');
    await context.close();
  });

  it('a state-changing request with the session cookie but without the CSRF proof is refused (403) and changes nothing', async () => {
    const { context, page } = await openPage(w, 'phone');
    await signIn(page, 'sales.rep.wu');
    const tasks = (await w.t.http().get('/api/v1/me/tasks?pageSize=1').set('authorization', `Bearer ${await w.token('sales.rep.wu')}`)).body.items;
    expect(tasks.length).toBeGreaterThan(0);
    const taskId = tasks[0].id;
    // a plain form post, as a cross-site page would send it: the cookie rides along, no header
    const status = await page.evaluate(async (id) => (await fetch(`/api/v1/tasks/${id}/done`, { method: 'POST' })).status, taskId);
    expect(status).toBe(403);
    const forged = await page.evaluate(async (id) => {
      const r = await fetch(`/api/v1/tasks/${id}/done`, { method: 'POST', headers: { 'X-CSRF-Token': 'forged' } });
      return { status: r.status, body: await r.json() };
    }, taskId);
    expect(forged).toMatchObject({ status: 403, body: { code: 'CSRF_REJECTED' } });
    const after = await w.t.http().get('/api/v1/me/tasks?pageSize=100').set('authorization', `Bearer ${await w.token('sales.rep.wu')}`);
    expect(after.body.items.map((t: { id: string }) => t.id)).toContain(taskId);
    await context.close();
  });

  it('responses carry a strict CSP, nosniff and frame-ancestors none, and the console runs under them', async () => {
    const { context, page } = await openPage(w, 'desktop');
    const res = await page.goto('/login');
    const headers = res!.headers();
    expect(headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    await signIn(page, 'sales.clerk');
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it('职责制度: how many clauses are served, each clause with its permissions and routes or the reason — as GET /duties says, on a desk and a phone', async () => {
    type Clause = { id: string; item: number | null; servedBy: { permission: string; routes: string[] }[]; notServed?: string };
    const duties = (await w.t.http().get('/api/v1/duties').set('authorization', `Bearer ${await w.token('sales.rep.wu')}`)).body as { coverage: { numbered: number; served: number; notServed: number }; items: Clause[] };
    const desk = await openPage(w, 'desktop');
    await signIn(desk.page, 'sales.rep.wu', undefined, '/duties');
    const coverage = desk.page.getByTestId('coverage');
    await coverage.waitFor();
    expect(await coverage.innerText()).toBe(`${duties.coverage.numbered} 款职责中已服务 ${duties.coverage.served} 款，未服务 ${duties.coverage.notServed} 款`);
    const cards = desk.page.getByTestId('clause');
    expect(await cards.evaluateAll((els) => els.map((e) => [e.getAttribute('data-id'), e.getAttribute('data-served')]))).toEqual(
      duties.items.map((c) => [c.id, c.servedBy.length > 0 ? 'true' : 'false']),
    );
    await checkPage(desk.page, 'duties-desktop');
    // 未服务 in the URL: only the clauses with a reason, each showing it
    await desk.page.getByRole('radiogroup', { name: '服务状态' }).getByText('未服务').click();
    await desk.page.waitForURL(/state=notServed/);
    const notServed = duties.items.filter((c) => c.servedBy.length === 0);
    await desk.page.waitForFunction((n) => document.querySelectorAll('[data-testid="clause"]').length === n, notServed.length);
    expect(await desk.page.getByTestId('not-served').allInnerTexts()).toEqual(notServed.map((c) => `未服务：${c.notServed}`));
    // a search finds the clause; its permission opens to the routes that serve it
    await desk.page.getByRole('radiogroup', { name: '服务状态' }).getByText('全部').click();
    await desk.page.waitForURL((u) => !u.search.includes('state='));
    await desk.page.getByRole('searchbox', { name: '搜索条款' }).fill('SAL-6.5');
    await desk.page.getByRole('searchbox', { name: '搜索条款' }).press('Enter');
    await desk.page.waitForURL(/q=SAL-6.5/);
    await desk.page.waitForFunction(() => document.querySelectorAll('[data-testid="clause"]').length === 1);
    const sal65 = duties.items.find((c) => c.id === 'SAL-6.5')!;
    await desk.page.getByTestId('clause').getByText(/^已服务：/).click();
    for (const s of sal65.servedBy) {
      const block = desk.page.locator(`[data-testid="served-by"][data-permission="${s.permission}"]`);
      await block.waitFor();
      expect(await block.locator('li').allInnerTexts()).toEqual(s.routes);
    }
    await desk.context.close();

    const phone = await openPage(w, 'phone');
    await signIn(phone.page, 'sales.rep.wu', undefined, '/duties?state=served&rule=SAL');
    await phone.page.getByTestId('coverage').waitFor();
    const servedSal = duties.items.filter((c) => c.id.startsWith('SAL-') && c.servedBy.length > 0).map((c) => c.id);
    await phone.page.waitForFunction((n) => document.querySelectorAll('[data-testid="clause"]').length === n, servedSal.length);
    expect(await phone.page.getByTestId('clause').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(servedSal);
    await checkPage(phone.page, 'duties-phone');
    expect(await smallTapTargets(phone.page)).toEqual([]);
    await phone.context.close();
  });

  for (const role of ROLES) {
    it(`${role}: the menu holds exactly the entries its duties allow, and each opens without a refusal`, async () => {
      const account = ACCOUNTS.find((a) => a.role === role)!;
      const expected = expectedMenu(matrix, role);

      const desk = await openPage(w, 'desktop');
      await signIn(desk.page, account.username, account.password);
      const side = desk.page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem');
      await side.first().waitFor({ state: 'attached', timeout: 10_000 }).catch(() => undefined);
      // an entry may carry a count (审批: how many records wait): the label is the text before it
      const labelOf = (s: string) => s.trim().replace(/\s*\d+\+?$/, '');
      expect({ role, menu: (await side.allInnerTexts()).map(labelOf) }).toEqual({ role, menu: expected });
      if (role === 'gm') await checkPage(desk.page, 'menu-gm');
      for (const label of expected) {
        await side.filter({ hasText: new RegExp(`^${label}(\\s*\\d+\\+?)?$`) }).click();
        await desk.page.getByRole('heading', { level: 1 }).first().waitFor();
        await desk.page.waitForLoadState('networkidle');
        expect({ role, label, refused: await desk.page.getByTestId('problem-code').allInnerTexts() }).toEqual({ role, label, refused: [] });
      }
      await desk.context.close();

      const phone = await openPage(w, 'phone');
      await signIn(phone.page, account.username, account.password);
      await phone.page.getByTestId('bar-me').waitFor();
      const bar = (await phone.page.getByRole('navigation', { name: '主导航' }).getByRole('link').allInnerTexts()).map((s) => s.trim());
      expect({ role, bar }).toEqual({ role, bar: [...PHONE_BAR.filter((l) => expected.includes(l)), '我的'] });
      await phone.page.getByTestId('bar-me').click();
      await phone.page.getByRole('heading', { name: '我的' }).waitFor();
      await phone.page.getByText('我的职责权限').waitFor();
      const more = (await phone.page.locator('[data-testid^="more-"]').allInnerTexts()).map(labelOf);
      expect({ role, more }).toEqual({ role, more: expected.filter((l) => !PHONE_BAR.includes(l)) });
      if (role === 'gm') await checkPage(phone.page, 'me-gm');
      expect({ role, small: await smallTapTargets(phone.page) }).toEqual({ role, small: [] });
      await phone.context.close();
    });
  }
});
