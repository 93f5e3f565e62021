import type { Response } from 'supertest';
import type { Permission, Scope } from '../../src/access/duty.types';
import { Department, departmentOf, ROLES, RoleCode } from '../../src/access/roles';
import type { TestApp } from './create-test-app';
import { adminToken, bearer, createUser } from './users';

/**
 * A small organisation for the generated scope test (SPEC §3–§4): one user of every role, a twin
 * (`<role>#2`) of every business role, and two reporting lines per department — the supervisor's
 * subordinate is inside their team, the twin's subordinate is outside it.
 */

/** `sales.rep` or its twin `sales.rep#2`. */
export type PersonKey = RoleCode | `${RoleCode}#2`;

export interface Person {
  key: PersonKey;
  id: string;
  role: RoleCode;
  department: Department;
  supervisorId: string | null;
  token: string;
}

/** Who reports to whom: the subordinate's supervisor, per department and line. */
const LINES: Array<[subordinate: PersonKey, supervisor: PersonKey]> = [
  ['market.specialist', 'market.supervisor'],
  ['market.specialist#2', 'market.supervisor#2'],
  ['sales.rep', 'sales.supervisor'],
  ['sales.rep#2', 'sales.supervisor#2'],
  ['key_account.specialist', 'key_account.supervisor'],
  ['key_account.specialist#2', 'key_account.supervisor#2'],
];

export interface Caller {
  get(path: string): Promise<Response>;
  post(path: string, body?: object): Promise<Response>;
  patch(path: string, body: object): Promise<Response>;
  put(path: string, body: object): Promise<Response>;
}

export class World {
  readonly people = new Map<PersonKey, Person>();

  constructor(readonly t: TestApp) {}

  static async build(t: TestApp): Promise<World> {
    const w = new World(t);
    const admin = await adminToken(t);
    const adminRow = await t.ds.query(`SELECT id FROM users WHERE username = 'admin'`);
    w.people.set('admin', { key: 'admin', id: adminRow[0].id, role: 'admin', department: 'system', supervisorId: null, token: admin });
    const keys: PersonKey[] = [...ROLES.filter((r) => r !== 'admin'), ...ROLES.filter((r) => r !== 'admin' && r !== 'gm').map((r) => `${r}#2` as PersonKey)];
    // supervisors first, so that their subordinates can name them
    const supervisorOf = new Map(LINES);
    keys.sort((a, b) => Number(supervisorOf.has(a)) - Number(supervisorOf.has(b)));
    for (const key of keys) {
      const role = key.split('#')[0] as RoleCode;
      const sup = supervisorOf.get(key);
      const supervisorId = sup ? w.person(sup).id : undefined;
      const u = await createUser(t, role, { admin, supervisorId, displayName: `范围测试 ${key}` });
      w.people.set(key, { key, id: u.id, role, department: departmentOf(role), supervisorId: supervisorId ?? null, token: u.token });
    }
    return w;
  }

  person(key: PersonKey): Person {
    const p = this.people.get(key);
    if (!p) throw new Error(`no person ${key} in the scope world`);
    return p;
  }

  /** HTTP as `who`, under the API prefix. */
  as(who: Person | PersonKey): Caller {
    const p = typeof who === 'string' ? this.person(who) : who;
    const auth = bearer(p.token);
    const http = () => this.t.http();
    return {
      get: (path) => http().get(`/api/v1${path}`).set('authorization', auth).then((r) => r),
      post: (path, body = {}) => http().post(`/api/v1${path}`).set('authorization', auth).send(body).then((r) => r),
      patch: (path, body) => http().patch(`/api/v1${path}`).set('authorization', auth).send(body).then((r) => r),
      put: (path, body) => http().put(`/api/v1${path}`).set('authorization', auth).send(body).then((r) => r),
    };
  }

  sql<T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T[]> {
    return this.t.ds.query(query, params);
  }

  /**
   * Places a record with `owner` — the two scope columns every scoped table has. Only for fixtures
   * whose owner the API cannot set directly; the product sets them the same way on assignment.
   */
  async place(table: string, id: string, owner: Person, ownerColumn = 'owner_id'): Promise<void> {
    await this.sql(`UPDATE ${table} SET ${ownerColumn} = $2, department = $3 WHERE id = $1`, [id, owner.id, owner.department]);
  }
}

