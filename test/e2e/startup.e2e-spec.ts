import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The product as `npm start` runs it: the built server in its own process, on embedded PGlite,
 * stopped with SIGTERM and started again on the same data directory.
 */
const MAIN = resolve(__dirname, '../../dist/src/main.js');
const PASSWORD = 'Startup-Admin-Pass-77';

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

interface Running {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Running {
  const clean = { ...process.env };
  delete clean.DATABASE_URL;
  delete clean.TEST_DATABASE_URL;
  delete clean.NODE_OPTIONS;
  delete clean.JWT_SECRET;
  const proc = spawn(process.execPath, [MAIN], { env: { ...clean, LOG_LEVEL: 'log', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((res) => proc.on('exit', (code) => res(code)));
  return { proc, output: () => out, exited };
}

async function waitForHealth(port: number, r: Running, timeoutMs = 60_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (r.proc.exitCode !== null) throw new Error(`server exited early:\n${r.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) return res;
    } catch {
      /* not up yet */
    }
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`server did not become healthy:\n${r.output()}`);
}

async function stop(r: Running): Promise<number | null> {
  r.proc.kill('SIGTERM');
  return r.exited;
}

const json = (body: object, token?: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

describe('npm start: the built server on the embedded database', () => {
  let dataDir: string;
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: npm test builds it first (pretest)`);
    dataDir = mkdtempSync(join(tmpdir(), 'zhize-start-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves /health, creates the admin once, keeps data and tokens across a SIGTERM restart', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port), ADMIN_PASSWORD: PASSWORD };

    const first = start(env);
    const health = await waitForHealth(port, first);
    expect(await health.json()).toEqual({ status: 'ok', database: { status: 'up', kind: 'embedded' } });
    expect(first.output()).toContain('/api/docs');
    expect(first.output()).toMatch(/已调度 \d+ 个定时任务（时区 Asia\/Shanghai）/);

    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, json({ username: 'admin', password: PASSWORD }));
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const created = await fetch(
      `http://127.0.0.1:${port}/api/v1/users`,
      json({ username: 'li.na', displayName: '李娜', role: 'sales.clerk', password: 'Ledger-Keeper-2026' }, accessToken),
    );
    expect(created.status).toBe(201);
    expect(await stop(first)).toBe(0);
    expect(first.output()).toContain('SIGTERM');

    // Same data directory, a second start: the user is still there, the admin is not re-created,
    // and a token issued before the restart still works (the generated secret is kept in DATA_DIR).
    const second = start({ ...env, ADMIN_PASSWORD: 'a-different-password-9' });
    await waitForHealth(port, second);
    const me = await fetch(`http://127.0.0.1:${port}/api/v1/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(me.status).toBe(200);
    const relogin = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, json({ username: 'li.na', password: 'Ledger-Keeper-2026' }));
    expect(relogin.status).toBe(200);
    const adminAgain = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, json({ username: 'admin', password: PASSWORD }));
    expect(adminAgain.status).toBe(200);
    expect(second.output()).not.toContain('已创建管理员账号');
    expect(await stop(second)).toBe(0);
  });

  it('prints a generated admin password exactly once when ADMIN_PASSWORD is unset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhize-start-'));
    try {
      const port = await freePort();
      const r = start({ DATA_DIR: dir, PORT: String(port) });
      await waitForHealth(port, r);
      const m = /初始密码:\s+(\S+)/.exec(r.output());
      expect(m).not.toBeNull();
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, json({ username: 'admin', password: m![1] }));
      expect(login.status).toBe(200);
      await stop(r);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('refuses to start, clearly, with a bad configuration', () => {
    const refuse = async (env: Record<string, string>, message: RegExp) => {
      const r = start(env);
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([r.exited, new Promise<'timeout'>((res) => (timer = setTimeout(() => res('timeout'), 30_000)))]);
      clearTimeout(timer);
      if (code === 'timeout') r.proc.kill('SIGKILL');
      expect(code).not.toBe(0);
      expect(code).not.toBe('timeout');
      expect(r.output()).toMatch(message);
      expect(r.output()).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // no stack trace
    };

    it('a JWT_SECRET under 32 bytes', () => refuse({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres', JWT_SECRET: 'short' }, /JWT_SECRET 至少需要 32 字节/));
    it('DATABASE_URL without JWT_SECRET', () => refuse({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' }, /必须设置 JWT_SECRET/));
    it('a non-numeric PORT', () => refuse({ PORT: 'eighty' }, /PORT 必须是/));
    it('an unknown BUSINESS_TZ', () => refuse({ BUSINESS_TZ: 'Mars/Olympus' }, /BUSINESS_TZ/));
    it('an unreachable database', () =>
      refuse({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres', JWT_SECRET: 'x'.repeat(40) }, /无法连接数据库/));
  });
});
