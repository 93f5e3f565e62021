import { describe, expect, it } from '@jest/globals';
import type { DutyClause } from './api';
import { rowOfField, toChange, toRows } from './changes';

const catalogue = [{ id: 'SAL-7.5', summary: '收集销售信息与客户意见', text: '收集销售信息和客户意见。' }] as DutyClause[];

describe('制度修订 changes as form rows', () => {
  it('turns each row into the API’s change, sending a clause summary only when it changed', () => {
    expect(toChange({ target: 'grant', action: 'remove', role: 'sales.rep', permission: 'contract.read', scope: 'own', clauses: ['SAL-7.3'] }, catalogue)).toEqual({
      kind: 'grant.remove',
      permission: 'contract.read',
      role: 'sales.rep',
    });
    expect(toChange({ target: 'grant', action: 'scope', role: 'sales.rep', permission: 'customer.read', scope: 'team', clauses: ['SAL-7.3'] }, catalogue)).toEqual({
      kind: 'grant.change',
      permission: 'customer.read',
      role: 'sales.rep',
      scope: 'team',
    });
    expect(toChange({ target: 'grant', action: 'add', role: 'sales.rep', permission: 'tier.read', scope: 'own', clauses: ['SAL-7.3'] }, catalogue)).toEqual({
      kind: 'grant.add',
      permission: 'tier.read',
      role: 'sales.rep',
      scope: 'own',
      clauses: ['SAL-7.3'],
    });
    expect(toChange({ target: 'clause', action: 'change', clauseId: 'SAL-7.5', summary: '收集销售信息与客户意见', text: ' 新的原文。 ' }, catalogue)).toEqual({ kind: 'clause.change', clauseId: 'SAL-7.5', text: '新的原文。' });
    expect(toChange({ target: 'clause', action: 'change', clauseId: 'SAL-7.5', summary: '新摘要', text: '新的原文。' }, catalogue)).toMatchObject({ summary: '新摘要' });
    expect(toChange({ target: 'clause', action: 'add', clauseId: ' SAL-7.8 ', summary: '摘要', text: '原文' }, catalogue)).toEqual({ kind: 'clause.add', clauseId: 'SAL-7.8', role: null, summary: '摘要', text: '原文' });
  });

  it('reads a stored draft back as rows, one per action (a change of scope and clauses becomes two)', () => {
    const rows = toRows([
      { kind: 'grant.change', permission: 'visit.read', role: 'sales.rep', scope: 'team', clauses: ['SAL-7.5'] },
      { kind: 'clause.withdraw', clauseId: 'SAL-7.7' },
    ]);
    expect(rows.map((r) => [r.target, r.action])).toEqual([
      ['grant', 'scope'],
      ['grant', 'clauses'],
      ['clause', 'withdraw'],
    ]);
    expect(rows.map((r) => toChange(r, catalogue))).toEqual([
      { kind: 'grant.change', permission: 'visit.read', role: 'sales.rep', scope: 'team' },
      { kind: 'grant.change', permission: 'visit.read', role: 'sales.rep', clauses: ['SAL-7.5'] },
      { kind: 'clause.withdraw', clauseId: 'SAL-7.7' },
    ]);
  });

  it('finds the row a server error names', () => {
    expect(rowOfField('changes[3]')).toBe(3);
    expect(rowOfField('changes.12.scope')).toBe(12);
    expect(rowOfField('title')).toBeUndefined();
  });
});
