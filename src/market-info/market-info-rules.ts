import { AppError } from '../common/app-error';

/**
 * The rules of 市场信息库 (MKT-5.6, MKT-6.1, SAL-6.2, SAL-7.5, SAL-8.3, KA-5.2, KA-6.5) in one place,
 * free of the database: the categories, the one table of entry states, and how a search is read.
 * The console bundles this file for its words and buttons; the API stays the authority.
 */

export const MARKET_INFO_CATEGORIES = ['competitor', 'price', 'lead_source', 'channel', 'policy', 'product_flow', 'terminal_sales', 'customer_opinion'] as const;
export type MarketInfoCategory = (typeof MARKET_INFO_CATEGORIES)[number];

export const CATEGORY_NAMES: Record<MarketInfoCategory, string> = {
  competitor: '竞争对手',
  price: '价格行情',
  lead_source: '客源',
  channel: '渠道',
  policy: '政策',
  product_flow: '产品流向',
  terminal_sales: '终端销售',
  customer_opinion: '客户意见',
};

export const MARKET_INFO_STATUSES = ['active', 'archived'] as const;
export type MarketInfoStatus = (typeof MARKET_INFO_STATUSES)[number];
export const MARKET_INFO_STATUS_NAMES: Record<MarketInfoStatus, string> = { active: '有效', archived: '已归档' };

/** `edit` (PATCH), 确认仍然准确, 归档, 恢复: an archived entry is read-only until restored. */
export type MarketInfoAction = 'edit' | 'confirm' | 'archive' | 'restore';
export const MARKET_INFO_TRANSITIONS: Readonly<Record<MarketInfoAction, Partial<Record<MarketInfoStatus, MarketInfoStatus>>>> = {
  edit: { active: 'active' },
  confirm: { active: 'active' },
  archive: { active: 'archived' },
  restore: { archived: 'active' },
};
export const MARKET_INFO_ACTION_NAMES: Record<MarketInfoAction, string> = { edit: '修改', confirm: '确认', archive: '归档', restore: '恢复' };

export function marketInfoAllows(from: MarketInfoStatus, action: MarketInfoAction): boolean {
  return MARKET_INFO_TRANSITIONS[action][from] !== undefined;
}

/** The status after `action`, or 409 MARKET_INFO_INVALID_TRANSITION. */
export function marketInfoTransition(from: MarketInfoStatus, action: MarketInfoAction): MarketInfoStatus {
  const to = MARKET_INFO_TRANSITIONS[action][from];
  if (!to) {
    throw new AppError(409, 'MARKET_INFO_INVALID_TRANSITION', '市场信息状态不允许此操作', `该条市场信息当前为「${MARKET_INFO_STATUS_NAMES[from]}」，不能${MARKET_INFO_ACTION_NAMES[action]}`, {
      currentStatus: from,
      action,
    });
  }
  return to;
}

// ── search (全文搜索, Chinese included) ─────────────────────────────────

/** At most this many words in one search. */
export const MAX_SEARCH_TERMS = 8;

/**
 * The words of a search: split on any white space (the ideographic space 　 included), each kept
 * whole — Chinese has no spaces between words, so a word is matched as a substring, never
 * tokenised — case-folded duplicates dropped, in the order typed. Every word must match.
 */
export function searchTerms(q: string | undefined | null): string[] {
  if (!q) return [];
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const word of q.split(/[\s\u3000]+/u)) {
    if (!word) continue;
    const key = word.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    terms.push(word);
  }
  return terms;
}

/** A word as an ILIKE pattern that matches it anywhere, its `%`, `_` and `\` taken literally (ESCAPE '\'). */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * 过时 (MKT-5.6 定期更新与维护): an active entry is stale on business day `asOf` when it was neither
 * updated nor confirmed on any of the last `days` days (BUSINESS_TZ), `asOf` included — that is, last
 * touched before the start of the day this returns (YYYY-MM-DD, in BUSINESS_TZ).
 */
export function freshFrom(asOf: string, days: number): string {
  return new Date(Date.parse(`${asOf}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
}
