import { ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { freshDatabase } from './database';
import { guardCostReport } from './guard-cost';
import { BENCH_PASSWORD, SIZES, seedBench } from './seed';

/**
 * `npm run bench`: seeds the large data set into a fresh Postgres database, starts the built app
 * and the minimal reference server on it, and measures each hot endpoint with autocannon on
 * loopback at 1 and 32 connections, side by side. Prints a Markdown table of requests/s, p50 and
 * p99 with the app/reference ratio, the app's peak RSS, and single-request times of the two
 * heaviest reads.
 */
const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,32').split(',').map(Number);
const DB_NAME = 'zhize_bench';

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

async function waitHealthy(base: string, path: string, token?: string) {
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (r.status < 500) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${base} did not start`);
}

function rssSampler(pid: number) {
  let peak = 0;
  const timer = setInterval(() => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      peak = Math.max(peak, kb);
    } catch {
      /* gone */
    }
  }, 250);
  return { peakMb: () => Math.round(peak / 1024), stop: () => clearInterval(timer) };
}

/** Waits until the database has no other active query: a run starts only when the last one has drained. */
async function drained(db: Client) {
  for (let i = 0; i < 120; i++) {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`);
    if (rows[0].n === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function cannon(url: string, token: string, connections: number, duration: number, method = 'GET', body?: string): Promise<Result> {
  const r = await autocannon({
    url,
    connections,
    duration,
    method,
    body,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.non2xx + r.errors + r.timeouts };
}

async function main() {
  const t0 = Date.now();
  console.log(`# 准备数据库 ${DB_NAME}`);
  const url = await freshDatabase(SERVER, DB_NAME);
  await seedBench(url, (s) => console.log(s));
  console.log(`数据准备用时 ${Math.round((Date.now() - t0) / 1000)} s`);

  const secret = randomBytes(48).toString('base64url');
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, JWT_SECRET: secret, HOST: '127.0.0.1', LOG_LEVEL: 'error', SCHEDULER: 'off', BUSINESS_TZ: 'Asia/Shanghai' };
  delete env.NODE_OPTIONS;
  const appPort = await freePort();
  const refPort = await freePort();
  const children: ChildProcess[] = [];
  // started exactly as `npm run start:prod` starts it (allocator arenas and young generation bounded)
  const app = spawn(process.execPath, ['--max-semi-space-size=8', resolve(__dirname, '../../src/main.js')], {
    env: { ...env, PORT: String(appPort), MALLOC_ARENA_MAX: '2' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(app);
  const ref = fork(resolve(__dirname, 'reference-server.js'), [], { env: { ...env, PORT: String(refPort) }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  children.push(ref);
  const cleanup = () => children.forEach((c) => c.kill('SIGTERM'));
  process.on('exit', cleanup);
  const appBase = `http://127.0.0.1:${appPort}`;
  const refBase = `http://127.0.0.1:${refPort}`;
  await waitHealthy(appBase, '/health');
  await waitHealthy(refBase, '/');

  const login = async (username: string) => {
    const r = await fetch(`${appBase}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: BENCH_PASSWORD }) });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
    return ((await r.json()) as { accessToken: string }).accessToken;
  };
  const tokens = { mm: await login('bench.mm'), ssup: await login('bench.ssup1'), sm: await login('bench.sm'), rep: await login('bench.rep1') };
  const db = new Client({ connectionString: url });
  await db.connect();
  const [{ id: repCustomer }] = (await db.query(`SELECT c.id FROM customers c JOIN users u ON u.id = c.owner_id WHERE u.username = 'bench.rep1' LIMIT 1`)).rows;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

  const scenarios: { name: string; path: string; token: string; method?: string; body?: string }[] = [
    { name: 'GET /prospects（首页，市场部经理）', path: '/api/v1/prospects?page=1&pageSize=20', token: tokens.mm },
    { name: 'GET /prospects?q=（深页，按名称搜索）', path: `/api/v1/prospects?q=${encodeURIComponent('精密科技1')}&page=20&pageSize=20`, token: tokens.mm },
    { name: 'GET /visits（主管的团队）', path: '/api/v1/visits?page=1&pageSize=20', token: tokens.ssup },
    { name: 'GET /receivables/aging（销售部）', path: `/api/v1/receivables/aging?asOf=${today}`, token: tokens.sm },
    { name: 'GET /reports/sales?period=quarter', path: `/api/v1/reports/sales?period=quarter&date=${today}`, token: tokens.sm },
    {
      name: 'POST /visits',
      path: '/api/v1/visits',
      token: tokens.rep,
      method: 'POST',
      body: JSON.stringify({ customerId: repCustomer, visitedAt: '2026-11-20T10:00:00+08:00', method: 'phone', purpose: '压测拜访', summary: '压测' }),
    },
  ];

  // Sanity: both servers answer every scenario with a 2xx before anything is measured.
  for (const s of scenarios) {
    for (const base of [appBase, refBase]) {
      const r = await fetch(base + s.path, { method: s.method ?? 'GET', headers: { authorization: `Bearer ${s.token}`, ...(s.body ? { 'content-type': 'application/json' } : {}) }, body: s.body });
      if (r.status >= 300) throw new Error(`${base} ${s.name}: ${r.status} ${await r.text()}`);
    }
  }

  // Single-request time of the heaviest reads over the full data set (median of 7, after a warm-up).
  const single: string[] = [];
  for (const s of scenarios.slice(3, 5)) {
    const times: number[] = [];
    for (let i = 0; i < 8; i++) {
      const t = process.hrtime.bigint();
      await fetch(appBase + s.path, { headers: { authorization: `Bearer ${s.token}` } });
      if (i > 0) times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    times.sort((a, b) => a - b);
    single.push(`| ${s.name} | ${times[3].toFixed(0)} ms | ${times[times.length - 1].toFixed(0)} ms |`);
  }

  const rss = rssSampler(app.pid!);
  const rows: string[] = [];
  for (const s of scenarios) {
    for (const c of CONNECTIONS) {
      await drained(db);
      await cannon(appBase + s.path, s.token, c, 2, s.method, s.body); // warm-up
      await drained(db);
      const a = await cannon(appBase + s.path, s.token, c, DURATION, s.method, s.body);
      await drained(db);
      await cannon(refBase + s.path, s.token, c, 2, s.method, s.body);
      await drained(db);
      const r = await cannon(refBase + s.path, s.token, c, DURATION, s.method, s.body);
      rows.push(
        `| ${s.name} | ${c} | ${a.rps.toFixed(0)} | ${r.rps.toFixed(0)} | **${(a.rps / r.rps).toFixed(2)}** | ${a.p50} / ${a.p99} | ${r.p50} / ${r.p99} | ${a.errors}/${r.errors} |`,
      );
      console.log(rows[rows.length - 1]);
    }
  }
  rss.stop();
  const counts = (await db.query(`SELECT (SELECT count(*) FROM prospects) AS p, (SELECT count(*) FROM contracts) AS k, (SELECT count(*) FROM ledger_entries) AS l, (SELECT count(*) FROM visits) AS v`)).rows[0];
  await db.end();

  console.log(`\n## 结果（${new Date().toISOString().slice(0, 10)}，\`npm run bench\`，每项 ${DURATION} s，autocannon，回环地址）\n`);
  console.log(`数据：潜在客户 ${counts.p}，合同 ${counts.k}，台账分录 ${counts.l}，拜访 ${counts.v}（SIZES: ${JSON.stringify(SIZES)}）\n`);
  console.log('| 接口 | 连接数 | 应用 req/s | 参照 req/s | 比值 | 应用 p50 / p99 (ms) | 参照 p50 / p99 (ms) | 非 2xx |');
  console.log('|---|---|---|---|---|---|---|---|');
  rows.forEach((r) => console.log(r));
  console.log(`\n应用进程峰值内存 (RSS)：${rss.peakMb()} MB\n`);
  console.log('| 单次请求（全量数据） | 中位数 | 最慢 |');
  console.log('|---|---|---|');
  single.forEach((r) => console.log(r));
  console.log('');
  guardCostReport().forEach((l) => console.log(l));
  cleanup();
  if (!process.env.BENCH_KEEP) {
    const admin = new Client({ connectionString: SERVER });
    await admin.connect();
    await new Promise((r) => setTimeout(r, 500));
    await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
