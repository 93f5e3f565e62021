import { AppError } from '../common/app-error';
import { assertEditable, WORK_PLAN_STATUSES, workPlanTransition } from './work-plan-rules';

describe('work-plan status changes', () => {
  it('a draft is put into effect or dropped; a plan in effect is closed; nothing leaves closed', () => {
    const allowed: string[] = [];
    for (const from of WORK_PLAN_STATUSES) {
      for (const to of WORK_PLAN_STATUSES) {
        if (from === to) continue;
        try {
          workPlanTransition(from, to);
          allowed.push(`${from}→${to}`);
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).status).toBe(409);
          expect((err as AppError).code).toBe('WORK_PLAN_INVALID_TRANSITION');
        }
      }
    }
    expect(allowed.sort()).toEqual(['active→closed', 'draft→active', 'draft→closed']);
  });

  it('the same status is no change', () => {
    for (const s of WORK_PLAN_STATUSES) expect(workPlanTransition(s, s)).toBe(s);
  });

  it('only a closed plan is read-only', () => {
    expect(() => assertEditable('draft')).not.toThrow();
    expect(() => assertEditable('active')).not.toThrow();
    expect(() => assertEditable('closed')).toThrow(expect.objectContaining({ code: 'WORK_PLAN_CLOSED', status: 409 }));
  });
});
