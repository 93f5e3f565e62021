import { CLAUSE_TEXTS } from './duty-clause-texts';
import { DUTY_CLAUSES } from './duty-clauses';
import { DutyPolicy, effectivePolicy, grantFor, installPolicies, policyFor, policyVersion, releasePolicy, resetPolicies } from './policy';

/** The version in force at an instant (SPEC §12), on hand-made versions. */
describe('the policy store', () => {
  const at = (iso: string) => new Date(iso);
  const v = (version: number, from: string, repReadsContracts: boolean) =>
    new DutyPolicy(version, at(from), [], [
      { permission: 'contract.read', name: '查阅合同', grants: repReadsContracts ? [{ role: 'sales.rep', scope: 'own', clauses: ['SAL-7.3'] }] : [] },
    ]);
  afterEach(() => resetPolicies());

  it('without stored versions, the release matrix is in force as version 1, every clause with its text', () => {
    expect(effectivePolicy().version).toBe(1);
    expect(grantFor('sales.rep', 'contract.read')?.scope).toBe('own');
    expect(releasePolicy().clauses).toHaveLength(DUTY_CLAUSES.length);
    expect(DUTY_CLAUSES.filter((c) => !CLAUSE_TEXTS[c.id])).toEqual([]);
  });

  it('picks the last version whose time has come, before, at and after each boundary', () => {
    installPolicies([v(3, '2027-01-01T00:00:00Z', true), v(1, '1970-01-01T00:00:00Z', true), v(2, '2026-12-01T00:00:00Z', false)]);
    const t = (iso: string) => effectivePolicy(Date.parse(iso)).version;
    expect(t('2026-11-30T23:59:59.999Z')).toBe(1);
    expect(t('2026-12-01T00:00:00Z')).toBe(2);
    // a cached answer is not reused past its version's end, nor before its start
    expect(t('2027-01-01T00:00:00Z')).toBe(3);
    expect(t('2026-12-15T00:00:00Z')).toBe(2);
    expect(t('1999-01-01T00:00:00Z')).toBe(1);
    expect(effectivePolicy(Date.parse('2026-12-15T00:00:00Z')).grantFor('sales.rep', 'contract.read')).toBeUndefined();
  });

  it('the version in force now is kept, and given up when a version approved for later comes into force', async () => {
    installPolicies([v(1, '1970-01-01T00:00:00Z', true), v(2, new Date(Date.now() + 60).toISOString(), false)]);
    expect(effectivePolicy().version).toBe(1);
    expect(effectivePolicy()).toBe(effectivePolicy());
    await new Promise((r) => setTimeout(r, 90));
    expect(effectivePolicy().version).toBe(2);
    expect(grantFor('sales.rep', 'contract.read')).toBeUndefined();
  });

  it('a request keeps the version it was authorised under; an unknown one falls back to the version in force', () => {
    installPolicies([v(1, '1970-01-01T00:00:00Z', true), v(2, '2000-01-01T00:00:00Z', false)]);
    expect(policyFor({ policyVersion: 1 }).version).toBe(1);
    expect(policyFor({}).version).toBe(2);
    expect(policyFor({ policyVersion: 7 }).version).toBe(2);
    expect(policyVersion(7)).toBeUndefined();
  });

  it('a version cannot be widened at run time', () => {
    const p = v(1, '1970-01-01T00:00:00Z', true);
    expect(Object.isFrozen(p.matrix)).toBe(true);
    expect(Object.isFrozen(p.grantFor('sales.rep', 'contract.read'))).toBe(true);
    expect(() => installPolicies([])).toThrow();
  });
});
