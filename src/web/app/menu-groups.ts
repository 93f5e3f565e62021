import type { MenuEntry } from './menu';

/**
 * The headings the side menu and the 我的 page sort the entries under, in display order. A 经理
 * or the 总经理 has over twenty entries: under six headings they are found by what they are about.
 */
const GROUPS: { title: string; keys: string[] }[] = [
  { title: '工作台', keys: ['tasks', 'approvals', 'assignments'] },
  { title: '客户', keys: ['prospects', 'pool', 'customers', 'visits', 'key-accounts', 'complaints'] },
  { title: '合同与回款', keys: ['contracts', 'contract-archive', 'receivables', 'payments', 'ledger'] },
  { title: '市场与活动', keys: ['market-info', 'research-reports', 'channels', 'campaigns', 'meetings', 'trainings'] },
  { title: '计划与考核', keys: ['work-plans', 'targets', 'my-targets', 'reviews', 'review-schemes', 'my-reviews'] },
  { title: '报表与报告', keys: ['reports', 'work-reports'] },
  { title: '系统', keys: ['users', 'jobs', 'notifications', 'audit', 'duty-revisions', 'duties'] },
];

export interface MenuGroup {
  title: string;
  entries: MenuEntry[];
}

/** `entries` under their headings (empty headings left out); an entry no heading names goes last, under 其他. */
export function groupMenu(entries: MenuEntry[]): MenuGroup[] {
  const groups = GROUPS.map((g) => ({ title: g.title, entries: entries.filter((e) => g.keys.includes(e.key)) }));
  const named = new Set(GROUPS.flatMap((g) => g.keys));
  groups.push({ title: '其他', entries: entries.filter((e) => !named.has(e.key)) });
  return groups.filter((g) => g.entries.length > 0);
}
