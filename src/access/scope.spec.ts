import { scopeCondition } from './scope';

const cols = { owner: 'p.owner_id', department: 'p.department' };
const actor = (role: Parameters<typeof scopeCondition>[0]['role'], department: Parameters<typeof scopeCondition>[0]['department']) => ({
  id: '11111111-1111-4111-8111-111111111111',
  role,
  department,
});

describe('scopeCondition', () => {
  it('own → the owner column equals the caller', () => {
    expect(scopeCondition(actor('market.specialist', 'market'), 'prospect.read', cols)).toEqual({
      scope: 'own',
      sql: 'p.owner_id = :scopeActorId',
      params: { scopeActorId: '11111111-1111-4111-8111-111111111111' },
    });
  });
  it('team → own plus direct reports, through users.supervisor_id', () => {
    const c = scopeCondition(actor('market.supervisor', 'market'), 'prospect.read', cols);
    expect(c.scope).toBe('team');
    expect(c.sql).toContain('p.owner_id = :scopeActorId OR p.owner_id IN (SELECT su.id FROM users su WHERE su.supervisor_id = :scopeActorId)');
  });
  it('department → the record’s department equals the caller’s', () => {
    expect(scopeCondition(actor('key_account.manager', 'key_account'), 'prospect.read', cols)).toEqual({
      scope: 'department',
      sql: 'p.department = :scopeDepartment',
      params: { scopeDepartment: 'key_account' },
    });
  });
  it('all → TRUE', () => {
    expect(scopeCondition(actor('gm', 'management'), 'prospect.read', cols).sql).toBe('TRUE');
  });
  it('no grant → FALSE (fails closed), admin included', () => {
    expect(scopeCondition(actor('admin', 'system'), 'prospect.read', cols)).toEqual({ scope: null, sql: 'FALSE', params: {} });
    expect(scopeCondition(actor('sales.rep', 'sales'), 'payment.record', cols).sql).toBe('FALSE');
  });
});
