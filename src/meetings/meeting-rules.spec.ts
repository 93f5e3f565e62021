import { grantFor } from '../access/policy';
import { ROLES } from '../access/roles';
import { AppError } from '../common/app-error';
import { allows, chairReaches, mayChair, MEETING_STATUSES, MEETING_TRANSITIONS, meetingTransition, type MeetingAction, type MeetingStatus } from './meeting-rules';

describe('meeting rules', () => {
  /** The whole table, written out: [from, action] → to, or refused. */
  const EXPECTED: Record<MeetingAction, Partial<Record<MeetingStatus, MeetingStatus>>> = {
    edit: { draft: 'draft' },
    publish: { draft: 'published' },
  };
  const cases = (Object.keys(EXPECTED) as MeetingAction[]).flatMap((action) => MEETING_STATUSES.map((from) => [from, action] as const));

  it.each(cases)('%s + %s', (from, action) => {
    const to = EXPECTED[action][from];
    expect(allows(from, action)).toBe(to !== undefined);
    if (to) {
      expect(meetingTransition(from, action)).toBe(to);
      return;
    }
    try {
      meetingTransition(from, action);
      throw new Error('not refused');
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ status: 409, code: 'MEETING_INVALID_TRANSITION', extra: { currentStatus: from, action } });
    }
  });

  it('published minutes are final: nothing leaves them', () => {
    for (const action of Object.keys(MEETING_TRANSITIONS) as MeetingAction[]) expect(allows('published', action)).toBe(false);
  });

  it('a meeting is chaired by a 经理 or 主管 of its own department, never by the 助理 who records it', () => {
    expect(ROLES.filter((r) => mayChair(r, 'sales'))).toEqual(['sales.manager', 'sales.supervisor']);
    expect(ROLES.filter((r) => mayChair(r, 'market'))).toEqual(['market.manager', 'market.supervisor']);
    expect(mayChair('sales.assistant', 'sales')).toBe(false);
    expect(mayChair('gm', 'sales')).toBe(false);
  });

  describe("an action item goes to someone within the chair's reach of assignment.assign", () => {
    const manager = { id: 'm', role: 'sales.manager' as const, department: 'sales' };
    const supervisor = { id: 's', role: 'sales.supervisor' as const, department: 'sales' };
    const rep = { id: 'r', role: 'sales.rep' as const, department: 'sales', supervisorId: 's' };
    const otherRep = { id: 'r2', role: 'sales.rep' as const, department: 'sales', supervisorId: 's2' };
    const clerk = { id: 'c', role: 'sales.clerk' as const, department: 'sales', supervisorId: 'm' };
    const stranger = { id: 'x', role: 'market.specialist' as const, department: 'market', supervisorId: null };
    const gm = { id: 'g', role: 'gm' as const, department: 'management', supervisorId: null };

    it.each([
      ['the 经理 (department)', manager, [true, true, true, false, false]],
      ['a 主管 (team: direct reports only)', supervisor, [true, false, false, false, false]],
    ] as const)('%s reaches [rep, other team’s rep, clerk, another department, the 总经理]', (_, chair, expected) => {
      expect([rep, otherRep, clerk, stranger, gm].map((p) => chairReaches(chair, p, grantFor))).toEqual(expected);
    });

    it('never the chair himself', () => {
      expect(chairReaches(manager, { ...manager, supervisorId: null }, grantFor)).toBe(false);
    });
  });
});
