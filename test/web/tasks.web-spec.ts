import type { Page } from 'playwright-core';
import { checkPage, describeInBrowser, openPage, pageProblems, signIn, smallTapTargets, startConsole, type ConsoleWorld } from './support/console';

interface Task {
  id: string;
  kind: string;
  title: string;
  entity: string | null;
  entityId: string | null;
  dueAt: string | null;
  status: 'open' | 'done';
}

describeInBrowser('待办 as home: tasks with their cause, tap through to the record, mark done', () => {
  let w: ConsoleWorld;
  const api = async (username: string, method: 'get' | 'post', path: string, body?: object) => {
    const r = w.t.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${await w.token(username)}`);
    return body ? r.send(body) : r;
  };
  const openTasks = async (username: string): Promise<Task[]> => (await api(username, 'get', '/me/tasks?status=open&pageSize=100')).body.items;

  beforeAll(async () => {
    w = await startConsole();
  }, 180_000);
  afterAll(() => w?.close());

  /** The task's card on the page, found by its title as a person reads it. */
  const card = (page: Page, t: Task) => page.getByTestId('task').filter({ hasText: t.title });

  async function journey(username: string, kind: string, cause: string, route: string, shot: string) {
    const mine = await openTasks(username);
    const task = mine.find((t) => t.kind === kind);
    expect({ username, kind, found: !!task }).toEqual({ username, kind, found: true });

    const { context, page } = await openPage(w, 'phone');
    await signIn(page, username);
    await page.waitForURL('**/tasks'); // the home of a field role
    await card(page, task!).waitFor();
    expect(await card(page, task!).getByTestId('task-cause').innerText()).toBe(cause);
    await checkPage(page, shot);
    expect(await smallTapTargets(page)).toEqual([]);

    // tap through to the record
    await card(page, task!).getByRole('link').click();
    await page.waitForURL(`**${route}/${task!.entityId}`);
    await page.goBack();
    await page.waitForURL('**/tasks');

    // 完成: it leaves the list, and the API has it done
    const answered = page.waitForResponse((r) => r.url().endsWith(`/api/v1/tasks/${task!.id}/done`) && r.request().method() === 'POST');
    await card(page, task!).getByRole('button', { name: /完成/ }).click();
    await card(page, task!).waitFor({ state: 'detached' });
    expect((await answered).status()).toBe(200);
    expect((await openTasks(username)).some((t) => t.id === task!.id)).toBe(false);
    const done: Task[] = (await api(username, 'get', '/me/tasks?status=done&pageSize=100')).body.items;
    expect(done.find((t) => t.id === task!.id)).toMatchObject({ status: 'done' });

    // and shows under 已完成
    await page.getByText('已完成', { exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('status') === 'done');
    await card(page, task!).getByText(/完成于/).waitFor();
    expect(pageProblems(page)).toEqual([]);
    await context.close();
    return task!;
  }

  it('sales.rep: an overdue receivable (应收逾期) → the receivable, then done', async () => {
    await journey('sales.rep.wu', 'receivable.collect', '应收逾期', '/receivables', 'tasks');
  });

  it('key_account.specialist: a key account due for a visit (大客户回访到期) → the customer, then done', async () => {
    // The demo's key accounts became key accounts today, so none is due yet: the reminder job,
    // run as of three weeks ahead, finds the A-tier ones (14-day interval) due.
    if (!(await openTasks('ka.spec.ma')).some((t) => t.kind === 'key-account.visit')) {
      const asOf = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
      const run = await api('admin', 'post', '/jobs/key-accounts.visit-reminders/run', { asOf });
      expect(run.status).toBe(200);
    }
    await journey('ka.spec.ma', 'key-account.visit', '大客户回访到期', '/customers', 'tasks-key-account');
  });

  it('a returned contract (退回修改) reads as such; quick actions by role; the empty state; a manager\'s approvals at a desk', async () => {
    const rep = await openTasks('sales.rep.wu');
    const rejected = rep.find((t) => t.kind === 'contract.rejected');
    const { context, page } = await openPage(w, 'phone');
    await signIn(page, 'mkt.spec.sun');
    await page.waitForURL('**/tasks');
    // a market specialist registers prospects and logs visits from the home
    await page.getByRole('button', { name: '登记潜在客户' }).waitFor();
    await page.getByRole('button', { name: '记录拜访' }).click();
    await page.waitForURL('**/visits/new');
    await context.close();

    // the demo rejects one of wu's contracts ("付款周期过长…")
    expect(rejected).toBeDefined();
    const rp = await openPage(w, 'phone');
    await signIn(rp.page, 'sales.rep.wu');
    await card(rp.page, rejected!).waitFor();
    expect(await card(rp.page, rejected!).getByTestId('task-cause').innerText()).toBe('退回修改');
    // a sales rep cannot register prospects: no such button
    expect(await rp.page.getByRole('button', { name: '登记潜在客户' }).count()).toBe(0);
    await rp.context.close();

    // someone with nothing to do
    const candidates = ['mkt.spec.zhou', 'mkt.spec.sun', 'sales.rep.he', 'sales.rep.zheng', 'ka.spec.guo', 'sales.clerk'];
    let idle: string | undefined;
    for (const u of candidates) if ((await openTasks(u)).length === 0) idle = idle ?? u;
    expect(idle).toBeDefined();
    const e = await openPage(w, 'phone');
    await signIn(e.page, idle!);
    await e.page.waitForURL('**/tasks');
    await e.page.getByText('暂无待办，干得好').waitFor();
    await checkPage(e.page, 'tasks-empty');
    await e.context.close();

    // a manager at a desk: contracts waiting for approval (合同待审批) → the contract
    // (behind the newer escalations: its page of 20, in the URL like any list)
    const all = await openTasks('sales.manager');
    const at = all.findIndex((t) => t.kind === 'contract.approval');
    expect(at).toBeGreaterThanOrEqual(0);
    const approvals = [all[at]];
    const d = await openPage(w, 'desktop');
    await signIn(d.page, 'sales.manager', undefined, `/tasks?page=${Math.floor(at / 20) + 1}`);
    await d.page.waitForURL('**/tasks?page=*');
    await card(d.page, approvals[0]).getByTestId('task-cause').filter({ hasText: '合同待审批' }).waitFor();
    expect(await d.page.getByRole('button', { name: '登记潜在客户' }).count()).toBe(0);
    await checkPage(d.page, 'tasks');
    await card(d.page, approvals[0]).getByRole('link').click();
    await d.page.waitForURL(`**/contracts/${approvals[0].entityId}`);
    await d.context.close();
  });
});
