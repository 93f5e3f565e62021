import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { usccCheckCharacter } from '../../src/parties/uscc';
import { checkPage, describeInBrowser, journey, signIn, startConsole, type ConsoleWorld } from './support/console';

const HEADERS = ['客户名称', '统一社会信用代码', '联系人', '联系电话', '地址', '地区', '行业'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TIMING_FILE = resolve(__dirname, '..', '..', 'dist', 'import-timing.json');

type Cell = string | number | null;

async function xlsx(headers: string[], rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A valid USCC of the test's own numbering, and the same with a wrong check character. */
const uscc = (n: number) => {
  const first17 = `91320583${String(n).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
};
const wrongCheck = (n: number) => {
  const good = uscc(n);
  return good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
};

/** Picks the file in the page's file input, as dropping or choosing it would. */
async function pick(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.locator('[data-testid="import-file-picker"] input[type="file"], input[type="file"]').first().setInputFiles({ name, mimeType: XLSX, buffer });
  await page.getByTestId('import-file').getByText(name).waitFor();
}

/** Waits until the dry run shown has finished (a commit is waited for by its result's title). */
async function checked(page: Page): Promise<void> {
  await page.locator('[data-testid="import-progress"][data-dry-run="true"][data-status="completed"]').waitFor({ timeout: 90_000 });
}

const total = async (page: Page, status: string) => Number(await page.getByTestId(`import-total-${status}`).getAttribute('data-value'));
const rowText = (page: Page, row: number) => page.locator(`[data-testid="import-row"][data-row="${row}"]`);

/** Records every progress value the page shows (status:processed), from now on. */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __seen: string[] };
    w.__seen = [];
    const note = () => {
      const el = document.querySelector('[data-testid="import-progress"]');
      if (!el) return;
      const v = `${el.getAttribute('data-status')}:${el.getAttribute('data-processed')}:${el.getAttribute('data-total')}`;
      if (w.__seen[w.__seen.length - 1] !== v) w.__seen.push(v);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-processed', 'data-status'] });
  });
}
const seen = (page: Page) => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);

describeInBrowser('导入: the 销售内勤 imports customers from Excel (SAL-6.3)', () => {
  let w: ConsoleWorld;
  const api = async (path: string) => w.t.http().get(`/api/v1${path}`).set('authorization', `Bearer ${await w.token('sales.clerk')}`);
  /** The customers whose name holds `q` (all of them without), counted in the database: past LIST_COUNT_CAP the API's total is an estimate. */
  const customerCount = async (q?: string) =>
    (await w.t.ds.query(`SELECT count(*)::int AS n FROM customers WHERE strpos(name, $1) > 0`, [q ?? '']))[0].n as number;

  beforeAll(async () => {
    w = await startConsole();
  }, 180_000);
  afterAll(() => w?.close());

  it('checks a file row by row, takes the fixed file, imports it, and the same file again creates nothing', async () => {
    const clerk = (await api('/auth/me')).body.user.id as string;
    const existing = (await api('/customers?sort=name&pageSize=1')).body.items[0] as { id: string; name: string };
    expect(existing).toBeDefined();
    const tag = `导测${Date.now().toString(36).slice(-5)}`;
    const name = (s: string) => `${tag}${s}有限公司`;
    const phone = (n: number) => `1378${String(Date.now() % 10_000).padStart(4, '0')}${String(n).padStart(3, '0')}`;
    const good = [name('苏州精工'), uscc(1), '张伟', phone(1), '苏州市工业园区星湖街 1 号', '华东', '机械'];
    const rows = (fixed: boolean): Cell[][] => [
      /* 2 */ good,
      /* 3 */ [name('昆山电子'), fixed ? uscc(2) : wrongCheck(2), '李娜', phone(2), null, '华东', '电子'],
      /* 4 */ [name('南通船舶'), null, fixed ? '孙八' : null, phone(3), null, null, null],
      /* 5 */ [existing.name, null, '王五', phone(4), null, null, null],
      /* 6 */ [name('苏州精工二厂'), null, '赵六', `+86 ${String(good[3]).slice(0, 3)}-${String(good[3]).slice(3, 7)}-${String(good[3]).slice(7)}`, null, null, null],
      /* 7 */ [name('扬州漆器'), null, '钱七', phone(5), null, '华东', '工艺品'],
    ];
    const before = await customerCount();

    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.clerk');
      await page.goto('/customers');
      await page.getByRole('button', { name: /(^|\s)导\s*入$/ }).click();
      await page.waitForURL('**/imports/new?kind=customers');
      await page.getByRole('heading', { name: '导入客户' }).waitFor();
      await checkPage(page, 'import-new');

      // the template: an Excel file whose first row is the columns
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载模板/ }).click()]);
      expect(download.suggestedFilename()).toBe('客户导入模板.xlsx');
      const template = new ExcelJS.Workbook();
      await template.xlsx.readFile(await download.path());
      expect((template.worksheets[0].getRow(1).values as Cell[]).slice(1)).toEqual(HEADERS);

      // a file without the 联系电话 column: refused with the problem, and the file stays chosen
      await pick(page, '缺列.xlsx', await xlsx(['客户名称', '联系人'], [[name('缺列'), '某人']]));
      await page.getByRole('button', { name: /开始检查/ }).click();
      const problem = page.getByRole('alert').filter({ hasText: 'IMPORT_MISSING_HEADER' });
      await problem.waitFor();
      await problem.getByText(/表头缺少必填列：联系电话/).waitFor();
      await page.getByTestId('import-file').getByText('缺列.xlsx').waitFor();

      // the file with mistakes: row by row, what is wrong and what duplicates what
      await pick(page, '客户名单.xlsx', await xlsx(HEADERS, rows(false)));
      expect(await problem.count()).toBe(0);
      await page.getByRole('button', { name: /开始检查/ }).click();
      await checked(page);
      expect([await total(page, 'create'), await total(page, 'duplicate'), await total(page, 'error')]).toEqual([2, 2, 2]);
      await rowText(page, 3).getByText(/统一社会信用代码 校验位错误/).waitFor();
      await rowText(page, 4).getByText('联系人 不能为空').waitFor();
      await rowText(page, 5).getByText('与已登记的客户重复（客户名称相同）').waitFor();
      expect(await rowText(page, 5).getByRole('link', { name: '查看' }).getAttribute('href')).toBe(`/customers/${existing.id}`);
      await rowText(page, 6).getByText('与文件第 2 行重复（联系电话相同）').waitFor();
      for (const r of [2, 7]) expect(await rowText(page, r).getAttribute('data-status')).toBe('create');
      await checkPage(page, 'import-dry-run');
      // filtered to the errors: only rows 3 and 4, and the filter is in the URL
      await page.locator('label.ant-radio-button-wrapper', { hasText: '有错误' }).click();
      await page.waitForURL((u) => u.searchParams.get('status') === 'error');
      await page.locator('[data-testid="import-row"][data-row="2"]').waitFor({ state: 'detached' });
      expect(await page.getByTestId('import-row').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-row'))))).toEqual([3, 4]);
      // nothing was created by checking
      expect(await customerCount(tag)).toBe(0);

      // the corrected file: checked again, then imported
      await pick(page, '客户名单-改.xlsx', await xlsx(HEADERS, rows(true)));
      await page.getByRole('button', { name: /开始检查/ }).click();
      await checked(page);
      expect([await total(page, 'create'), await total(page, 'duplicate'), await total(page, 'error')]).toEqual([4, 2, 0]);
      await page.getByRole('button', { name: /确认导入 4 行/ }).click();
      await page.getByText('已导入 4 个客户').waitFor({ timeout: 60_000 });
      expect(await total(page, 'created')).toBe(4);
      await rowText(page, 2).getByRole('link', { name: '查看客户' }).waitFor();
      await checkPage(page, 'import-done');

      // exactly the four, owned by the clerk, as the file has them
      const created = (await api(`/customers?q=${encodeURIComponent(tag)}&pageSize=100&sort=name`)).body.items as Array<{ name: string; ownerId: string; uscc: string | null; contactName: string }>;
      expect(created.map((c) => c.name).sort()).toEqual([name('苏州精工'), name('昆山电子'), name('南通船舶'), name('扬州漆器')].sort());
      expect(created.every((c) => c.ownerId === clerk)).toBe(true);
      expect(created.find((c) => c.name === name('昆山电子'))).toMatchObject({ uscc: uscc(2) });
      expect(created.find((c) => c.name === name('南通船舶'))).toMatchObject({ contactName: '孙八' });
      expect(await customerCount()).toBe(before + 4);

      // the list of customers is one click away
      await page.getByRole('link', { name: /查看客户列表/ }).click();
      await page.waitForURL('**/customers?sort=-createdAt');
      await page.getByText(name('扬州漆器')).first().waitFor();

      // the same file again: nothing to import, nothing created
      await page.goto('/imports/new?kind=customers');
      await pick(page, '客户名单-改.xlsx', await xlsx(HEADERS, rows(true)));
      await page.getByRole('button', { name: /开始检查/ }).click();
      await checked(page);
      expect([await total(page, 'create'), await total(page, 'duplicate'), await total(page, 'error')]).toEqual([0, 6, 0]);
      await page.getByTestId('import-nothing').waitFor();
      expect(await page.getByRole('button', { name: /确认导入/ }).count()).toBe(0);
      await checkPage(page, 'import-nothing-to-do');
      expect(await customerCount()).toBe(before + 4);
      expect(await customerCount(tag)).toBe(4);
    });
  }, 120_000);

  it('the pages at phone size', async () => {
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'sales.clerk');
      const [last] = (await w.t.ds.query(`SELECT id FROM imports WHERE kind = 'customers' AND dry_run ORDER BY created_at LIMIT 1`)) as { id: string }[];
      await page.goto('/imports/new?kind=customers');
      await page.getByRole('heading', { name: '导入客户' }).waitFor();
      await checkPage(page, 'import-new');
      // a dry run shown by its link (the file itself is not in the URL)
      await page.goto(`/imports/new?kind=customers&id=${last.id}`);
      await page.locator('[data-testid="import-progress"][data-status="completed"]').waitFor();
      await page.getByTestId('import-row').first().waitFor();
      await checkPage(page, 'import-dry-run');
    });
  }, 60_000);

  it('5,000 rows: checked and imported through the console with a moving progress bar', async () => {
    const tag = `万行${Date.now().toString(36).slice(-5)}`;
    const base = 16_000_000 + (Date.now() % 1_000_000);
    const rows: Cell[][] = Array.from({ length: 5000 }, (_, i) => [`${tag}第${i}号贸易有限公司`, null, `联系人${i}`, `15${String(base + i).padStart(9, '0')}`, null, '华南', '贸易']);
    const file = await xlsx(HEADERS, rows);
    const before = await customerCount();
    const timing = { rows: 5000, fileBytes: file.length, dryRunSeconds: 0, commitSeconds: 0, dryRunProgressSeen: [] as string[], commitProgressSeen: [] as string[] };

    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.clerk');
      await page.goto('/imports/new?kind=customers');
      await pick(page, '五千行.xlsx', file);

      await watchProgress(page);
      let t0 = Date.now();
      await page.getByRole('button', { name: /开始检查/ }).click();
      await checked(page);
      timing.dryRunSeconds = (Date.now() - t0) / 1000;
      timing.dryRunProgressSeen = await seen(page);
      expect(await total(page, 'create')).toBe(5000);

      await watchProgress(page);
      t0 = Date.now();
      await page.getByRole('button', { name: /确认导入 5000 行/ }).click();
      await page.getByText('已导入 5000 个客户').waitFor({ timeout: 90_000 });
      timing.commitSeconds = (Date.now() - t0) / 1000;
      timing.commitProgressSeen = await seen(page);
      await checkPage(page, 'import-5000-done');
    });

    // the bar moved: at least one value between 0 and 5,000 was on screen while the commit ran
    const between = (values: string[]) => values.filter((v) => /^running:(\d+):5000$/.test(v) && Number(v.split(':')[1]) > 0 && Number(v.split(':')[1]) < 5000);
    expect(between(timing.commitProgressSeen).length).toBeGreaterThanOrEqual(1);
    expect(timing.commitProgressSeen[timing.commitProgressSeen.length - 1]).toBe('completed:5000:5000');
    expect(await customerCount(tag)).toBe(5000);
    expect(await customerCount()).toBe(before + 5000);

    const report = { ...timing, intermediateDuringDryRun: between(timing.dryRunProgressSeen).length, intermediateDuringCommit: between(timing.commitProgressSeen).length, measuredAt: new Date().toISOString() };
    process.stdout.write(`\n[web] 导入 5000 行：检查 ${timing.dryRunSeconds.toFixed(1)} s，正式导入 ${timing.commitSeconds.toFixed(1)} s（进度中间值：检查 ${report.intermediateDuringDryRun} 个，导入 ${report.intermediateDuringCommit} 个）\n`);
    mkdirSync(join(TIMING_FILE, '..'), { recursive: true });
    writeFileSync(TIMING_FILE, `${JSON.stringify(report, null, 2)}\n`);
  }, 150_000);
});
