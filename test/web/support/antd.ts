import type { Locator, Page } from 'playwright-core';

/** antd spaces a two-character Chinese button label ("停 用"): match it with or without the space. */
export const button = (scope: Page | Locator, label: string) => scope.getByRole('button', { name: new RegExp(`^${label.split('').join('\\s*')}$`) });

/** The open antd Select dropdown (a closing one keeps its node for a moment, marked hidden). */
export const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');

/**
 * Picks `option` in the antd Select labelled `label` (within `scope`, e.g. a drawer), typing
 * `search` first when given, and waits until the select shows it. A tap that lands while the
 * dropdown is still sliding in (a busy machine) is not taken by antd; the pick is then repeated,
 * as a person would tap again — what is asserted is that the select ends up holding the option
 * (its name before " · ", for options such as "刘洋 · 销售主管" that show the person once chosen).
 */
export async function choose(page: Page, label: string, option: string, opts: { search?: string; scope?: Page | Locator } = {}): Promise<void> {
  const scope = opts.scope ?? page;
  const input = scope.getByLabel(label, { exact: true });
  // (an inner locator is taken relative to the outer one, so it starts from the page)
  const select = scope.locator('.ant-select').filter({ has: page.getByLabel(label, { exact: true }) });
  for (let attempt = 1; ; attempt++) {
    // a dropdown still fading out from the last pick would offer its stale options
    await openDropdown(page).waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
    await input.click();
    if (opts.search) await input.fill(opts.search);
    await openDropdown(page).getByTitle(option, { exact: true }).click();
    await openDropdown(page).waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
    const shown = await select
      .filter({ hasText: option.split(' · ')[0] })
      .waitFor({ timeout: 3_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) return;
    if (attempt === 3) throw new Error(`「${label}」没有选上「${option}」：显示为「${await select.innerText()}」`);
  }
}

/** Types a day (YYYY-MM-DD) into the antd DatePicker labelled `label` and confirms it. */
export async function pickDate(page: Page | Locator, label: string | Locator, day: string): Promise<void> {
  const input = typeof label === 'string' ? page.getByLabel(label, { exact: true }) : label;
  await input.click();
  await input.fill(day);
  await input.press('Enter');
  await input.blur();
}
