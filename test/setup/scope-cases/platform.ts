import * as ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { grantFor } from '../../../src/access/policy';
import { Scope, SCOPES } from '../../../src/access/duty.types';
import { ROLES, RoleCode } from '../../../src/access/roles';
import { CaseMap, ok, Person, PersonKey, Subject, World } from '../scope-world';
import { bearer } from '../users';
import { holders, listed } from './parties';
import { binary } from '../http';

/** Sales report, work reports, tasks, digests, and the platform routes (users, jobs, audit, duties). */

const everyone: PersonKey[] = [...ROLES, ...ROLES.filter((r) => r !== 'gm' && r !== 'admin').map((r) => `${r}#2` as PersonKey)];

/** The narrower of two scopes (they nest: own ⊂ team ⊂ department ⊂ all in this organisation). */
const narrower = (a: Scope | undefined, b: Scope | undefined): Scope | null => (a && b ? SCOPES[Math.min(SCOPES.indexOf(a), SCOPES.indexOf(b))] : null);

/** Today in Beijing, an hour ago: the business day the visit fixtures fall on. */
const visitDay = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - 3_600_000));

let week = 0;
/** A Monday no other work-report fixture used: one report per person and week. */
const nextWeek = () => new Date(Date.UTC(2024, 0, 1) + 7 * 86_400_000 * (week += 1)).toISOString().slice(0, 10);

/** Reads a column of the total row (合计) of a sales-report CSV. */
function csvTotal(res: Response, header: string): number {
  const rows = res.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(','));
  const col = rows[0].indexOf(header);
  const total = rows.find((r) => r[0] === '合计');
  if (col < 0 || !total) throw new Error(`no ${header} / 合计 in the CSV`);
  return Number(total[col]);
}

async function xlsxTotal(res: Response, header: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as ArrayBuffer);
  const ws = wb.worksheets[0];
  let col = -1;
  let value = NaN;
  ws.eachRow((row) => {
    const cells = (row.values as unknown[]).slice(1);
    if (col < 0) col = cells.indexOf(header);
    else if (cells[0] === '合计') value = Number(cells[col]);
  });
  return value;
}

export const subjects: Record<string, Subject> = {
  /** A weekly work report submitted by its owner (MKT-6.6 and peers). */
  'work-report': {
    table: 'work_reports',
    owners: holders('workreport.submit'),
    async make(w, owner) {
      const res = ok(await w.as(owner).post('/work-reports', { period: 'week', date: nextWeek(), summary: '本周拜访客户 3 家' }), 'submit work report');
      return { id: res.body.id };
    },
  },
  /** A task (待办) of its assignee. Tasks come only from workflows and jobs; the fixture inserts one directly. */
  task: {
    table: 'tasks',
    owners: everyone,
    async make(w, owner) {
      const [row] = await w.sql(`INSERT INTO tasks (assignee_id, kind, title, cause_key) VALUES ($1, 'scope-test', '范围测试待办', gen_random_uuid()::text) RETURNING id`, [owner.id]);
      return { id: row.id };
    },
  },
  /** A weekly digest of its recipient. Digests come only from the weekly job; the fixture inserts one directly. */
  digest: {
    table: 'report_digests',
    owners: everyone,
    async make(w, owner) {
      const [row] = await w.sql(
        `INSERT INTO report_digests (kind, period_from, recipient_id, content) VALUES ('weekly', $1::date, $2, '{}'::jsonb) RETURNING id`,
        [nextWeek(), owner.id],
      );
      return { id: row.id };
    },
  },
};

/** Visits counted by the sales report: report.sales and visit.read must both reach the visit. */
const reportScope = (role: RoleCode) => narrower(grantFor(role, 'report.sales')?.scope, grantFor(role, 'visit.read')?.scope);
const salesReport = (w: World, a: Person, format?: 'csv' | 'xlsx') => {
  const req = w.t.http().get(`/api/v1/reports/sales?period=month&date=${visitDay()}${format ? `&format=${format}` : ''}`).set('authorization', bearer(a.token));
  return (format ? req.buffer(true).parse(binary) : req).then((r) => r);
};
const reportCsv = (res: Response): Response => Object.assign(res, { text: Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text });

