import { AppError } from '../common/app-error';
import { CONTRACT_STATUSES, ContractAction, transition } from './contract-status';

const ALLOWED: Record<ContractAction, Partial<Record<string, string>>> = {
  edit: { draft: 'draft', rejected: 'rejected' },
  submit: { draft: 'pending_approval', rejected: 'pending_approval' },
  approve: { pending_approval: 'approved', pending_gm: 'approved' },
  approve_to_gm: { pending_approval: 'pending_gm' },
  reject: { pending_approval: 'rejected', pending_gm: 'rejected' },
  sign: { approved: 'signed' },
  complete: { signed: 'completed' },
  reopen: { completed: 'signed' },
  terminate: { signed: 'terminated' },
  archive: { signed: 'signed', completed: 'completed', terminated: 'terminated' },
};

describe('contract state machine', () => {
  for (const [action, table] of Object.entries(ALLOWED) as [ContractAction, Record<string, string>][]) {
    for (const from of CONTRACT_STATUSES) {
      const expected = table[from];
      it(`${action} from ${from} → ${expected ?? '409'}`, () => {
        if (expected) {
          expect(transition(from, action)).toBe(expected);
        } else {
          let err: unknown = null;
          try {
            transition(from, action);
          } catch (e) {
            err = e;
          }
          expect(err).toBeInstanceOf(AppError);
          expect(err).toMatchObject({ status: 409, code: 'CONTRACT_INVALID_TRANSITION' });
        }
      });
    }
  }
});
