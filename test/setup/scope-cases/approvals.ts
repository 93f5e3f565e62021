import type { Response } from 'supertest';
import { grantFor } from '../../../src/access/policy';
import type { Permission } from '../../../src/access/duty.types';
import type { RoleCode } from '../../../src/access/roles';
import type { CaseMap, ListCase, Made, Subject } from '../scope-world';

/** The 审批 inbox (GET /me/approvals): each kind is scoped by its own deciding permission. */

export const subjects: Record<string, Subject> = {};

const inKind = (kind: string) => (res: Response, made: Made) =>
  (Array.isArray(res.body?.groups) ? res.body.groups : []).some(
    (g: { kind: string; items: Array<{ id: string }> }) => g.kind === kind && g.items.some((i) => i.id === made.id),
  );

/** A list case of one kind: the record inside the decider's scope waits in the inbox, the outside one does not. */
const kindCase = (kind: string, subject: string, permission: Permission, state?: string, skip?: Partial<Record<RoleCode, string>>): ListCase => ({
  kind: 'list',
  subject,
  state,
  skip,
  scopeOf: (role) => grantFor(role, permission)?.scope ?? null,
  call: (w, a) => w.as(a).get(`/me/approvals?kind=${kind}&pageSize=100`),
  contains: inKind(kind),
});

export const cases: CaseMap = {
  'GET /api/v1/me/approvals': [
    kindCase('visit', 'visit', 'visit.review'),
    kindCase('workReport', 'work-report', 'workreport.review'),
    kindCase('contract', 'contract', 'contract.approve', 'pending', { gm: 'the 总经理 decides the second level only; a first-level contract of a department with a manager is not his' }),
    kindCase('compensation', 'complaint', 'complaint.approve_compensation', 'proposed'),
    kindCase('tier', 'assessment', 'tier.approve'),
    kindCase('reviewScheme', 'review-scheme', 'review.approve_scheme', 'submitted'),
    // a 主管's review waits for the 经理, a 经理's for the 总经理 (in 市场开拓部 and 大客户部 only the 经理 reviews)
    kindCase('review', 'review', 'review.confirm', 'submitted', {
      gm: 'a 主管’s review is the 经理’s to confirm (the next case is the 总经理’s)',
      'market.manager': 'only the 经理 reviews in 市场开拓部: his reviews wait for the 总经理',
      'key_account.manager': 'only the 经理 reviews in 大客户部: his reviews wait for the 总经理',
    }),
    kindCase('review', 'review', 'review.confirm', 'submitted-by-manager', {
      'sales.manager': 'a 经理’s review waits for the 总经理 (the previous case is the 经理’s)',
      'market.manager': 'a 经理’s review waits for the 总经理',
      'key_account.manager': 'a 经理’s review waits for the 总经理',
    }),
  ],
};
