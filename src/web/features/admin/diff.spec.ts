import { describe, expect, it } from '@jest/globals';
import { diffSnapshots, showValue } from './diff';

describe('before/after side by side', () => {
  it('puts changed fields first and keeps the unchanged ones after them', () => {
    const rows = diffSnapshots({ id: 'x', role: 'sales.rep', version: 1, active: true }, { id: 'x', role: 'sales.clerk', version: 2, active: true });
    expect(rows.map((r) => [r.key, r.kind])).toEqual([
      ['role', 'changed'],
      ['version', 'changed'],
      ['id', 'same'],
      ['active', 'same'],
    ]);
    expect(rows[0]).toMatchObject({ before: 'sales.rep', after: 'sales.clerk' });
  });

  it('a creation has every field added; a field only before is removed; one only after is added', () => {
    expect(diffSnapshots(null, { a: 1, b: null }).map((r) => r.kind)).toEqual(['added', 'added']);
    expect(diffSnapshots({ a: 1, gone: 2 }, { a: 1, passwordChanged: true }).map((r) => [r.key, r.kind])).toEqual([
      ['passwordChanged', 'added'],
      ['gone', 'removed'],
      ['a', 'same'],
    ]);
  });

  it('compares nested values by content, not by key order', () => {
    expect(diffSnapshots({ loc: { lat: 1, lng: 2 } }, { loc: { lng: 2, lat: 1 } })[0].kind).toBe('same');
    expect(diffSnapshots({ plan: [{ a: '1.00' }] }, { plan: [{ a: '1.01' }] })[0].kind).toBe('changed');
  });

  it('shows values as text', () => {
    expect([showValue(null), showValue(undefined), showValue(''), showValue('张三'), showValue(true), showValue(3), showValue({ a: [1, 2] })]).toEqual([
      '—',
      '—',
      '—',
      '张三',
      '是',
      '3',
      '{ "a": [ 1, 2 ] }',
    ]);
  });
});
