import { describe, expect, it } from '@jest/globals';
import { reportingTree, reportsBelow, type OrgNode, type OrgUser } from './tree';

const u = (id: string, role: string, department: string, supervisorId: string | null, active = true): OrgUser => ({ id, displayName: id, role, department, supervisorId, active });
const USERS = [
  u('rep2', 'sales.rep', 'sales', 'sup'),
  u('rep1', 'sales.rep', 'sales', 'sup'),
  u('sup', 'sales.supervisor', 'sales', 'mgr'),
  u('mgr', 'sales.manager', 'sales', 'gm'),
  u('gm', 'gm', 'management', null),
  u('ka', 'key_account.manager', 'key_account', 'gm'),
  u('gone', 'sales.rep', 'sales', 'sup', false),
  u('admin', 'admin', 'system', null),
];
const shape = (nodes: OrgNode[]): unknown => nodes.map((n) => (n.reports.length ? { [n.user.id]: shape(n.reports) } : n.user.id));

describe('the reporting tree', () => {
  it('puts each active user under their supervisor, managers before staff', () => {
    expect(shape(reportingTree(USERS))).toEqual([{ gm: [{ mgr: [{ sup: ['rep1', 'rep2'] }] }, 'ka'] }, 'admin']);
  });

  it('shows deactivated users only when asked', () => {
    expect(shape(reportingTree(USERS, { includeInactive: true, department: 'sales' }))).toEqual([{ mgr: [{ sup: ['gone', 'rep1', 'rep2'] }] }]);
  });

  it('within a department, one whose supervisor is outside it is a root', () => {
    expect(shape(reportingTree(USERS, { department: 'sales' }))).toEqual([{ mgr: [{ sup: ['rep1', 'rep2'] }] }]);
    expect(shape(reportingTree(USERS, { department: 'key_account' }))).toEqual(['ka']);
  });

  it('places everyone once even on a loop', () => {
    const loop = [u('a', 'sales.rep', 'sales', 'b'), u('b', 'sales.rep', 'sales', 'a')];
    expect(shape(reportingTree(loop))).toEqual([{ a: ['b'] }]);
  });

  it('names everyone below a user (who may not become their supervisor)', () => {
    expect([...reportsBelow(USERS, 'mgr')].sort()).toEqual(['gone', 'rep1', 'rep2', 'sup']);
    expect(reportsBelow(USERS, 'rep1').size).toBe(0);
  });
});
