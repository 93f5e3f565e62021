import { AppError } from '../common/app-error';

/**
 * 市场调查报告 (MKT-5.2 编写市场开拓调查报告，交市场开拓部经理审核; KA-5.5, KA-4.4, MKT-4.5): the one
 * table of states, free of the database. The writer drafts and submits; the department's 经理
 * accepts it or returns it with a comment; a returned report is edited and submitted again.
 */

export const RESEARCH_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ResearchStatus = (typeof RESEARCH_STATUSES)[number];

export const RESEARCH_STATUS_NAMES: Record<ResearchStatus, string> = { draft: '草稿', submitted: '待审核', accepted: '已通过', returned: '已退回' };

/** Who takes a step: the writer (research.write, own) or the reviewer (research.review, department). */
export type ResearchParty = 'writer' | 'reviewer';
export type ResearchAction = 'edit' | 'submit' | 'accept' | 'return';

export const RESEARCH_TRANSITIONS: Readonly<Record<ResearchAction, { by: ResearchParty; from: Partial<Record<ResearchStatus, ResearchStatus>> }>> = {
  edit: { by: 'writer', from: { draft: 'draft', returned: 'returned' } },
  submit: { by: 'writer', from: { draft: 'submitted', returned: 'submitted' } },
  accept: { by: 'reviewer', from: { submitted: 'accepted' } },
  return: { by: 'reviewer', from: { submitted: 'returned' } },
};

export const RESEARCH_ACTION_NAMES: Record<ResearchAction | 'create', string> = { create: '起草', edit: '修改', submit: '提交审核', accept: '审核通过', return: '退回' };

export function researchAllows(from: ResearchStatus, action: ResearchAction): boolean {
  return RESEARCH_TRANSITIONS[action].from[from] !== undefined;
}

/** The status after `action`, or 409 RESEARCH_REPORT_INVALID_TRANSITION. */
export function researchTransition(from: ResearchStatus, action: ResearchAction): ResearchStatus {
  const to = RESEARCH_TRANSITIONS[action].from[from];
  if (!to) {
    throw new AppError(409, 'RESEARCH_REPORT_INVALID_TRANSITION', '调查报告状态不允许此操作', `调查报告当前为「${RESEARCH_STATUS_NAMES[from]}」，不能${RESEARCH_ACTION_NAMES[action]}`, {
      currentStatus: from,
      action,
    });
  }
  return to;
}

/** What a report needs before it goes to the 经理: its findings and its conclusions (names of the missing parts). */
export function missingForSubmit(r: { body: string | null; conclusions: string | null }): string[] {
  const missing: string[] = [];
  if (!r.body?.trim()) missing.push('正文');
  if (!r.conclusions?.trim()) missing.push('结论与建议');
  return missing;
}

/** At most this many 市场信息 entries linked to one report. */
export const MAX_LINKED_ENTRIES = 20;
