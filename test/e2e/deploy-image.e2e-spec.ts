import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { adminQuery, testServerUrl, withDatabase } from '../setup/test-database';
import { freePort, sleep } from './resilience-support';

/**
 * The image (SPEC §13), without Docker: the Dockerfile and docker-compose.yml are read and checked
 * where that is cheap, and the image is replayed on this machine — the deps stage's own
 * `npm ci --omit=dev …` in an empty directory, the files the runtime stage copies from the build
 * stage (dist/src, dist/config, dist/migrations, dist/web), its ENV — then the migration service's
 * command and the server run there against a fresh database. A devDependency imported at run
 * time, a missing file, a native module that does not load or a console not shipped fails here.
 */
const ROOT = resolve(__dirname, '../..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

interface Stage {
  from: string;
  name: string;
  lines: string[];
}

/** The Dockerfile as instructions (continuation lines joined, comments dropped), per stage. */
function parseDockerfile(text: string): Stage[] {
  const instructions = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of instructions) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ from: from[1], name: from[2] ?? String(stages.length), lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}

const instruction = (stage: Stage, keyword: string) => stage.lines.filter((l) => l.toUpperCase().startsWith(`${keyword} `));

/** `ENV A=1 B=2` lines of a stage as a map. */
function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of instruction(stage, 'ENV')) {
    for (const m of line.slice(4).matchAll(/(\w+)=("[^"]*"|\S+)/g)) env[m[1]] = m[2].replace(/^"|"$/g, '');
  }
  return env;
}

describe('the image: config/Dockerfile, docker-compose.yml, and a production install that runs (SPEC §13)', () => {
  const stages = parseDockerfile(read('config/Dockerfile'));
  const build = stages.find((s) => s.name === 'build')!;
  const deps = stages.find((s) => s.name === 'deps')!;
  const runtime = stages.at(-1)!;
  const engines = JSON.parse(read('package.json')).engines.node as string;
  const nodeMajor = /(\d+)/.exec(engines)![1];

  describe('config/Dockerfile', () => {
    it('is multi-stage on the Node.js major of package.json engines', () => {
      expect(stages.map((s) => s.name)).toEqual(['build', 'deps', 'runtime']);
      for (const s of stages) expect(s.from).toMatch(new RegExp(`^node:${nodeMajor}(\\.|-|$)`));
    });

    it('builds with every dependency, and ships production dependencies only', () => {
      expect(instruction(build, 'RUN')).toEqual(expect.arrayContaining([expect.stringMatching(/^RUN npm ci\b/), 'RUN npm run build']));
      const installs = instruction(deps, 'RUN').filter((l) => /npm (ci|install)/.test(l));
      expect(installs).toHaveLength(1);
      expect(installs[0]).toMatch(/^RUN npm ci --omit=dev\b/);
      expect(installs[0]).not.toContain('--ignore-scripts'); // argon2 checks (and if need be builds) its binary
      // the image gets only these: no compiler, no dev dependency, no source
      expect(instruction(runtime, 'RUN').filter((l) => /npm|apt-get/.test(l))).toEqual([]);
      expect(instruction(runtime, 'COPY').map((l) => l.split(/\s+/).slice(1, -1).join(' '))).toEqual([
        'package.json',
        '--from=deps /app/node_modules',
        '--from=build /app/dist/src',
        '--from=build /app/dist/config',
        '--from=build /app/dist/migrations',
        '--from=build /app/dist/web',
      ]);
    });

    it('runs as an unprivileged user, checks /health/ready, starts dist/src/main.js with node as PID 1', () => {
      const users = instruction(runtime, 'USER');
      expect(users).toHaveLength(1);
      expect(users[0]).not.toMatch(/^USER\s+(root|0)(:|\s|$)/);
      const health = instruction(runtime, 'HEALTHCHECK');
      expect(health).toHaveLength(1);
      expect(health[0]).toContain('/health/ready');
      const cmd = JSON.parse(instruction(runtime, 'CMD')[0].slice(4)) as string[];
      expect(cmd[0]).toBe('node');
      expect(cmd.at(-1)).toBe('dist/src/main.js');
    });

    it('bakes in no secret: no JWT_SECRET, no DATABASE_URL, no password', () => {
      const instructions = stages.flatMap((s) => [`FROM ${s.from}`, ...s.lines]).join('\n');
      expect(instructions).toMatch(/^ENV /m);
      expect(instructions).not.toMatch(/JWT_SECRET|DATABASE_URL|PASSWORD|SECRET/);
    });
  });

  describe('docker-compose.yml and the proxy', () => {
    const compose = read('docker-compose.yml');
    /** The `services:` block: from that key to the next top-level key. */
    const servicesBlock = /^services:\n([\s\S]*?)(?=^\S)/m.exec(compose)![1];
    const nginx = read('config/nginx.conf');

    it('runs Postgres, a one-shot migration, two app replicas and nginx in front', () => {
      const services = [...servicesBlock.matchAll(/^ {2}([\w-]+):\s*$/gm)].map((m) => m[1]);
      expect(services).toEqual(['db', 'migrate', 'app-1', 'app-2', 'proxy']);
      expect(compose).toContain('command: ["node", "dist/src/database/migrate-cli.js"]');
      expect(compose.match(/condition: service_completed_successfully/g)).toHaveLength(2); // both replicas wait for it
      expect(compose).toMatch(/dockerfile: config\/Dockerfile/);
      expect(compose).toContain('./config/nginx.conf:/etc/nginx/nginx.conf:ro');
    });

    it('refuses to start without JWT_SECRET and POSTGRES_PASSWORD: no default secret anywhere', () => {
      for (const name of ['JWT_SECRET', 'POSTGRES_PASSWORD']) {
        const uses = [...compose.matchAll(new RegExp(`\\$\\{${name}([^}]*)\\}`, 'g'))].map((m) => m[1]);
        expect(uses.length).toBeGreaterThan(0);
        for (const rest of uses) expect(rest).toMatch(/^:\?/); // ${NAME:?message}: an error when unset or empty
      }
      const settings = compose.split('\n').filter((l) => !l.trim().startsWith('#'));
      for (const line of settings.filter((l) => /^\s*(JWT_SECRET|POSTGRES_PASSWORD):/.test(l))) expect(line).toMatch(/:\s*\$\{\w+:\?/); // never a literal value
    });

    it('balances over both replicas, passes the client address on, and the app trusts exactly that one hop', () => {
      const upstream = /upstream\s+(\w+)\s*\{([^}]*)\}/.exec(nginx)!;
      expect(upstream[2].match(/server\s+(\S+)/g)).toEqual(['server app-1:3000', 'server app-2:3000']);
      expect(upstream[2]).not.toMatch(/ip_hash|least_conn|hash /); // round-robin
      expect(nginx).toContain(`proxy_pass http://${upstream[1]};`);
      expect(nginx).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
      expect(compose).toContain('TRUST_PROXY: "1"');
    });
  });

  describe('the runtime stage, replayed on this machine', () => {
    let dir: string;
    let proc: ChildProcess | null = null;
    let dbName: string | null = null;
    const server = testServerUrl();

    beforeAll(() => {
      if (!existsSync(join(ROOT, 'dist/src/main.js')) || !existsSync(join(ROOT, 'dist/web/index.html'))) throw new Error('dist/ is missing: run npm run build first');
      dir = mkdtempSync(join(tmpdir(), 'zhize-image-'));
      // nothing above the install may lend it modules
      for (let d = dirname(dir); d !== dirname(d); d = dirname(d)) expect(existsSync(join(d, 'node_modules'))).toBe(false);
    });
    afterAll(async () => {
      if (proc && proc.exitCode === null) proc.kill('SIGKILL');
      if (server && dbName) await adminQuery(server, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      rmSync(dir, { recursive: true, force: true });
    });

    it("installs with the image's own npm ci, then migrates, serves the console and the API, and stops cleanly", async () => {
      // the deps stage's RUN npm ci --omit=dev … && npm cache clean: the install part, from npm's local cache when it can
      const install = instruction(deps, 'RUN').find((l) => /npm ci/.test(l))!.slice(4).split('&&')[0].trim().split(/\s+/);
      for (const f of ['package.json', 'package-lock.json']) cpSync(join(ROOT, f), join(dir, f));
      const started = Date.now();
      const npm = spawnSync('npm', [...install.slice(1), '--prefer-offline'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
      if (npm.status !== 0) throw new Error(`npm ci failed:\n${npm.stdout}\n${npm.stderr}`);
      process.stdout.write(`[test] production install in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      // (typescript does come along: an optional peer of @nestjs/swagger, so npm counts it as devOptional)
      for (const dev of ['vite', 'jest', '@nestjs/testing', 'react', 'antd', 'playwright-core']) expect(existsSync(join(dir, 'node_modules', dev))).toBe(false);
      for (const sub of ['src', 'config', 'migrations', 'web']) cpSync(join(ROOT, 'dist', sub), join(dir, 'dist', sub), { recursive: true });

      const port = await freePort();
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...envOf(runtime), PORT: String(port), HOST: '127.0.0.1', ADMIN_PASSWORD: 'Image-Admin-Pass-2026', SCHEDULER: 'off' };
      if (server) {
        dbName = `zhize_image_${randomBytes(4).toString('hex')}`;
        await adminQuery(server, `CREATE DATABASE ${dbName}`); // empty: every migration runs
        Object.assign(env, { DATABASE_URL: withDatabase(server, dbName), JWT_SECRET: randomBytes(48).toString('base64') });
      } else {
        env.DATA_DIR = join(dir, 'data');
      }
      expect(env.LOG_FORMAT).toBe('json');

      // the compose file's migrate service, then a replica
      const migrated = execFileSync(process.execPath, ['dist/src/database/migrate-cli.js'], { cwd: dir, env, encoding: 'utf8' });
      expect(migrated).toMatch(/已应用迁移: Foundation\d+/);

      let out = '';
      proc = spawn(process.execPath, ['dist/src/main.js'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      proc.stdout!.on('data', (d) => (out += d));
      proc.stderr!.on('data', (d) => (out += d));
      const exited = new Promise<number | null>((res) => proc!.on('exit', (code) => res(code)));
      const base = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`the server exited (${proc.exitCode ?? proc.signalCode}):\n${out}`);
        const ready = await fetch(`${base}/health/ready`).catch(() => null);
        if (ready?.status === 200) break;
        if (Date.now() > deadline) throw new Error(`not ready in 60 s:\n${out}`);
        await sleep(200);
      }

      // the console: index.html and the script it loads
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('<title>职责 CRM</title>');
      const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
      const asset = await fetch(`${base}${script}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(1000);

      // the API: sign in as the admin created on first start, and read /auth/me
      const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Image-Admin-Pass-2026' }) });
      expect(login.status).toBe(200);
      const { accessToken } = (await login.json()) as { accessToken: string };
      const me = await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ user: { username: 'admin', role: 'admin' }, permissions: expect.arrayContaining([expect.objectContaining({ permission: 'user.manage' })]) });

      // the image's HEALTHCHECK command, as Docker would run it inside the container
      const check = JSON.parse(instruction(runtime, 'HEALTHCHECK')[0].replace(/^.*?CMD\s+/, '')) as string[];
      expect(check[0]).toBe('node');
      expect(spawnSync(process.execPath, check.slice(1), { env, timeout: 10_000 }).status).toBe(0);

      proc.kill('SIGTERM');
      expect(await exited).toBe(0);
      const lines = out.split('\n').filter((l) => l.trim());
      expect(lines.length).toBeGreaterThan(3);
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow(); // LOG_FORMAT=json from the image's ENV
    }, 180_000);
  });
});
