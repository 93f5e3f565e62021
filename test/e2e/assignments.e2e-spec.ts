import type { Response } from 'supertest';
import { AssignmentDueRemindersJob } from '../../src/assignments/due-reminders.job';
import { businessDate, startOfDayIn } from '../../src/common/time';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { OpenApiDoc, responseProblems } from '../setup/openapi-schema';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';
import { embeddedNotice, pgClient, until } from './resilience-support';

/**
 * 交办事项 (MKT-4.9 … KA-6.7) and 协作请求 (MKT-4.8, SAL-5.1): who may hand work to whom, the one
 * table of states and who takes each step, the tasks every step opens and closes, the scope of
 * the list by the assignee's position (and always what one handed out), requests routed to the
 * other department's 经理 and passed on, the reminder job run as of a date, and the audit trail.
 */
describe('assignments', () => {
  let t: TestApp;
  let admin: string;
  let doc: OpenApiDoc;
  const u: Record<string, TestUser> = {};

  const post = (who: TestUser | string, path: string, body?: object) => {
    const req = t.http().post(`/api/v1${path}`).set('authorization', bearer(who));
    return body === undefined ? req : req.send(body);
  };
  const patch = (who: TestUser | string, path: string, body: object) => t.http().patch(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  const get = (who: TestUser | string, path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(who));
  /** The response as documented in the OpenAPI document (status and body). */
  const conforms = (res: Response, status: number): Response => {
    expect({ status: res.status, body: res.status === status ? 'ok' : res.body }).toEqual({ status, body: 'ok' });
    const { method, path } = (res as Response & { req: { method: string; path: string } }).req;
    expect(responseProblems(doc, method, path, res.status, res.body)).toEqual([]);
    return res;
  };
  const problem = (res: Response, status: number, code: string) => {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    return res;
  };

  const tz = 'Asia/Shanghai';
  const today = () => businessDate(new Date(), tz);
  const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  let serial = 0;
  const work = (assigneeId: string, extra: object = {}) => ({ title: `整理客户名单 ${(serial += 1)}`, description: '按行业分组', dueAt: addDays(today(), 5), assigneeId, ...extra });

  type A = Record<string, any> & { id: string; status: string; version: number };
  const assign = async (by: TestUser, to: TestUser, extra: object = {}): Promise<A> => conforms(await post(by, '/assignments', work(to.id, extra)), 201).body;
  const step = async (who: TestUser, id: string, action: string, body?: object): Promise<A> => conforms(await post(who, `/assignments/${id}/${action}`, body), 200).body;
  const tasksOf = async (id: string) =>
    (await t.ds.query(`SELECT assignee_id, kind, status, cause_key FROM tasks WHERE entity = 'assignment' AND entity_id = $1 ORDER BY created_at, cause_key`, [id])) as {
      assignee_id: string;
      kind: string;
      status: string;
      cause_key: string;
    }[];
  const openTasks = async (id: string) => (await tasksOf(id)).filter((x) => x.status === 'open').map((x) => `${x.kind}@${x.assignee_id}`);
  const listIds = async (who: TestUser, query = '') => {
    const res = conforms(await get(who, `/assignments?pageSize=100${query}`), 200);
    return new Set<string>(res.body.items.map((a: A) => a.id));
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    doc = (await t.http().get('/api/docs-json')).body;
    u.gm = await createUser(t, 'gm', { admin, displayName: '王总' });
    u.mm = await createUser(t, 'market.manager', { admin, displayName: '市场经理' });
    u.ms = await createUser(t, 'market.supervisor', { admin, supervisorId: u.mm.id, displayName: '市场主管' });
    u.msp = await createUser(t, 'market.specialist', { admin, supervisorId: u.ms.id, displayName: '市场专员' });
    u.ms2 = await createUser(t, 'market.supervisor', { admin, supervisorId: u.mm.id });
    u.msp2 = await createUser(t, 'market.specialist', { admin, supervisorId: u.ms2.id });
    u.sm = await createUser(t, 'sales.manager', { admin, displayName: '销售经理' });
    u.ss = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id, displayName: '销售主管' });
    u.rep1 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id, displayName: '业务员一' });
    u.rep2 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id, displayName: '业务员二' });
    u.ss2 = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id, displayName: '销售主管二' });
    u.rep3 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss2.id, displayName: '业务员三' });
    u.clerk = await createUser(t, 'sales.clerk', { admin, supervisorId: u.sm.id });
    u.km = await createUser(t, 'key_account.manager', { admin, displayName: 'B 大客户经理' });
    u.km2 = await createUser(t, 'key_account.manager', { admin, displayName: 'A 大客户经理' });
    u.ks = await createUser(t, 'key_account.supervisor', { admin, supervisorId: u.km.id });
    u.ksp = await createUser(t, 'key_account.specialist', { admin, supervisorId: u.ks.id });
  });
  afterAll(() => t?.close());

  describe('job assignments.due-reminders (run as of a date)', () => {
    const JOB = 'assignments.due-reminders';
    const D = addDays(today(), 20);
    const run = (asOf: string) => post(admin, `/jobs/${JOB}/run`, { asOf });
    let a1: A; // due D
    let a2: A; // due D + 1
    let a3: A; // due D, completed before the day
    let req: A; // a request due D, passed on

    const remindersOf = async (id: string) =>
      (await t.ds.query(`SELECT kind, assignee_id, cause_key FROM tasks WHERE entity_id = $1 AND kind IN ('assignment.due-soon', 'assignment.due-today', 'assignment.overdue') ORDER BY cause_key`, [id])) as {
        kind: string;
        assignee_id: string;
        cause_key: string;
      }[];

    beforeAll(async () => {
      a1 = await assign(u.ks, u.ksp, { title: '提醒：D 当天到期', dueAt: D });
      a2 = await assign(u.ks, u.ksp, { title: '提醒：D+1 到期', dueAt: `${addDays(D, 1)}T10:00:00+08:00` });
      a3 = await assign(u.ks, u.ksp, { title: '提醒：已完成', dueAt: D });
      await step(u.ksp, a3.id, 'start');
      await step(u.ksp, a3.id, 'complete');
      req = (await post(u.ss, '/assignments/requests', { toDepartment: 'key_account', managerId: u.km.id, title: '提醒：协作请求', dueAt: D })).body;
      await step(u.km, req.id, 'delegate', { assigneeId: u.ks.id });
    });

    it('is listed by GET /jobs with its schedule', async () => {
      const res = await get(admin, '/jobs');
      expect(res.body.items.find((j: { name: string }) => j.name === JOB)).toMatchObject({ schedule: '30 7 * * *', description: expect.stringContaining('交办事项') });
    });

    it('the day before: a reminder for the assignee of work due the next day, nothing for done work', async () => {
      const res = await run(addDays(D, -1));
      expect(res.body).toMatchObject({ job: JOB, slot: addDays(D, -1), status: 'succeeded', summary: { reminders: 2, dueToday: 0, overdue: 0 } });
      expect(await remindersOf(a1.id)).toEqual([{ kind: 'assignment.due-soon', assignee_id: u.ksp.id, cause_key: `assignment:${a1.id}:due-soon:${D}:${u.ksp.id}` }]);
      expect(await remindersOf(a2.id)).toEqual([]);
      expect(await remindersOf(a3.id)).toEqual([]);
      // the request reminds whoever has it now
      expect(await remindersOf(req.id)).toEqual([expect.objectContaining({ kind: 'assignment.due-soon', assignee_id: u.ks.id })]);
      const [task] = await t.ds.query(`SELECT title FROM tasks WHERE entity_id = $1 AND kind = 'assignment.due-soon'`, [a1.id]);
      expect(task.title).toBe(`交办事项明天到期（${D.slice(5)} 23:59）：提醒：D 当天到期`);
    });

    it('on the day: due today for D, due tomorrow for D + 1; again for the same day adds nothing', async () => {
      const res = await run(D);
      expect(res.body).toMatchObject({ status: 'succeeded', summary: { reminders: 3, dueToday: 2, overdue: 0 } });
      expect((await remindersOf(a1.id)).map((r) => r.kind)).toEqual(['assignment.due-soon', 'assignment.due-today']);
      expect((await remindersOf(a2.id)).map((r) => r.kind)).toEqual(['assignment.due-soon']);
      // the slot ran: the runner skips it
      expect((await run(D)).body).toMatchObject({ status: 'skipped', reason: 'already_ran' });
      // and the work itself is idempotent by cause key, past the runner's guard
      const job = t.app.get(AssignmentDueRemindersJob);
      const again = await t.ds.transaction((m) => job.run({ asOf: D, slot: D, tz, manager: m }));
      expect(again).toMatchObject({ reminders: 0, overdue: 0 });
    });

    it('the day after: overdue work is flagged to the assigner, once per due date; done work is not', async () => {
      const res = await run(addDays(D, 1));
      expect(res.body).toMatchObject({ status: 'succeeded', summary: { reminders: 1, dueToday: 1, overdue: 2 } });
      expect(await remindersOf(a1.id)).toEqual([
        expect.objectContaining({ kind: 'assignment.due-soon' }),
        expect.objectContaining({ kind: 'assignment.due-today' }),
        { kind: 'assignment.overdue', assignee_id: u.ks.id, cause_key: `assignment:${a1.id}:overdue:${D}:${u.ks.id}` },
      ]);
      expect((await remindersOf(req.id)).filter((r) => r.kind === 'assignment.overdue')).toEqual([expect.objectContaining({ assignee_id: u.ss.id })]);
      expect(await remindersOf(a3.id)).toEqual([]);
      const [flag] = await t.ds.query(`SELECT title FROM tasks WHERE entity_id = $1 AND kind = 'assignment.overdue'`, [a1.id]);
      expect(flag.title).toContain('交办事项已逾期');
      const next = await run(addDays(D, 2));
      expect(next.body.summary).toMatchObject({ reminders: 0, overdue: 1 }); // a2 (D + 1, 10:00) now overdue; a1 not again
    });

    it('completing the work closes its reminders and the overdue flag', async () => {
      await step(u.ksp, a1.id, 'start');
      await step(u.ksp, a1.id, 'complete');
      expect(await openTasks(a1.id)).toEqual([`assignment.confirm@${u.ks.id}`]);
    });

    it('two runs of one slot at the same moment: one does the work, the other is skipped; no task twice', async () => {
      const a4 = await assign(u.ks, u.ksp, { title: '提醒：并发', dueAt: addDays(D, 31) });
      const slot = addDays(D, 30);
      const [x, y] = await Promise.all([run(slot), run(slot)]);
      expect([x.body.status, y.body.status].sort()).toEqual(['skipped', 'succeeded']);
      expect([x.body, y.body].find((b) => b.status === 'succeeded').summary.reminders).toBe(1);
      expect(await remindersOf(a4.id)).toHaveLength(1);
      expect(await t.ds.query(`SELECT cause_key FROM tasks GROUP BY cause_key HAVING count(*) > 1`)).toEqual([]);
    });

    it('a step in flight while the job runs is waited for: no reminder outlives work completed meanwhile', async () => {
      if (embeddedNotice(t, 'the reminder job waiting for a step in flight')) return;
      const a5 = await assign(u.ks, u.ksp, { title: '提醒：办理中完成', dueAt: addDays(D, 41) });
      await step(u.ksp, a5.id, 'start');
      const holder = await pgClient(t.config.databaseUrl!);
      try {
        // a completion that has changed the row but not yet committed
        await holder.query('BEGIN');
        await holder.query(`UPDATE assignments SET status = 'done', completed_at = now(), version = version + 1 WHERE id = $1`, [a5.id]);
        const running = run(addDays(D, 40)).then((r) => r);
        await until('the job to wait for the row', async () =>
          (await t.ds.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n > 0,
        );
        await holder.query('COMMIT');
        expect((await running).body).toMatchObject({ status: 'succeeded', summary: { reminders: 0 } });
        expect(await remindersOf(a5.id)).toEqual([]);
      } finally {
        await holder.end();
      }
    });
  });

  describe('who may hand work to whom (交办范围)', () => {
    it('a supervisor hands work to a direct report: the assignment, its history, a task for the assignee and an audit row', async () => {
      const due = addDays(today(), 3);
      const a = await assign(u.ss, u.rep1, { dueAt: due, priority: 'high', title: '走访三家意向客户' });
      expect(a).toMatchObject({
        kind: 'assignment',
        title: '走访三家意向客户',
        description: '按行业分组',
        priority: 'high',
        status: 'assigned',
        overdue: false,
        assignerId: u.ss.id,
        assignerName: '销售主管',
        assignerDepartment: 'sales',
        assigneeId: u.rep1.id,
        assigneeName: '业务员一',
        department: 'sales',
        toDepartment: null,
        delegatedBy: null,
        entity: null,
        entityId: null,
        dueDate: due,
        returnCount: 0,
        version: 1,
      });
      // a bare due date is the end of that business day
      expect(a.dueAt).toBe(new Date(startOfDayIn(addDays(due, 1), tz).getTime() - 1000).toISOString());
      expect(a.history).toEqual([
        expect.objectContaining({ action: 'create', fromStatus: null, toStatus: 'assigned', actorId: u.ss.id, actorName: '销售主管', assigneeId: u.rep1.id, comment: null }),
      ]);
      expect(await openTasks(a.id)).toEqual([`assignment.assigned@${u.rep1.id}`]);
      const mine = await get(u.rep1, '/me/tasks?status=open');
      expect(mine.body.items.find((x: { entityId: string }) => x.entityId === a.id)).toMatchObject({ kind: 'assignment.assigned', entity: 'assignment', title: expect.stringContaining('走访三家意向客户') });
      const audit = await t.ds.query(`SELECT action, actor_id, before, after FROM audit_log WHERE entity = 'assignment' AND entity_id = $1`, [a.id]);
      expect(audit).toEqual([{ action: 'assignment.create', actor_id: u.ss.id, before: null, after: expect.objectContaining({ id: a.id, status: 'assigned' }) }]);
    });

    it('a due time with an offset is kept as given; its business day is the due date', async () => {
      const day = addDays(today(), 2);
      const a = await assign(u.ss, u.rep2, { dueAt: `${day}T18:30:00+08:00` });
      expect(a.dueAt).toBe(new Date(`${day}T18:30:00+08:00`).toISOString());
      expect(a.dueDate).toBe(day);
    });

    it('reach: team = direct reports, department = the department, the 总经理 = anyone who takes work', async () => {
      // the supervisor: not a colleague's report, not the manager
      problem(await post(u.ss, '/assignments', work(u.rep3.id)), 403, 'ASSIGNMENT_OUT_OF_REACH');
      const far = problem(await post(u.ss, '/assignments', work(u.sm.id)), 403, 'ASSIGNMENT_OUT_OF_REACH');
      expect(far.body.clauses.map((c: { id: string }) => c.id)).toEqual(['SAL-5.3', 'SAL-5.6']);
      expect(far.body.errors).toEqual([{ field: 'assigneeId', message: expect.stringContaining('只能交办给自己的直接下属') }]);
      // the manager: anyone of the department, nobody of another
      await assign(u.sm, u.rep3);
      await assign(u.sm, u.clerk);
      await assign(u.sm, u.ss2);
      problem(await post(u.sm, '/assignments', work(u.msp.id)), 403, 'ASSIGNMENT_OUT_OF_REACH');
      problem(await post(u.mm, '/assignments', work(u.rep1.id)), 403, 'ASSIGNMENT_OUT_OF_REACH');
      // the 总经理: any department, managers included
      await assign(u.gm, u.mm);
      await assign(u.gm, u.rep1);
      await assign(u.gm, u.ksp);
    });

    it('nobody hands work to themselves, to the 总经理, to the admin or to a deactivated account (400)', async () => {
      const self = problem(await post(u.sm, '/assignments', work(u.sm.id)), 400, 'ASSIGNMENT_ASSIGNEE_INVALID');
      expect(self.body.errors[0].field).toBe('assigneeId');
      problem(await post(u.mm, '/assignments', work(u.gm.id)), 400, 'ASSIGNMENT_ASSIGNEE_INVALID');
      const [adminRow] = await t.ds.query(`SELECT id FROM users WHERE username = 'admin'`);
      problem(await post(u.gm, '/assignments', work(adminRow.id)), 400, 'ASSIGNMENT_ASSIGNEE_INVALID');
      problem(await post(u.gm, '/assignments', work('3f1c2b7e-8a4d-4c6b-9e2f-0a1b2c3d4e5f')), 400, 'ASSIGNMENT_ASSIGNEE_INVALID');
      const gone = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id });
      expect((await patch(admin, `/users/${gone.id}`, { version: gone.version, active: false })).status).toBe(200);
      problem(await post(u.ss, '/assignments', work(gone.id)), 400, 'ASSIGNMENT_ASSIGNEE_INVALID');
      expect(await t.ds.query(`SELECT count(*)::int AS n FROM assignments WHERE assignee_id = ANY($1)`, [[u.sm.id, u.gm.id, adminRow.id, gone.id]])).toEqual([{ n: 0 }]);
    });

    it('those without assignment.assign are refused by the duty matrix (403 naming it)', async () => {
      for (const who of [u.rep1, u.clerk, u.msp, u.ksp]) {
        const res = problem(await post(who, '/assignments', work(u.rep2.id)), 403, 'PERMISSION_DENIED');
        expect(res.body.permission).toBe('assignment.assign');
      }
    });

    it('bad input is 400 and creates nothing: a past due date, a missing title, a priority, server-owned fields, half a link', async () => {
      const before = (await t.ds.query('SELECT count(*)::int AS n FROM assignments'))[0].n;
      const past = problem(await post(u.ss, '/assignments', work(u.rep1.id, { dueAt: addDays(today(), -1) })), 400, 'ASSIGNMENT_DUE_IN_PAST');
      expect(past.body.errors[0].field).toBe('dueAt');
      problem(await post(u.ss, '/assignments', work(u.rep1.id, { dueAt: '2026-02-30' })), 400, 'VALIDATION_FAILED');
      problem(await post(u.ss, '/assignments', work(u.rep1.id, { dueAt: '2026-12-10T10:00:00' })), 400, 'VALIDATION_FAILED');
      problem(await post(u.ss, '/assignments', work(u.rep1.id, { title: '   ' })), 400, 'VALIDATION_FAILED');
      problem(await post(u.ss, '/assignments', work(u.rep1.id, { title: '长'.repeat(201) })), 400, 'VALIDATION_FAILED');
      problem(await post(u.ss, '/assignments', work(u.rep1.id, { priority: 'asap' })), 400, 'VALIDATION_FAILED');
      for (const field of ['status', 'assignerId', 'department', 'version', 'kind']) {
        const res = problem(await post(u.ss, '/assignments', work(u.rep1.id, { [field]: 'x' })), 400, 'VALIDATION_FAILED');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      problem(await post(u.ss, '/assignments', work(u.rep1.id, { entity: 'customer' })), 400, 'VALIDATION_FAILED');
      problem(await post(u.ss, '/assignments', work(u.rep1.id, { entityId: '3f1c2b7e-8a4d-4c6b-9e2f-0a1b2c3d4e5f' })), 400, 'VALIDATION_FAILED');
      problem(await post(u.ss, '/assignments', work(u.rep1.id, { entity: 'invoice', entityId: '3f1c2b7e-8a4d-4c6b-9e2f-0a1b2c3d4e5f' })), 400, 'VALIDATION_FAILED');
      expect((await t.ds.query('SELECT count(*)::int AS n FROM assignments'))[0].n).toBe(before);
    });

    it('a linked record must exist and be readable by the assigner (404 otherwise, as on its own route)', async () => {
      const c = await post(u.clerk, '/customers', { name: '杭州西湖龙井茶业有限公司', contactName: '王经理', contactPhone: '13900000001' });
      expect(c.status).toBe(201);
      expect((await post(u.sm, `/customers/${c.body.id}/assign`, { ownerId: u.rep1.id })).status).toBe(200);
      const linked = await assign(u.ss, u.rep1, { entity: 'customer', entityId: c.body.id, title: '回访客户并报价' });
      expect(linked).toMatchObject({ entity: 'customer', entityId: c.body.id });
      // the 市场开拓部经理 cannot read a 销售部 customer: as if it did not exist
      problem(await post(u.mm, '/assignments', work(u.ms.id, { entity: 'customer', entityId: c.body.id })), 404, 'NOT_FOUND');
      problem(await post(u.ss, '/assignments', work(u.rep1.id, { entity: 'contract', entityId: c.body.id })), 404, 'NOT_FOUND');
    });
  });

  describe('states: one table, each step by its party', () => {
    it('assigned → in_progress → done → (退回) in_progress → done → confirmed; the tasks follow each step', async () => {
      const a = await assign(u.ss, u.rep1, { title: '整理华东区重点客户名单' });
      expect((await step(u.rep1, a.id, 'start')).status).toBe('in_progress');
      expect(await openTasks(a.id)).toEqual([`assignment.assigned@${u.rep1.id}`]);

      const done = await step(u.rep1, a.id, 'complete', { comment: '名单已上传共享盘' });
      expect(done).toMatchObject({ status: 'done', completedAt: expect.any(String) });
      // the assignee's task is done; the assigner has one to confirm it
      expect(await openTasks(a.id)).toEqual([`assignment.confirm@${u.ss.id}`]);

      problem(await post(u.ss, `/assignments/${a.id}/return`, {}), 400, 'VALIDATION_FAILED');
      problem(await post(u.ss, `/assignments/${a.id}/return`, { comment: '  ' }), 400, 'VALIDATION_FAILED');
      const back = await step(u.ss, a.id, 'return', { comment: '缺少宁波地区的客户，请补齐' });
      expect(back).toMatchObject({ status: 'in_progress', returnCount: 1, completedAt: null });
      expect(await openTasks(a.id)).toEqual([`assignment.returned@${u.rep1.id}`]);

      await step(u.rep1, a.id, 'complete');
      const ok = await step(u.ss, a.id, 'confirm', { comment: '很好' });
      expect(ok).toMatchObject({ status: 'confirmed', confirmedAt: expect.any(String), returnCount: 1 });
      expect(await openTasks(a.id)).toEqual([]);
      expect((await tasksOf(a.id)).map((x) => x.kind)).toEqual(['assignment.assigned', 'assignment.confirm', 'assignment.returned', 'assignment.confirm']);

      const history = conforms(await get(u.rep1, `/assignments/${a.id}`), 200).body.history as Record<string, unknown>[];
      expect(history.map((h) => [h.action, h.fromStatus, h.toStatus, h.actorId, h.comment])).toEqual([
        ['create', null, 'assigned', u.ss.id, null],
        ['start', 'assigned', 'in_progress', u.rep1.id, null],
        ['complete', 'in_progress', 'done', u.rep1.id, '名单已上传共享盘'],
        ['return', 'done', 'in_progress', u.ss.id, '缺少宁波地区的客户，请补齐'],
        ['complete', 'in_progress', 'done', u.rep1.id, null],
        ['confirm', 'done', 'confirmed', u.ss.id, '很好'],
      ]);
      // every step audited, in the same order, each with the record before and after
      const audit: { action: string; before: A | null; after: A }[] = await t.ds.query(`SELECT action, before, after FROM audit_log WHERE entity = 'assignment' AND entity_id = $1 ORDER BY id`, [a.id]);
      expect(audit.map((x) => `${x.action}:${x.before?.status ?? '-'}→${x.after.status}`)).toEqual([
        'assignment.create:-→assigned',
        'assignment.start:assigned→in_progress',
        'assignment.complete:in_progress→done',
        'assignment.return:done→in_progress',
        'assignment.complete:in_progress→done',
        'assignment.confirm:done→confirmed',
      ]);
    });

    it.each([
      // [state the work is in, action, who]
      ['assigned', 'complete', 'assignee'],
      ['assigned', 'confirm', 'assigner'],
      ['assigned', 'return', 'assigner'],
      ['in_progress', 'start', 'assignee'],
      ['in_progress', 'confirm', 'assigner'],
      ['done', 'start', 'assignee'],
      ['done', 'cancel', 'assigner'],
      ['done', 'delegate', 'assignee'],
      ['confirmed', 'return', 'assigner'],
      ['confirmed', 'cancel', 'assigner'],
      ['cancelled', 'start', 'assignee'],
      ['cancelled', 'confirm', 'assigner'],
    ])('%s: %s is 409 ASSIGNMENT_INVALID_TRANSITION and changes nothing', async (state, action, party) => {
      // the 销售部经理 hands work to the supervisor, who may both work it and pass it on
      const a = await assign(u.sm, u.ss);
      const path: Record<string, Array<[TestUser, string, object?]>> = {
        assigned: [],
        in_progress: [[u.ss, 'start']],
        done: [[u.ss, 'start'], [u.ss, 'complete']],
        confirmed: [[u.ss, 'start'], [u.ss, 'complete'], [u.sm, 'confirm']],
        cancelled: [[u.sm, 'cancel', { comment: '不再需要' }]],
      };
      for (const [who, act, body] of path[state]) await step(who, a.id, act, body);
      const before = await t.ds.query(`SELECT status, version FROM assignments WHERE id = $1`, [a.id]);
      const body = action === 'return' ? { comment: '请补充' } : action === 'delegate' ? { assigneeId: u.rep1.id } : undefined;
      const res = problem(await post(party === 'assignee' ? u.ss : u.sm, `/assignments/${a.id}/${action}`, body), 409, 'ASSIGNMENT_INVALID_TRANSITION');
      expect(res.body).toMatchObject({ currentStatus: state, action });
      expect(await t.ds.query(`SELECT status, version FROM assignments WHERE id = $1`, [a.id])).toEqual(before);
    });

    it('cancel (the assigner, from assigned or in progress) closes the assignee’s tasks', async () => {
      const a = await assign(u.mm, u.ms);
      await step(u.ms, a.id, 'start');
      const c = await step(u.mm, a.id, 'cancel', { comment: '计划调整' });
      expect(c).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });
      expect(c.history.at(-1)).toMatchObject({ action: 'cancel', comment: '计划调整', actorId: u.mm.id });
      expect(await openTasks(a.id)).toEqual([]);
      const b = await assign(u.mm, u.msp);
      expect((await step(u.mm, b.id, 'cancel')).status).toBe('cancelled');
    });

    it('the assignee’s steps are the assignee’s: anyone else gets 404, even the assigner who can read it', async () => {
      const a = await assign(u.ss, u.rep1);
      problem(await post(u.rep2, `/assignments/${a.id}/start`), 404, 'NOT_FOUND');
      problem(await post(u.ss, `/assignments/${a.id}/start`), 404, 'NOT_FOUND');
      problem(await post(u.sm, `/assignments/${a.id}/start`), 404, 'NOT_FOUND');
      await step(u.rep1, a.id, 'start');
      problem(await post(u.ss, `/assignments/${a.id}/complete`, {}), 404, 'NOT_FOUND');
    });

    it('the assigner’s steps are the assigner’s: others who can see it get 403, those who cannot 404', async () => {
      const a = await assign(u.ss, u.rep1);
      await step(u.rep1, a.id, 'start');
      await step(u.rep1, a.id, 'complete');
      // the 经理 reads the department's work but did not hand this out
      const res = problem(await post(u.sm, `/assignments/${a.id}/confirm`, {}), 403, 'ASSIGNMENT_NOT_ASSIGNER');
      expect(res.body.detail).toContain('只有交办人');
      problem(await post(u.gm, `/assignments/${a.id}/return`, { comment: '重做' }), 403, 'ASSIGNMENT_NOT_ASSIGNER');
      // a supervisor of another team, a manager of another department: not in their scope at all
      problem(await post(u.ss2, `/assignments/${a.id}/confirm`, {}), 404, 'NOT_FOUND');
      problem(await post(u.mm, `/assignments/${a.id}/cancel`, {}), 404, 'NOT_FOUND');
      problem(await patch(u.ss2, `/assignments/${a.id}`, { version: 3, title: '改' }), 404, 'NOT_FOUND');
      // the assignee holds no assignment.assign at all
      problem(await post(u.rep1, `/assignments/${a.id}/confirm`, {}), 403, 'PERMISSION_DENIED');
      expect((await t.ds.query(`SELECT status FROM assignments WHERE id = $1`, [a.id]))[0].status).toBe('done');
    });

    it('an action that reads no body refuses one; a note longer than 2000 is 400', async () => {
      const a = await assign(u.ss, u.rep2);
      const res = problem(await post(u.rep2, `/assignments/${a.id}/start`, { comment: '开始' }), 400, 'BODY_NOT_ACCEPTED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['comment']);
      await step(u.rep2, a.id, 'start');
      problem(await post(u.rep2, `/assignments/${a.id}/complete`, { comment: 'x'.repeat(2001) }), 400, 'VALIDATION_FAILED');
      expect((await step(u.rep2, a.id, 'complete')).status).toBe('done');
    });

    it('two assignees’ clicks at once: one start wins, the other is 409 (the row is locked)', async () => {
      const a = await assign(u.ss, u.rep1);
      const [x, y] = await Promise.all([post(u.rep1, `/assignments/${a.id}/start`), post(u.rep1, `/assignments/${a.id}/start`)]);
      expect([x.status, y.status].sort()).toEqual([200, 409]);
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM assignment_events WHERE assignment_id = $1 AND action = 'start'`, [a.id]);
      expect(n).toBe(1);
    });
  });

  describe('PATCH: the assigner edits open work, with the version', () => {
    it('title, description, due date and priority; the history says what changed; the assignee’s task follows', async () => {
      const a = await assign(u.sm, u.clerk, { title: '核对十一月回款' });
      const due = addDays(today(), 9);
      const res = conforms(await patch(u.sm, `/assignments/${a.id}`, { version: a.version, title: '核对十一月与十二月回款', description: null, dueAt: due, priority: 'urgent' }), 200);
      expect(res.body).toMatchObject({ title: '核对十一月与十二月回款', description: null, dueDate: due, priority: 'urgent', version: a.version + 1, status: 'assigned' });
      expect(res.body.history.at(-1)).toMatchObject({ action: 'edit', fromStatus: 'assigned', toStatus: 'assigned', comment: '修改了标题、说明、优先级、截止时间' });
      const [task] = await t.ds.query(`SELECT title, due_at FROM tasks WHERE entity_id = $1 AND status = 'open'`, [a.id]);
      expect(task.title).toBe('交办事项（销售经理）：核对十一月与十二月回款');
      expect(new Date(task.due_at).toISOString()).toBe(res.body.dueAt);
      const audit = await t.ds.query(`SELECT action, before->>'title' AS before, after->>'title' AS after FROM audit_log WHERE entity_id = $1 AND action = 'assignment.update'`, [a.id]);
      expect(audit).toEqual([{ action: 'assignment.update', before: '核对十一月回款', after: '核对十一月与十二月回款' }]);
    });

    it('a stale version is 409 STALE_VERSION; done work is 409; a past due date 400; only the assigner', async () => {
      const a = await assign(u.sm, u.clerk);
      problem(await patch(u.sm, `/assignments/${a.id}`, { version: a.version + 1, title: '新标题' }), 409, 'STALE_VERSION');
      problem(await patch(u.sm, `/assignments/${a.id}`, { title: '没有版本' }), 400, 'VALIDATION_FAILED');
      problem(await patch(u.sm, `/assignments/${a.id}`, { version: a.version, dueAt: addDays(today(), -3) }), 400, 'ASSIGNMENT_DUE_IN_PAST');
      problem(await patch(u.sm, `/assignments/${a.id}`, { version: a.version, status: 'done' }), 400, 'VALIDATION_FAILED');
      problem(await patch(u.gm, `/assignments/${a.id}`, { version: a.version, title: '总经理改' }), 403, 'ASSIGNMENT_NOT_ASSIGNER');
      await step(u.clerk, a.id, 'start');
      await step(u.clerk, a.id, 'complete');
      const fresh = (await get(u.sm, `/assignments/${a.id}`)).body;
      problem(await patch(u.sm, `/assignments/${a.id}`, { version: fresh.version, title: '完成后再改' }), 409, 'ASSIGNMENT_INVALID_TRANSITION');
      expect((await get(u.sm, `/assignments/${a.id}`)).body.title).toBe(fresh.title);
    });
  });

  describe('scope of GET /assignments and /:id (by the assignee’s position, and always what I handed out)', () => {
    let mine: A;
    let theirs: A;
    let team2: A;
    let market: A;
    let byGm: A;
    beforeAll(async () => {
      mine = await assign(u.ss, u.rep1, { title: '范围：给业务员一' });
      theirs = await assign(u.ss, u.rep2, { title: '范围：给业务员二' });
      team2 = await assign(u.ss2, u.rep3, { title: '范围：另一团队' });
      market = await assign(u.mm, u.msp, { title: '范围：市场部' });
      byGm = await assign(u.gm, u.sm, { title: '范围：总经理交给销售经理' });
    });

    it('own: the assignee sees what is theirs, not a colleague’s; a filter never widens it', async () => {
      const ids = await listIds(u.rep1);
      expect(ids.has(mine.id)).toBe(true);
      expect([theirs, team2, market, byGm].some((a) => ids.has(a.id))).toBe(false);
      expect((await listIds(u.rep1, `&assigneeId=${u.rep2.id}`)).size).toBe(0);
      problem(await get(u.rep1, `/assignments/${theirs.id}`), 404, 'NOT_FOUND');
      conforms(await get(u.rep1, `/assignments/${mine.id}`), 200);
    });

    it('team: the supervisor sees the team’s work and what he handed out, not another team’s', async () => {
      const ids = await listIds(u.ss);
      expect([mine, theirs].every((a) => ids.has(a.id))).toBe(true);
      expect([team2, market, byGm].some((a) => ids.has(a.id))).toBe(false);
      problem(await get(u.ss, `/assignments/${team2.id}`), 404, 'NOT_FOUND');
    });

    it('department: the manager sees the department’s work, not another’s; the 总经理 sees all', async () => {
      const sales = await listIds(u.sm);
      expect([mine, theirs, team2, byGm].every((a) => sales.has(a.id))).toBe(true);
      expect(sales.has(market.id)).toBe(false);
      const mkt = await listIds(u.mm);
      expect(mkt.has(market.id)).toBe(true);
      expect([mine, theirs, team2, byGm].some((a) => mkt.has(a.id))).toBe(false);
      const all = await listIds(u.gm);
      expect([mine, theirs, team2, market, byGm].every((a) => all.has(a.id))).toBe(true);
      problem(await get(u.mm, `/assignments/${mine.id}`), 404, 'NOT_FOUND');
    });

    it('mine=assigned / mine=created, assigneeId, assignerId, status, kind, q', async () => {
      const toMe = await listIds(u.sm, '&mine=assigned');
      expect(toMe.has(byGm.id)).toBe(true);
      expect(toMe.has(mine.id)).toBe(false);
      const byMe = await listIds(u.ss, '&mine=created');
      expect([mine, theirs].every((a) => byMe.has(a.id))).toBe(true);
      expect(byMe.has(byGm.id)).toBe(false);
      expect(await listIds(u.sm, `&assigneeId=${u.rep2.id}&q=${encodeURIComponent('范围：')}`)).toEqual(new Set([theirs.id]));
      expect(await listIds(u.sm, `&assignerId=${u.ss2.id}&q=${encodeURIComponent('范围')}`)).toEqual(new Set([team2.id]));
      const assigned = await get(u.gm, '/assignments?status=assigned&kind=assignment&pageSize=100');
      expect(assigned.body.items.every((a: A) => a.status === 'assigned' && a.kind === 'assignment')).toBe(true);
      expect(await listIds(u.gm, `&q=${encodeURIComponent('100%_')}`)).toEqual(new Set());
      problem(await get(u.gm, '/assignments?mine=everyone'), 400, 'VALIDATION_FAILED');
      problem(await get(u.gm, '/assignments?status=open'), 400, 'VALIDATION_FAILED');
      problem(await get(u.gm, '/assignments?sort=assigneeName'), 400, 'VALIDATION_FAILED');
    });

    it('overdue and dueBefore; sort by priority and due time; paging', async () => {
      const late = await assign(u.ss, u.rep2, { title: '范围：已逾期' });
      // its deadline passed an hour ago (the API refuses past due dates: set in the database)
      await t.ds.query(`UPDATE assignments SET due_at = now() - interval '1 hour', due_date = $2 WHERE id = $1`, [late.id, addDays(today(), -1)]);
      const overdue = await listIds(u.ss, '&overdue=true');
      expect(overdue.has(late.id)).toBe(true);
      expect(overdue.has(mine.id)).toBe(false);
      expect((await listIds(u.ss, '&overdue=false')).has(late.id)).toBe(false);
      expect((await get(u.ss, `/assignments/${late.id}`)).body.overdue).toBe(true);
      expect(await listIds(u.ss, `&dueBefore=${today()}`)).toEqual(new Set([late.id]));

      const urgent = await assign(u.ss, u.rep2, { title: '范围：紧急', priority: 'urgent', dueAt: addDays(today(), 1) });
      const low = await assign(u.ss, u.rep2, { title: '范围：不急', priority: 'low', dueAt: addDays(today(), 30) });
      const byPriority = (await get(u.ss, `/assignments?assigneeId=${u.rep2.id}&sort=-priority&pageSize=100`)).body.items as A[];
      expect(byPriority[0].id).toBe(urgent.id);
      expect(byPriority.at(-1)!.id).toBe(low.id);
      const byDue = (await get(u.ss, `/assignments?assigneeId=${u.rep2.id}&sort=dueAt&pageSize=100`)).body.items as A[];
      expect(byDue[0].id).toBe(late.id);
      expect(byDue.map((a) => a.dueAt)).toEqual([...byDue.map((a) => a.dueAt)].sort());
      const p1 = conforms(await get(u.ss, `/assignments?assigneeId=${u.rep2.id}&sort=dueAt&pageSize=2&page=1`), 200).body;
      const p2 = (await get(u.ss, `/assignments?assigneeId=${u.rep2.id}&sort=dueAt&pageSize=2&page=2`)).body;
      expect(p1).toMatchObject({ page: 1, pageSize: 2, total: byDue.length });
      expect([...p1.items, ...p2.items].map((a: A) => a.id)).toEqual(byDue.slice(0, 4).map((a) => a.id));
    });
  });

  describe('协作请求: to another department’s 经理, accepted, passed on, confirmed by the requester', () => {
    it('the 市场开拓部经理 asks 销售部; the 经理 accepts and passes it to a supervisor, who passes it to a rep; the requester confirms', async () => {
      const req = conforms(await post(u.mm, '/assignments/requests', { toDepartment: 'sales', title: '提供华东区老客户的联系人', dueAt: addDays(today(), 6), priority: 'high' }), 201).body;
      expect(req).toMatchObject({ kind: 'request', status: 'assigned', assignerId: u.mm.id, assignerDepartment: 'market', assigneeId: u.sm.id, department: 'sales', toDepartment: 'sales' });
      expect(req.history).toEqual([expect.objectContaining({ action: 'request', actorId: u.mm.id, assigneeId: u.sm.id })]);
      expect(await openTasks(req.id)).toEqual([`assignment.request@${u.sm.id}`]);
      const [task] = await t.ds.query(`SELECT title FROM tasks WHERE entity_id = $1`, [req.id]);
      expect(task.title).toBe('协作请求（市场开拓部 市场经理）：提供华东区老客户的联系人');

      // the 经理 accepts (starts) it, then passes it on within the department
      await step(u.sm, req.id, 'start');
      const passed = await step(u.sm, req.id, 'delegate', { assigneeId: u.ss.id, comment: '请安排' });
      expect(passed).toMatchObject({ status: 'assigned', assigneeId: u.ss.id, delegatedBy: u.sm.id, startedAt: null, department: 'sales' });
      expect(await openTasks(req.id)).toEqual([`assignment.request@${u.ss.id}`]);
      // the supervisor passes it to his own report — and not beyond his team
      problem(await post(u.ss, `/assignments/${req.id}/delegate`, { assigneeId: u.rep3.id }), 403, 'ASSIGNMENT_OUT_OF_REACH');
      await step(u.ss, req.id, 'delegate', { assigneeId: u.rep1.id });
      // a rep takes work but passes none on
      problem(await post(u.rep1, `/assignments/${req.id}/delegate`, { assigneeId: u.rep2.id }), 403, 'PERMISSION_DENIED');
      // the requester follows it all along, though it is another department's work
      expect((await get(u.mm, `/assignments/${req.id}`)).body).toMatchObject({ assigneeId: u.rep1.id, assigneeName: '业务员一' });
      expect((await listIds(u.mm, '&mine=created&kind=request')).has(req.id)).toBe(true);
      // the market supervisor does not
      problem(await get(u.ms, `/assignments/${req.id}`), 404, 'NOT_FOUND');
      // nor may the previous assignee take the steps any more
      problem(await post(u.sm, `/assignments/${req.id}/start`), 404, 'NOT_FOUND');

      await step(u.rep1, req.id, 'start');
      await step(u.rep1, req.id, 'complete', { comment: '联系人表已发邮件' });
      expect(await openTasks(req.id)).toEqual([`assignment.confirm@${u.mm.id}`]);
      // the 销售部经理 reads it but only the requester confirms
      problem(await post(u.sm, `/assignments/${req.id}/confirm`, {}), 403, 'ASSIGNMENT_NOT_ASSIGNER');
      const ok = await step(u.mm, req.id, 'confirm');
      expect(ok.status).toBe('confirmed');
      expect(ok.history.map((h: { action: string; assigneeName: string }) => `${h.action}→${h.assigneeName}`)).toEqual([
        'request→销售经理',
        'start→销售经理',
        'delegate→销售主管',
        'delegate→业务员一',
        'start→业务员一',
        'complete→业务员一',
        'confirm→业务员一',
      ]);
    });

    it('a 销售主管 (SAL-5.1) asks the 市场开拓部经理; not his own department; others may not ask at all', async () => {
      const req = conforms(await post(u.ss, '/assignments/requests', { toDepartment: 'market', title: '转达客户对新品的意见', dueAt: addDays(today(), 2) }), 201).body;
      expect(req).toMatchObject({ assigneeId: u.mm.id, department: 'market', assignerDepartment: 'sales' });
      const own = problem(await post(u.ss, '/assignments/requests', { toDepartment: 'sales', title: '本部门', dueAt: addDays(today(), 2) }), 400, 'ASSIGNMENT_REQUEST_SAME_DEPARTMENT');
      expect(own.body.errors[0].field).toBe('toDepartment');
      for (const who of [u.sm, u.rep1, u.ms, u.km, u.gm]) {
        problem(await post(who, '/assignments/requests', { toDepartment: 'key_account', title: '请求', dueAt: addDays(today(), 2) }), 403, 'PERMISSION_DENIED');
      }
      problem(await post(u.ss, '/assignments/requests', { toDepartment: 'management', title: '请求', dueAt: addDays(today(), 2) }), 400, 'VALIDATION_FAILED');
    });

    it('to a department with two managers: the one named, or else the first by name; a manager of the wrong department is 400', async () => {
      const first = (await post(u.mm, '/assignments/requests', { toDepartment: 'key_account', title: '大客户名单', dueAt: addDays(today(), 4) })).body;
      expect(first.assigneeId).toBe(u.km2.id); // "A 大客户经理" before "B 大客户经理"
      const named = (await post(u.mm, '/assignments/requests', { toDepartment: 'key_account', managerId: u.km.id, title: '大客户名单', dueAt: addDays(today(), 4) })).body;
      expect(named.assigneeId).toBe(u.km.id);
      problem(await post(u.mm, '/assignments/requests', { toDepartment: 'key_account', managerId: u.sm.id, title: '名单', dueAt: addDays(today(), 4) }), 400, 'ASSIGNMENT_MANAGER_INVALID');
      problem(await post(u.mm, '/assignments/requests', { toDepartment: 'key_account', managerId: u.ks.id, title: '名单', dueAt: addDays(today(), 4) }), 400, 'ASSIGNMENT_MANAGER_INVALID');
      // the named manager cancels nothing: the requester cancels
      problem(await post(u.km, `/assignments/${named.id}/cancel`, {}), 403, 'ASSIGNMENT_NOT_ASSIGNER');
      expect((await step(u.mm, named.id, 'cancel', { comment: '已另行解决' })).status).toBe('cancelled');
      expect(await openTasks(named.id)).toEqual([]);
    });

    it('work is passed on, never to oneself, to the 总经理 or back to its assigner', async () => {
      const a = await assign(u.gm, u.sm);
      const res = problem(await post(u.sm, `/assignments/${a.id}/delegate`, { assigneeId: u.sm.id }), 400, 'ASSIGNMENT_ASSIGNEE_INVALID');
      expect(res.body.errors[0].field).toBe('assigneeId');
      problem(await post(u.sm, `/assignments/${a.id}/delegate`, { assigneeId: u.gm.id }), 400, 'ASSIGNMENT_ASSIGNEE_INVALID');
      const passed = await step(u.sm, a.id, 'delegate', { assigneeId: u.clerk.id });
      expect(passed).toMatchObject({ assigneeId: u.clerk.id, assignerId: u.gm.id, delegatedBy: u.sm.id, status: 'assigned' });
      expect(await openTasks(a.id)).toEqual([`assignment.assigned@${u.clerk.id}`]);
      // two managers of one department: the one handed the work may not hand it back
      const b = await assign(u.km, u.km2);
      const back = problem(await post(u.km2, `/assignments/${b.id}/delegate`, { assigneeId: u.km.id }), 400, 'ASSIGNMENT_ASSIGNEE_INVALID');
      expect(back.body.detail).toContain('交办人');
    });
  });

  it('every foreign key of assignments and assignment_events leads an index (SPEC §9)', async () => {
    const fks = await t.ds.query(
      `SELECT c.conrelid::regclass::text AS tbl, a.attname AS col,
              EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]) AS indexed
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'f' AND c.conrelid::regclass::text IN ('assignments', 'assignment_events') ORDER BY 1, 2`,
    );
    expect(fks.length).toBe(6);
    expect(fks.filter((f: { indexed: boolean }) => !f.indexed)).toEqual([]);
  });

  it('no manager to receive a request: 409 ASSIGNMENT_NO_MANAGER', async () => {
    for (const km of [u.km, u.km2]) {
      const { version } = (await get(admin, `/users/${km.id}`)).body;
      expect((await patch(admin, `/users/${km.id}`, { version, active: false })).status).toBe(200);
    }
    problem(await post(u.mm, '/assignments/requests', { toDepartment: 'key_account', title: '大客户名单', dueAt: addDays(today(), 4) }), 409, 'ASSIGNMENT_NO_MANAGER');
  });
});
