import type { Prospect } from './api';

type Status = Prospect['status'];

/** The API's own names for the statuses (src/prospects/prospect-status.ts), so messages agree. */
export const STATUS_NAMES: Record<Status, string> = {
  new: '新登记',
  contacting: '接洽中',
  qualified: '已评估合格',
  converted: '已转为客户',
  disqualified: '已淘汰',
};

export const STATUS_COLORS: Record<Status, string> = {
  new: 'blue',
  contacting: 'geekblue',
  qualified: 'green',
  converted: 'purple',
  disqualified: 'default',
};

export const STATUS_OPTIONS = (Object.keys(STATUS_NAMES) as Status[]).map((s) => ({ value: s, label: STATUS_NAMES[s] }));

/** Suggestions for the free-text fields (the API accepts any text); also the list's filter choices. */
export const REGIONS = ['华南', '华东', '华北', '华中', '西南', '西北', '东北'];
export const INDUSTRIES = ['制造业', '零售', '医疗', '物流', '能源', '教育', '建筑', '软件', '金融'];
export const SOURCES = ['展会', '电话营销', '客户转介绍', '官网咨询', '行业协会', '招投标'];
export const asOptions = (xs: string[]) => xs.map((x) => ({ value: x, label: x }));

export const CONCLUSION_NAMES = { pass: '通过', fail: '不通过', pending: '待定' } as const;
export const CONCLUSION_COLORS = { pass: 'green', fail: 'red', pending: 'gold' } as const;

/** antd's green and gold tag texts fall below AA contrast on their pale fill: darker text, same look. */
export const TAG_TEXT: Record<string, string> = { green: '#135200', gold: '#613400' };

export type DuplicateField = 'companyName' | 'uscc' | 'contactPhone';

/** A match named by its kind only: the caller may not be allowed to read the record itself. */
export function duplicateMessage(field: DuplicateField, entity: 'prospect' | 'customer'): string {
  const who = entity === 'customer' ? '客户' : '潜在客户';
  if (field === 'companyName') return `已有${who}同名`;
  if (field === 'uscc') return `已有${who}使用该统一社会信用代码`;
  return `已有${who}使用该联系电话`;
}
