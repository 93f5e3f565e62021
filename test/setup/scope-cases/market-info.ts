import { grantFor } from '../../../src/access/policy';
import type { RoleCode } from '../../../src/access/roles';
import { CaseMap, ok, Person, PersonKey, Subject, World } from '../scope-world';
import { listed } from './parties';

/**
 * 市场信息库 and 市场调查报告: the scope cases of /market-info and /research-reports. An entry
 * belongs to its writer in the writer's department: read by department (marketinfo.read), kept up
 * to date by the department's curators (marketinfo.curate), edited by its writer (marketinfo.write,
 * own) or a curator. A report belongs to its writer: read at the reader's position (research.read),
 * written and submitted by its writer (research.write, own), decided by the department's 经理
 * (research.review).
 */

/** Everyone who registers market information (marketinfo.write), in each department. */
const WRITERS: PersonKey[] = [
  'market.specialist', 'market.specialist#2', 'market.supervisor', 'market.supervisor#2',
  'sales.rep', 'sales.rep#2', 'sales.clerk', 'sales.clerk#2', 'sales.assistant', 'sales.assistant#2',
  'key_account.specialist', 'key_account.specialist#2', 'key_account.supervisor', 'key_account.supervisor#2',
];
/** Everyone who writes research reports (research.write). */
const REPORTERS: PersonKey[] = [
  'market.specialist', 'market.specialist#2', 'market.supervisor', 'market.supervisor#2',
  'key_account.specialist', 'key_account.specialist#2', 'key_account.supervisor', 'key_account.supervisor#2',
];
/** A curator of each department, to archive a fixture. */
const CURATOR: Record<string, PersonKey> = { market: 'market.manager', sales: 'sales.assistant#2', key_account: 'key_account.manager' };

let serial = 0;

export const subjects: Record<string, Subject> = {
  /** An entry of its owner (the writer): `default` active, or `archived` by a curator of the department. */
  'market-info': {
    table: 'market_info',
    owners: WRITERS,
    async make(w: World, owner: Person, state: string) {
      const body = { category: 'competitor', title: `范围测试市场信息 ${(serial += 1)}`, body: '竞品降价', region: '华东' };
      const res = ok(await w.as(owner).post('/market-info', body), `market info of ${owner.key}`);
      const id = res.body.id as string;
      if (state === 'archived') ok(await w.as(CURATOR[owner.department]).post(`/market-info/${id}/archive`), 'archive');
      const [{ version }] = await w.sql(`SELECT version FROM market_info WHERE id = $1`, [id]);
      return { id, version };
    },
  },
  /** A report of its owner (the writer): `default` a draft, or `submitted` to the 经理. */
  'research-report': {
    table: 'research_reports',
    owners: REPORTERS,
    async make(w: World, owner: Person, state: string) {
      const body = { title: `范围测试调查报告 ${(serial += 1)}`, topic: '竞品价格', body: '走访经销商', conclusions: '跟进降价' };
      const res = ok(await w.as(owner).post('/research-reports', body), `research report of ${owner.key}`);
      const id = res.body.id as string;
      if (state === 'submitted') ok(await w.as(owner).post(`/research-reports/${id}/submit`), 'submit');
      const [{ version }] = await w.sql(`SELECT version FROM research_reports WHERE id = $1`, [id]);
      return { id, version };
    },
  },
};

/**
 * Who edits an entry: a curator the department's (marketinfo.curate), a writer their own
 * (marketinfo.write); a reader who is neither is refused by permission (the e2e suite checks it).
 */
const editScope = (role: RoleCode) => (grantFor(role, 'marketinfo.curate') ? ('department' as const) : grantFor(role, 'marketinfo.write') ? ('own' as const) : null);

export const cases: CaseMap = {
  'POST /api/v1/market-info': {
    kind: 'open',
    reason: 'a new entry of the caller’s own, in their department',
    call: (w, a) => w.as(a).post('/market-info', { category: 'price', title: `范围测试新信息 ${(serial += 1)}`, body: '价格行情' }),
  },
  'GET /api/v1/market-info': { kind: 'list', subject: 'market-info', call: (w, a, m) => w.as(a).get(`/market-info?ownerId=${m.owner.id}&pageSize=100`), contains: listed },
  'GET /api/v1/market-info/:id': { kind: 'item', subject: 'market-info', call: (w, a, m) => w.as(a).get(`/market-info/${m.id}`) },
  'PATCH /api/v1/market-info/:id': {
    kind: 'item',
    subject: 'market-info',
    fresh: true,
    scopeOf: editScope,
    call: (w, a, m) => w.as(a).patch(`/market-info/${m.id}`, { version: m.version as number, title: '范围测试市场信息（改）' }),
  },
  'POST /api/v1/market-info/:id/confirm': { kind: 'item', subject: 'market-info', fresh: true, call: (w, a, m) => w.as(a).post(`/market-info/${m.id}/confirm`) },
  'POST /api/v1/market-info/:id/archive': { kind: 'item', subject: 'market-info', fresh: true, call: (w, a, m) => w.as(a).post(`/market-info/${m.id}/archive`) },
  'POST /api/v1/market-info/:id/restore': { kind: 'item', subject: 'market-info', state: 'archived', fresh: true, call: (w, a, m) => w.as(a).post(`/market-info/${m.id}/restore`) },

  'POST /api/v1/research-reports': {
    kind: 'open',
    reason: 'a new report of the caller’s own, in their department',
    call: (w, a) => w.as(a).post('/research-reports', { title: `范围测试新报告 ${(serial += 1)}`, topic: '渠道' }),
  },
  'GET /api/v1/research-reports': { kind: 'list', subject: 'research-report', call: (w, a, m) => w.as(a).get(`/research-reports?ownerId=${m.owner.id}&pageSize=100`), contains: listed },
  'GET /api/v1/research-reports/:id': { kind: 'item', subject: 'research-report', call: (w, a, m) => w.as(a).get(`/research-reports/${m.id}`) },
  // the writer's steps: research.write is an own grant
  'PATCH /api/v1/research-reports/:id': {
    kind: 'item',
    subject: 'research-report',
    fresh: true,
    call: (w, a, m) => w.as(a).patch(`/research-reports/${m.id}`, { version: m.version as number, title: '范围测试调查报告（改）' }),
  },
  'POST /api/v1/research-reports/:id/submit': { kind: 'item', subject: 'research-report', fresh: true, call: (w, a, m) => w.as(a).post(`/research-reports/${m.id}/submit`) },
  // the 经理's decisions, on a submitted report of the department
  'POST /api/v1/research-reports/:id/accept': {
    kind: 'item',
    subject: 'research-report',
    state: 'submitted',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/research-reports/${m.id}/accept`, {}),
  },
  'POST /api/v1/research-reports/:id/return': {
    kind: 'item',
    subject: 'research-report',
    state: 'submitted',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/research-reports/${m.id}/return`, { comment: '请补充数据' }),
  },
};
