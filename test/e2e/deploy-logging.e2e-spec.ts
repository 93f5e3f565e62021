import { createTestApp, TestApp } from '../setup/create-test-app';
import { createUser, TestUser } from '../setup/users';
import { call, embeddedNotice, pgClient, Processes, until } from './resilience-support';

/**
 * The built server's logs (SPEC §13): quiet by default — a handful of useful lines, no per-route
 * "Mapped {…}" — and with LOG_FORMAT=json one JSON object per line carrying the request id that
 * the client saw in x-request-id, on request lines and on the error a 5xx logs.
 */
describe('logs: a quiet start, JSON with the request id (SPEC §13)', () => {
  let t: TestApp;
  let specialist: TestUser;
  const procs = new Processes();

  beforeAll(async () => {
    t = await createTestApp();
    if (t.embedded) return;
    specialist = await createUser(t, 'market.specialist');
  }, 60_000);
  afterAll(async () => {
    await procs.killAll();
    await t?.close();
  });

  const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
  const CHATTER = /Mapped \{|RoutesResolver|RouterExplorer|InstanceLoader|Starting Nest application/;

  it('the default start prints a few useful lines and no route table; LOG_LEVEL=debug still shows it', async () => {
    if (embeddedNotice(t, 'starting the built server on the test database')) return;
    const quiet = await procs.start(t.config.databaseUrl!, { env: { LOG_LEVEL: 'log', SCHEDULER: 'on' } });
    await until('the start-up lines are out', async () => quiet.output().includes('API 文档'));
    const out = lines(quiet.output());
    expect(out.length).toBeLessThanOrEqual(5);
    expect(out.join('\n')).not.toMatch(CHATTER);
    expect(out.join('\n')).toMatch(/已调度 \d+ 个定时任务/);
    expect(out.join('\n')).toMatch(/职责 CRM 已启动: http:\/\/localhost:\d+ {2}数据库: PostgreSQL/);
    await quiet.kill();

    const chatty = await procs.start(t.config.databaseUrl!, { env: { LOG_LEVEL: 'debug' } });
    await until('the start-up lines are out', async () => chatty.output().includes('API 文档'));
    // (the helper keeps the last 20 000 characters of output: enough to see the route table)
    expect(chatty.output().match(/Mapped \{\/api\/v1\/[^}]+\} route/g)?.length).toBeGreaterThan(50);
    await chatty.kill();
  }, 60_000);

  it('LOG_FORMAT=json: every line is one JSON object; request lines and a 5xx error carry the request id of x-request-id', async () => {
    if (embeddedNotice(t, 'terminating a session of the built server')) return;
    const app = await procs.start(t.config.databaseUrl!, { env: { LOG_FORMAT: 'json', LOG_LEVEL: 'log' } });

    // a plain 404
    const missing = await fetch(`${app.base}/api/v1/no-such-thing?secret=query-text`);
    const missingId = missing.headers.get('x-request-id');
    expect(missing.status).toBe(404);

    // a 5xx: the request waits on a table lock, and its database session is terminated under it
    const locker = await pgClient(t.config.databaseUrl!);
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE prospects IN ACCESS EXCLUSIVE MODE');
    const pending = call(app.base, 'GET', '/api/v1/prospects', { token: specialist.token });
    let pid: number | undefined;
    await until('the request waits on the lock', async () => {
      const rows = await t.ds.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      pid = rows[0]?.pid;
      return pid !== undefined;
    });
    await t.ds.query('SELECT pg_terminate_backend($1)', [pid]);
    const failed = await pending;
    await locker.query('ROLLBACK');
    await locker.end();
    expect(failed.ok && failed.status).toBe(503);
    expect(failed.ok && failed.body.code).toBe('DATABASE_UNAVAILABLE');
    const failedId = failed.ok ? failed.body.requestId : undefined;
    expect(failedId).toMatch(/^[0-9a-f-]{36}$/);

    // two lines of the failed request (the error, then the request line), not its id twice in the error line
    await until('both request lines are logged', async () => app.output().includes(missingId!) && lines(app.output()).filter((l) => l.includes(failedId!)).length >= 2);
    await app.kill();

    const records = lines(app.output()).map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON line: ${line}`);
      }
    });
    for (const r of records) {
      expect(r).toMatchObject({ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), level: expect.any(String), context: expect.any(String), message: expect.any(String) });
    }
    expect(records.map((r) => r.message).join('\n')).not.toMatch(CHATTER);
    expect(records.some((r) => r.context === 'Zhize' && /已启动/.test(String(r.message)))).toBe(true);

    const byId = (id: string) => records.filter((r) => r.requestId === id);
    expect(byId(missingId!)).toEqual([
      expect.objectContaining({ level: 'log', context: 'HTTP', method: 'GET', path: '/api/v1/no-such-thing', status: 404, durationMs: expect.any(Number) }),
    ]);
    expect(JSON.stringify(byId(missingId!))).not.toContain('query-text'); // no query strings in the log

    const failedLines = byId(failedId);
    expect(failedLines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'error', context: 'Errors', message: expect.stringContaining('GET /api/v1/prospects') }),
        expect.objectContaining({ level: 'log', context: 'HTTP', status: 503, path: '/api/v1/prospects' }),
      ]),
    );
  }, 60_000);
});
