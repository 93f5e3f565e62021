import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';
import { INTERRUPTED } from '../../src/notifications/notification-sender';
import { MailPeer, RobotPeer } from './notification-peers';
import { call, embeddedNotice, Org, Processes, sleep, Spawned, until } from './resilience-support';

/**
 * The outbox across crashes (SPEC §14), with the built server (`dist/src/main.js`) spawned on the
 * test database and killed with SIGKILL: a contract submitted for approval yields exactly one
 * e-mail to the approver and one webhook call, whether the process dies after the commit and
 * before its sender ran, or in the middle of sending (the SMTP peer holding its answer to DATA).
 */
describe('notifications across crashes', () => {
  let t: TestApp | undefined;
  const procs = new Processes();
  const mail = new MailPeer();
  const robot = new RobotPeer();
  const u: Record<string, TestUser> = {};
  let org: Org;
  let customer: string;
  const TIMEOUT_MS = 3000;

  /** The server with both channels configured; the sender every `intervalMs`. */
  const start = (intervalMs: number): Promise<Spawned> =>
    procs.start(t!.config.databaseUrl!, {
      env: { SCHEDULER: 'on', SMTP_URL: mail.url, NOTIFY_WEBHOOK_URL: robot.url, NOTIFY_INTERVAL_MS: String(intervalMs), NOTIFY_TIMEOUT_MS: String(TIMEOUT_MS), NOTIFY_RETRY_BASE_MS: '200' },
    });
  type Row = { id: string; channel: string; status: string; attempts: number };
  const rowsFor = async (contractId: string): Promise<Row[]> =>
    t!.ds.query(`SELECT id, channel, status, attempts FROM notification_outbox WHERE payload->>'entityId' = $1 ORDER BY channel`, [contractId]);
  /** The e-mails the peer accepted (answered 250) and the webhook calls it answered 200, for `rows`. */
  const delivered = (rows: Row[]) => ({
    mails: mail.accepted.filter((m) => rows.some((r) => r.id === m.delivery)),
    calls: robot.calls.filter((c) => c.status === 200 && rows.some((r) => r.id === c.headers['x-zhize-delivery'])),
  });

  /** A contract drafted by the rep, submitted for approval through the spawned server. */
  const submitThrough = async (server: Spawned, title: string): Promise<string> => {
    const k = await call(server.base, 'POST', '/api/v1/contracts', {
      token: u.rep.token,
      body: { customerId: customer, title, amount: '88000.00', startDate: '2026-01-01', endDate: '2026-12-31', paymentPlan: [{ dueDate: '2026-09-30', amount: '88000.00' }] },
    });
    if (!k.ok || k.status !== 201) throw new Error(`contract: ${JSON.stringify(k)}`);
    const s = await call(server.base, 'POST', `/api/v1/contracts/${k.body.id}/submit`, { token: u.rep.token });
    expect(s.ok && s.status).toBe(200);
    return k.body.id;
  };

  beforeAll(async () => {
    await mail.start();
    await robot.start();
    // the in-process app only sets up people and a customer; it never sends (SCHEDULER off)
    t = await createTestApp();
    if (t.embedded) return;
    const admin = await adminToken(t);
    u.sm = await createUser(t, 'sales.manager', { admin, displayName: '审批经理' });
    u.rep = await createUser(t, 'sales.rep', { admin, supervisorId: u.sm.id });
    u.clerk = await createUser(t, 'sales.clerk', { admin, supervisorId: u.sm.id });
    const res = await t.http().patch(`/api/v1/users/${u.sm.id}`).set('authorization', bearer(admin)).send({ version: u.sm.version, email: 'approver@zhize.test' });
    expect(res.status).toBe(200);
    org = new Org(t);
    customer = await org.customer(u.clerk, u.sm, u.rep, '崩溃测试');
  });
  afterAll(async () => {
    await procs.killAll();
    await t?.close();
    await mail.close();
    await robot.close();
  });

  it('committed, then killed before the sender ran: the next process sends one e-mail and one webhook call', async () => {
    if (embeddedNotice(t, 'notifications across crashes')) return;
    // the sender of this process would first look in an hour
    const first = await start(3_600_000);
    const contract = await submitThrough(first, '提交后立即崩溃');
    await first.kill();
    const rows = await rowsFor(contract);
    expect(rows.map((r) => [r.channel, r.status, r.attempts])).toEqual([
      ['email', 'pending', 0],
      ['webhook', 'pending', 0],
    ]);
    expect(delivered(rows)).toEqual({ mails: [], calls: [] });

    const second = await start(200);
    await until('both messages sent', async () => (await rowsFor(contract)).every((r) => r.status === 'sent'), 20_000);
    await sleep(1500); // several more sender runs: nothing more goes out
    const { mails, calls } = delivered(rows);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['approver@zhize.test']);
    expect(mails[0].subject).toMatch(/^【职责 CRM】待审批：合同 HT-\d{4}-\d{6}「提交后立即崩溃」（88000\.00 元）待审核$/);
    expect(calls).toHaveLength(1);
    expect(calls[0].body.markdown.content).toContain('审批经理');
    expect(robot.calls.filter((c) => rows.some((r) => r.id === c.headers['x-zhize-delivery']))).toHaveLength(1);
    await second.kill();
  });

  it('killed in the middle of sending: after a restart exactly one e-mail accepted and one webhook call answered', async () => {
    if (embeddedNotice(t, 'notifications across crashes')) return;
    mail.hold = true;
    const first = await start(200);
    const contract = await submitThrough(first, '发送途中崩溃');
    // the SMTP peer has the whole message and withholds its answer; the sender waits on it
    await until('the mail held at DATA', async () => mail.held.length === 1, 20_000);
    await first.kill();
    mail.hold = false;
    const held = mail.held[0];
    const rows = await rowsFor(contract);
    const email = rows.find((r) => r.channel === 'email')!;
    expect(held.delivery).toBe(email.id);
    expect(email.status).toBe('sending');
    expect(delivered(rows).mails).toEqual([]);

    // the claim's lease (2 × the send limit + 5 s) must lapse before another process takes the row
    const [{ lease_until: lease }] = await t!.ds.query(`SELECT lease_until FROM notification_outbox WHERE id = $1`, [email.id]);
    const second = await start(200);
    await until('both messages sent', async () => (await rowsFor(contract)).every((r) => r.status === 'sent'), 40_000);
    await sleep(1500);
    const { mails, calls } = delivered(rows);
    expect(mails).toHaveLength(1);
    expect(mails[0].messageId).toBe(held.messageId); // the same message, the same id: a peer could tell
    expect(mails[0].to).toEqual(['approver@zhize.test']);
    expect(calls).toHaveLength(1);
    const attempts: { attempt: number; ok: boolean; error: string | null; started_at: Date }[] = await t!.ds.query(
      `SELECT attempt, ok, error, started_at FROM notification_attempts WHERE outbox_id = $1 ORDER BY attempt`,
      [email.id],
    );
    expect(attempts.map(({ started_at: _, ...a }) => a)).toEqual([
      { attempt: 1, ok: false, error: INTERRUPTED },
      { attempt: 2, ok: true, error: null },
    ]);
    expect(attempts[1].started_at.getTime()).toBeGreaterThanOrEqual(new Date(lease).getTime()); // not before the lease ran out
    await second.kill();
  });
});