/** Fails a fixture step loudly with the response, so a broken fixture never reads as a scope failure. */
export function ok(res: Response, what: string, status = [200, 201]): Response {
  if (!status.includes(res.status)) throw new Error(`fixture step failed — ${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** A record made for one case: its id, and whatever else the route needs to call it. */
export interface Made extends Making {
  /** Set by the test: the owner the record was made for. */
  owner: Person;
}
/** What a subject's maker returns. */
export interface Making {
  id: string;
  [more: string]: unknown;
}

/** A kind of record whose scope decides: who may own one, and how to make one in a given state. */
export interface Subject {
  /** Table holding the record (for the "changes nothing" check). */
  table: string;
  /** People who may own such a record, most natural first. */
  owners: readonly PersonKey[];
  /** Makes a record in `state` owned by `owner` (scope columns = owner's id and department). */
  make(w: World, owner: Person, state: string): Promise<Making>;
}

interface CaseBase {
  /** The subject whose scope decides the case. */
  subject: string;
  /** The state of the record the route acts on; `default` unless said. */
  state?: string;
  /** The permission whose scope decides (default: the route's own). */
  scopeBy?: Permission;
  /** The scope a role reads at, when the rule is not a plain grant (signed-in routes). */
  scopeOf?: (role: RoleCode) => Scope | null;
  /** Roles for which the case makes no sense, with the reason (e.g. a business rule forbids the act for the role). */
  skip?: Partial<Record<RoleCode, string>>;
}

/** A route on one record (`:id` = the record): 2xx inside, 404 outside and nothing changed. */
export interface ItemCase extends CaseBase {
  kind: 'item';
  /** Each case gets a fresh record (writes); reads share one per owner. */
  fresh?: boolean;
  /**
   * Roles a business rule refuses the act inside their scope, with the code they get (and the
   * record stays as it was); outside their scope they still get 404 like everyone else.
   */
  refused?: Partial<Record<RoleCode, string>>;
  call(w: World, actor: Person, made: Made): Promise<Response>;
}

/** A list or export: the inside record is in it, the outside record is not. */
export interface ListCase extends CaseBase {
  kind: 'list';
  call(w: World, actor: Person, made: Made): Promise<Response>;
  contains(res: Response, made: Made): boolean;
}

/** An aggregate (report, aging, stats): a new inside record moves the figure by its weight, an outside one not at all. */
export interface AggregateCase extends CaseBase {
  kind: 'aggregate';
  call(w: World, actor: Person): Promise<Response>;
  measure(res: Response): number | Promise<number>;
  /** How much one made record moves the figure. */
  weight(made: Made): number;
}

/** A route that is not scoped by a record (the grant is `all`, or it creates a top-level record): 2xx for every holder. */
export interface OpenCase {
  kind: 'open';
  reason: string;
  call(w: World, actor: Person): Promise<Response>;
  skip?: Partial<Record<RoleCode, string>>;
}

export type RouteCase = ItemCase | ListCase | AggregateCase | OpenCase;
/** Route key (`GET /api/v1/customers/:id`) → its case, or several (a list and its CSV export). */
export type CaseMap = Record<string, RouteCase | RouteCase[]>;

/**
 * The owners of an inside and an outside record for `actor` reading at `scope`, among `candidates`:
 * own → self / a peer of the department; team → a subordinate / someone of the department outside
 * the team; department → a colleague / someone of another department; all → anyone / none.
 */
export function placements(w: World, actor: Person, scope: Scope, candidates: readonly PersonKey[]): { inside: Person; outside: Person | null } {
  const people = candidates.map((k) => w.person(k));
  const pick = (what: string, f: (p: Person) => boolean): Person => {
    const found = people.find(f);
    if (!found) throw new Error(`scope fixture: no ${what} for ${actor.key} among ${candidates.join(', ')}`);
    return found;
  };
  const sameDept = (p: Person) => p.department === actor.department;
  switch (scope) {
    case 'own':
      // a peer outside the actor's team, where there is one: a supervisor may still read a subordinate's record
      return {
        inside: pick('own record', (p) => p.id === actor.id),
        outside:
          people.find((p) => sameDept(p) && p.id !== actor.id && p.supervisorId !== actor.id) ??
          people.find((p) => sameDept(p) && p.id !== actor.id) ??
          pick('anyone else', (p) => p.id !== actor.id),
      };
    case 'team':
      return {
        inside: pick('subordinate', (p) => p.supervisorId === actor.id),
        outside: pick('colleague outside the team', (p) => sameDept(p) && p.id !== actor.id && p.supervisorId !== actor.id),
      };
    case 'department':
      return {
        inside: people.find((p) => sameDept(p) && p.id !== actor.id) ?? pick('colleague', sameDept),
        outside: pick('other department', (p) => !sameDept(p)),
      };
    case 'all':
      return { inside: people.find((p) => !sameDept(p)) ?? pick('anyone', () => true), outside: null };
  }
}
