import { checkPage, describeInBrowser, openPage, pageProblems, signIn, smallTapTargets, startConsole, type ConsoleWorld } from './support/console';

/** "¥1,234,567.80", as the console shows money (the test's own formatting, not the console's code). */
const yuan = (s: string) => {
  const [int, frac] = s.split('.');
  return `¥${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
};

describeInBrowser('客户: the customer list and the customer page, by role', () => {
  let w: ConsoleWorld;
  const api = async (user: string, method: 'get' | 'post' | 'patch', path: string, body?: object) => {
    const req = w.t.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`);
    return body ? req.send(body) : req;
  };

  beforeAll(async () => {
    w = await startConsole();
  }, 180_000);
  afterAll(() => w?.close());

  it('a sales rep finds his customer and sees its contracts and receivables (overdue in red)', async () => {
    // a customer of his with an overdue receivable (the demo signs contracts months ago)
    const overdue = (await api('sales.rep.wu', 'get', '/receivables?overdue=true&pageSize=1')).body.items[0] as { customerId: string; customerName: string; contractNumber: string; outstanding: string };
    expect(overdue).toBeDefined();
    const contracts = (await api('sales.rep.wu', 'get', `/contracts?customerId=${overdue.customerId}`)).body.items as { number: string }[];
    const receivables = (await api('sales.rep.wu', 'get', `/receivables?customerId=${overdue.customerId}&pageSize=100`)).body.items as { overdue: boolean }[];
    const customer = (await api('sales.rep.wu', 'get', `/customers/${overdue.customerId}`)).body;

    const { context, page } = await openPage(w, 'phone');
    await signIn(page, 'sales.rep.wu');
    await page.getByTestId('bar-customers').click();
    await page.waitForURL('**/customers');
    await page.getByRole('heading', { name: '客户' }).waitFor();
    await page.getByRole('link', { name: /有限/ }).first().waitFor();
    await checkPage(page, 'customers-list');

    // search by part of the name: the list narrows to it
    const part = customer.name.slice(0, 6);
    await page.getByLabel('搜索').fill(part);
    await page.getByLabel('搜索').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === part);
    await page.getByRole('link', { name: new RegExp(customer.name) }).click();
    await page.waitForURL(`**/customers/${customer.id}`);
    await page.getByRole('heading', { name: new RegExp(customer.name) }).waitFor();

    // contact: the phone is a tappable tel: link
    const tel = page.getByTestId('customer-tel');
    expect(await tel.getAttribute('href')).toBe(`tel:${customer.contactPhone.replace(/[^\d+]/g, '')}`);
    const box = await tel.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);

    // 合同: every contract of the customer, by number
    const contractSection = page.getByTestId('customer-contracts');
    for (const k of contracts) await contractSection.getByText(k.number).waitFor();
    expect(await contractSection.getByRole('link').count()).toBe(contracts.length);
    // 应收账款: one row per receivable, the overdue one in red with its amount
    const rows = page.getByTestId('customer-receivables').getByRole('link');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(receivables.length);
    const red = page.locator('[data-overdue]').filter({ hasText: yuan(overdue.outstanding) });
    await red.first().waitFor();
    expect(await red.first().evaluate((el) => getComputedStyle(el).color)).toBe('rgb(207, 19, 34)');
    expect(await page.locator('[data-overdue]').count()).toBe(receivables.filter((r) => r.overdue).length);

    // a general customer: the rep may draft a contract (SAL-7.3) and file a complaint
    await page.getByRole('button', { name: /新建合同/ }).waitFor();
    await page.getByRole('button', { name: /登记投诉/ }).waitFor();
    // no tier history for a general customer, and a rep cannot read tiers anyway
    expect(await page.getByText('等级变更').count()).toBe(0);
    await checkPage(page, 'customer-detail');
    expect(await smallTapTargets(page)).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it('a key-account specialist sees her key account with its tier history and edits its contact', async () => {
    const ma = (await api('ka.spec.ma', 'get', '/auth/me')).body.user.id;
    const account = (await api('ka.spec.ma', 'get', `/key-accounts?ownerId=${ma}&sort=-name&pageSize=1`)).body.items[0] as { customerId: string; name: string; tierName: string };
    const before = (await api('ka.spec.ma', 'get', `/customers/${account.customerId}`)).body;

    const { context, page } = await openPage(w, 'phone');
    await signIn(page, 'ka.spec.ma');
    await page.goto('/customers?isKeyAccount=true');
    await page.getByRole('link', { name: new RegExp(account.name) }).click();
    await page.waitForURL(`**/customers/${account.customerId}`);
    await page.getByTestId('next-visit-due').waitFor();
    // the tier change that made it a key account, with its reason
    await page.getByTestId('customer-tier-history').getByText(`非大客户 → ${account.tierName}`).waitFor();
    // a key-account specialist drafts no contracts
    expect(await page.getByRole('button', { name: /新建合同/ }).count()).toBe(0);
    await checkPage(page, 'customer-detail-key-account');

    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await page.getByRole('dialog').getByLabel('联系人').fill('马国强');
    await page.getByRole('dialog').getByLabel('联系电话').fill('0755-8888 6666');
    await checkPage(page, 'customer-edit');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByText('0755-8888 6666').waitFor();
    const after = (await api('ka.spec.ma', 'get', `/customers/${account.customerId}`)).body;
    expect(after).toMatchObject({ contactName: '马国强', contactPhone: '0755-8888 6666', version: before.version + 1, name: before.name });
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it('the managers at a desk: the customer list with filters and a customer page', async () => {
    for (const manager of ['sales.manager', 'mkt.manager']) {
      const first = (await api(manager, 'get', '/customers?sort=name&pageSize=1')).body.items[0] as { id: string; name: string };
      const { context, page } = await openPage(w, 'desktop');
      await signIn(page, manager);
      await page.goto('/customers?sort=name');
      await page.locator('tbody tr.ant-table-row').first().waitFor();
      expect(await page.locator('tbody tr.ant-table-row').first().textContent()).toContain(first.name);
      await checkPage(page, `customers-list-${manager}`);
      await page.locator('tbody tr.ant-table-row').first().click();
      await page.waitForURL(`**/customers/${first.id}`);
      await page.getByTestId('customer-visits').waitFor();
      await page.getByTestId('customer-contracts').waitFor();
      await checkPage(page, `customer-detail-${manager}`);
      expect(pageProblems(page)).toEqual([]);
      await context.close();
    }
  });

  it('the clerk at a desk builds the customer archive: a new customer, a duplicate refused on its field with the typing kept', async () => {
    const existing = (await api('sales.clerk', 'get', '/customers?sort=name&pageSize=1')).body.items[0] as { name: string; contactPhone: string };
    const countOf = async (q: string) => (await api('sales.clerk', 'get', `/customers?q=${encodeURIComponent(q)}&pageSize=1`)).body.total as number;
    const name = '广州市澄明仪器有限公司';
    expect(await countOf(name)).toBe(0);

    const { context, page } = await openPage(w, 'desktop');
    await signIn(page, 'sales.clerk');
    await page.goto('/customers');
    await page.getByRole('button', { name: /导\s*入/ }).waitFor();
    await page.getByRole('button', { name: /新建客户/ }).click();
    await page.waitForURL('**/customers/new');
    await page.getByRole('heading', { name: '新建客户' }).waitFor();
    await page.getByLabel('客户名称').fill(name);
    // a USCC with a wrong check character is refused before it is sent
    await page.getByLabel('统一社会信用代码').fill('91440101MA5CXXXX0A');
    await page.getByLabel('联系人').fill('陈澄明');
    // the phone of an existing customer: the API refuses it, and says so on the field
    await page.getByLabel('联系电话').fill(existing.contactPhone);
    await page.getByLabel('地址').fill('广州市天河区科韵路 18 号');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('统一社会信用代码校验位不正确', { exact: false }).or(page.getByText('统一社会信用代码格式不正确', { exact: false })).first().waitFor();
    await page.getByLabel('统一社会信用代码').fill('');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已有客户使用该联系电话').waitFor();
    await page.getByTestId('problem-code').filter({ hasText: 'DUPLICATE_PARTY' }).waitFor();
    expect(await page.getByLabel('地址').inputValue()).toBe('广州市天河区科韵路 18 号');
    expect(await countOf(name)).toBe(0);
    await checkPage(page, 'customer-create-refused');

    await page.getByLabel('联系电话').fill('020-3888 1234');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await page.getByText('客户已建档').waitFor();
    const id = page.url().split('/').pop()!;
    const saved = (await api('sales.clerk', 'get', `/customers/${id}`)).body;
    const clerk = (await api('sales.clerk', 'get', '/auth/me')).body.user.id;
    expect(saved).toMatchObject({ name, contactName: '陈澄明', contactPhone: '020-3888 1234', address: '广州市天河区科韵路 18 号', uscc: null, ownerId: clerk, isKeyAccount: false });
    expect(await countOf(name)).toBe(1);
    expect(pageProblems(page).filter((p) => !/409/.test(p))).toEqual([]);
    await context.close();

    // a rep keeps no archive: neither button
    const rep = await openPage(w, 'desktop');
    await signIn(rep.page, 'sales.rep.wu');
    await rep.page.goto('/customers');
    await rep.page.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await rep.page.getByRole('button', { name: /新建客户|导\s*入/ }).count()).toBe(0);
    await rep.context.close();
  });
});
