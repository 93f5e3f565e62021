import type { Response } from 'supertest';
import { NotificationSender } from '../../src/notifications/notification-sender';
import { backoffMs } from '../../src/notifications/notification-messages';
import { OutboxService } from '../../src/notifications/outbox.service';
import { OverdueScanJob } from '../../src/receivables/overdue-scan.job';
import { TasksService } from '../../src/tasks/tasks.service';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { OpenApiDoc, responseProblems } from '../setup/openapi-schema';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';
import { MailPeer, RobotPeer } from './notification-peers';
import { embeddedNotice, Org, pgClient, sleep } from './resilience-support';

/**
 * Notifications through the transactional outbox (SPEC §14), against real peers started here: an
 * SMTP server that parses each mail and a robot webhook that fails when told to. The messages are
 * written in the event's own transaction, sent by the sender (run by hand here: SCHEDULER is off),
 * retried with backoff, never twice; preferences and missing configuration write nothing; the
 * admin's outbox routes.
 */
describe('notifications', () => {
  let t: TestApp;
  let admin: string;
  let doc: OpenApiDoc;
  let org: Org;
  let sender: NotificationSender;
  const mail = new MailPeer();
  const robot = new RobotPeer();
  const u: Record<string, TestUser> = {};
  const RETRY_BASE = 1000;

  const get = (who: TestUser | string, path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(who));
  const put = (who: TestUser | string, path: string, body: unknown) => t.http().put(`/api/v1${path}`).set('authorization', bearer(who)).send(body as object);
  const conforms = (res: Response, status: number): Response => {
    expect({ status: res.status, body: res.status === status ? 'ok' : res.body }).toEqual({ status, body: 'ok' });
    const { method, path } = (res as Response & { req: { method: string; path: string } }).req;
    expect(responseProblems(doc, method, path, res.status, res.body)).toEqual([]);
    return res;
  };
  const problem = (res: Response, status: number, code: string) => expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  type Row = { id: string; channel: string; status: string; attempts: number; recipient_id: string; address: string | null; event_key: string; event_kind: string };
  const rowsFor = (entityId: string): Promise<Row[]> =>
    t.ds.query(`SELECT id, channel, status, attempts, recipient_id, address, event_key, event_kind FROM notification_outbox WHERE payload->>'entityId' = $1 ORDER BY channel`, [entityId]);
  const count = async () => (await t.ds.query(`SELECT count(*)::int AS n FROM notification_outbox`))[0].n as number;

  let customer: string;
  /** A contract drafted by the rep and submitted for approval: the manager's approval task and its messages. */
  const submitted = async (title = '年度供货合同') => {
    const k = await org.post(u.rep, '/contracts', { customerId: customer, title, amount: '120000.00', startDate: '2026-01-01', endDate: '2026-12-31', paymentPlan: [{ dueDate: '2026-06-30', amount: '120000.00' }] });
    expect(k.status).toBe(201);
    expect((await org.post(u.rep, `/contracts/${k.body.id}/submit`)).status).toBe(200);
    return { id: k.body.id as string, number: k.body.number as string };
  };

  beforeAll(async () => {
    await mail.start();
    await robot.start();
    t = await createTestApp({
      env: { SMTP_URL: mail.url, SMTP_FROM: '职责 CRM <crm@zhize.test>', NOTIFY_WEBHOOK_URL: robot.url, NOTIFY_RETRY_BASE_MS: String(RETRY_BASE), NOTIFY_MAX_ATTEMPTS: '3', NOTIFY_TIMEOUT_MS: '5000', PUBLIC_URL: 'https://crm.zhize.test' },
    });
    admin = await adminToken(t);
    doc = (await t.http().get('/api/docs-json')).body;
    org = new Org(t);
    sender = t.app.get(NotificationSender);
    u.sm = await createUser(t, 'sales.manager', { admin, displayName: '陈经理' });
    u.rep = await createUser(t, 'sales.rep', { admin, supervisorId: u.sm.id, displayName: '刘业务' });
    u.clerk = await createUser(t, 'sales.clerk', { admin, supervisorId: u.sm.id });
    for (const [who, email] of [[u.sm, 'chen.manager@zhize.test'], [u.rep, 'liu.rep@zhize.test']] as const) {
      const res = conforms(await t.http().patch(`/api/v1/users/${who.id}`).set('authorization', bearer(admin)).send({ version: who.version, email }), 200);
      expect(res.body.email).toBe(email);
    }
    customer = await org.customer(u.clerk, u.sm, u.rep, '通知测试');
  });
  afterAll(async () => {
    await t?.close();
    await mail.close();
    await robot.close();
  });

  it('keeps a user’s e-mail address: validated, cleared with null, set by the admin only', async () => {
    const other = await createUser(t, 'sales.rep', { admin, supervisorId: u.sm.id });
    for (const email of ['not-an-address', 'a@', 'x'.repeat(250) + '@a.cn', 42]) {
      const res = await t.http().patch(`/api/v1/users/${other.id}`).set('authorization', bearer(admin)).send({ version: other.version, email });
      problem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('email');
    }
    const set = conforms(await t.http().patch(`/api/v1/users/${other.id}`).set('authorization', bearer(admin)).send({ version: other.version, email: ' wang@zhize.test ' }), 200);
    expect(set.body.email).toBe('wang@zhize.test');
    const cleared = conforms(await t.http().patch(`/api/v1/users/${other.id}`).set('authorization', bearer(admin)).send({ version: set.body.version, email: null }), 200);
    expect(cleared.body.email).toBeNull();
    const created = await t.http().post('/api/v1/users').set('authorization', bearer(admin)).send({ username: `mail_${Date.now()}`, displayName: '有邮箱', role: 'sales.rep', password: 'Correct-Horse-Battery-9', email: 'new@zhize.test' });
    expect({ status: created.status, email: created.body.email }).toEqual({ status: 201, email: 'new@zhize.test' });
  });

  it('writes the messages in the transaction of the event: a rolled-back event leaves none', async () => {
    const before = await count();
    const tasks = t.app.get(TasksService);
    await expect(
      t.ds.transaction(async (m) => {
        const n = await tasks.createMany(m, [{ assigneeId: u.sm.id, kind: 'contract.sign', title: '回滚的待办', causeKey: `rollback-test:${Date.now()}` }]);
        expect(n).toBe(1);
        // inside the transaction the messages are there (e-mail and webhook)…
        expect((await m.query(`SELECT count(*)::int AS n FROM notification_outbox`))[0].n).toBe(before + 2);
        throw new Error('the event fails after its task was made');
      }),
    ).rejects.toThrow('the event fails');
    // …and they went with it
    expect(await count()).toBe(before);
  });

  it('sends one e-mail to the approver at once, and the webhook after two failures with backoff — each exactly once', async () => {
    robot.failFirst = robot.calls.length + 2;
    const k = await submitted();
    const rows = await rowsFor(k.id);
    expect(rows.map((r) => [r.channel, r.status, r.recipient_id, r.address, r.event_kind])).toEqual([
      ['email', 'pending', u.sm.id, 'chen.manager@zhize.test', 'approval'],
      ['webhook', 'pending', u.sm.id, null, 'approval'],
    ]);
    const [emailRow, hookRow] = rows;
    expect(emailRow.event_key).toBe(`task:contract:${k.id}:r1:manager:${u.sm.id}`);

    expect(await sender.drain()).toEqual({ sent: 1, retrying: 1, failed: 0 });
    const mails = mail.accepted.filter((m) => m.delivery === emailRow.id);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['chen.manager@zhize.test']);
    expect(mails[0].from).toBe('crm@zhize.test');
    expect(mails[0].messageId).toBe(`<${emailRow.id}@zhize-crm>`);
    expect(mails[0].subject).toBe(`【职责 CRM】待审批：合同 ${k.number}「年度供货合同」（120000.00 元）待审核`);
    expect(mails[0].text).toContain('陈经理，您好：');
    expect(mails[0].text).toContain(`https://crm.zhize.test/approvals/contracts/${k.id}`);

    // not due yet: a run now sends nothing
    expect(await sender.drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(robot.callsFor(hookRow.id)).toHaveLength(1);
    const waitDue = async () => {
      const [{ wait }] = await t.ds.query(`SELECT GREATEST(0, EXTRACT(EPOCH FROM next_attempt_at - clock_timestamp()) * 1000)::int AS wait FROM notification_outbox WHERE id = $1`, [hookRow.id]);
      await sleep(wait + 50);
    };
    await waitDue();
    expect(await sender.drain()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    await waitDue();
    expect(await sender.drain()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    await sleep(RETRY_BASE * 2);
    expect(await sender.drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });

    const calls = robot.callsFor(hookRow.id);
    expect(calls.map((c) => c.status)).toEqual([500, 500, 200]);
    expect(calls[2].body.msgtype).toBe('markdown');
    expect(calls[2].body.markdown.content).toContain('陈经理');
    expect(calls[2].body.markdown.content).toContain(k.number);
    // the waits: at least the backoff after each failure (base, then twice the base)
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(backoffMs(1, RETRY_BASE) - 20);
    expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(backoffMs(2, RETRY_BASE) - 20);
    expect(mail.accepted.filter((m) => m.delivery === emailRow.id)).toHaveLength(1);

    const detail = conforms(await get(admin, `/notifications/outbox/${hookRow.id}`), 200).body;
    expect({ status: detail.status, attempts: detail.attempts, path: detail.path }).toEqual({ status: 'sent', attempts: 3, path: `/approvals/contracts/${k.id}` });
    expect(detail.history.map((a: { attempt: number; ok: boolean }) => [a.attempt, a.ok])).toEqual([[1, false], [2, false], [3, true]]);
    expect(detail.history[0].error).toContain('HTTP 500');
    expect(detail.history[2].response).toContain('HTTP 200');
    expect(detail.history.every((a: { instance: string; finishedAt: string }) => a.instance && a.finishedAt)).toBe(true);
  });

  it('never enqueues twice: an event replayed or a job run again adds nothing', async () => {
    const k = await submitted('重放测试合同');
    const before = await count();
    const [task] = await t.ds.query(`SELECT id FROM tasks WHERE entity_id = $1 AND kind = 'contract.approval'`, [k.id]);
    const outbox = t.app.get(OutboxService);
    expect(await t.ds.transaction((m) => outbox.enqueueTasks(m, [task.id, task.id]))).toBe(0);
    // a job: a signed contract overdue by 40 days → collection task (rep) and escalation (manager), each with its messages
    const signed = await org.signedContract(u.rep, u.sm, customer, [['2026-01-31', '3000.00']]);
    const run = async () => (await org.post(admin, '/jobs/receivables.overdue-scan/run', { asOf: '2026-03-12' })).body;
    expect((await run()).status).toBe('succeeded');
    const receivable = (await t.ds.query(`SELECT id FROM receivables WHERE contract_id = $1`, [signed.id]))[0].id;
    const made = await rowsFor(receivable);
    expect(made.map((r) => `${r.event_kind}:${r.channel}:${r.recipient_id === u.rep.id ? 'rep' : 'sm'}`).sort()).toEqual(
      ['overdue:email:rep', 'overdue:email:sm', 'overdue:webhook:rep', 'overdue:webhook:sm'],
    );
    expect((await run()).reason).toBe('already_ran');
    // the job's own work again, past the runner's slot guard, in a transaction of its own
    await t.ds.transaction((m) => t.app.get(OverdueScanJob).run({ asOf: '2026-03-12', slot: 'again', tz: 'Asia/Shanghai', manager: m }));
    expect(await rowsFor(receivable)).toEqual(made);
    expect(await count()).toBe(before + made.length + 4); // + the signed contract's approval task (manager) and signing task (rep)
    await sender.drain();
  });

  it('follows each user’s preferences: a switched-off channel or kind writes nothing', async () => {
    const defaults = conforms(await get(u.sm, '/me/notification-settings'), 200).body;
    expect(defaults).toEqual({
      emailEnabled: true,
      webhookEnabled: true,
      kinds: { approval: true, overdue: true, complaint: true, assignment: true, task: true },
      email: 'chen.manager@zhize.test',
      available: { email: true, webhook: true },
      updatedAt: null,
    });
    const all = { approval: true, overdue: true, complaint: true, assignment: true, task: true };
    for (const bad of [{}, { emailEnabled: false, webhookEnabled: true }, { emailEnabled: 'no', webhookEnabled: true, kinds: all }, { emailEnabled: false, webhookEnabled: true, kinds: { ...all, approval: 'off' } }, { emailEnabled: false, webhookEnabled: true, kinds: { ...all, gossip: false } }, { emailEnabled: false, webhookEnabled: true, kinds: all, userId: u.rep.id }]) {
      problem(await put(u.sm, '/me/notification-settings', bad), 400, 'VALIDATION_FAILED');
    }
    expect(conforms(await get(u.sm, '/me/notification-settings'), 200).body.updatedAt).toBeNull();

    const noMail = conforms(await put(u.sm, '/me/notification-settings', { emailEnabled: false, webhookEnabled: true, kinds: all }), 200).body;
    expect({ emailEnabled: noMail.emailEnabled, webhookEnabled: noMail.webhookEnabled }).toEqual({ emailEnabled: false, webhookEnabled: true });
    expect((await rowsFor((await submitted('只要群消息')).id)).map((r) => r.channel)).toEqual(['webhook']);

    conforms(await put(u.sm, '/me/notification-settings', { emailEnabled: true, webhookEnabled: true, kinds: { ...all, approval: false } }), 200);
    expect(await rowsFor((await submitted('不要审批通知')).id)).toEqual([]);
    // the rep's own settings are the rep's: untouched
    expect(conforms(await get(u.rep, '/me/notification-settings'), 200).body.updatedAt).toBeNull();
    const audit = await t.ds.query(`SELECT after FROM audit_log WHERE action = 'notification-settings.update' AND entity_id = $1 ORDER BY at`, [u.sm.id]);
    expect(audit.map((a: { after: { kinds: { approval: boolean }; emailEnabled: boolean } }) => [a.after.emailEnabled, a.after.kinds.approval])).toEqual([[false, true], [true, false]]);

    conforms(await put(u.sm, '/me/notification-settings', { emailEnabled: true, webhookEnabled: true, kinds: all }), 200);
    // a user without an address gets no e-mail, the webhook still
    await t.ds.query(`UPDATE users SET email = NULL WHERE id = $1`, [u.sm.id]);
    expect((await rowsFor((await submitted('没有邮箱')).id)).map((r) => r.channel)).toEqual(['webhook']);
    await t.ds.query(`UPDATE users SET email = 'chen.manager@zhize.test' WHERE id = $1`, [u.sm.id]);
    expect((await rowsFor((await submitted('邮箱已恢复')).id)).map((r) => r.channel)).toEqual(['email', 'webhook']);
    // a server with no SMTP_URL and no webhook writes nothing at all
    const unconfigured = new OutboxService({ ...t.config, notify: { ...t.config.notify, smtpUrl: null, webhookUrl: null } });
    const [task] = await t.ds.query(`INSERT INTO tasks (assignee_id, kind, title, cause_key) VALUES ($1, 'contract.sign', '无渠道', $2) RETURNING id`, [u.sm.id, `no-channel:${Date.now()}`]);
    expect(await t.ds.transaction((m) => unconfigured.enqueueTasks(m, [task.id]))).toBe(0);
    await sender.drain();
  });

  it('two senders never take the same message: a row another instance holds is skipped, not waited for', async () => {
    if (embeddedNotice(t, 'two senders on one outbox')) return;
    for (let i = 0; i < 4; i++) await submitted(`并发发送 ${i}`);
    const pending: { id: string }[] = await t.ds.query(`SELECT id FROM notification_outbox WHERE status = 'pending' ORDER BY id`);
    expect(pending.length).toBe(8);
    const held = pending.slice(0, 4).map((r) => r.id);
    const other = await pgClient(t.config.databaseUrl!);
    try {
      await other.query('BEGIN');
      await other.query(`SELECT id FROM notification_outbox WHERE id = ANY($1::uuid[]) FOR UPDATE`, [held]);
      const second = new NotificationSender(t.ds, t.config, t.app.get(OutboxService));
      const [a, b] = await Promise.all([sender.drain(), second.drain()]);
      expect(a.sent + b.sent).toBe(4);
      expect((await t.ds.query(`SELECT count(*)::int AS n FROM notification_outbox WHERE id = ANY($1::uuid[]) AND status = 'pending'`, [held]))[0].n).toBe(4);
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
    expect((await sender.drain()).sent).toBe(4);
    for (const { id } of pending) {
      expect(mail.accepted.filter((m) => m.delivery === id).length + robot.callsFor(id).length).toBe(1);
    }
  });

  it('gives up after the last attempt; the admin sees it and sends it again', async () => {
    robot.failAll = true;
    const k = await submitted('总是失败的群消息');
    const hook = (await rowsFor(k.id)).find((r) => r.channel === 'webhook')!;
    for (let i = 0; i < 3; i++) {
      await t.ds.query(`UPDATE notification_outbox SET next_attempt_at = now() WHERE id = $1 AND status = 'pending'`, [hook.id]);
      await sender.drain();
    }
    const failed = conforms(await get(admin, `/notifications/outbox/${hook.id}`), 200).body;
    expect({ status: failed.status, attempts: failed.attempts, maxAttempts: failed.maxAttempts, nextAttemptAt: failed.nextAttemptAt }).toEqual({ status: 'failed', attempts: 3, maxAttempts: 3, nextAttemptAt: null });
    expect(failed.lastError).toContain('HTTP 500');
    expect(await sender.drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(robot.callsFor(hook.id)).toHaveLength(3);

    const list = conforms(await get(admin, `/notifications/outbox?status=failed&channel=webhook&kind=approval&recipientId=${u.sm.id}&from=2020-01-01&to=2099-12-31`), 200).body;
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([hook.id]);
    expect(list.items[0]).toMatchObject({ recipientName: '陈经理', attempts: 3, status: 'failed', channel: 'webhook' });
    const status = conforms(await get(admin, '/notifications/status'), 200);
    expect(status.body).toMatchObject({ emailConfigured: true, webhookConfigured: true, webhookKind: 'wecom', webhookHost: `127.0.0.1:${robot.port}`, smtpServer: mail.url, senderEnabled: false, maxAttempts: 3 });
    expect(status.body.counts.failed).toBe(1);
    expect(status.text).not.toContain('robot-secret-key');

    robot.failAll = false;
    const sent = (await rowsFor(k.id)).find((r) => r.channel === 'email')!;
    problem(await org.post(admin, `/notifications/outbox/${sent.id}/retry`), 409, 'NOTIFICATION_NOT_FAILED');
    const retried = conforms(await org.post(admin, `/notifications/outbox/${hook.id}/retry`), 200).body;
    expect({ status: retried.status, attempts: retried.attempts, maxAttempts: retried.maxAttempts }).toEqual({ status: 'pending', attempts: 3, maxAttempts: 6 });
    expect(await sender.drain()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(robot.callsFor(hook.id).map((c) => c.status)).toEqual([500, 500, 500, 200]);
    const [audit] = await t.ds.query(`SELECT actor_role, before, after FROM audit_log WHERE action = 'notification.retry' AND entity_id = $1`, [hook.id]);
    expect(audit).toMatchObject({ actor_role: 'admin', before: { status: 'failed' }, after: { status: 'pending', maxAttempts: 6 } });
  });

  it('the outbox routes: admin only, filters checked, paged', async () => {
    for (const who of [u.sm, u.rep]) {
      problem(await get(who, '/notifications/outbox'), 403, 'PERMISSION_DENIED');
      problem(await get(who, '/notifications/status'), 403, 'PERMISSION_DENIED');
    }
    for (const q of ['status=lost', 'channel=sms', 'kind=gossip', 'recipientId=nobody', 'from=yesterday', 'sort=subject', 'pageSize=101']) {
      problem(await get(admin, `/notifications/outbox?${q}`), 400, 'VALIDATION_FAILED');
    }
    problem(await get(admin, '/notifications/outbox/not-a-uuid'), 400, 'VALIDATION_FAILED');
    problem(await get(admin, '/notifications/outbox/00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    problem(await org.post(admin, '/notifications/outbox/00000000-0000-4000-8000-000000000000/retry'), 404, 'NOT_FOUND');
    const total = await count();
    const page1 = conforms(await get(admin, '/notifications/outbox?pageSize=5&sort=-createdAt'), 200).body;
    const page2 = conforms(await get(admin, '/notifications/outbox?pageSize=5&page=2&sort=-createdAt'), 200).body;
    expect(page1.total).toBe(total);
    expect(page1.items).toHaveLength(5);
    expect(page1.items.some((i: { id: string }) => page2.items.some((j: { id: string }) => j.id === i.id))).toBe(false);
    const future = conforms(await get(admin, '/notifications/outbox?from=2099-01-01'), 200).body;
    expect(future.total).toBe(0);
    const rep = conforms(await get(admin, `/notifications/outbox?recipientId=${u.rep.id}&pageSize=100`), 200).body;
    expect(rep.total).toBeGreaterThan(0);
    expect(rep.items.every((i: { recipientId: string }) => i.recipientId === u.rep.id)).toBe(true);
  });
});
