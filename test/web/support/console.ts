import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../../src/demo/demo-data';
import { seedDemo } from '../../../src/demo/seed-demo';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../setup/create-test-app';
import { loginToken } from '../../setup/users';
import { DEMO_TEMPLATE_ENV } from '../../setup/web-global-setup';

/** Debian's Chromium (SPEC §10); Playwright's own browser download cannot be used here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
/** Screenshots of every page the journeys pass, at phone and desktop size (README: "Screenshots"). */
export const SCREENSHOT_DIR = resolve(process.env.SCREENSHOT_DIR ?? join(__dirname, '..', '..', '..', 'dist', 'screenshots'));
/** The built console; TEST_CONSOLE_DIR points a suite at another build (e.g. one of several parallel ones). */
export const CONSOLE_DIR = resolve(process.env.TEST_CONSOLE_DIR ?? join(__dirname, '..', '..', '..', 'dist', 'web'));

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

/**
 * `describe` when Chromium is installed; otherwise the suite is skipped and says so once, loudly.
 * The browser suites need the built console (npm test builds it first, in pretest).
 */
export function describeInBrowser(name: string, fn: () => void): void {
  if (HAVE_CHROMIUM && existsSync(join(CONSOLE_DIR, 'index.html'))) {
    describe(name, fn);
    return;
  }
  const why = HAVE_CHROMIUM ? `控制台未构建（${CONSOLE_DIR}），先运行 npm run build` : `未找到 Chromium（${CHROMIUM}）：apt-get install -y chromium`;
  process.stdout.write(`\n[web] 跳过浏览器测试「${name}」：${why}\n`);
  describe.skip(name, fn);
}

export interface ConsoleWorld {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /** Bearer token of a demo account, for checking through the API what the journey did. */
  token(username: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * One app (on a fresh database, filled with the demo organisation) and one browser for a whole
 * suite; each journey opens its own context, so cookies never leak between roles.
 */
export async function startConsole(opts: { seed?: boolean; env?: Record<string, string> } = {}): Promise<ConsoleWorld> {
  // On Postgres the demo organisation was seeded once (web-global-setup.ts): copy it.
  const demoTemplate = opts.seed === false ? undefined : process.env[DEMO_TEMPLATE_ENV];
  const t = await createTestApp({ env: { CONSOLE_DIR, ...opts.env }, template: demoTemplate });
  try {
    if (opts.seed !== false && !demoTemplate) {
      await seedDemo(t.app, { adminUsername: 'admin', adminPassword: ADMIN_PASSWORD, businessTz: t.config.businessTz });
    }
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
    });
    const tokens = new Map<string, string>();
    return {
      t,
      baseUrl,
      browser,
      async token(username) {
        if (!tokens.has(username)) tokens.set(username, await loginToken(t, username, username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD));
        return tokens.get(username)!;
      },
      async close() {
        await browser.close().catch(() => undefined);
        await t.close();
      },
    };
  } catch (err) {
    await t.close();
    throw err;
  }
}

/** A fresh browser context at phone (390×844, touch) or desktop size, in Chinese, in business time. */
export async function openPage(w: ConsoleWorld, size: 'phone' | 'desktop' = 'phone', extra: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await w.browser.newContext({
    baseURL: w.baseUrl,
    viewport: size === 'phone' ? PHONE : DESKTOP,
    isMobile: size === 'phone',
    hasTouch: size === 'phone',
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // the console honours it by turning antd's motion off: a click never meets a dialog or dropdown
    // still sliding in (whose half-drawn state swallows it)
    reducedMotion: 'reduce',
    ...extra,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  (page as Page & { problems: string[] }).problems = problems;
  return { context, page };
}

/** Errors the page's scripts raised (uncaught exceptions and console errors, CSP refusals included). */
export function pageProblems(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD, next?: string): Promise<void> {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on the page as it stands: the serious and critical violations (SPEC §10 wants none). */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Runtime.evaluate is not subject to the page's CSP, so axe runs without loosening it.
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as { violations: AxeViolation[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Axe check plus a screenshot named after the page, at the page's current size. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-skeleton, .ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  // A dropdown still closing (antd animates it out) would be checked half-gone: wait until none is open.
  await page
    .waitForFunction(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden), .ant-picker-dropdown:not(.ant-picker-dropdown-hidden)'), undefined, { timeout: 5_000 })
    .catch(() => undefined);
  // Nor anything still fading or moving (a dialog closing, a menu entry taking its colour): colours
  // half-way through a transition would fail the contrast check. Endless animations do not count.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), undefined, { timeout: 5_000 })
    .catch(() => undefined);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const size = (page.viewportSize()?.width ?? 0) < 768 ? 'phone' : 'desktop';
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${size}.png`), fullPage: true });
  const violations = await seriousA11yViolations(page);
  expect({ page: name, violations: violations.map((v) => `${v.id} (${v.impact}): ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`) }).toEqual({ page: name, violations: [] });
  // Nothing scrolls sideways on a phone.
  if (size === 'phone') {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect({ page: name, horizontalOverflow: overflow }).toEqual({ page: name, horizontalOverflow: 0 });
  }
}

/** Every visible button and link of the main area at least 44×44 px (SPEC §10, phone). */
export async function smallTapTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('main button, main a[href], nav a[href], main [role="button"], main input:not([type="hidden"]), main .ant-select'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (el.closest('.ant-table, .ant-pagination, .ant-picker-dropdown, [data-tap-exempt]')) continue;
      if (r.height < 44 || r.width < 44) out.push(`${el.tagName.toLowerCase()}「${(el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 20)}」${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
}

/** One person's visit in a fresh context: no script errors by the end; a screenshot if it fails. */
export async function journey(w: ConsoleWorld, size: 'phone' | 'desktop', fn: (page: Page) => Promise<void>): Promise<void> {
  const { context, page } = await openPage(w, size);
  try {
    await fn(page);
    expect(pageProblems(page)).toEqual([]);
  } catch (err) {
    await page.screenshot({ path: join(SCREENSHOT_DIR, `failed-${expect.getState().currentTestName?.slice(0, 40).replace(/\W+/g, '_')}.png`), fullPage: true }).catch(() => undefined);
    throw err;
  } finally {
    await context.close();
  }
}
