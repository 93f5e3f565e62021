import { AppError } from '../common/app-error';
import {
  missingForSubmit,
  RESEARCH_STATUSES,
  RESEARCH_TRANSITIONS,
  researchAllows,
  researchTransition,
  type ResearchAction,
  type ResearchStatus,
} from './research-report-rules';

describe('research report rules', () => {
  /** The whole table, written out: draft → submitted → accepted | returned, and returned → submitted again. */
  const EXPECTED: Record<ResearchAction, Partial<Record<ResearchStatus, ResearchStatus>>> = {
    edit: { draft: 'draft', returned: 'returned' },
    submit: { draft: 'submitted', returned: 'submitted' },
    accept: { submitted: 'accepted' },
    return: { submitted: 'returned' },
  };
  const cases = (Object.keys(EXPECTED) as ResearchAction[]).flatMap((action) => RESEARCH_STATUSES.map((from) => [from, action] as const));

  it.each(cases)('%s + %s', (from, action) => {
    const to = EXPECTED[action][from];
    expect(researchAllows(from, action)).toBe(to !== undefined);
    if (to) return expect(researchTransition(from, action)).toBe(to);
    try {
      researchTransition(from, action);
      throw new Error('not refused');
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ status: 409, code: 'RESEARCH_REPORT_INVALID_TRANSITION', extra: { currentStatus: from, action } });
    }
  });

  it('accepted is final; a submitted report is not edited', () => {
    for (const action of Object.keys(RESEARCH_TRANSITIONS) as ResearchAction[]) expect(researchAllows('accepted', action)).toBe(false);
    expect(researchAllows('submitted', 'edit')).toBe(false);
  });

  it('the writer edits and submits; the reviewer accepts and returns', () => {
    expect(Object.fromEntries(Object.entries(RESEARCH_TRANSITIONS).map(([a, t]) => [a, t.by]))).toEqual({ edit: 'writer', submit: 'writer', accept: 'reviewer', return: 'reviewer' });
  });

  it('a report goes to the 经理 with its findings and its conclusions', () => {
    expect(missingForSubmit({ body: '调查发现', conclusions: '建议' })).toEqual([]);
    expect(missingForSubmit({ body: null, conclusions: '建议' })).toEqual(['正文']);
    expect(missingForSubmit({ body: '  ', conclusions: null })).toEqual(['正文', '结论与建议']);
  });
});
