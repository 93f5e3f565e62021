/**
 * Words of 市场信息库 and 调查报告. Categories, states and the tables of who may take which step
 * come from the server's own rules (src/market-info/*-rules.ts, bundled here); only the tones and
 * the console's wording live in this file.
 */
import { CATEGORY_NAMES, MARKET_INFO_CATEGORIES, MARKET_INFO_STATUS_NAMES, type MarketInfoCategory, type MarketInfoStatus } from '../../../market-info/market-info-rules';
import { RESEARCH_STATUS_NAMES, type ResearchStatus } from '../../../market-info/research-report-rules';
import { DEPARTMENT_NAMES, type Department } from '../../../access/roles';
import type { Tone } from '../../components/ReadableTag';

export { marketInfoAllows } from '../../../market-info/market-info-rules';
export { researchAllows } from '../../../market-info/research-report-rules';

const CATEGORY_TONES: Record<MarketInfoCategory, Tone> = {
  competitor: 'red',
  price: 'orange',
  lead_source: 'green',
  channel: 'cyan',
  policy: 'purple',
  product_flow: 'blue',
  terminal_sales: 'gold',
  customer_opinion: 'default',
};

export const CATEGORY: Record<MarketInfoCategory, { label: string; tone: Tone }> = Object.fromEntries(
  MARKET_INFO_CATEGORIES.map((c) => [c, { label: CATEGORY_NAMES[c], tone: CATEGORY_TONES[c] }]),
) as Record<MarketInfoCategory, { label: string; tone: Tone }>;

export const CATEGORY_OPTIONS = MARKET_INFO_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_NAMES[c] }));

export const ENTRY_STATUS: Record<MarketInfoStatus, { label: string; tone: Tone }> = {
  active: { label: MARKET_INFO_STATUS_NAMES.active, tone: 'green' },
  archived: { label: MARKET_INFO_STATUS_NAMES.archived, tone: 'default' },
};

export const REPORT_STATUS: Record<ResearchStatus, { label: string; tone: Tone }> = {
  draft: { label: RESEARCH_STATUS_NAMES.draft, tone: 'default' },
  submitted: { label: RESEARCH_STATUS_NAMES.submitted, tone: 'blue' },
  accepted: { label: RESEARCH_STATUS_NAMES.accepted, tone: 'green' },
  returned: { label: RESEARCH_STATUS_NAMES.returned, tone: 'orange' },
};

/** A line of a report's history in words: "赵磊 提交审核". */
export const REPORT_VERB: Record<string, string> = { create: '起草', edit: '修改', submit: '提交审核', accept: '审核通过', return: '退回' };

export const options = <T extends string>(m: Record<T, { label: string }>) => (Object.keys(m) as T[]).map((value) => ({ value, label: m[value].label }));

export const departmentName = (d: string): string => DEPARTMENT_NAMES[d as Department] ?? d;
