import { FEATURE_MODULES } from '../app.module';
import { dutyCoverage } from './duty-coverage';
import { DUTY_CLAUSES } from './duty-clauses';
import { DUTY_MATRIX } from './duty-matrix';
import { NOT_SERVED } from './duty-not-served';
import type { DutyClause, PermissionEntry } from './duty.types';
import { controllersOf, routesOf } from './route-table';

/** The app's route table, read statically from the module tree (the same metadata the app registers). */
const ROUTES = routesOf(controllersOf(FEATURE_MODULES));

describe('duty coverage (GET /duties): derived from the matrix and the route table', () => {
  const coverage = dutyCoverage(DUTY_CLAUSES, DUTY_MATRIX, ROUTES, NOT_SERVED);

  it('reads the real route table', () => {
    expect(ROUTES.length).toBeGreaterThan(90);
    expect(ROUTES).toContainEqual({ method: 'POST', path: '/api/v1/payments', permission: 'payment.record' });
    expect(ROUTES).toContainEqual({ method: 'GET', path: '/health', access: 'public' });
    // a permission the service checks for part of a route counts for that route
    expect(ROUTES).toContainEqual({ method: 'POST', path: '/api/v1/complaints/:id/resolve', permission: 'complaint.handle', alsoChecks: ['complaint.compensate'] });
  });

  it('has no problems: every grant cites a real clause; every clause is served or says why not; no stale reason', () => {
    expect(coverage.problems).toEqual([]);
  });

  it('every permission but report.receivables is demanded by a route', () => {
    // report.receivables is in SPEC §4's matrix; the receivable reports are served under receivable.read
    expect(coverage.unrouted).toEqual(['report.receivables']);
  });

  it('serves 88 of the 89 numbered clauses; the one left is not software, and says so', () => {
    expect(coverage.numbered).toBe(89);
    expect(coverage.numberedServed).toBe(88);
    expect([...coverage.byClause].filter(([id, c]) => id.includes('.') && c.servedBy.length === 0).map(([id]) => id)).toEqual(['SAL-7.1']);
  });

  it('names the permission and the routes for a served clause', () => {
    const c = coverage.byClause.get('SAL-6.5')!;
    expect(c.servedBy.map((s) => s.permission)).toContain('payment.record');
    expect(c.servedBy.find((s) => s.permission === 'payment.record')!.routes).toContain('POST /api/v1/payments');
    expect(coverage.byClause.get('SAL-7.1')).toEqual({ servedBy: [], notServed: NOT_SERVED['SAL-7.1'] });
  });

  // the rule itself, on a small made-up catalogue, so that each failure is seen to be reported
  describe('the rule', () => {
    const clause = (id: string, item: number | null = 1): DutyClause => ({ id, rule: 'SAL', article: 4, item, department: 'sales', role: 'sales.manager', summary: id });
    const entry = (clauses: string[]): PermissionEntry => ({ permission: 'visit.read', name: '查阅', grants: [{ role: 'sales.manager', scope: 'department', clauses }] });
    const route = { method: 'GET', path: '/api/v1/visits', permission: 'visit.read' as const };

    it('a grant citing a clause that no longer exists is a problem', () => {
      const r = dutyCoverage([clause('SAL-4.1')], [entry(['SAL-4.1', 'SAL-4.99'])], [route], {});
      expect(r.problems).toEqual(['权限 visit.read 授予 sales.manager 时引用了不存在的条款 SAL-4.99']);
    });

    it('a clause cited only by a permission no route demands is not served', () => {
      const r = dutyCoverage([clause('SAL-4.1')], [entry(['SAL-4.1'])], [], {});
      expect(r.byClause.get('SAL-4.1')).toEqual({ servedBy: [], notServed: '尚未实现' });
      expect(r.problems).toEqual(['条款 SAL-4.1 既没有路由服务，也没有说明原因']);
      expect([r.numberedServed, r.unrouted]).toEqual([0, ['visit.read']]);
    });

    it('a reason kept for a clause now served is a problem; a reason for an unknown clause too', () => {
      const r = dutyCoverage([clause('SAL-4.1')], [entry(['SAL-4.1'])], [route], { 'SAL-4.1': '旧原因', 'SAL-4.98': 'x' });
      expect(r.problems).toEqual(['条款 SAL-4.1 已有路由服务，却仍列为未服务：旧原因', '未服务原因列出了不存在的条款 SAL-4.98']);
      expect(r.byClause.get('SAL-4.1')).toEqual({ servedBy: [{ permission: 'visit.read', routes: ['GET /api/v1/visits'] }] });
    });

    it('counts only numbered clauses (款) toward the served count', () => {
      const r = dutyCoverage([clause('SAL-4.1'), clause('SAL-10', null)], [entry(['SAL-4.1', 'SAL-10'])], [route], {});
      expect([r.numbered, r.numberedServed]).toEqual([1, 1]);
    });
  });
});
