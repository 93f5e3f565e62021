import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { guardCostReport } from './guard-cost';
import { baselineDatabase, benchDatabase, cannon, cpuPerRequest, drained, freePort, login, Result, rssSampler, startApp, waitHealthy } from './harness';
import { SIZES } from './seed';

/**
 * `npm run bench`: seeds the large data set into a fresh Postgres database, starts the built app
 * and the minimal reference server on it, and measures each hot endpoint with autocannon on
 * loopback at 1 and 32 connections, side by side. With `BENCH_BASELINE_DIR` (a built checkout of
 * an earlier commit) that checkout's app is measured in the same run too, on its own database
 * seeded by its own code, so each row reads earlier / now / reference. Prints a Markdown table of
 * requests/s, p50 and p99 with the ratios, the app's peak RSS, and single-request times of the
 * two heaviest reads.
 */
const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,32').split(',').map(Number);
const KEEP = Boolean(process.env.BENCH_KEEP);
const BASELINE_DIR = process.env.BENCH_BASELINE_DIR ? resolve(process.env.BENCH_BASELINE_DIR) : null;
/** `BENCH_ONLY=aging|POST`: only the scenarios whose name matches. */
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const DB_NAME = 'zhize_bench';
const BASELINE_DB_NAME = 'zhize_bench_baseline';

/** A server under measurement, with the tokens and a customer id of the database it serves. */
interface Target {
  label: string;
  base: string;
  tokens: Record<'mm' | 'ssup' | 'sm' | 'rep', string>;
  repCustomer: string;
}

interface Scenario {
  name: string;
  /** the single-request timing is taken for these */
  heavy?: boolean;
  request: (t: Target) => { path: string; token: string; method?: string; body?: string };
}

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const SCENARIOS = ([
  { name: 'GET /prospects（首页，市场部经理）', request: (t) => ({ path: '/api/v1/prospects?page=1&pageSize=20', token: t.tokens.mm }) },
  {
    name: 'GET /prospects?q=（深页，按名称搜索）',
    request: (t) => ({ path: `/api/v1/prospects?q=${encodeURIComponent('精密科技1')}&page=20&pageSize=20`, token: t.tokens.mm }),
  },
  { name: 'GET /visits（主管的团队）', request: (t) => ({ path: '/api/v1/visits?page=1&pageSize=20', token: t.tokens.ssup }) },
  { name: 'GET /receivables/aging（销售部）', heavy: true, request: (t) => ({ path: `/api/v1/receivables/aging?asOf=${today}`, token: t.tokens.sm }) },
  { name: 'GET /reports/sales?period=quarter', heavy: true, request: (t) => ({ path: `/api/v1/reports/sales?period=quarter&date=${today}`, token: t.tokens.sm }) },
  {
    name: 'POST /visits',
    request: (t) => ({
      path: '/api/v1/visits',
      token: t.tokens.rep,
      method: 'POST',
      body: JSON.stringify({ customerId: t.repCustomer, visitedAt: '2026-11-20T10:00:00+08:00', method: 'phone', purpose: '压测拜访', summary: '压测' }),
    }),
  },
] satisfies Scenario[] as Scenario[]).filter((s) => !ONLY || ONLY.test(s.name));

async function targetOf(label: string, base: string, auth: string, db: Client): Promise<Target> {
  const tokens = { mm: await login(auth, 'bench.mm'), ssup: await login(auth, 'bench.ssup1'), sm: await login(auth, 'bench.sm'), rep: await login(auth, 'bench.rep1') };
  const [{ id }] = (await db.query(`SELECT c.id FROM customers c JOIN users u ON u.id = c.owner_id WHERE u.username = 'bench.rep1' ORDER BY c.name_key LIMIT 1`)).rows;
  return { label, base, tokens, repCustomer: id };
}

