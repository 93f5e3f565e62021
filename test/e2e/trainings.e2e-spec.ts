import type { Response } from 'supertest';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { OpenApiDoc, responseProblems } from '../setup/openapi-schema';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

/**
 * 培训 (MKT-4.4, MKT-5.7, SAL-5.5, KA-4.7): a 主管 trains the team and a 经理 the department —
 * invitees only within that reach (422 otherwise), each with a task; after the session the
 * organiser records attendance, scores and feedback, and evaluates the effect: the figures
 * (attendance rate, average score, pass rate at 60) are computed, the assessment is kept beside
 * them. training.read: own (attended or organised), team, department, all.
 */
describe('trainings', () => {
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

  let serial = 0;
  const session = (attendees: TestUser[], extra: object = {}) => ({
    title: `产品知识培训 ${(serial += 1)}`,
    kind: 'business',
    trainerName: '刘主管',
    heldAt: '2026-12-05T14:00:00+08:00',
    hours: 1.5,
    material: '新产品卖点与报价口径',
    materialLinks: [{ title: '课件', url: 'https://pan.example.com/s/abc' }],
    attendeeIds: attendees.map((a) => a.id),
    ...extra,
  });
  type T = Record<string, any> & { id: string; status: string; version: number };
  const organise = async (by: TestUser, attendees: TestUser[], extra: object = {}): Promise<T> => conforms(await post(by, '/trainings', session(attendees, extra)), 201).body;
  const invitations = async (id: string) =>
    (await t.ds.query(`SELECT assignee_id, kind, status FROM tasks WHERE entity = 'training' AND entity_id = $1 ORDER BY created_at, assignee_id`, [id])) as { assignee_id: string; kind: string; status: string }[];
  const listIds = async (who: TestUser, query = '') => new Set<string>(conforms(await get(who, `/trainings?pageSize=100${query}`), 200).body.items.map((x: T) => x.id));

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    doc = (await t.http().get('/api/docs-json')).body;
    u.gm = await createUser(t, 'gm', { admin });
    u.sm = await createUser(t, 'sales.manager', { admin, displayName: '陈经理' });
    u.ss = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id, displayName: '刘主管' });
    u.ss2 = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id, displayName: '赵主管' });
    u.rep1 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id, displayName: '吴业务员' });
    u.rep2 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id, displayName: '郑业务员' });
    u.rep3 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id, displayName: '何业务员' });
    u.rep4 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss2.id, displayName: '孙业务员' });
    u.clerk = await createUser(t, 'sales.clerk', { admin, supervisorId: u.sm.id });
    u.asst = await createUser(t, 'sales.assistant', { admin, supervisorId: u.sm.id });
    u.mm = await createUser(t, 'market.manager', { admin, displayName: '市场经理' });
    u.ms = await createUser(t, 'market.supervisor', { admin, supervisorId: u.mm.id, displayName: '市场主管' });
    u.msp = await createUser(t, 'market.specialist', { admin, supervisorId: u.ms.id, displayName: '市场专员' });
    u.km = await createUser(t, 'key_account.manager', { admin });
    u.ks = await createUser(t, 'key_account.supervisor', { admin, supervisorId: u.km.id });
    u.ksp = await createUser(t, 'key_account.specialist', { admin, supervisorId: u.ks.id });
  });
  afterAll(() => t?.close());

  describe('organising (training.manage)', () => {
    it('a 销售主管 trains his reports (SAL-5.5): the session, a task for each invitee, an audit row', async () => {
      const s = await organise(u.ss, [u.rep1, u.rep2], { kind: 'onboarding' });
      expect(s).toMatchObject({
        organiserId: u.ss.id,
        organiserName: '刘主管',
        department: 'sales',
        kind: 'onboarding',
        trainerName: '刘主管',
        hours: 1.5,
        status: 'planned',
        figures: null,
        material: '新产品卖点与报价口径',
        materialLinks: [{ title: '课件', url: 'https://pan.example.com/s/abc' }],
        assessment: null,
        version: 1,
      });
      expect(s.heldAt).toBe(new Date('2026-12-05T14:00:00+08:00').toISOString());
      expect(s.attendees.map((a: { userId: string; attended: null }) => [a.userId, a.attended]).sort()).toEqual([[u.rep1.id, null], [u.rep2.id, null]].sort());
      expect(await invitations(s.id)).toEqual(
        expect.arrayContaining([
          { assignee_id: u.rep1.id, kind: 'training.invited', status: 'open' },
          { assignee_id: u.rep2.id, kind: 'training.invited', status: 'open' },
        ]),
      );
      const [task] = (await get(u.rep1, '/me/tasks?status=open')).body.items.filter((x: { entityId: string }) => x.entityId === s.id);
      expect(task).toMatchObject({ entity: 'training', title: expect.stringContaining('入职培训邀请（刘主管）'), dueAt: s.heldAt });
      const audit = await t.ds.query(`SELECT action, actor_id FROM audit_log WHERE entity = 'training' AND entity_id = $1`, [s.id]);
      expect(audit).toEqual([{ action: 'training.create', actor_id: u.ss.id }]);
    });

    it('reach: a 主管 invites his direct reports only; a 经理 his department; never oneself (422 naming the invitee)', async () => {
      const out = problem(await post(u.ss, '/trainings', session([u.rep1, u.rep4])), 422, 'TRAINING_ATTENDEE_OUT_OF_SCOPE');
      expect(out.body.errors).toEqual([{ field: 'attendeeIds.1', message: expect.stringContaining('只能邀请自己的直接下属参加') }]);
      expect(out.body.clauses.map((c: { id: string }) => c.id)).toEqual(['SAL-5.5']);
      for (const who of [u.clerk, u.ss2, u.sm, u.ss, u.msp]) problem(await post(u.ss, '/trainings', session([who])), 422, 'TRAINING_ATTENDEE_OUT_OF_SCOPE');
      // the 市场开拓部经理 (MKT-4.4) and the 大客户经理 (KA-4.7): anyone of their department
      await organise(u.mm, [u.ms, u.msp]);
      await organise(u.km, [u.ks, u.ksp]);
      problem(await post(u.mm, '/trainings', session([u.rep1])), 422, 'TRAINING_ATTENDEE_OUT_OF_SCOPE');
      problem(await post(u.mm, '/trainings', session([u.gm])), 422, 'TRAINING_ATTENDEE_OUT_OF_SCOPE');
      problem(await post(u.mm, '/trainings', session([u.mm])), 422, 'TRAINING_ATTENDEE_OUT_OF_SCOPE');
      // the 市场开拓主管 (MKT-5.7) trains his team
      await organise(u.ms, [u.msp]);
      const gone = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id });
      expect((await patch(admin, `/users/${gone.id}`, { version: gone.version, active: false })).status).toBe(200);
      problem(await post(u.ss, '/trainings', session([gone])), 422, 'TRAINING_ATTENDEE_OUT_OF_SCOPE');
      problem(await post(u.ss, '/trainings', session([], { attendeeIds: ['3f1c2b7e-8a4d-4c6b-9e2f-0a1b2c3d4e5f'] })), 422, 'TRAINING_ATTENDEE_OUT_OF_SCOPE');
    });

    it('those without training.manage are refused (403): the 销售部经理, a rep, the 总经理', async () => {
      for (const who of [u.sm, u.rep1, u.gm, u.ks]) {
        expect(problem(await post(who, '/trainings', session([u.rep1])), 403, 'PERMISSION_DENIED').body.permission).toBe('training.manage');
      }
    });

    it('bad input is 400 and organises nothing', async () => {
      const before = (await t.ds.query('SELECT count(*)::int AS n FROM trainings'))[0].n;
      const bad: object[] = [
        { title: ' ' },
        { kind: 'sports' },
        { trainerName: '' },
        { heldAt: '2026-12-05 14:00' },
        { hours: 0 },
        { hours: 0.25 },
        { hours: '2' },
        { hours: 101 },
        { attendeeIds: [] },
        { attendeeIds: [u.rep1.id, u.rep1.id] },
        { attendeeIds: ['nope'] },
        { materialLinks: [{ title: '课件', url: 'javascript:alert(1)' }] },
        { materialLinks: [{ title: '课件', url: 'ftp://example.com/a' }] },
        { materialLinks: [{ url: 'https://example.com' }] },
        { materialLinks: Array.from({ length: 21 }, (_, i) => ({ title: `课件 ${i}`, url: 'https://example.com' })) },
        { status: 'held' },
        { organiserId: u.rep1.id },
        { department: 'market' },
        { figures: { passRate: '1.0000' } },
      ];
      for (const extra of bad) problem(await post(u.ss, '/trainings', session([u.rep1], extra)), 400, 'VALIDATION_FAILED');
      expect((await t.ds.query('SELECT count(*)::int AS n FROM trainings'))[0].n).toBe(before);
    });
  });

  describe('PATCH while planned, with the version', () => {
    it('the invitees replaced: the one left out loses the task, the new one gets one; stale 409', async () => {
      const s = await organise(u.ss, [u.rep1, u.rep2]);
      const res = conforms(await patch(u.ss, `/trainings/${s.id}`, { version: 1, title: '报价流程培训', hours: 2, attendeeIds: [u.rep2.id, u.rep3.id], heldAt: '2026-12-06T09:30:00+08:00' }), 200).body;
      expect(res).toMatchObject({ title: '报价流程培训', hours: 2, version: 2 });
      expect(res.attendees.map((a: { userId: string }) => a.userId).sort()).toEqual([u.rep2.id, u.rep3.id].sort());
      const tasks = await invitations(s.id);
      expect(tasks).toEqual(
        expect.arrayContaining([
          { assignee_id: u.rep1.id, kind: 'training.invited', status: 'done' },
          { assignee_id: u.rep2.id, kind: 'training.invited', status: 'open' },
          { assignee_id: u.rep3.id, kind: 'training.invited', status: 'open' },
        ]),
      );
      const due = await t.ds.query(`SELECT DISTINCT due_at FROM tasks WHERE entity_id = $1 AND status = 'open'`, [s.id]);
      expect(due.map((d: { due_at: Date }) => d.due_at.toISOString())).toEqual([new Date('2026-12-06T09:30:00+08:00').toISOString()]);
      problem(await patch(u.ss, `/trainings/${s.id}`, { version: 1, title: '旧版本' }), 409, 'STALE_VERSION');
      problem(await patch(u.ss, `/trainings/${s.id}`, { version: 2, attendeeIds: [u.rep4.id] }), 422, 'TRAINING_ATTENDEE_OUT_OF_SCOPE');
      expect((await get(u.ss, `/trainings/${s.id}`)).body.version).toBe(2);
    });
  });

  describe('the session held, its effect evaluated', () => {
    let s: T;
    beforeAll(async () => {
      s = await organise(u.ss, [u.rep1, u.rep2, u.rep3]);
    });
    const full = () => ({
      attendance: [
        { userId: u.rep1.id, attended: true, score: 80, feedback: '案例很实用' },
        { userId: u.rep2.id, attended: true, score: 55 },
        { userId: u.rep3.id, attended: false, feedback: '外出拜访客户' },
      ],
    });

    it('the record must give every invitee once, and a score only to those who came (422); a score is 0–100 (400)', async () => {
      const half = problem(await post(u.ss, `/trainings/${s.id}/hold`, { attendance: full().attendance.slice(0, 2) }), 422, 'TRAINING_ATTENDANCE_INVALID');
      expect(half.body.detail).toContain('1 位');
      problem(await post(u.ss, `/trainings/${s.id}/hold`, { attendance: [...full().attendance, { userId: u.rep4.id, attended: true }] }), 422, 'TRAINING_ATTENDANCE_INVALID');
      problem(await post(u.ss, `/trainings/${s.id}/hold`, { attendance: [...full().attendance, full().attendance[0]] }), 422, 'TRAINING_ATTENDANCE_INVALID');
      const absent = problem(await post(u.ss, `/trainings/${s.id}/hold`, { attendance: [full().attendance[0], full().attendance[1], { userId: u.rep3.id, attended: false, score: 70 }] }), 422, 'TRAINING_ATTENDANCE_INVALID');
      expect(absent.body.errors[0].field).toBe('attendance.2.score');
      for (const score of [101, -1, 59.5, '80']) {
        problem(await post(u.ss, `/trainings/${s.id}/hold`, { attendance: [{ ...full().attendance[0], score }, ...full().attendance.slice(1)] }), 400, 'VALIDATION_FAILED');
      }
      problem(await post(u.ss, `/trainings/${s.id}/evaluate`, { assessment: '还没举办' }), 409, 'TRAINING_INVALID_TRANSITION');
      expect((await get(u.ss, `/trainings/${s.id}`)).body).toMatchObject({ status: 'planned', version: 1, figures: null });
    });

    it('held: attendance, scores and feedback kept, the figures computed (60 passes), the invitations closed; corrected before the evaluation', async () => {
      const held = conforms(await post(u.ss, `/trainings/${s.id}/hold`, full()), 200).body;
      expect(held).toMatchObject({
        status: 'held',
        heldRecordedAt: expect.any(String),
        figures: { invited: 3, attended: 2, scored: 2, passed: 1, attendanceRate: '0.6667', averageScore: '67.50', passRate: '0.5000' },
      });
      expect(held.attendees.find((a: { userId: string }) => a.userId === u.rep3.id)).toMatchObject({ attended: false, score: null, feedback: '外出拜访客户' });
      expect((await invitations(s.id)).map((x) => x.status)).toEqual(['done', 'done', 'done']);
      // corrected: the second rep scored 60 after all — a pass
      const fixed = conforms(await post(u.ss, `/trainings/${s.id}/hold`, { attendance: full().attendance.map((a) => (a.userId === u.rep2.id ? { ...a, score: 60 } : a)) }), 200).body;
      expect(fixed.figures).toMatchObject({ passed: 2, averageScore: '70.00', passRate: '1.0000' });
      problem(await patch(u.ss, `/trainings/${s.id}`, { version: fixed.version, title: '举办后不能再改计划' }), 409, 'TRAINING_INVALID_TRANSITION');
      problem(await post(u.ss, `/trainings/${s.id}/cancel`, {}), 409, 'TRAINING_INVALID_TRANSITION');
    });

    it('evaluated: the organiser’s assessment beside the computed figures; final after that', async () => {
      problem(await post(u.ss, `/trainings/${s.id}/evaluate`, {}), 400, 'VALIDATION_FAILED');
      problem(await post(u.ss, `/trainings/${s.id}/evaluate`, { assessment: '很好', passRate: '1.0000' }), 400, 'VALIDATION_FAILED');
      const done = conforms(await post(u.ss, `/trainings/${s.id}/evaluate`, { assessment: '到课率偏低；报价流程掌握较好' }), 200).body;
      expect(done).toMatchObject({ status: 'evaluated', assessment: '到课率偏低；报价流程掌握较好', evaluatedBy: u.ss.id, evaluatedAt: expect.any(String), figures: { passRate: '1.0000', attendanceRate: '0.6667' } });
      problem(await post(u.ss, `/trainings/${s.id}/evaluate`, { assessment: '再评一次' }), 409, 'TRAINING_INVALID_TRANSITION');
      problem(await post(u.ss, `/trainings/${s.id}/hold`, full()), 409, 'TRAINING_INVALID_TRANSITION');
      // a trainee sees the figures and his own score, not his colleagues'; the 经理 sees them all
      const seen = conforms(await get(u.rep1, `/trainings/${s.id}`), 200).body;
      expect(seen.figures).toEqual(done.figures);
      expect(seen.attendees.map((a: { userId: string; score: number | null; feedback: string | null }) => [a.userId, a.score, a.feedback]).sort()).toEqual(
        [[u.rep1.id, 80, '案例很实用'], [u.rep2.id, null, null], [u.rep3.id, null, null]].sort(),
      );
      expect(conforms(await get(u.sm, `/trainings/${s.id}`), 200).body.attendees.map((a: { score: number | null }) => a.score).sort()).toEqual([60, 80, null]);
      const audit = await t.ds.query(`SELECT action FROM audit_log WHERE entity = 'training' AND entity_id = $1 ORDER BY id`, [s.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['training.create', 'training.hold', 'training.hold', 'training.evaluate']);
    });

    it('cancelled while planned: the invitations are closed; final', async () => {
      const c = await organise(u.ss, [u.rep1]);
      const res = conforms(await post(u.ss, `/trainings/${c.id}/cancel`, { reason: '讲师出差' }), 200).body;
      expect(res).toMatchObject({ status: 'cancelled', cancelReason: '讲师出差', cancelledAt: expect.any(String) });
      expect((await invitations(c.id)).map((x) => x.status)).toEqual(['done']);
      problem(await post(u.ss, `/trainings/${c.id}/hold`, { attendance: [{ userId: u.rep1.id, attended: true }] }), 409, 'TRAINING_INVALID_TRANSITION');
      problem(await post(u.ss, `/trainings/${c.id}/cancel`), 409, 'TRAINING_INVALID_TRANSITION');
    });
  });

  describe('who reads and manages what', () => {
    let mine: T; // 刘主管 → rep1
    let theirs: T; // 赵主管 → rep4
    let market: T;

    beforeAll(async () => {
      mine = await organise(u.ss, [u.rep1], { title: '范围：刘主管组' });
      theirs = await organise(u.ss2, [u.rep4], { title: '范围：赵主管组', kind: 'onboarding', heldAt: '2026-11-20T09:00:00+08:00' });
      market = await organise(u.mm, [u.msp], { title: '范围：市场部' });
    });

    it('own: the sessions I attended (or organised); team; department; all', async () => {
      const has = async (who: TestUser) => {
        const ids = await listIds(who);
        return [mine, theirs, market].map((x) => ids.has(x.id));
      };
      expect(await has(u.rep1)).toEqual([true, false, false]);
      expect(await has(u.rep4)).toEqual([false, true, false]);
      expect(await has(u.rep2)).toEqual([false, false, false]);
      expect(await has(u.asst)).toEqual([false, false, false]);
      expect(await has(u.ss)).toEqual([true, false, false]);
      expect(await has(u.ms)).toEqual([false, false, true]);
      expect(await has(u.msp)).toEqual([false, false, true]);
      expect(await has(u.sm)).toEqual([true, true, false]);
      expect(await has(u.mm)).toEqual([false, false, true]);
      expect(await has(u.gm)).toEqual([true, true, true]);
      problem(await get(u.rep1, `/trainings/${theirs.id}`), 404, 'NOT_FOUND');
      problem(await get(u.ss, `/trainings/${theirs.id}`), 404, 'NOT_FOUND');
      conforms(await get(u.rep4, `/trainings/${theirs.id}`), 200);
      conforms(await get(u.sm, `/trainings/${theirs.id}`), 200);
      // a filter never widens the scope
      expect((await listIds(u.rep1, `&attendeeId=${u.rep4.id}`)).size).toBe(0);
    });

    it('manage: a 主管 only his own sessions, a 经理 his department’s (404 outside)', async () => {
      problem(await post(u.ss, `/trainings/${theirs.id}/cancel`, {}), 404, 'NOT_FOUND');
      problem(await post(u.mm, `/trainings/${mine.id}/hold`, { attendance: [{ userId: u.rep1.id, attended: true }] }), 404, 'NOT_FOUND');
      problem(await patch(u.ms, `/trainings/${market.id}`, { version: 1, title: 'x' }), 404, 'NOT_FOUND');
      problem(await post(u.sm, `/trainings/${mine.id}/cancel`, {}), 403, 'PERMISSION_DENIED');
      // the 市场开拓部经理 may act on his 主管's session
      const ms = await organise(u.ms, [u.msp]);
      conforms(await patch(u.mm, `/trainings/${ms.id}`, { version: 1, trainerName: '市场经理' }), 200);
    });

    it('filters, sort and paging', async () => {
      const ids = async (q: string) => [...(await listIds(u.sm, q))];
      expect(await ids('&kind=onboarding')).toContain(theirs.id);
      expect(await ids('&kind=onboarding')).not.toContain(mine.id);
      expect(await ids(`&organiserId=${u.ss2.id}`)).toEqual([theirs.id]);
      expect(await ids(`&attendeeId=${u.rep4.id}`)).toEqual([theirs.id]);
      expect(await ids('&from=2026-11-20&to=2026-11-20')).toEqual([theirs.id]);
      expect(await ids(`&q=${encodeURIComponent('赵主管')}`)).toEqual([theirs.id]);
      expect(await ids('&status=evaluated')).toHaveLength(1);
      const page = conforms(await get(u.sm, '/trainings?pageSize=1&sort=heldAt'), 200).body;
      expect(page.items.map((x: T) => x.id)).toEqual([theirs.id]);
      expect(page.total).toBeGreaterThan(3);
      problem(await get(u.sm, '/trainings?sort=title'), 400, 'VALIDATION_FAILED');
      problem(await get(u.sm, '/trainings?status=done'), 400, 'VALIDATION_FAILED');
    });
  });

  it('every foreign key of the training tables leads an index (SPEC §9)', async () => {
    const fks = await t.ds.query(
      `SELECT c.conrelid::regclass::text AS tbl, a.attname AS col,
              EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]) AS indexed
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'f' AND c.conrelid::regclass::text IN ('trainings', 'training_attendees') ORDER BY 1, 2`,
    );
    expect(fks.length).toBe(4);
    expect(fks.filter((f: { indexed: boolean }) => !f.indexed)).toEqual([]);
  });
});
