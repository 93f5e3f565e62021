import { AppError } from '../common/app-error';
import {
  allows,
  mayInvite,
  PASS_SCORE,
  ratio,
  TRAINING_STATUSES,
  TRAINING_TRANSITIONS,
  trainingFigures,
  trainingTransition,
  type TrainingAction,
  type TrainingStatus,
} from './training-rules';

describe('training rules', () => {
  const EXPECTED: Record<TrainingAction, Partial<Record<TrainingStatus, TrainingStatus>>> = {
    edit: { planned: 'planned' },
    hold: { planned: 'held', held: 'held' },
    evaluate: { held: 'evaluated' },
    cancel: { planned: 'cancelled' },
  };
  const cases = (Object.keys(EXPECTED) as TrainingAction[]).flatMap((action) => TRAINING_STATUSES.map((from) => [from, action] as const));

  it.each(cases)('%s + %s', (from, action) => {
    const to = EXPECTED[action][from];
    expect(allows(from, action)).toBe(to !== undefined);
    if (to) {
      expect(trainingTransition(from, action)).toBe(to);
      return;
    }
    try {
      trainingTransition(from, action);
      throw new Error('not refused');
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ status: 409, code: 'TRAINING_INVALID_TRANSITION', extra: { currentStatus: from, action } });
    }
  });

  it('evaluated and cancelled are final', () => {
    for (const action of Object.keys(TRAINING_TRANSITIONS) as TrainingAction[]) {
      expect(allows('evaluated', action)).toBe(false);
      expect(allows('cancelled', action)).toBe(false);
    }
  });

  describe('figures of the evaluation (computed, never typed)', () => {
    const row = (attended: boolean | null, score: number | null = null) => ({ attended, score });

    it('attendance over everyone invited; average and pass rate over those who came and were scored; 60 passes, 59 does not', () => {
      const f = trainingFigures([row(true, 60), row(true, 59), row(true, 95), row(true), row(false)]);
      expect(PASS_SCORE).toBe(60);
      expect(f).toEqual({ invited: 5, attended: 4, scored: 3, passed: 2, attendanceRate: '0.8000', averageScore: '71.33', passRate: '0.6667' });
    });

    it('rounds half up in integers: 2/3 → 0.6667, 1/8 → 0.1250, 1/3 → 0.3333; an average of 80.5 stays 80.50', () => {
      expect(ratio(2, 3, 4)).toBe('0.6667');
      expect(ratio(1, 8, 4)).toBe('0.1250');
      expect(ratio(1, 3, 4)).toBe('0.3333');
      expect(ratio(5, 5, 4)).toBe('1.0000');
      expect(ratio(0, 7, 4)).toBe('0.0000');
      expect(ratio(161, 2, 2)).toBe('80.50');
      expect(ratio(200, 3, 2)).toBe('66.67');
      expect(ratio(1, 200000, 4)).toBe('0.0000');
      expect(ratio(1, 20000, 4)).toBe('0.0001');
    });

    it('nobody scored: no average, no pass rate; nobody invited: no rates at all', () => {
      expect(trainingFigures([row(true), row(false)])).toMatchObject({ attendanceRate: '0.5000', averageScore: null, passRate: null, scored: 0 });
      expect(trainingFigures([])).toEqual({ invited: 0, attended: 0, scored: 0, passed: 0, attendanceRate: null, averageScore: null, passRate: null });
    });

    it('a score of someone marked absent never counts', () => {
      expect(trainingFigures([row(false, 100), row(true, 40)])).toMatchObject({ scored: 1, passed: 0, passRate: '0.0000', averageScore: '40.00' });
    });
  });

  describe('mayInvite (training.manage reach)', () => {
    const boss = { id: 'boss', department: 'sales' };
    const report = { id: 'r', role: 'sales.rep' as const, department: 'sales', supervisorId: 'boss' };
    const colleague = { id: 'c', role: 'sales.clerk' as const, department: 'sales', supervisorId: 'm' };
    const stranger = { id: 's', role: 'market.specialist' as const, department: 'market', supervisorId: null };
    const self = { id: 'boss', role: 'sales.supervisor' as const, department: 'sales', supervisorId: 'm' };
    const gm = { id: 'g', role: 'gm' as const, department: 'sales', supervisorId: 'boss' };

    it.each([
      ['team', [true, false, false]],
      ['department', [true, true, false]],
      ['own', [false, false, false]],
      [undefined, [false, false, false]],
    ] as const)('%s invites [report, colleague, another department] = %j; never oneself, the 总经理 or the admin', (scope, expected) => {
      expect([report, colleague, stranger].map((p) => mayInvite(scope, boss, p))).toEqual(expected);
      expect(mayInvite(scope, boss, self)).toBe(false);
      expect(mayInvite(scope, boss, gm)).toBe(false);
    });
  });
});
