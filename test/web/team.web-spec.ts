import { button, choose } from './support/antd';
import { checkPage, describeInBrowser, journey, signIn, smallTapTargets, startConsole, type ConsoleWorld } from './support/console';

interface Named {
  id: string;
  displayName: string;
}

describeInBrowser('团队: a supervisor assigns prospects and reviews the team’s visits; a manager divides customers', () => {
  let w: ConsoleWorld;
  const api = async (user: string, method: 'get' | 'post', path: string, body?: object) => {
    const req = w.t.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`);
    return body ? req.send(body) : req;
  };
  const person = async (username: string): Promise<Named> => (await api(username, 'get', '/auth/me')).body.user;

  beforeAll(async () => {
    w = await startConsole();
  }, 180_000);
  afterAll(() => w?.close());

  it('the market supervisor assigns a new prospect of his team to a specialist from the list', async () => {
    const zhou = await person('mkt.spec.zhou');
    const fresh = (await api('mkt.sup.zhao', 'get', '/prospects?status=new&pageSize=100')).body;
    const prospect = (fresh.items as { id: string; companyName: string; ownerId: string | null }[]).find((p) => p.ownerId !== zhou.id);
    expect(prospect).toBeDefined();
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'mkt.sup.zhao', undefined, '/prospects?status=new');
      await page.getByText(`共 ${fresh.total} 条`).waitFor();
      await checkPage(page, 'team-prospects-new');
      await page.getByRole('button', { name: `分派 ${prospect!.companyName}` }).click();
      // the button opens the dialog, not the row
      const dialog = page.getByRole('dialog', { name: '分派潜在客户' });
      await choose(page, '负责人', `${zhou.displayName}（市场开拓专员）`, { scope: dialog });
      await button(dialog, '分派').click();
      await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
      expect(new URL(page.url()).pathname).toBe('/prospects');
      await page.getByRole('row').filter({ hasText: prospect!.companyName }).getByText(zhou.displayName).waitFor();
    });
    expect((await api('mkt.sup.zhao', 'get', `/prospects/${prospect!.id}`)).body.ownerId).toBe(zhou.id);
  });

  it('the market manager assigns a prospect from the 公海', async () => {
    const sun = await person('mkt.spec.sun');
    // one of 周倩's prospects left without follow-up goes to the pool (what the release job does)
    const zhou = await person('mkt.spec.zhou');
    const idle = (await api('mkt.spec.zhou', 'get', '/prospects?status=contacting&sort=lastActivityAt&pageSize=1')).body.items[0] as { id: string };
    await w.t.ds.query(`UPDATE prospects SET released_from = owner_id, owner_id = NULL, released_at = now(), version = version + 1 WHERE id = $1 AND owner_id = $2`, [idle.id, zhou.id]);
    const pool = (await api('mkt.manager', 'get', '/prospects/pool?pageSize=100')).body;
    expect(pool.items.map((p: { id: string }) => p.id)).toContain(idle.id);
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'mkt.manager', undefined, '/pool');
      const p = pool.items[0] as { id: string; companyName: string };
      await page.getByRole('button', { name: `分派 ${p.companyName}` }).waitFor();
      await checkPage(page, 'team-pool');
      expect(await smallTapTargets(page)).toEqual([]);
      await page.getByRole('button', { name: `分派 ${p.companyName}` }).click();
      const dialog = page.getByRole('dialog', { name: '分派潜在客户' });
      await choose(page, '负责人', `${sun.displayName}（市场开拓专员）`, { scope: dialog });
      await button(dialog, '分派').click();
      await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
      expect(new URL(page.url()).pathname).toBe('/pool');
      await page.getByRole('button', { name: `分派 ${p.companyName}` }).waitFor({ state: 'detached' });
      const after = (await api('mkt.manager', 'get', `/prospects/${p.id}`)).body;
      expect(after).toMatchObject({ ownerId: sun.id, inPool: false });
    });
  });

  it('the sales supervisor opens the team’s unreviewed visits and reviews one', async () => {
    const before = (await api('sales.sup.liu', 'get', '/visits?reviewed=false&pageSize=100')).body;
    expect(before.total).toBeGreaterThan(0);
    const me = await person('sales.sup.liu');
    // the first of them that is not his own (one does not review oneself)
    const target = (before.items as { id: string; visitorId: string; visitorName: string }[]).find((v) => v.visitorId !== me.id)!;
    expect(target).toBeDefined();
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.sup.liu', undefined, '/visits');
      await page.getByRole('button', { name: '待我审阅' }).click();
      await page.waitForURL((u) => u.searchParams.get('reviewed') === 'false' && u.searchParams.get('scope') === 'all');
      await page.getByText(`共 ${before.total} 条`).waitFor();
      const ids = await page.locator('tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')));
      expect(ids).toEqual(before.items.slice(0, 20).map((v: { id: string }) => v.id));
      expect(await page.locator('tbody tr.ant-table-row').filter({ hasText: '已审阅' }).count()).toBe(0);
      await checkPage(page, 'team-visits-unreviewed');

      await page.locator(`tbody tr[data-row-key="${target.id}"]`).click();
      await page.waitForURL(`**/visits/${target.id}`);
      await page.getByRole('button', { name: /审\s*阅/ }).click();
      await page.getByLabel('审阅意见').fill('拜访目的明确，下次带上报价单');
      await page.getByRole('button', { name: '提交审阅' }).click();
      await page.getByTestId('visit-review').waitFor();
      await page.goBack();
      await page.getByText(`共 ${before.total - 1} 条`).waitFor();
      expect(await page.locator(`tbody tr[data-row-key="${target.id}"]`).count()).toBe(0);
    });
    const reviewed = (await api('sales.sup.liu', 'get', `/visits/${target.id}`)).body;
    expect(reviewed).toMatchObject({ reviewed: true, reviewerId: me.id, reviewComment: '拜访目的明确，下次带上报价单' });
  });

  it('the sales manager moves a customer to another rep (责任分区)', async () => {
    const zheng = await person('sales.rep.zheng');
    const customers = (await api('sales.manager', 'get', '/customers?pageSize=100')).body.items as { id: string; name: string; ownerId: string; department: string }[];
    const customer = customers.find((c) => c.department === 'sales' && c.ownerId !== zheng.id)!;
    expect(customer).toBeDefined();
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'sales.manager', undefined, `/customers/${customer.id}`);
      await page.getByRole('button', { name: '分配负责人' }).click();
      const dialog = page.getByRole('dialog', { name: '划分责任分区' });
      await choose(page, '新负责人', `${zheng.displayName}（销售业务员）`, { scope: dialog });
      await checkPage(page, 'team-customer-assign');
      await button(dialog, '分配').click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText(`${zheng.displayName}（销售部）`).waitFor();
    });
    const after = (await api('sales.manager', 'get', `/customers/${customer.id}`)).body;
    expect(after).toMatchObject({ ownerId: zheng.id, department: 'sales' });
  });
});
