import type { Page } from 'playwright-core';
import { DEFAULT_LIST_COUNT_CAP, setListCountCap } from '../../src/common/list-total';
import { usccCheckCharacter } from '../../src/parties/uscc';
import { checkPage, describeInBrowser, journey, openPage, pageProblems, signIn, smallTapTargets, startConsole, type ConsoleWorld } from './support/console';

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** A fresh 统一社会信用代码 with a correct GB 32100 check character. */
function validUscc(): string {
  let body = '91440300';
  for (let i = 0; i < 9; i++) body += USCC_CHARS[Math.floor(Math.random() * USCC_CHARS.length)];
  return body + usccCheckCharacter(body);
}
const freshPhone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const tag = () => Math.random().toString(36).slice(2, 7);

interface Prospect {
  id: string;
  companyName: string;
  uscc: string | null;
  contactName: string;
  contactPhone: string;
  region: string | null;
  industry: string | null;
  source: string | null;
  notes: string | null;
  status: string;
  ownerId: string | null;
  version: number;
  registeredCapital: string | null;
  capitalVerified: boolean;
}

describeInBrowser('潜在客户 and 公海: register with live 查重, my list, detail, evaluate, claim', () => {
  let w: ConsoleWorld;
  const ids: Record<string, string> = {};
  const get = async (username: string, path: string) => w.t.http().get(`/api/v1${path}`).set('authorization', `Bearer ${await w.token(username)}`);

  beforeAll(async () => {
    w = await startConsole();
    for (const u of ['mkt.spec.sun', 'mkt.spec.zhou', 'ka.spec.ma', 'mkt.manager']) ids[u] = (await get(u, '/auth/me')).body.user.id;
  }, 180_000);
  afterAll(() => w?.close());

  /** Fills the register form as a person would. */
  async function fillRegister(page: Page, v: Record<string, string>) {
    for (const [label, value] of Object.entries(v)) await page.getByLabel(label, { exact: true }).fill(value);
    await page.keyboard.press('Escape'); // closes an open suggestion list
  }

  it('market.specialist: register with the live duplicate warning, find it in my list, open it', async () => {
    // a company that already exists (another specialist's): named by kind only, not linked
    const taken: Prospect = (await get('mkt.manager', `/prospects?ownerId=${ids['mkt.spec.zhou']}&pageSize=1`)).body.items[0];
    const { context, page } = await openPage(w, 'phone');
    await signIn(page, 'mkt.spec.sun');
    await page.waitForURL('**/tasks');
    await page.getByRole('button', { name: '登记潜在客户' }).click();
    await page.waitForURL('**/prospects/new');

    await page.getByLabel('公司名称').fill(taken.companyName);
    const warning = page.getByTestId('duplicate-companyName');
    await warning.waitFor();
    expect(await warning.innerText()).toContain('已有潜在客户同名');
    expect(await page.locator('main a[href^="/prospects/"]').count()).toBe(0);
    await page.getByLabel('联系电话').fill(taken.contactPhone);
    await page.getByTestId('duplicate-contactPhone').waitFor();
    expect(await page.getByTestId('duplicate-contactPhone').innerText()).toContain('已有潜在客户使用该联系电话');
    // a malformed USCC is refused in the form, before any request
    const uscc = validUscc();
    const wrongCheck = uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
    await page.getByLabel('统一社会信用代码').fill(wrongCheck);
    await page.getByText('统一社会信用代码校验位不正确').waitFor();
    await checkPage(page, 'prospect-create');
    expect(await smallTapTargets(page)).toEqual([]);

    const typed = {
      公司名称: `杭州云杉${tag()}数据科技有限公司`,
      统一社会信用代码: uscc,
      联系人: '钱文博',
      联系电话: freshPhone(),
      地区: '华东',
      行业: '软件',
      来源: '展会',
      备注: '展会上交换名片，对数据平台感兴趣',
    };
    await fillRegister(page, typed);
    // the warnings go once the typed name and phone are free (debounced check answered)
    await warning.waitFor({ state: 'detached' });
    await page.getByTestId('duplicate-contactPhone').waitFor({ state: 'detached' });
    expect(await page.getByText('统一社会信用代码校验位不正确').count()).toBe(0);
    await page.getByRole('button', { name: '提交登记' }).click();
    await page.waitForURL(/\/prospects\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await page.getByText('登记成功').waitFor();
    expect(await page.getByRole('button', { name: '记录拜访' }).count()).toBeGreaterThan(0);
    await checkPage(page, 'prospect-detail');

    // through the API: it exists, sun owns it, every field as typed
    const res = await get('mkt.spec.sun', `/prospects/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      companyName: typed.公司名称,
      uscc,
      contactName: typed.联系人,
      contactPhone: typed.联系电话,
      region: '华东',
      industry: '软件',
      source: '展会',
      notes: typed.备注,
      status: 'new',
      ownerId: ids['mkt.spec.sun'],
    });

    // my list: search, then open it
    await page.goto('/prospects');
    await page.getByLabel('搜索').fill(typed.公司名称.slice(2, 8));
    const searched = page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === typed.公司名称.slice(2, 8));
    await page.getByLabel('搜索').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === typed.公司名称.slice(2, 8));
    expect((await searched).status()).toBe(200);
    const card = page.getByRole('link').filter({ hasText: typed.公司名称 });
    await card.waitFor();
    await page.waitForTimeout(100); // the filtered page replaces the previous one
    expect(await page.getByRole('link').filter({ hasText: '有限公司' }).count()).toBe(1);
    await checkPage(page, 'prospect-list');
    await card.click();
    await page.waitForURL(`**/prospects/${id}`);
    await page.getByRole('heading', { name: typed.公司名称 }).waitFor();
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it('market.specialist: claims a prospect from the 公海; a former owner within 7 days is refused with the API message', async () => {
    // Two of the demo's prospects go to the pool as the stale-check job releases them (SPEC §7):
    // one of zhou's (sun may claim it), one of sun's own (sun may not, for 7 days).
    const [zhous, suns] = await Promise.all([
      get('mkt.manager', `/prospects?ownerId=${ids['mkt.spec.zhou']}&status=new&pageSize=1`),
      get('mkt.manager', `/prospects?ownerId=${ids['mkt.spec.sun']}&status=new&pageSize=1&sort=createdAt`),
    ]);
    const free: Prospect = zhous.body.items[0];
    const mine: Prospect = suns.body.items[0];
    const release = (p: Prospect, from: string, ago: string) =>
      w.t.ds.query(`UPDATE prospects SET released_from = owner_id, owner_id = NULL, released_at = now() - $3::interval, version = version + 1 WHERE id = $1 AND owner_id = $2`, [p.id, from, ago]);
    await release(free, ids['mkt.spec.zhou'], '2 hours');
    await release(mine, ids['mkt.spec.sun'], '1 hour');

    const { context, page } = await openPage(w, 'phone');
    await signIn(page, 'mkt.spec.sun', undefined, '/pool');
    await page.waitForURL('**/pool');
    await page.getByText(free.companyName).waitFor();
    await checkPage(page, 'pool');
    expect(await smallTapTargets(page)).toEqual([]);

    // refused: sun released it an hour ago
    await page.getByRole('button', { name: `认领 ${mine.companyName}` }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'PROSPECT_RECLAIM_TOO_SOON' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('7 天内不能重新认领');
    expect((await get('mkt.manager', `/prospects/${mine.id}`)).body.ownerId).toBeNull();

    await page.getByRole('button', { name: `认领 ${free.companyName}` }).click();
    await page.waitForURL(`**/prospects/${free.id}`);
    await page.getByText('认领成功').waitFor();
    const claimed = await get('mkt.spec.sun', `/prospects/${free.id}`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.ownerId).toBe(ids['mkt.spec.sun']);
    expect((await get('mkt.spec.zhou', `/prospects/${free.id}`)).status).toBe(404);
    await context.close();
  });

  it('key_account.specialist: registers a prospect and adds an evaluation (评估验资) from its page', async () => {
    const { context, page } = await openPage(w, 'phone');
    await signIn(page, 'ka.spec.ma', undefined, '/prospects/new');
    await page.waitForURL('**/prospects/new');
    const name = `苏州恒信${tag()}精密机械股份有限公司`;
    await fillRegister(page, { 公司名称: name, 联系人: '沈立', 联系电话: freshPhone() });
    await page.getByRole('button', { name: '提交登记' }).click();
    await page.waitForURL(/\/prospects\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await page.getByText('尚未评估').waitFor();

    await page.getByRole('button', { name: '评估验资' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('注册资本（元）').fill('3000000.50');
    await drawer.getByLabel('已验资').click();
    await drawer.getByLabel('评分（0–100）').fill('86');
    await drawer.getByText('通过', { exact: true }).click();
    await drawer.getByLabel('评估说明').fill('实缴资本已核验，年采购额预计超过 300 万');
    await checkPage(page, 'prospect-evaluate');
    await drawer.getByRole('button', { name: '提交评估' }).click();
    await drawer.waitFor({ state: 'hidden' });
    const item = page.getByTestId('evaluation').first();
    await item.waitFor();
    expect(await item.innerText()).toContain('实缴资本已核验');
    await page.getByRole('heading', { name }).getByText('已评估合格').waitFor();

    const [p, evals] = await Promise.all([get('ka.spec.ma', `/prospects/${id}`), get('ka.spec.ma', `/prospects/${id}/evaluations`)]);
    expect(p.body).toMatchObject({ companyName: name, ownerId: ids['ka.spec.ma'], status: 'qualified', registeredCapital: '3000000.50', capitalVerified: true });
    expect(evals.body.items).toHaveLength(1);
    expect(evals.body.items[0]).toMatchObject({ evaluatorId: ids['ka.spec.ma'], score: 86, conclusion: 'pass', capitalVerified: true, registeredCapital: '3000000.50', notes: '实缴资本已核验，年采购额预计超过 300 万' });
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it('market.manager at a desk: the department list with filters, a prospect edited and assigned, a qualified one converted', async () => {
    const { context, page } = await openPage(w, 'desktop');
    await signIn(page, 'mkt.manager', undefined, '/prospects?status=qualified');
    await page.waitForURL('**/prospects?status=qualified');
    await page.locator('.ant-table-row').first().waitFor();
    const statuses = await page.locator('.ant-table-row .ant-tag').allInnerTexts();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['已评估合格']));
    await checkPage(page, 'prospect-list');

    const target: Prospect = (await get('mkt.manager', `/prospects?ownerId=${ids['mkt.spec.zhou']}&status=contacting&pageSize=1`)).body.items[0];
    await page.goto(`/prospects/${target.id}`);
    await page.getByRole('heading', { name: target.companyName }).waitFor();
    await checkPage(page, 'prospect-detail');

    await page.getByRole('button', { name: '编辑' }).click();
    const drawer = page.getByRole('dialog');
    expect(await drawer.getByLabel('公司名称').inputValue()).toBe(target.companyName);
    await drawer.getByLabel('备注').fill('经理复核：重点跟进');
    await checkPage(page, 'prospect-edit');
    await drawer.getByRole('button', { name: /^保\s*存$/ }).click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByRole('main').getByText('经理复核：重点跟进').waitFor();
    const edited = (await get('mkt.manager', `/prospects/${target.id}`)).body as Prospect;
    expect(edited).toMatchObject({ notes: '经理复核：重点跟进', companyName: target.companyName, version: target.version + 1 });

    await page.getByRole('button', { name: '分派' }).click();
    const modal = page.getByRole('dialog');
    await modal.getByLabel('负责人').fill('孙悦');
    await page.keyboard.press('Enter');
    await modal.getByRole('button', { name: /^分\s*派$/ }).click();
    await modal.waitFor({ state: 'hidden' });
    await page.getByText('负责人：孙悦').waitFor();
    expect((await get('mkt.manager', `/prospects/${target.id}`)).body.ownerId).toBe(ids['mkt.spec.sun']);

    // 转为客户: a qualified prospect from the list becomes a customer; the console goes there
    await page.goto('/prospects?status=qualified');
    const row = page.getByRole('row').filter({ hasText: '已评估合格' }).first();
    const name = (await row.getByRole('cell').first().innerText()).trim();
    await row.click();
    await page.waitForURL(/\/prospects\/[0-9a-f-]{36}$/);
    const qualifiedId = page.url().split('/').pop()!;
    await page.getByRole('button', { name: '转为客户' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText(name).waitFor();
    await confirm.getByRole('button', { name: '转为客户' }).click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    const customerId = page.url().split('/').pop()!;
    expect((await get('mkt.manager', `/prospects/${qualifiedId}`)).body).toMatchObject({ status: 'converted', customerId, companyName: name });
    const customer = await get('mkt.manager', `/customers/${customerId}`);
    expect(customer.status).toBe(200);
    expect(customer.body.name).toBe(name);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it('past the count cap the list shows its total as an estimate, and still pages to the end, where it is exact', async () => {
    const all = (await get('mkt.manager', '/prospects?pageSize=100')).body as { total: number; totalExact: boolean };
    expect(all.totalExact).toBe(true);
    expect(all.total).toBeGreaterThan(10);
    setListCountCap(w.t.ds, 5); // this app's lists now count at most 5 rows
    try {
      await journey(w, 'desktop', async (page) => {
        await signIn(page, 'mkt.manager', undefined, '/prospects?pageSize=10');
        await page.getByText(/^约 [\d,]+ 条$/).waitFor();
        await page.locator('.ant-pagination-item-2').click();
        await page.waitForURL(/page=2/);
        await page.getByText(/^约 [\d,]+ 条$/).waitFor();
        await page.goto(`/prospects?pageSize=10&page=${Math.ceil(all.total / 10)}`);
        await page.getByText(`共 ${all.total} 条`).waitFor();
      });
      await journey(w, 'phone', async (page) => {
        await signIn(page, 'mkt.manager', undefined, '/prospects?pageSize=10');
        await page.getByText(/^第 1 \/ 约 \d+ 页$/).waitFor();
        await page.getByRole('button', { name: '下一页' }).click();
        await page.getByText(/^第 2 \/ 约 \d+ 页$/).waitFor();
      });
    } finally {
      setListCountCap(w.t.ds, DEFAULT_LIST_COUNT_CAP);
    }
  });
});
