import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { freshDatabase, withDatabase } from './database';
import { BENCH_PASSWORD, seedBench } from './seed';

/** The pieces `npm run bench` is made of: ports, processes, databases, autocannon. */

export function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

export async function waitHealthy(base: string, path: string, child?: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child && child.exitCode !== null) throw new Error(`${base} exited with ${child.exitCode}`);
    try {
      const r = await fetch(base + path);
      if (r.status < 500) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${base} did not start`);
}

export function rssSampler(pid: number) {
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

/** Waits until none of the databases has another active query: a run starts only when the last one has drained. */
export async function drained(db: Client, names: string[]) {
  for (let i = 0; i < 120; i++) {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = ANY($1) AND state = 'active' AND pid <> pg_backend_pid()`, [names]);
    if (rows[0].n === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  seconds: number;
}

export async function cannon(url: string, token: string, connections: number, duration: number, method = 'GET', body?: string): Promise<Result> {
  const r = await autocannon({
    url,
    connections,
    duration,
    method,
    body,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.non2xx + r.errors + r.timeouts, seconds: duration };
}

/** Whether `name` exists on the server and holds the seeded organisation. */
async function seeded(server: string, name: string): Promise<boolean> {
  const c = new Client({ connectionString: withDatabase(server, name) });
  try {
    await c.connect();
    const { rows } = await c.query(`SELECT 1 FROM users WHERE username = 'bench.mm'`);
    return rows.length === 1;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * The database of this checkout: fresh and seeded, or — with `keep` and a database seeded by an
 * earlier run — that one again (the app applies any newer migration as it starts).
 */
export async function benchDatabase(server: string, name: string, keep: boolean, log: (s: string) => void): Promise<string> {
  if (keep && (await seeded(server, name))) {
    log(`  沿用已有的 ${name}（BENCH_KEEP）`);
    return withDatabase(server, name);
  }
  const url = await freshDatabase(server, name);
  await seedBench(url, log);
  return url;
}

/**
 * The database of the baseline checkout, migrated and seeded by that checkout's own code (its
 * schema as it was), compiling its bench code first when needed.
 */
export async function baselineDatabase(dir: string, server: string, name: string, keep: boolean, log: (s: string) => void): Promise<string> {
  if (keep && (await seeded(server, name))) {
    log(`  沿用已有的 ${name}（BENCH_KEEP）`);
    return withDatabase(server, name);
  }
  if (!existsSync(join(dir, 'dist/src/main.js'))) throw new Error(`${dir}: no dist/src/main.js — run npm run build there first`);
  if (!existsSync(join(dir, 'dist/test/bench/seed-only.js'))) {
    execFileSync(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'test/bench/tsconfig.json')], { stdio: 'inherit' });
  }
  execFileSync(process.execPath, [join(dir, 'dist/test/bench/seed-only.js')], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, BENCH_DATABASE_URL: server, BENCH_DATABASE_NAME: name },
  });
  log(`  ${name} 已由 ${dir} 的代码迁移并填充`);
  return withDatabase(server, name);
}

/** The built app of a checkout, started exactly as `npm run start:prod` starts it (allocator arenas and young generation bounded). */
export function startApp(dir: string, env: NodeJS.ProcessEnv, port: number): ChildProcess {
  return spawn(process.execPath, ['--max-semi-space-size=8', join(dir, 'dist/src/main.js')], {
    env: { ...env, PORT: String(port), MALLOC_ARENA_MAX: '2' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function login(base: string, username: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: BENCH_PASSWORD }) });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

/** CPU time (user + system, ms) a process has used so far; 0 once it is gone. */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return 0;
  }
}

/** The Postgres backends serving `database` right now (the app's pool keeps its connections open). */
export async function backendPids(admin: Client, database: string): Promise<number[]> {
  const { rows } = await admin.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database]);
  return rows.map((r) => r.pid as number);
}

/** CPU used by a process and by the database's backends while `run` runs, per request it served. */
export async function cpuPerRequest(appPid: number, admin: Client, database: string, run: () => Promise<Result>): Promise<Result & { appMs: number; dbMs: number }> {
  const pids = await backendPids(admin, database);
  const db0 = pids.map(cpuMs);
  const app0 = cpuMs(appPid);
  const r = await run();
  const n = r.rps * r.seconds;
  // a backend that has since closed (an idle pool connection) counts for what it had used when it was seen
  const db = pids.reduce((s, p, i) => s + Math.max(0, cpuMs(p) - db0[i]), 0);
  return { ...r, appMs: (cpuMs(appPid) - app0) / n, dbMs: db / n };
}
