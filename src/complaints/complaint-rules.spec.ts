import { AppError } from '../common/app-error';
import { complaintTransition, ComplaintAction, responseHours } from './complaint-rules';

describe('complaint rules', () => {
  it.each([
    ['critical', null, 4],
    ['high', null, 24],
    ['medium', null, 48],
    ['low', null, 72],
    ['critical', 24, 4],
    ['high', 12, 12],
    ['medium', 12, 12],
    ['low', 100, 72],
  ] as const)('%s with tier hours %s → %i h', (severity, tier, hours) => {
    expect(responseHours(severity, tier)).toBe(hours);
  });

  const table: [ComplaintAction, string, string | null][] = [
    ['assign', 'open', 'in_progress'],
    ['assign', 'in_progress', 'in_progress'],
    ['assign', 'resolved', null],
    ['assign', 'closed', null],
    ['resolve', 'open', null],
    ['resolve', 'in_progress', 'resolved'],
    ['resolve', 'resolved', null],
    ['reopen', 'resolved', 'in_progress'],
    ['reopen', 'closed', null],
    ['reopen', 'open', null],
    ['close', 'resolved', 'closed'],
    ['close', 'in_progress', null],
    ['close', 'closed', null],
  ];
  it.each(table)('%s from %s → %s', (action, from, to) => {
    if (to) {
      expect(complaintTransition(from as never, action)).toBe(to);
    } else {
      let err: unknown = null;
      try {
        complaintTransition(from as never, action);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ status: 409, code: 'COMPLAINT_INVALID_TRANSITION' });
    }
  });
});
