import { AppError } from '../common/app-error';
import { canTransition, PROSPECT_STATUSES, PROSPECT_TRANSITIONS, statusAfterEvaluation } from './prospect-status';

describe('prospect status machine', () => {
  it('allows exactly the transitions of the table', () => {
    const allowed = PROSPECT_STATUSES.flatMap((from) => PROSPECT_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(
      ['new→contacting', 'new→qualified', 'new→disqualified', 'contacting→qualified', 'contacting→disqualified', 'qualified→converted', 'qualified→disqualified'].sort(),
    );
  });

  it('converts only from qualified', () => {
    for (const s of PROSPECT_STATUSES) expect(canTransition(s, 'converted')).toBe(s === 'qualified');
  });

  it('converted and disqualified are final', () => {
    expect(PROSPECT_TRANSITIONS.converted).toEqual([]);
    expect(PROSPECT_TRANSITIONS.disqualified).toEqual([]);
  });

  it('evaluation: pass → qualified, fail → disqualified, pending → unchanged', () => {
    expect(statusAfterEvaluation('new', 'pass')).toBe('qualified');
    expect(statusAfterEvaluation('contacting', 'fail')).toBe('disqualified');
    expect(statusAfterEvaluation('contacting', 'pending')).toBe('contacting');
    expect(statusAfterEvaluation('qualified', 'pass')).toBe('qualified');
    expect(statusAfterEvaluation('qualified', 'fail')).toBe('disqualified');
  });

  it('refuses to evaluate a converted or disqualified prospect with a 409', () => {
    const thrown = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e;
      }
      return null;
    };
    for (const s of ['converted', 'disqualified'] as const) {
      for (const c of ['pass', 'fail', 'pending'] as const) {
        const err = thrown(() => statusAfterEvaluation(s, c));
        expect(err).toBeInstanceOf(AppError);
        expect(err).toMatchObject({ status: 409, code: 'PROSPECT_INVALID_TRANSITION' });
      }
    }
  });
});
