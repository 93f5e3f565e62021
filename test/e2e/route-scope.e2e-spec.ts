import type { Response } from 'supertest';
import { grantFor } from '../../src/access/policy';
import type { Scope } from '../../src/access/duty.types';
import { ROLES, RoleCode } from '../../src/access/roles';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { buildRouteTable, Route } from '../setup/route-table';
import { ALL_CASES, ALL_SUBJECTS } from '../setup/scope-cases';
import { AggregateCase, ItemCase, ListCase, Made, OpenCase, Person, placements, RouteCase, World } from '../setup/scope-world';

/**
 * OWASP API1 (BOLA), SPEC §3–§4, §9: every route × every role, generated from the route table and
 * the duty matrix — a record inside the role's scope answers 2xx, one outside answers 404 (single
 * reads, nested routes, writes) or is absent (lists, exports) or moves nothing (reports,
 * aggregates); and a refused write changes nothing. The per-route fixtures live in
 * test/setup/scope-cases; a route without one fails the first test.
 */

const key = (r: Route) => `${r.method} ${r.path}`;
const isProblem = (res: Response) => /^application\/problem\+json/.test(String(res.headers['content-type'] ?? '')) && res.body?.status === res.status;
const brief = (res: Response) => `${res.status} ${res.body?.code ?? ''} ${res.body?.detail ?? ''}`.trim();