async function measure(t: Target, s: Scenario, connections: number, admin: Client, dbs: string[], cpu?: { pid: number; database: string }): Promise<Result & { appMs?: number; dbMs?: number }> {
  const r = s.request(t);
  await drained(admin, dbs);
  await cannon(t.base + r.path, r.token, connections, 2, r.method, r.body); // warm-up
  await drained(admin, dbs);
  const run = () => cannon(t.base + r.path, r.token, connections, DURATION, r.method, r.body);
  return cpu ? cpuPerRequest(cpu.pid, admin, cpu.database, run) : run();
}

const fmt = (r: Result | undefined) => (r ? `${r.p50} / ${r.p99}` : '—');
const ratio = (a: Result | undefined, b: Result | undefined) => (a && b ? `**${(a.rps / b.rps).toFixed(2)}**` : '—');

async function main() {
  const t0 = Date.now();
  const log = (s: string) => console.log(s);
  console.log(`# 准备数据库 ${DB_NAME}${BASELINE_DIR ? ` 和 ${BASELINE_DB_NAME}（${BASELINE_DIR}）` : ''}`);
  const url = await benchDatabase(SERVER, DB_NAME, KEEP, log);
  const baselineUrl = BASELINE_DIR ? await baselineDatabase(BASELINE_DIR, SERVER, BASELINE_DB_NAME, KEEP, log) : null;
  console.log(`数据准备用时 ${Math.round((Date.now() - t0) / 1000)} s`);

  const secret = randomBytes(48).toString('base64url');
  const env: NodeJS.ProcessEnv = { ...process.env, JWT_SECRET: secret, HOST: '127.0.0.1', LOG_LEVEL: 'error', SCHEDULER: 'off', BUSINESS_TZ: 'Asia/Shanghai' };
  delete env.NODE_OPTIONS;
  const children: ChildProcess[] = [];
  const cleanup = () => children.forEach((c) => c.kill('SIGTERM'));
  process.on('exit', cleanup);

  const appPort = await freePort();
  const app = startApp(resolve(__dirname, '../../..'), { ...env, DATABASE_URL: url }, appPort);
  children.push(app);
  const refPort = await freePort();
  const ref = fork(resolve(__dirname, 'reference-server.js'), [], { env: { ...env, DATABASE_URL: url, PORT: String(refPort) }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  children.push(ref);
  const appBase = `http://127.0.0.1:${appPort}`;
  const refBase = `http://127.0.0.1:${refPort}`;
  await waitHealthy(appBase, '/health', app);
  await waitHealthy(refBase, '/', ref);
  let baseBase: string | null = null;
  if (BASELINE_DIR && baselineUrl) {
    const basePort = await freePort();
    const old = startApp(BASELINE_DIR, { ...env, DATABASE_URL: baselineUrl }, basePort);
    children.push(old);
    baseBase = `http://127.0.0.1:${basePort}`;
    await waitHealthy(baseBase, '/health', old);
  }

  const db = new Client({ connectionString: url });
  await db.connect();
  const now = await targetOf('now', appBase, appBase, db);
  const reference: Target = { ...now, label: 'reference', base: refBase };
  let before: Target | null = null;
  if (baseBase && baselineUrl) {
    const bdb = new Client({ connectionString: baselineUrl });
    await bdb.connect();
    before = await targetOf('before', baseBase, baseBase, bdb);
    await bdb.end();
  }
  const targets = [before, now, reference].filter((t): t is Target => t !== null);

  // Sanity: every server answers every scenario with a 2xx before anything is measured.
  for (const s of SCENARIOS) {
    for (const t of targets) {
      const r = s.request(t);
      const res = await fetch(t.base + r.path, { method: r.method ?? 'GET', headers: { authorization: `Bearer ${r.token}`, ...(r.body ? { 'content-type': 'application/json' } : {}) }, body: r.body });
      if (res.status >= 300) throw new Error(`${t.label} ${s.name}: ${res.status} ${await res.text()}`);
    }
  }

  // Single-request time of the heaviest reads over the full data set (median of 7, after a warm-up).
  const single: string[] = [];
  for (const s of SCENARIOS.filter((x) => x.heavy)) {
    const cells: string[] = [];
    for (const t of [before, now]) {
      if (!t) continue;
      const r = s.request(t);
      const times: number[] = [];
      for (let i = 0; i < 8; i++) {
        const start = process.hrtime.bigint();
        await fetch(t.base + r.path, { headers: { authorization: `Bearer ${r.token}` } });
        if (i > 0) times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      times.sort((a, b) => a - b);
      cells.push(`${times[3].toFixed(0)} ms / ${times[times.length - 1].toFixed(0)} ms`);
    }
    single.push(`| ${s.name} | ${before ? '' : '— | '}${cells.join(' | ')} |`);
  }

  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  const dbs = [DB_NAME, BASELINE_DB_NAME];
  const rss = rssSampler(app.pid!);
  const rows: string[] = [];
  const cores: string[] = [];
  for (const s of SCENARIOS) {
    for (const c of CONNECTIONS) {
      const b = before ? await measure(before, s, c, admin, dbs) : undefined;
      const a = await measure(now, s, c, admin, dbs, { pid: app.pid!, database: DB_NAME });
      const r = await measure(reference, s, c, admin, dbs);
      rows.push(
        `| ${s.name} | ${c} | ${b ? b.rps.toFixed(0) : '—'} | ${a.rps.toFixed(0)} | ${ratio(a, b)} | ${r.rps.toFixed(0)} | ${ratio(a, r)} | ${fmt(b)} | ${fmt(a)} | ${fmt(r)} | ${b ? `${b.errors}/` : ''}${a.errors}/${r.errors} |`,
      );
      console.log(rows[rows.length - 1]);
      // requests/s one core would serve: for the app process, and for the database's backends
      const perCore = (ms?: number) => (ms ? (1000 / ms).toFixed(0) : '—');
      cores.push(`| ${s.name} | ${c} | ${a.rps.toFixed(0)} | ${a.appMs?.toFixed(2)} | ${a.dbMs?.toFixed(2)} | ${perCore(a.appMs)} | ${perCore(a.dbMs)} |`);
    }
  }
  rss.stop();
  const counts = (await db.query(`SELECT (SELECT count(*) FROM prospects) AS p, (SELECT count(*) FROM contracts) AS k, (SELECT count(*) FROM ledger_entries) AS l, (SELECT count(*) FROM visits) AS v`)).rows[0];
  await db.end();

  console.log(`\n## 结果（${new Date().toISOString().slice(0, 10)}，\`npm run bench\`，每项 ${DURATION} s，autocannon，回环地址）\n`);
  console.log(`数据：潜在客户 ${counts.p}，合同 ${counts.k}，台账分录 ${counts.l}，拜访 ${counts.v}（SIZES: ${JSON.stringify(SIZES)}）\n`);
  console.log(`“改前”：${BASELINE_DIR ?? '未测（设 BENCH_BASELINE_DIR）'}\n`);
  console.log('| 接口 | 连接数 | 改前 req/s | 现在 req/s | 现在/改前 | 参照 req/s | 现在/参照 | 改前 p50 / p99 (ms) | 现在 p50 / p99 (ms) | 参照 p50 / p99 (ms) | 非 2xx |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  rows.forEach((r) => console.log(r));
  console.log('\n现在的应用每个请求用的 CPU（应用进程；该库的 Postgres 后端进程），和一个核每秒能服务的请求数：\n');
  console.log('| 接口 | 连接数 | req/s | 应用 CPU ms/请求 | 数据库 CPU ms/请求 | 每核 req/s（应用） | 每核 req/s（数据库） |');
  console.log('|---|---|---|---|---|---|---|');
  cores.forEach((r) => console.log(r));
  console.log(`\n应用进程峰值内存 (RSS)：${rss.peakMb()} MB\n`);
  console.log('| 单次请求（全量数据），中位数 / 最慢 | 改前 | 现在 |');
  console.log('|---|---|---|');
  single.forEach((r) => console.log(r));
  console.log('');
  guardCostReport().forEach((l) => console.log(l));
  cleanup();
  if (!KEEP) {
    await new Promise((r) => setTimeout(r, 500));
    for (const name of dbs) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  await admin.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
