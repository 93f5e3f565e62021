import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, sleep } from './resilience-support';

/**
 * `npm run backup` / `npm run restore` for the embedded database (SPEC §13), on the built files:
 * a backup is refused while the server holds DATA_DIR and taken once it stopped; data changed
 * afterwards is gone again after a restore; a restore never overwrites a database without
 * --force (and then keeps the old files aside); a file that is not a backup changes nothing.
 */
const DIST = resolve(__dirname, '../../dist/src');
const ADMIN_PASSWORD = 'Backup-Admin-Pass-2026';
const USER_PASSWORD = 'Backup-User-Pass-2026';

/** The environment of a machine running `npm start` without DATABASE_URL. */
function embeddedEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, ADMIN_PASSWORD, LOG_LEVEL: 'warn', SCHEDULER: 'off', HOST: '127.0.0.1' };
  for (const name of ['DATABASE_URL', 'TEST_DATABASE_URL', 'JWT_SECRET', 'NODE_OPTIONS']) delete env[name];
  return { ...env, ...extra };
}

/** The backup CLI, run from the directory that holds DATA_DIR (where ./backups goes by default). */
function cli(dataDir: string, args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(DIST, 'database/backup-cli.js'), ...args], {
    cwd: resolve(dataDir, '..'),
    env: embeddedEnv(dataDir, extra),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

interface Server {
  proc: ChildProcess;
  base: string;
  exited: Promise<number | null>;
}

async function startServer(dataDir: string): Promise<Server> {
  const port = await freePort();
  const proc = spawn(process.execPath, [join(DIST, 'main.js')], { env: embeddedEnv(dataDir, { PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((res) => proc.on('exit', (code) => res(code)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`server exited:\n${out}`);
    if ((await fetch(`${base}/health/ready`).catch(() => null))?.status === 200) return { proc, base, exited };
    if (Date.now() > deadline) throw new Error(`server not ready:\n${out}`);
    await sleep(200);
  }
}

async function stopServer(s: Server): Promise<void> {
  s.proc.kill('SIGTERM');
  expect(await s.exited).toBe(0);
}

const post = (base: string, path: string, body: object, token?: string) =>
  fetch(`${base}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });

const login = (base: string, username: string, password: string) => post(base, '/auth/login', { username, password });

async function createUser(base: string, username: string): Promise<void> {
  const admin = (await (await login(base, 'admin', ADMIN_PASSWORD)).json()) as { accessToken: string };
  const res = await post(base, '/users', { username, displayName: username, role: 'sales.rep', password: USER_PASSWORD }, admin.accessToken);
  expect(res.status).toBe(201);
}

describe('npm run backup / npm run restore on the embedded database (SPEC §13)', () => {
  let root: string;
  let dataDir: string;
  let file: string;
  const running: Server[] = [];

  beforeAll(() => {
    if (!existsSync(join(DIST, 'database/backup-cli.js'))) throw new Error('dist/ is missing: run npm run build first');
    root = mkdtempSync(join(tmpdir(), 'zhize-backup-'));
    dataDir = join(root, 'data');
    file = join(root, 'backups', 'before.tar.gz');
  });
  afterAll(() => {
    for (const s of running) if (s.proc.exitCode === null) s.proc.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  it('backs up a stopped server’s data, refuses while it runs, and a restore brings that data back', async () => {
    const first = await startServer(dataDir);
    running.push(first);
    await createUser(first.base, 'kept.in.backup');

    // the server holds DATA_DIR: no backup meanwhile
    const refused = cli(dataDir, ['backup', file]);
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(/数据目录 .* 正被职责 CRM 服务（进程 \d+/);
    expect(existsSync(file)).toBe(false);
    await stopServer(first);

    // a lock left by a process that is gone (a crash) does not block it
    writeFileSync(join(dataDir, 'zhize.lock'), JSON.stringify({ pid: 2 ** 22 + 7, host: 'elsewhere', what: '职责 CRM 服务', since: '2026-01-01T00:00:00.000Z' }));
    const made = cli(dataDir, ['backup', file]);
    expect(made.out).toMatch(/已备份 .* 到 .*before\.tar\.gz（.*；已应用迁移 \d+ 个，用户 2 个）/);
    expect(made.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(cli(dataDir, ['backup', file]).out).toMatch(/已存在，不会覆盖/);

    // the data changes after the backup
    const second = await startServer(dataDir);
    running.push(second);
    await createUser(second.base, 'made.after.backup');
    await stopServer(second);

    // a database is there: not without --force
    const unforced = cli(dataDir, ['restore', file]);
    expect(unforced.code).toBe(2);
    expect(unforced.out).toMatch(/已有一个数据库.*--force/);

    const restored = cli(dataDir, ['restore', file, '--force']);
    expect(restored.out).toMatch(/已从 .* 恢复到 .*（已应用迁移 \d+ 个，用户 2 个）；原有文件已移到 .*data\.replaced-/);
    expect(restored.code).toBe(0);
    const aside = readdirSync(root).filter((n) => n.startsWith('data.replaced-'));
    expect(aside).toHaveLength(1);
    expect(readdirSync(join(root, aside[0]))).toContain('PG_VERSION');
    expect(existsSync(join(dataDir, 'zhize.lock'))).toBe(false);

    const third = await startServer(dataDir);
    running.push(third);
    expect((await login(third.base, 'kept.in.backup', USER_PASSWORD)).status).toBe(200);
    expect((await login(third.base, 'made.after.backup', USER_PASSWORD)).status).toBe(401);
    await stopServer(third);
  }, 180_000);

  it('restores into a new, empty DATA_DIR without --force', () => {
    const fresh = join(root, 'fresh');
    const r = cli(fresh, ['restore', file]);
    expect(r.out).toMatch(/已从 .* 恢复到 .*fresh（已应用迁移 \d+ 个，用户 2 个）$/m);
    expect(r.code).toBe(0);
    expect(readdirSync(fresh)).toEqual(expect.arrayContaining(['PG_VERSION', 'jwt-secret']));
  }, 60_000);

  it('a file that is not a backup, and a bad archive, change nothing', () => {
    const junk = join(root, 'junk.tar.gz');
    writeFileSync(junk, 'not a backup at all');
    const before = readdirSync(dataDir).sort();
    const r = cli(dataDir, ['restore', junk, '--force']);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/不是 npm run backup 生成的备份文件/);
    expect(readdirSync(dataDir).sort()).toEqual(before);

    // gzip, but not a data directory: the restore fails and puts the old files back
    writeFileSync(junk, Buffer.from('1f8b0800000000000003030000000000000000000000', 'hex'));
    const bad = cli(dataDir, ['restore', junk, '--force']);
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/无法从 .* 恢复.*数据目录保持原样/);
    expect(readdirSync(dataDir).sort()).toEqual(before);
  }, 60_000);

  it('without a file name it writes ./backups/zhize-<time>.tar.gz', () => {
    const r = cli(dataDir, ['backup']);
    expect(r.code).toBe(0);
    expect(readdirSync(join(root, 'backups'))).toEqual(expect.arrayContaining([expect.stringMatching(/^zhize-\d{8}-\d{6}\.tar\.gz$/)]));
  }, 60_000);

  it('with DATABASE_URL it points to pg_dump instead, and without a command it shows the usage', () => {
    const pg = cli(dataDir, ['backup'], { DATABASE_URL: 'postgres://u@127.0.0.1:5432/zhize' });
    expect(pg.code).toBe(2);
    expect(pg.out).toMatch(/pg_dump --format=custom/);
    expect(pg.out).toMatch(/pg_restore/);
    const usage = cli(dataDir, []);
    expect(usage.code).toBe(2);
    expect(usage.out).toMatch(/用法:[\s\S]*npm run restore -- <备份文件> \[--force\]/);
  });
});
