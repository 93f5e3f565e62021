import { AppError } from '../common/app-error';
import { checkCriteria, lastDayOf, periodTypeOf, REVIEW_TRANSITIONS, reviewPeriodBounds, reviewTransition, SCHEME_TRANSITIONS, schemeTransition, weightedTotal } from './review-rules';

const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? `${e.status} ${e.code}` : String(e);
  }
  return undefined;
};

describe('review rules', () => {
  describe('criteria', () => {
    it('weights must sum to exactly 100', () => {
      expect(code(() => checkCriteria([{ name: '回款率', weight: 60, source: 'collection_rate' }, { name: '态度', weight: 40, source: 'manual' }]))).toBeUndefined();
      expect(code(() => checkCriteria([{ name: '回款率', weight: 60, source: 'collection_rate' }, { name: '态度', weight: 39, source: 'manual' }]))).toBe('422 REVIEW_SCHEME_WEIGHTS');
      expect(code(() => checkCriteria([{ name: '回款率', weight: 61, source: 'collection_rate' }, { name: '态度', weight: 40, source: 'manual' }]))).toBe('422 REVIEW_SCHEME_WEIGHTS');
    });

    it('names are distinct', () => {
      expect(code(() => checkCriteria([{ name: '态度', weight: 50, source: 'manual' }, { name: '态度', weight: 50, source: 'manual' }]))).toBe('422 REVIEW_SCHEME_DUPLICATE_CRITERION');
    });
  });

  describe('weighted total', () => {
    it('is Σ score × weight ÷ 100, exact to the hundredth', () => {
      expect(weightedTotal([{ weight: 40, score: 90 }, { weight: 35, score: 73 }, { weight: 25, score: 81 }])).toBe('81.80');
      expect(weightedTotal([{ weight: 33, score: 1 }, { weight: 67, score: 0 }])).toBe('0.33');
      expect(weightedTotal([{ weight: 100, score: 100 }])).toBe('100.00');
      expect(weightedTotal([{ weight: 100, score: 0 }])).toBe('0.00');
    });

    it('is null while a criterion is unscored', () => {
      expect(weightedTotal([{ weight: 50, score: 90 }, { weight: 50, score: null }])).toBeNull();
    });
  });

  describe('periods', () => {
    it('reads the type from the way the period is written', () => {
      expect(periodTypeOf('2026')).toBe('year');
      expect(periodTypeOf('2026-Q4')).toBe('quarter');
      expect(periodTypeOf('2026-12')).toBe('month');
    });

    it('has its edges at midnight in the business time zone', () => {
      const q = reviewPeriodBounds('2026-Q4', 'Asia/Shanghai');
      expect([q.from, q.until, lastDayOf(q)]).toEqual(['2026-10-01', '2027-01-01', '2026-12-31']);
      expect(q.start.toISOString()).toBe('2026-09-30T16:00:00.000Z');
      expect(q.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
      const m = reviewPeriodBounds('2026-02', 'Asia/Shanghai');
      expect([m.from, m.until, lastDayOf(m)]).toEqual(['2026-02-01', '2026-03-01', '2026-02-28']);
      const y = reviewPeriodBounds('2026', 'UTC');
      expect([y.start.toISOString(), y.end.toISOString()]).toEqual(['2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
    });
  });

  describe('state machines', () => {
    it('a scheme: draft → submitted → approved | rejected; rejected goes back for resubmission; approved is superseded', () => {
      expect(schemeTransition('draft', 'submit')).toBe('submitted');
      expect(schemeTransition('submitted', 'approve')).toBe('approved');
      expect(schemeTransition('submitted', 'reject')).toBe('rejected');
      expect(schemeTransition('rejected', 'edit')).toBe('rejected');
      expect(schemeTransition('rejected', 'submit')).toBe('submitted');
      expect(schemeTransition('approved', 'supersede')).toBe('superseded');
      for (const from of ['submitted', 'approved', 'superseded'] as const) expect(code(() => schemeTransition(from, 'edit'))).toBe('409 REVIEW_SCHEME_INVALID_TRANSITION');
      expect(code(() => schemeTransition('draft', 'approve'))).toBe('409 REVIEW_SCHEME_INVALID_TRANSITION');
      expect(code(() => schemeTransition('superseded', 'approve'))).toBe('409 REVIEW_SCHEME_INVALID_TRANSITION');
      // nothing leaves superseded
      expect(Object.values(SCHEME_TRANSITIONS).some((t) => 'superseded' in t)).toBe(false);
    });

    it('a review: draft → submitted → confirmed | returned → submitted again; confirmed is final', () => {
      expect(reviewTransition('draft', 'submit')).toBe('submitted');
      expect(reviewTransition('submitted', 'confirm')).toBe('confirmed');
      expect(reviewTransition('submitted', 'return')).toBe('returned');
      expect(reviewTransition('returned', 'edit')).toBe('returned');
      expect(reviewTransition('returned', 'submit')).toBe('submitted');
      expect(code(() => reviewTransition('submitted', 'edit'))).toBe('409 REVIEW_INVALID_TRANSITION');
      expect(code(() => reviewTransition('draft', 'confirm'))).toBe('409 REVIEW_INVALID_TRANSITION');
      expect(Object.values(REVIEW_TRANSITIONS).some((t) => 'confirmed' in t)).toBe(false);
    });
  });
});