describe('route table × duty matrix: data scope of every route (SPEC §3–§4, §9)', () => {
  let t: TestApp;
  let w: World;
  let table: Route[];
  /** Read-only cases share one record per (subject, state, owner). */
  const shared = new Map<string, Made>();

  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'silent' } });
    table = buildRouteTable(t);
    w = await World.build(t);
  }, 120_000);
  afterAll(() => t?.close());

  async function make(subject: string, state: string, owner: Person, fresh: boolean): Promise<Made> {
    const s = ALL_SUBJECTS[subject];
    if (!s) throw new Error(`no scope subject ${subject}`);
    const k = `${subject}/${state}/${owner.key}`;
    if (!fresh && shared.has(k)) return shared.get(k)!;
    const made: Made = { ...(await s.make(w, owner, state)), owner };
    if (!fresh) shared.set(k, made);
    return made;
  }

  /** The row and the audit trail: a refused request must leave both as they were. */
  async function snapshot(subject: string, id: string): Promise<string> {
    const { table: tbl } = ALL_SUBJECTS[subject];
    const [row] = await w.sql(`SELECT md5(x::text) AS h FROM ${tbl} x WHERE id = $1`, [id]);
    const [audit] = await w.sql(`SELECT count(*)::int AS n FROM audit_log WHERE action <> 'access.denied'`);
    return `${row?.h}/${audit.n}`;
  }

  function scopeFor(route: Route, c: Exclude<RouteCase, OpenCase>, role: RoleCode): Scope | null {
    if (c.scopeOf) return c.scopeOf(role);
    const permission = c.scopeBy ?? route.permission;
    if (!permission) throw new Error(`${key(route)}: a signed-in route needs scopeOf`);
    return grantFor(role, permission)?.scope ?? null;
  }

  /** The roles a case runs for: every holder of the route's permission (every role on signed-in routes). */
  const rolesOf = (route: Route) => ROLES.filter((role) => !route.permission || grantFor(role, route.permission));

  async function runItem(route: Route, c: ItemCase, actor: Person, scope: Scope, wrong: string[]) {
    const { inside, outside } = placements(w, actor, scope, ALL_SUBJECTS[c.subject].owners);
    const state = c.state ?? 'default';
    const mine = await make(c.subject, state, inside, !!c.fresh);
    const refusal = c.refused?.[actor.role];
    const unchanged = refusal ? await snapshot(c.subject, mine.id) : '';
    const res = await c.call(w, actor, mine);
    if (refusal) {
      if (res.status < 400 || res.status > 499 || res.body?.code !== refusal) wrong.push(`${actor.key} inside (${scope}) → ${brief(res)}, not ${refusal}`);
      if ((await snapshot(c.subject, mine.id)) !== unchanged) wrong.push(`${actor.key} inside: the refused request changed the record or wrote audit`);
    } else if (res.status < 200 || res.status > 299) wrong.push(`${actor.key} inside (${scope}, owner ${inside.key}) → ${brief(res)}`);
    if (!outside) return;
    const theirs = await make(c.subject, state, outside, false);
    const before = await snapshot(c.subject, theirs.id);
    const out = await c.call(w, actor, theirs);
    if (out.status !== 404 || !isProblem(out) || out.body.code !== 'NOT_FOUND') wrong.push(`${actor.key} outside (${scope}, owner ${outside.key}) → ${brief(out)}`);
    if ((await snapshot(c.subject, theirs.id)) !== before) wrong.push(`${actor.key} outside: the refused request changed the record or wrote audit`);
  }

  async function runList(c: ListCase, actor: Person, scope: Scope, wrong: string[]) {
    const { inside, outside } = placements(w, actor, scope, ALL_SUBJECTS[c.subject].owners);
    const state = c.state ?? 'default';
    const mine = await make(c.subject, state, inside, false);
    const res = await c.call(w, actor, mine);
    if (res.status !== 200) wrong.push(`${actor.key} list → ${brief(res)}`);
    else if (!c.contains(res, mine)) wrong.push(`${actor.key} (${scope}): the record of ${inside.key} is missing`);
    if (!outside) return;
    const theirs = await make(c.subject, state, outside, false);
    const out = await c.call(w, actor, theirs);
    if (out.status !== 200) wrong.push(`${actor.key} list (outside filter) → ${brief(out)}`);
    else if (c.contains(out, theirs)) wrong.push(`${actor.key} (${scope}): sees the record of ${outside.key}`);
  }

  async function runAggregate(c: AggregateCase, actor: Person, scope: Scope, wrong: string[]) {
    const { inside, outside } = placements(w, actor, scope, ALL_SUBJECTS[c.subject].owners);
    const state = c.state ?? 'default';
    const read = async () => {
      const res = await c.call(w, actor);
      if (res.status !== 200) throw new Error(`${actor.key} aggregate → ${brief(res)}`);
      return await c.measure(res);
    };
    const m0 = await read();
    const mine = await make(c.subject, state, inside, true);
    const m1 = await read();
    if (Math.abs(m1 - m0 - c.weight(mine)) > 1e-6) wrong.push(`${actor.key} (${scope}): a record of ${inside.key} moved the figure by ${m1 - m0}, not ${c.weight(mine)}`);
    if (!outside) return;
    const theirs = await make(c.subject, state, outside, true);
    if (c.weight(theirs) === 0) throw new Error('an aggregate fixture of weight 0 proves nothing');
    const m2 = await read();
    if (Math.abs(m2 - m1) > 1e-6) wrong.push(`${actor.key} (${scope}): a record of ${outside.key} moved the figure by ${m2 - m1}`);
  }

  /** A signed-in route the role reads nothing of: anyone else's record is 404 or absent. */
  async function runNothingInside(c: ItemCase | ListCase, actor: Person, wrong: string[]) {
    const other = ALL_SUBJECTS[c.subject].owners.map((k) => w.person(k)).find((p) => p.id !== actor.id)!;
    const theirs = await make(c.subject, c.state ?? 'default', other, false);
    const res = await c.call(w, actor, theirs);
    if (c.kind === 'item' && (res.status !== 404 || !isProblem(res))) wrong.push(`${actor.key} (no scope), owner ${other.key} → ${brief(res)}`);
    if (c.kind === 'list' && (res.status !== 200 || c.contains(res, theirs))) wrong.push(`${actor.key} (no scope) sees the record of ${other.key} (${brief(res)})`);
  }

  it('every route but the public ones has a scope case, and every case names a route of the table', () => {
    const routes = table.filter((r) => r.access !== 'public').map(key).sort();
    expect(Object.keys(ALL_CASES).sort()).toEqual(routes);
    expect(routes.length).toBeGreaterThanOrEqual(80);
    const scoped = Object.values(ALL_CASES).flat().filter((c) => c.kind !== 'open').length;
    expect(scoped).toBeGreaterThanOrEqual(50);
  });

  const keys = Object.keys(ALL_CASES).sort();
  it.each(keys)('%s', async (routeKey) => {
    const route = table.find((r) => key(r) === routeKey);
    if (!route) throw new Error(`${routeKey} is not in the route table`);
    const wrong: string[] = [];
    let inScopeChecks = 0;
    for (const c of ([] as RouteCase[]).concat(ALL_CASES[routeKey])) {
      for (const role of rolesOf(route)) {
        if (c.skip?.[role]) continue;
        const actor = w.person(role);
        if (c.kind === 'open') {
          const res = await c.call(w, actor);
          if (res.status < 200 || res.status > 299) wrong.push(`${role} → ${brief(res)}`);
          inScopeChecks += 1;
          continue;
        }
        const scope = scopeFor(route, c, role);
        if (!scope) {
          // a signed-in route open to every role: a role without a scope reads nothing of it
          if (route.permission || c.kind === 'aggregate') continue;
          await runNothingInside(c, actor, wrong);
          inScopeChecks += 1;
          continue;
        }
        if (c.kind === 'item') await runItem(route, c, actor, scope, wrong);
        else if (c.kind === 'list') await runList(c, actor, scope, wrong);
        else await runAggregate(c, actor, scope, wrong);
        inScopeChecks += 1;
      }
    }
    expect(wrong).toEqual([]);
    expect(inScopeChecks).toBeGreaterThan(0);
  });
});
