import { releasePolicy, type Snapshot } from '../access/policy';
import { applyChanges, diffSnapshots, invariantViolations, rolesOf, rulesDraftedBy, type RevisionChange } from './revision-rules';

/** Revisions of the duty rules (SPEC §12): who may change what, applying, the invariants, the diff. */
describe('revision rules', () => {
  const release = releasePolicy();
  const base: Snapshot = { clauses: [...release.clauses], grants: release.matrix.flatMap((e) => e.grants.map((g) => ({ ...g, permission: e.permission, clauses: [...g.clauses] }))) };
  const market = rulesDraftedBy('market');
  const apply = (changes: RevisionChange[], rules = market) => applyChanges(base, changes, rules);

  it('市场开拓部 drafts the MKT and SAL rules and re-grants their positions; 大客户部 the KA rule', () => {
    expect(market).toEqual(['MKT', 'SAL']);
    expect(rulesDraftedBy('key_account')).toEqual(['KA']);
    expect(rulesDraftedBy('sales')).toEqual([]);
    expect(rolesOf(['KA'])).toEqual(['key_account.manager', 'key_account.supervisor', 'key_account.specialist']);
    expect(rolesOf(market)).not.toContain('gm');
  });

  it('the release matrix breaks no invariant', () => {
    expect(invariantViolations(base)).toEqual([]);
  });

  it('applies clause and grant changes, and says which ones it could not, by their place in the list', () => {
    const { next, problems } = apply([
      { kind: 'clause.add', clauseId: 'SAL-6.8', role: 'sales.clerk', summary: '维护客户联系人', text: '维护客户联系人信息。' },
      { kind: 'clause.change', clauseId: 'SAL-6.4', text: '统计并管理销售合同。' },
      { kind: 'grant.remove', permission: 'contract.read', role: 'sales.rep' },
      { kind: 'grant.change', permission: 'customer.read', role: 'sales.manager', scope: 'own' },
      { kind: 'grant.add', permission: 'visit.create', role: 'sales.clerk', scope: 'own', clauses: ['SAL-6.8'] },
      { kind: 'clause.change', clauseId: 'KA-4.1', text: 'x' },
      { kind: 'grant.remove', permission: 'tier.read', role: 'key_account.specialist' },
      { kind: 'grant.add', permission: 'contract.read', role: 'sales.clerk', scope: 'all', clauses: ['SAL-6.4'] },
      { kind: 'clause.withdraw', clauseId: 'SAL-99' },
    ]);
    expect(problems.map((p) => p.index)).toEqual([5, 6, 7, 8]);
    expect(problems[0].message).toBe('第 6 项：条款 KA-4.1 属于KA制度，不在本部门起草的制度之内');
    expect(problems[2].message).toContain('请改用「修改授权」');
    const sal68 = next.clauses.find((c) => c.id === 'SAL-6.8')!;
    expect(sal68).toMatchObject({ rule: 'SAL', article: 6, item: 8, department: 'sales', role: 'sales.clerk' });
    // a new clause takes its place after its article's items
    expect(next.clauses.findIndex((c) => c.id === 'SAL-6.8')).toBe(next.clauses.findIndex((c) => c.id === 'SAL-6.7') + 1);
    const d = diffSnapshots(base, next);
    expect(d.clauses.added.map((c) => c.id)).toEqual(['SAL-6.8']);
    expect(d.clauses.changed.map((c) => [c.before.text, c.after.text])).toEqual([['统计并管理销售合同，建立并完善销售合同档案。', '统计并管理销售合同。']]);
    expect(d.roles).toEqual([
      { role: 'sales.manager', gained: [], lost: [], rescoped: [{ permission: 'customer.read', from: 'department', to: 'own' }] },
      { role: 'sales.clerk', gained: ['visit.create'], lost: [], rescoped: [] },
      { role: 'sales.rep', gained: [], lost: ['contract.read'], rescoped: [] },
    ]);
    expect(invariantViolations(next)).toEqual([]);
  });

  it('each invariant is named when broken', () => {
    const without = (p: string, roles: string[]) => ({ ...base, grants: base.grants.filter((g) => !(g.permission === p && roles.includes(g.role))) });
    const codes = (s: Snapshot) => [...new Set(invariantViolations(s).map((v) => v.code))];
    expect(codes({ ...base, grants: [...base.grants, { permission: 'customer.read', role: 'admin', scope: 'all', clauses: [] }] })).toEqual(['ADMIN_BUSINESS_DATA']);
    expect(codes({ ...base, grants: base.grants.map((g) => (g.permission === 'visit.read' && g.role === 'sales.rep' ? { ...g, clauses: [] } : g)) })).toEqual(['GRANT_WITHOUT_CLAUSE']);
    expect(codes({ ...base, clauses: base.clauses.filter((c) => c.id !== 'SAL-7.3') })).toEqual(['GRANT_WITHOUT_CLAUSE']);
    expect(codes(without('tier.approve', ['key_account.manager']))).toEqual(['DRAFTER_IS_APPROVER', 'APPROVAL_WITHOUT_HOLDER']);
    expect(codes(without('research.review', ['market.manager']))).toEqual([]);
    expect(codes(without('visit.review', ['market.supervisor', 'sales.supervisor', 'key_account.supervisor', 'market.manager', 'key_account.manager']))).toEqual(['APPROVAL_WITHOUT_HOLDER']);
    expect(codes(without('review.approve_scheme', ['gm']))).toEqual(['DRAFTER_IS_APPROVER', 'APPROVAL_WITHOUT_HOLDER', 'GM_SECOND_LEVEL']);
    expect(codes({ ...base, grants: base.grants.map((g) => (g.permission === 'contract.approve' && g.role === 'gm' ? { ...g, scope: 'department' } : g)) })).toEqual(['GM_SECOND_LEVEL']);
    // a role that makes and is the only one approving
    const onlyRepApproves = { ...without('contract.approve', ['sales.manager', 'market.manager', 'key_account.manager', 'gm']) };
    onlyRepApproves.grants = [...onlyRepApproves.grants, { permission: 'contract.approve', role: 'sales.rep', scope: 'own', clauses: ['SAL-7.3'] }];
    expect(codes(onlyRepApproves)).toEqual(['DRAFTER_IS_APPROVER', 'GM_SECOND_LEVEL']);
  });
});