/** Work reports: a reviewer's team or department, a submitter's own; nothing for anyone else. */
const workReportScope = (role: RoleCode): Scope | null => grantFor(role, 'workreport.review')?.scope ?? grantFor(role, 'workreport.submit')?.scope ?? null;

/** One visit is one visit. */
const visits = () => 1;

export const cases: CaseMap = {
  // ── reports (SAL-6.1, SAL-8.2) ──
  'GET /api/v1/reports/sales': [
    { kind: 'aggregate', subject: 'visit', scopeOf: reportScope, call: (w, a) => salesReport(w, a), measure: (res) => res.body.total.visits, weight: visits },
    { kind: 'aggregate', subject: 'visit', scopeOf: reportScope, call: (w, a) => salesReport(w, a, 'csv'), measure: (res) => csvTotal(reportCsv(res), '拜访次数'), weight: visits },
    { kind: 'aggregate', subject: 'visit', scopeOf: reportScope, call: (w, a) => salesReport(w, a, 'xlsx'), measure: (res) => xlsxTotal(res, '拜访次数'), weight: visits },
  ],
  'GET /api/v1/reports/digests': { kind: 'list', subject: 'digest', scopeOf: () => 'own', call: (w, a) => w.as(a).get('/reports/digests?pageSize=100'), contains: listed },

  // ── work reports ──
  'GET /api/v1/work-reports/draft': { kind: 'open', reason: 'the draft is built from the caller’s own activity', call: (w, a) => w.as(a).get('/work-reports/draft?period=week') },
  'POST /api/v1/work-reports': {
    kind: 'open',
    reason: 'a submitter reports on their own activity',
    call: (w, a) => w.as(a).post('/work-reports', { period: 'month', date: nextWeek(), summary: '本月工作总结' }),
  },
  'GET /api/v1/work-reports': {
    kind: 'list',
    subject: 'work-report',
    scopeOf: workReportScope,
    call: (w, a, m) => w.as(a).get(`/work-reports?ownerId=${m.owner.id}&pageSize=100`),
    contains: listed,
  },
  'GET /api/v1/work-reports/:id': { kind: 'item', subject: 'work-report', scopeOf: workReportScope, call: (w, a, m) => w.as(a).get(`/work-reports/${m.id}`) },
  'POST /api/v1/work-reports/:id/review': {
    kind: 'item',
    subject: 'work-report',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/work-reports/${m.id}/review`, { comment: '内容完整' }),
  },

  // ── tasks (待办): the assignee's own ──
  'GET /api/v1/me/tasks': { kind: 'list', subject: 'task', scopeOf: () => 'own', call: (w, a) => w.as(a).get('/me/tasks?pageSize=100'), contains: listed },
  'POST /api/v1/tasks/:id/done': { kind: 'item', subject: 'task', scopeOf: () => 'own', fresh: true, call: (w, a, m) => w.as(a).post(`/tasks/${m.id}/done`) },

  // ── signed-in platform routes: the same for every role ──
  'GET /api/v1/auth/me': { kind: 'open', reason: 'the caller’s own account', call: (w, a) => w.as(a).get('/auth/me') },
  // a bearer token is stateless: signing out ends nothing on the server, and the token keeps working for the other cases
  'POST /api/v1/auth/logout': { kind: 'open', reason: 'the caller’s own sign-in', call: (w, a) => w.as(a).post('/auth/logout') },
  'GET /api/v1/duties': { kind: 'open', reason: 'the duty rules are published to everyone', call: (w, a) => w.as(a).get('/duties') },
  'GET /api/v1/duties/matrix': { kind: 'open', reason: 'the duty matrix is published to everyone', call: (w, a) => w.as(a).get('/duties/matrix') },
  'GET /api/v1/duties/versions': { kind: 'open', reason: 'every version of the rules is published to everyone', call: (w, a) => w.as(a).get('/duties/versions') },
  'GET /api/v1/users/directory': { kind: 'open', reason: 'names and roles of colleagues, for assignment pickers', call: (w, a) => w.as(a).get('/users/directory') },

  // ── administration: user.manage, job.run and audit.read are `all` grants ──
  'POST /api/v1/users': {
    kind: 'open',
    reason: 'user.manage is an all-scope grant (admin)',
    call: (w, a) => w.as(a).post('/users', { username: `scope_${Date.now().toString(36)}${(week += 1)}`, displayName: '范围测试新用户', role: 'sales.rep', password: 'Correct-Horse-Battery-9' }),
  },
  'GET /api/v1/users': { kind: 'open', reason: 'user.manage is an all-scope grant (admin)', call: (w, a) => w.as(a).get('/users') },
  'GET /api/v1/users/:id': { kind: 'open', reason: 'user.manage is an all-scope grant (admin)', call: (w, a) => w.as(a).get(`/users/${w.person('sales.rep').id}`) },
  'PATCH /api/v1/users/:id': {
    kind: 'open',
    reason: 'user.manage is an all-scope grant (admin)',
    call: async (w, a) => {
      const target = w.person('sales.assistant#2');
      const [{ version }] = await w.sql(`SELECT version FROM users WHERE id = $1`, [target.id]);
      return w.as(a).patch(`/users/${target.id}`, { version, displayName: '范围测试 助理二' });
    },
  },
  'GET /api/v1/jobs': { kind: 'open', reason: 'job.run is an all-scope grant (admin)', call: (w, a) => w.as(a).get('/jobs') },
  'POST /api/v1/jobs/:name/run': { kind: 'open', reason: 'job.run is an all-scope grant (admin)', call: (w, a) => w.as(a).post('/jobs/prospects.stale-check/run') },
  'GET /api/v1/audit': { kind: 'open', reason: 'audit.read is an all-scope grant (gm, admin)', call: (w, a) => w.as(a).get('/audit') },

  // ── notifications: one's own settings; the outbox is notification.manage, an all-scope grant (admin) ──
  'GET /api/v1/me/notification-settings': { kind: 'open', reason: 'the caller’s own notification settings', call: (w, a) => w.as(a).get('/me/notification-settings') },
  'PUT /api/v1/me/notification-settings': {
    kind: 'open',
    reason: 'the caller’s own notification settings',
    call: (w, a) =>
      w.as(a).put('/me/notification-settings', { emailEnabled: true, webhookEnabled: false, kinds: { approval: true, overdue: true, complaint: true, assignment: true, task: false } }),
  },
  'GET /api/v1/notifications/status': { kind: 'open', reason: 'notification.manage is an all-scope grant (admin)', call: (w, a) => w.as(a).get('/notifications/status') },
  'GET /api/v1/notifications/outbox': { kind: 'open', reason: 'notification.manage is an all-scope grant (admin)', call: (w, a) => w.as(a).get('/notifications/outbox') },
  'GET /api/v1/notifications/outbox/:id': {
    kind: 'open',
    reason: 'notification.manage is an all-scope grant (admin)',
    call: async (w, a) => w.as(a).get(`/notifications/outbox/${await failedMessage(w)}`),
  },
  'POST /api/v1/notifications/outbox/:id/retry': {
    kind: 'open',
    reason: 'notification.manage is an all-scope grant (admin)',
    call: async (w, a) => w.as(a).post(`/notifications/outbox/${await failedMessage(w)}/retry`),
  },
};

/** A message that failed for good (the fixture's server has no channels, so nothing is written by events). */
async function failedMessage(w: World): Promise<string> {
  const [row] = await w.sql(
    `INSERT INTO notification_outbox (event_kind, event_key, source_kind, recipient_id, channel, subject, body, status, attempts, max_attempts, last_error)
     VALUES ('task', $1, 'contract.sign', $2, 'webhook', '范围测试通知', '正文', 'failed', 1, 1, 'HTTP 500') RETURNING id`,
    [`scope-case:${(week += 1)}`, w.person('sales.rep').id],
  );
  return row.id;
}
