import type { Response } from 'supertest';
import { businessDate } from '../../src/common/time';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { OpenApiDoc, responseProblems } from '../setup/openapi-schema';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

/**
 * 部门会议记录 (SAL-8.6): the 助理 records the minutes of her department's meetings as a draft and
 * publishes them; publishing turns every action item into a 交办事项 of the chair — within the
 * chair's reach, with the assignee's task and audit rows — all of them in one transaction, or
 * (naming the item) none. Drafts are the recorders' and the chair's; published minutes are read
 * by meeting.read (own: attended, chaired or recorded; department; all).
 */
describe('meetings', () => {
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

  const tz = 'Asia/Shanghai';
  const today = () => businessDate(new Date(), tz);
  const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  let serial = 0;
  const minutes = (extra: object = {}) => ({
    title: `销售部周例会 ${(serial += 1)}`,
    kind: 'regular',
    heldAt: `${today()}T09:00:00+08:00`,
    location: '三楼会议室',
    chairId: u.sm.id,
    attendeeIds: [u.ss.id, u.rep1.id, u.clerk.id],
    agenda: '一、上周回款；二、本周拜访安排',
    minutes: '经理通报了上周回款情况。',
    decisions: ['十二月起每周一上午召开例会', '  回款周报改为周五提交  '],
    actionItems: [],
    ...extra,
  });
  const item = (assignee: TestUser, extra: object = {}) => ({ title: `行动项 ${(serial += 1)}`, assigneeId: assignee.id, dueAt: addDays(today(), 7), priority: 'high', ...extra });

  type M = Record<string, any> & { id: string; status: string; version: number };
  const record = async (extra: object = {}, by = u.asst): Promise<M> => conforms(await post(by, '/meetings', minutes(extra)), 201).body;
  const publish = async (id: string, by = u.asst): Promise<M> => conforms(await post(by, `/meetings/${id}/publish`), 200).body;
  const count = async (sql: string, params: unknown[] = []) => (await t.ds.query(sql, params))[0].n as number;
  const listIds = async (who: TestUser, query = '') => new Set<string>(conforms(await get(who, `/meetings?pageSize=100${query}`), 200).body.items.map((m: M) => m.id));

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    doc = (await t.http().get('/api/docs-json')).body;
    u.gm = await createUser(t, 'gm', { admin, displayName: '王总' });
    u.sm = await createUser(t, 'sales.manager', { admin, displayName: '陈经理' });
    u.ss = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id, displayName: '刘主管' });
    u.ss2 = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id, displayName: '赵主管' });
    u.rep1 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id, displayName: '吴业务员' });
    u.rep2 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id, displayName: '郑业务员' });
    u.rep3 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss2.id, displayName: '何业务员' });
    u.clerk = await createUser(t, 'sales.clerk', { admin, supervisorId: u.sm.id, displayName: '林内勤' });
    u.asst = await createUser(t, 'sales.assistant', { admin, supervisorId: u.sm.id, displayName: '黄助理' });
    u.asst2 = await createUser(t, 'sales.assistant', { admin, supervisorId: u.sm.id, displayName: '周助理' });
    u.mm = await createUser(t, 'market.manager', { admin, displayName: '市场经理' });
    u.msp = await createUser(t, 'market.specialist', { admin, displayName: '市场专员' });
  });
  afterAll(() => t?.close());

  describe('the 助理 records the minutes (meeting.record, SAL-8.6)', () => {
    it('a draft of her department: chair, attendees, decisions, action items; an audit row; no 交办事项 yet', async () => {
      const m = await record({ actionItems: [item(u.rep1, { title: '回访三家意向客户' }), item(u.clerk, { title: '核对回款台账', dueAt: `${addDays(today(), 3)}T18:00:00+08:00`, priority: undefined })] });
      expect(m).toMatchObject({
        department: 'sales',
        kind: 'regular',
        location: '三楼会议室',
        chairId: u.sm.id,
        chairName: '陈经理',
        recorderId: u.asst.id,
        recorderName: '黄助理',
        status: 'draft',
        publishedAt: null,
        publishedBy: null,
        attendeeCount: 3,
        actionItemCount: 2,
        decisions: ['十二月起每周一上午召开例会', '回款周报改为周五提交'],
        version: 1,
      });
      expect(m.heldAt).toBe(new Date(`${today()}T09:00:00+08:00`).toISOString());
      expect(m.attendees.map((a: { id: string }) => a.id).sort()).toEqual([u.ss.id, u.rep1.id, u.clerk.id].sort());
      expect(m.actionItems).toEqual([
        expect.objectContaining({ seq: 1, title: '回访三家意向客户', assigneeId: u.rep1.id, assigneeName: '吴业务员', dueDate: addDays(today(), 7), priority: 'high', assignmentId: null, assignmentStatus: null, assignmentReadable: false }),
        expect.objectContaining({ seq: 2, title: '核对回款台账', assigneeId: u.clerk.id, dueDate: addDays(today(), 3), priority: 'normal', assignmentId: null }),
      ]);
      expect(m.actionItems[1].dueAt).toBe(new Date(`${addDays(today(), 3)}T18:00:00+08:00`).toISOString());
      const audit = await t.ds.query(`SELECT action, actor_id FROM audit_log WHERE entity = 'meeting' AND entity_id = $1`, [m.id]);
      expect(audit).toEqual([{ action: 'meeting.create', actor_id: u.asst.id }]);
      expect(await count(`SELECT count(*)::int AS n FROM assignments WHERE entity = 'meeting' AND entity_id = $1`, [m.id])).toBe(0);
    });

    it('only the 助理 records (403 naming meeting.record for the 经理, the 主管 and a rep)', async () => {
      for (const who of [u.sm, u.ss, u.rep1, u.gm]) {
        const res = problem(await post(who, '/meetings', minutes()), 403, 'PERMISSION_DENIED');
        expect(res.body.permission).toBe('meeting.record');
      }
    });

    it('bad input is 4xx and records nothing', async () => {
      const before = await count('SELECT count(*)::int AS n FROM meetings');
      problem(await post(u.asst, '/meetings', minutes({ title: '  ' })), 400, 'VALIDATION_FAILED');
      problem(await post(u.asst, '/meetings', minutes({ kind: 'weekly' })), 400, 'VALIDATION_FAILED');
      problem(await post(u.asst, '/meetings', minutes({ heldAt: '2026-12-01T09:00:00' })), 400, 'VALIDATION_FAILED');
      problem(await post(u.asst, '/meetings', minutes({ decisions: ['好', ''] })), 400, 'VALIDATION_FAILED');
      problem(await post(u.asst, '/meetings', minutes({ decisions: Array.from({ length: 51 }, (_, i) => `决议 ${i}`) })), 400, 'VALIDATION_FAILED');
      problem(await post(u.asst, '/meetings', minutes({ actionItems: Array.from({ length: 31 }, () => item(u.rep1)) })), 400, 'VALIDATION_FAILED');
      problem(await post(u.asst, '/meetings', minutes({ actionItems: [{ ...item(u.rep1), assignmentId: u.rep1.id }] })), 400, 'VALIDATION_FAILED');
      problem(await post(u.asst, '/meetings', minutes({ actionItems: ['not an item'] })), 400, 'VALIDATION_FAILED');
      const past = problem(await post(u.asst, '/meetings', minutes({ actionItems: [item(u.rep1), item(u.rep2, { dueAt: addDays(today(), -1) })] })), 400, 'VALIDATION_FAILED');
      expect(past.body.errors).toEqual([{ field: 'actionItems.1.dueAt', message: expect.stringContaining('不能早于今天') }]);
      const twice = problem(await post(u.asst, '/meetings', minutes({ attendeeIds: [u.rep1.id, u.rep1.id] })), 400, 'VALIDATION_FAILED');
      expect(twice.body.errors[0].field).toBe('attendeeIds.1');
      for (const field of ['status', 'department', 'recorderId', 'publishedAt', 'version']) {
        const res = problem(await post(u.asst, '/meetings', minutes({ [field]: 'x' })), 400, 'VALIDATION_FAILED');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      // the chair: an active 经理 or 主管 of the 助理's own department
      for (const chair of [u.rep1, u.asst2, u.mm, u.gm]) problem(await post(u.asst, '/meetings', minutes({ chairId: chair.id })), 422, 'MEETING_CHAIR_INVALID');
      problem(await post(u.asst, '/meetings', minutes({ chairId: '3f1c2b7e-8a4d-4c6b-9e2f-0a1b2c3d4e5f' })), 422, 'MEETING_CHAIR_INVALID');
      // people: active staff, never the admin
      const [adminRow] = await t.ds.query(`SELECT id FROM users WHERE username = 'admin'`);
      const nobody = problem(await post(u.asst, '/meetings', minutes({ attendeeIds: [u.rep1.id, adminRow.id] })), 422, 'MEETING_PERSON_INVALID');
      expect(nobody.body.errors[0].field).toBe('attendeeIds.1');
      const who = problem(await post(u.asst, '/meetings', minutes({ actionItems: [item(u.rep1), item(u.rep1, { assigneeId: '3f1c2b7e-8a4d-4c6b-9e2f-0a1b2c3d4e5f' })] })), 422, 'MEETING_PERSON_INVALID');
      expect(who.body.errors[0].field).toBe('actionItems.1.assigneeId');
      expect(await count('SELECT count(*)::int AS n FROM meetings')).toBe(before);
    });
  });

  describe('PATCH: a draft, with the version', () => {
    it('fields and whole lists are replaced; a stale version is 409; a wrong chair 422; another 助理 of the department may edit it', async () => {
      const m = await record({ actionItems: [item(u.rep1)] });
      const res = conforms(
        await patch(u.asst2, `/meetings/${m.id}`, { version: m.version, title: '销售部周例会（改）', location: null, attendeeIds: [u.rep2.id], decisions: [], actionItems: [item(u.rep2, { title: '补录拜访' }), item(u.rep3)] }),
        200,
      ).body;
      expect(res).toMatchObject({ title: '销售部周例会（改）', location: null, attendeeCount: 1, decisions: [], version: 2 });
      expect(res.actionItems.map((i: { seq: number; title: string; assigneeId: string }) => [i.seq, i.assigneeId])).toEqual([
        [1, u.rep2.id],
        [2, u.rep3.id],
      ]);
      problem(await patch(u.asst, `/meetings/${m.id}`, { version: 1, title: '旧版本' }), 409, 'STALE_VERSION');
      problem(await patch(u.asst, `/meetings/${m.id}`, { version: 2, chairId: u.clerk.id }), 422, 'MEETING_CHAIR_INVALID');
      problem(await patch(u.asst, `/meetings/${m.id}`, { title: '没有版本' }), 400, 'VALIDATION_FAILED');
      const audit = await t.ds.query(`SELECT action, actor_id, before->>'title' AS was, after->>'title' AS now FROM audit_log WHERE entity = 'meeting' AND entity_id = $1 ORDER BY id`, [m.id]);
      expect(audit).toEqual([
        { action: 'meeting.create', actor_id: u.asst.id, was: null, now: m.title },
        { action: 'meeting.update', actor_id: u.asst2.id, was: m.title, now: '销售部周例会（改）' },
      ]);
    });
  });

  describe('publishing: every action item becomes the chair’s 交办事项, all or none', () => {
    it('the 经理 chairs: both items are handed out by him, with the assignees’ tasks and audit rows; the minutes show each assignment', async () => {
      const m = await record({ actionItems: [item(u.rep1, { title: '回访三家意向客户' }), item(u.clerk, { title: '核对回款台账' })] });
      const done = await publish(m.id);
      expect(done).toMatchObject({ status: 'published', publishedBy: u.asst.id, publishedAt: expect.any(String), version: 2 });
      const ids = done.actionItems.map((i: { assignmentId: string }) => i.assignmentId);
      expect(ids.every((id: string | null) => typeof id === 'string')).toBe(true);
      expect(done.actionItems.map((i: { assignmentStatus: string }) => i.assignmentStatus)).toEqual(['assigned', 'assigned']);
      // the 助理 reads assigned work at own scope: she recorded the items but cannot open another's assignment
      expect(done.actionItems.map((i: { assignmentReadable: boolean }) => i.assignmentReadable)).toEqual([false, false]);

      const a = conforms(await get(u.sm, `/assignments/${ids[0]}`), 200).body;
      expect(a).toMatchObject({ kind: 'assignment', title: '回访三家意向客户', assignerId: u.sm.id, assigneeId: u.rep1.id, priority: 'high', dueDate: addDays(today(), 7), status: 'assigned', entity: 'meeting', entityId: m.id });
      expect(a.description).toContain(m.title);
      expect(a.history).toEqual([expect.objectContaining({ action: 'create', actorId: u.sm.id, assigneeId: u.rep1.id, comment: expect.stringContaining('黄助理') })]);
      // the assignee finds it in his list and has a task for it, as when the 经理 assigns in person
      const mine = conforms(await get(u.rep1, '/assignments?mine=assigned&pageSize=100'), 200).body.items;
      expect(mine.map((x: { id: string }) => x.id)).toContain(ids[0]);
      const tasks = await t.ds.query(`SELECT assignee_id, kind, status FROM tasks WHERE entity = 'assignment' AND entity_id = ANY($1) ORDER BY assignee_id`, [ids]);
      expect(tasks).toEqual(expect.arrayContaining([{ assignee_id: u.rep1.id, kind: 'assignment.assigned', status: 'open' }, { assignee_id: u.clerk.id, kind: 'assignment.assigned', status: 'open' }]));
      expect(tasks).toHaveLength(2);
      const audit = await t.ds.query(`SELECT action, actor_id FROM audit_log WHERE entity_id = ANY($1) OR (entity = 'meeting' AND entity_id = $2) ORDER BY id`, [ids, m.id]);
      expect(audit).toEqual([
        { action: 'meeting.create', actor_id: u.asst.id },
        { action: 'assignment.create', actor_id: u.asst.id },
        { action: 'assignment.create', actor_id: u.asst.id },
        { action: 'meeting.publish', actor_id: u.asst.id },
      ]);
      // the chair may open them; once the assignee starts, the minutes show it
      expect(conforms(await get(u.sm, `/meetings/${m.id}`), 200).body.actionItems.map((i: { assignmentReadable: boolean }) => i.assignmentReadable)).toEqual([true, true]);
      expect((await post(u.rep1, `/assignments/${ids[0]}/start`)).status).toBe(200);
      const seen = conforms(await get(u.rep1, `/meetings/${m.id}`), 200).body;
      expect(seen.actionItems[0]).toMatchObject({ assignmentStatus: 'in_progress', assignmentReadable: true });
      expect(seen.actionItems[1]).toMatchObject({ assignmentStatus: 'assigned', assignmentReadable: false });
    });

    it('published minutes are final: publishing again or editing is 409', async () => {
      const m = await publish((await record()).id);
      problem(await post(u.asst, `/meetings/${m.id}/publish`), 409, 'MEETING_INVALID_TRANSITION');
      problem(await patch(u.asst, `/meetings/${m.id}`, { version: m.version, title: '再改' }), 409, 'MEETING_INVALID_TRANSITION');
      expect(m.actionItems).toEqual([]);
    });

    it('a 主管 chairs: an item for another team’s rep is 422 naming it, and nothing is handed out or published', async () => {
      const m = await record({ chairId: u.ss.id, actionItems: [item(u.rep1, { title: '本组的事' }), item(u.rep3, { title: '别组的事' })] });
      const auditBefore = await count(`SELECT count(*)::int AS n FROM audit_log WHERE action <> 'access.denied'`);
      const tasksBefore = await count(`SELECT count(*)::int AS n FROM tasks`);
      const assignmentsBefore = await count(`SELECT count(*)::int AS n FROM assignments`);
      const res = problem(await post(u.asst, `/meetings/${m.id}/publish`), 422, 'MEETING_ACTION_ITEM_UNASSIGNABLE');
      expect(res.body).toMatchObject({ item: { seq: 2, title: '别组的事' }, reason: 'OUT_OF_CHAIR_REACH', errors: [{ field: 'actionItems.1' }] });
      expect(res.body.detail).toContain('行动项 2「别组的事」');
      expect(res.body.detail).toContain('刘主管');
      expect(await count(`SELECT count(*)::int AS n FROM assignments`)).toBe(assignmentsBefore);
      expect(await count(`SELECT count(*)::int AS n FROM tasks`)).toBe(tasksBefore);
      expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action <> 'access.denied'`)).toBe(auditBefore);
      expect(conforms(await get(u.asst, `/meetings/${m.id}`), 200).body).toMatchObject({ status: 'draft', version: 1, actionItems: [{ assignmentId: null }, { assignmentId: null }] });

      // given to his own report instead, the minutes publish
      const fixed = conforms(await patch(u.asst, `/meetings/${m.id}`, { version: 1, actionItems: [item(u.rep1, { title: '本组的事' }), item(u.rep2, { title: '原别组的事' })] }), 200).body;
      const done = await publish(fixed.id);
      expect(done.actionItems.map((i: { assignmentStatus: string }) => i.assignmentStatus)).toEqual(['assigned', 'assigned']);
      const [a] = await t.ds.query(`SELECT assigner_id FROM assignments WHERE id = $1`, [done.actionItems[1].assignmentId]);
      expect(a.assigner_id).toBe(u.ss.id);
    });

    it('other items the chair cannot hand out: the chair himself, someone deactivated since, a deadline passed, a chair no longer eligible', async () => {
      const self = await record({ actionItems: [item(u.sm, { title: '经理自己的事' })] });
      expect(problem(await post(u.asst, `/meetings/${self.id}/publish`), 422, 'MEETING_ACTION_ITEM_UNASSIGNABLE').body.reason).toBe('ASSIGNEE_IS_CHAIR');

      const gone = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id });
      const m = await record({ actionItems: [item(u.rep1), item(gone)] });
      expect((await patch(admin, `/users/${gone.id}`, { version: gone.version, active: false })).status).toBe(200);
      expect(problem(await post(u.asst, `/meetings/${m.id}/publish`), 422, 'MEETING_ACTION_ITEM_UNASSIGNABLE').body).toMatchObject({ item: { seq: 2 }, reason: 'ASSIGNEE_INACTIVE' });

      const late = await record({ actionItems: [item(u.rep1, { title: '早该做的事' })] });
      await t.ds.query(`UPDATE meeting_action_items SET due_at = now() - interval '2 days', due_date = $2 WHERE meeting_id = $1`, [late.id, addDays(today(), -2)]);
      expect(problem(await post(u.asst, `/meetings/${late.id}/publish`), 422, 'MEETING_ACTION_ITEM_UNASSIGNABLE').body).toMatchObject({ item: { seq: 1, title: '早该做的事' }, reason: 'DUE_IN_PAST' });

      const chair = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id });
      const orphan = await record({ chairId: chair.id });
      expect((await patch(admin, `/users/${chair.id}`, { version: chair.version, active: false })).status).toBe(200);
      problem(await post(u.asst, `/meetings/${orphan.id}/publish`), 422, 'MEETING_CHAIR_INVALID');
      expect(await count(`SELECT count(*)::int AS n FROM assignments WHERE entity_id = ANY($1)`, [[self.id, m.id, late.id, orphan.id]])).toBe(0);
    });
  });

  describe('who reads what', () => {
    let draft: M;
    let open: M;
    let other: M;

    beforeAll(async () => {
      draft = await record({ title: '草稿：季度专题会', kind: 'topic', chairId: u.ss.id, attendeeIds: [u.rep1.id] });
      open = await publish((await record({ title: '已发布：周例会', chairId: u.ss.id, attendeeIds: [u.rep1.id, u.clerk.id], heldAt: `${addDays(today(), -3)}T09:00:00+08:00` })).id);
      other = await publish((await record({ title: '已发布：内勤会', kind: 'other', attendeeIds: [u.clerk.id] })).id);
    });

    it('a draft: the 助理s of the department and its chair, nobody else (not even its attendees)', async () => {
      for (const who of [u.asst, u.asst2, u.ss]) conforms(await get(who, `/meetings/${draft.id}`), 200);
      for (const who of [u.rep1, u.clerk, u.sm, u.ss2, u.gm]) problem(await get(who, `/meetings/${draft.id}`), 404, 'NOT_FOUND');
      expect((await listIds(u.sm)).has(draft.id)).toBe(false);
      expect((await listIds(u.ss)).has(draft.id)).toBe(true);
    });

    it('published: own = attended, chaired or recorded; department; all; the 市场开拓部 reads none (403)', async () => {
      expect([...(await listIds(u.rep1))].filter((id) => [draft.id, open.id, other.id].includes(id))).toEqual([open.id]);
      expect((await listIds(u.clerk)).has(other.id)).toBe(true);
      problem(await get(u.rep2, `/meetings/${open.id}`), 404, 'NOT_FOUND');
      conforms(await get(u.rep1, `/meetings/${open.id}`), 200);
      for (const who of [u.sm, u.ss2, u.asst2, u.gm]) {
        conforms(await get(who, `/meetings/${open.id}`), 200);
        expect((await listIds(who)).has(other.id)).toBe(true);
      }
      // a filter never widens the scope
      expect((await listIds(u.rep2, `&attendeeId=${u.rep1.id}`)).has(open.id)).toBe(false);
      problem(await get(u.mm, '/meetings'), 403, 'PERMISSION_DENIED');
      problem(await get(u.msp, `/meetings/${open.id}`), 403, 'PERMISSION_DENIED');
    });

    it('filters, sort and paging', async () => {
      const ids = async (q: string) => [...(await listIds(u.asst, q))];
      expect(await ids('&status=draft')).toContain(draft.id);
      expect(await ids('&status=draft')).not.toContain(open.id);
      expect(await ids('&kind=other')).toEqual(expect.arrayContaining([other.id]));
      expect(await ids('&kind=other')).not.toContain(open.id);
      expect(await ids(`&chairId=${u.ss.id}&status=published`)).toContain(open.id);
      expect(await ids(`&attendeeId=${u.clerk.id}&q=${encodeURIComponent('已发布')}`)).toEqual(expect.arrayContaining([open.id, other.id]));
      expect(await ids(`&from=${addDays(today(), -3)}&to=${addDays(today(), -3)}`)).toEqual([open.id]);
      expect(await ids('&department=market')).toEqual([]);
      const page = conforms(await get(u.asst, '/meetings?pageSize=2&page=1&sort=heldAt'), 200).body;
      expect(page).toMatchObject({ page: 1, pageSize: 2 });
      expect(page.items).toHaveLength(2);
      expect(page.items[0].id).toBe(open.id);
      expect(page.total).toBeGreaterThan(2);
      problem(await get(u.asst, '/meetings?sort=title'), 400, 'VALIDATION_FAILED');
      problem(await get(u.asst, '/meetings?status=closed'), 400, 'VALIDATION_FAILED');
      problem(await get(u.asst, '/meetings?from=2026-02-30'), 400, 'VALIDATION_FAILED');
    });

    it('writes by the 助理 of another department’s minutes, or by anyone else, are refused (404 / 403)', async () => {
      await t.ds.query(`UPDATE meetings SET department = 'market' WHERE id = $1`, [draft.id]);
      problem(await patch(u.asst, `/meetings/${draft.id}`, { version: 1, title: 'x' }), 404, 'NOT_FOUND');
      problem(await post(u.asst, `/meetings/${draft.id}/publish`), 404, 'NOT_FOUND');
      problem(await post(u.sm, `/meetings/${open.id}/publish`), 403, 'PERMISSION_DENIED');
      await t.ds.query(`UPDATE meetings SET department = 'sales' WHERE id = $1`, [draft.id]);
    });
  });

  it('every foreign key of the meeting tables leads an index (SPEC §9)', async () => {
    const fks = await t.ds.query(
      `SELECT c.conrelid::regclass::text AS tbl, a.attname AS col,
              EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]) AS indexed
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'f' AND c.conrelid::regclass::text IN ('meetings', 'meeting_attendees', 'meeting_action_items') ORDER BY 1, 2`,
    );
    expect(fks.length).toBe(8);
    expect(fks.filter((f: { indexed: boolean }) => !f.indexed)).toEqual([]);
  });
});
