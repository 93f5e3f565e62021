import { describe, expect, it } from '@jest/globals';
import { handlerCandidates, reaches } from './reach';

const me = { id: 'me', department: 'sales' } as Parameters<typeof reaches>[2];
const grant = (scope: 'own' | 'team' | 'department' | 'all') => ({ permission: 'complaint.handle', name: '', scope, clauses: [] });
const user = (id: string, role: string, department: string, supervisorId: string | null = null) => ({ id, displayName: id, role, roleName: role, department, supervisorId }) as never;

describe('who may act on a complaint, and whom it may go to', () => {
  it('a department grant reaches its own department’s complaints only; all reaches every one; own only what one reported', () => {
    expect(reaches(grant('department'), { handlingDepartment: 'sales', reporterId: 'x' }, me)).toBe(true);
    expect(reaches(grant('department'), { handlingDepartment: 'key_account', reporterId: 'me' }, me)).toBe(false);
    expect(reaches(grant('all'), { handlingDepartment: 'key_account', reporterId: 'x' }, me)).toBe(true);
    expect(reaches(grant('own'), { handlingDepartment: 'sales', reporterId: 'x' }, me)).toBe(false);
    expect(reaches(undefined, { handlingDepartment: 'sales', reporterId: 'me' }, me)).toBe(false);
  });

  it('handlers: roles that handle complaints, of the handling department, within the assigner’s reach', () => {
    const users = [
      user('assistant', 'sales.assistant', 'sales'),
      user('manager', 'sales.manager', 'sales'),
      user('rep', 'sales.rep', 'sales', 'me'),
      user('ka', 'key_account.supervisor', 'key_account'),
    ];
    const roles = new Set(['sales.assistant', 'sales.manager', 'key_account.supervisor']);
    const ids = (g: Parameters<typeof handlerCandidates>[3], dept: 'sales' | 'key_account' = 'sales') => handlerCandidates(users, roles, { handlingDepartment: dept }, g, me).map((u) => u.id);
    expect(ids(grant('department'))).toEqual(['assistant', 'manager']);
    expect(ids(grant('department'), 'key_account')).toEqual([]);
    expect(ids(grant('all'), 'key_account')).toEqual(['ka']);
    expect(ids(undefined)).toEqual([]);
  });
});
