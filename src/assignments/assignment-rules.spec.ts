import { grantFor } from '../access/policy';
import { ROLES } from '../access/roles';
import { AppError } from '../common/app-error';
import {
  allows,
  ASSIGNMENT_STATUSES,
  ASSIGNMENT_TRANSITIONS,
  assignmentTransition,
  takesWork,
  withinReach,
  type AssignmentAction,
  type AssignmentStatus,
} from './assignment-rules';

describe('assignment rules', () => {
  /** The whole table, written out: [from, action] → to, or null when refused. */
  const EXPECTED: Record<AssignmentAction, Partial<Record<AssignmentStatus, AssignmentStatus>>> = {
    start: { assigned: 'in_progress' },
    complete: { in_progress: 'done' },
    return: { done: 'in_progress' },
    confirm: { done: 'confirmed' },
    cancel: { assigned: 'cancelled', in_progress: 'cancelled' },
    delegate: { assigned: 'assigned', in_progress: 'assigned' },
    edit: { assigned: 'assigned', in_progress: 'in_progress' },
  };
  const cases = (Object.keys(EXPECTED) as AssignmentAction[]).flatMap((action) => ASSIGNMENT_STATUSES.map((from) => [from, action] as const));

  it.each(cases)('%s + %s', (from, action) => {
    const to = EXPECTED[action][from];
    expect(allows(from, action)).toBe(to !== undefined);
    if (to) {
      expect(assignmentTransition(from, action)).toBe(to);
      return;
    }
    try {
      assignmentTransition(from, action);
      throw new Error('not refused');
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ status: 409, code: 'ASSIGNMENT_INVALID_TRANSITION', extra: { currentStatus: from, action } });
    }
  });

  it('confirmed and cancelled are final: no action leaves them', () => {
    for (const action of Object.keys(ASSIGNMENT_TRANSITIONS) as AssignmentAction[]) {
      expect(allows('confirmed', action)).toBe(false);
      expect(allows('cancelled', action)).toBe(false);
    }
  });

  it('the assignee starts, completes and passes on; the assigner returns, confirms, cancels and edits', () => {
    const by = Object.fromEntries(Object.entries(ASSIGNMENT_TRANSITIONS).map(([a, t]) => [a, t.by]));
    expect(by).toEqual({ start: 'assignee', complete: 'assignee', delegate: 'assignee', return: 'assigner', confirm: 'assigner', cancel: 'assigner', edit: 'assigner' });
  });

  it('every business role takes assigned work; the 总经理 and the admin do not', () => {
    expect(ROLES.filter((r) => !takesWork(r, grantFor))).toEqual(['gm', 'admin']);
  });

  describe('withinReach', () => {
    const boss = { id: 'boss', department: 'sales' };
    const report = { id: 'r', department: 'sales', supervisorId: 'boss' };
    const colleague = { id: 'c', department: 'sales', supervisorId: 'other' };
    const stranger = { id: 's', department: 'market', supervisorId: null };
    const self = { id: 'boss', department: 'sales', supervisorId: null };

    it.each([
      ['team', [true, false, false]],
      ['department', [true, true, false]],
      ['all', [true, true, true]],
      ['own', [false, false, false]],
      [undefined, [false, false, false]],
    ] as const)('%s reaches [report, colleague, stranger] = %j, never oneself', (scope, expected) => {
      expect([report, colleague, stranger].map((p) => withinReach(scope, boss, p))).toEqual(expected);
      expect(withinReach(scope, boss, self)).toBe(false);
    });
  });
});
