import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createTestApp, TestApp, TEST_JWT_SECRET } from '../setup/create-test-app';
import { ALL_SUBJECTS } from '../setup/scope-cases';
import { World } from '../setup/scope-world';
import { embeddedNotice, freePort, MAIN, sleep } from './resilience-support';

/**
 * A 20 MiB upload and its download through the built server, started as `npm run start:prod`
 * starts it: the bytes stream both ways — stored while the upload is still arriving, and sent while
 * the rest is still in the database (proven by cutting the stored tail mid-download) — and the
 * server's peak memory (VmHWM) stays within the bench's budget.
 */

const MiB = 1024 * 1024;
const FILE_BYTES = 20 * MiB;
/** The app's peak RSS over the whole of `npm run bench` (README): a 20 MiB round trip stays under it. */
const MEMORY_BUDGET = 277 * MiB;

const peakRss = (proc: ChildProcess) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))![1]) * 1024;

/** Streams a multipart upload of `size` bytes (a PDF header, then random blocks) without holding it; resolves with the response and the bytes' hash. */
function streamUpload(base: string, token: string, path: string, size: number, midway?: () => Promise<void>): Promise<{ status: number; body: any; sha256: string }> {
  const boundary = `----zhize${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const hash = createHash('sha256');
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + size + tail.length },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text), sha256: hash.digest('hex') }));
    });
    req.write(head);
    let sent = 0;
    let paused = !midway;
    const block = randomBytes(64 * 1024);
    const pump = () => {
      while (sent < size) {
        if (!paused && sent >= size / 2) {
          paused = true;
          return void midway!().then(pump, reject);
        }
        let chunk = sent === 0 ? Buffer.concat([Buffer.from('%PDF-1.7\n'), block]).subarray(0, block.length) : block;
        chunk = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += chunk.length;
        hash.update(chunk);
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end(tail);
    };
    pump();
  });
}

function streamDownload(base: string, token: string, id: string): Promise<{ status: number; size: number; sha256: string; disposition: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/v1/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      const hash = createHash('sha256');
      let size = 0;
      res.on('data', (d: Buffer) => {
        size += d.length;
        hash.update(d);
      });
      res.on('end', () => resolve({ status: res.statusCode!, size, sha256: hash.digest('hex'), disposition: String(res.headers['content-disposition']) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('attachments: a 20 MiB file streams through the server', () => {
  let t: TestApp;
  let server: ChildProcess | undefined;

  beforeAll(async () => {
    t = await createTestApp();
  }, 60_000);
  afterAll(async () => {
    server?.kill('SIGKILL');
    await t?.close();
  });

  it('uploads and downloads 20 MiB, streaming both ways, within the memory budget', async () => {
    if (embeddedNotice(t, 'attachments memory')) return;
    const w = await World.build(t);
    const visit = await ALL_SUBJECTS.visit.make(w, w.person('market.specialist'), 'default');
    const token = w.person('market.specialist').token;
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: t.config.databaseUrl!, JWT_SECRET: TEST_JWT_SECRET, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', SCHEDULER: 'off', MALLOC_ARENA_MAX: '2' };
    delete env.NODE_OPTIONS;
    // as `npm run start:prod` runs it
    server = spawn(process.execPath, ['--max-semi-space-size=8', MAIN], { env, stdio: 'ignore' });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300; i++) {
      if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) break;
      await sleep(100);
    }
    const path = `/api/v1/attachments?parentType=visit&parentId=${visit.id}`;
    // warm up every path once, so the measure is of the file, not of first-time compilation
    const warm = await streamUpload(base, token, path, 3 * MiB);
    expect(warm.status).toBe(201);
    expect((await streamDownload(base, token, warm.body.id)).sha256).toBe(warm.sha256);
    await sleep(200);
    const before = peakRss(server);

    // half-way through the upload, the first half is already in the database
    let storedMidway = 0;
    const up = await streamUpload(base, token, path, FILE_BYTES, async () => {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && storedMidway < FILE_BYTES / 2 - 2 * MiB) {
        await sleep(50);
        storedMidway = (await t.ds.query(`SELECT coalesce(sum(length(c.data)), 0)::int AS n FROM attachment_chunks c JOIN attachments a ON a.id = c.attachment_id WHERE a.status = 'uploading'`))[0].n;
      }
    });
    expect(storedMidway).toBeGreaterThanOrEqual(FILE_BYTES / 2 - 2 * MiB);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ sizeBytes: FILE_BYTES, contentType: 'application/pdf', sha256: up.sha256 });
    const down = await streamDownload(base, token, up.body.id);
    expect(down).toMatchObject({ status: 200, size: FILE_BYTES, sha256: up.sha256 });
    expect(down.disposition).toMatch(/^attachment; /);

    const peak = peakRss(server);
    console.log(`[attachments] 20 MiB up and down: peak RSS ${Math.round(before / MiB)} → ${Math.round(peak / MiB)} MiB`);
    expect(peak).toBeLessThan(MEMORY_BUDGET);

    // the download sends while the rest is still to be read: cut the stored second half once the
    // first bytes have arrived, and the download stops short (a server holding the whole file would finish)
    const victim = await streamUpload(base, token, path, FILE_BYTES);
    const cut = await new Promise<number>((resolve) => {
      const req = request(`${base}/api/v1/attachments/${victim.body.id}`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
        let got = 0;
        let cutDone = false;
        res.on('data', (d: Buffer) => {
          got += d.length;
          if (!cutDone && got >= MiB) {
            cutDone = true;
            res.pause();
            void t.ds.query(`DELETE FROM attachment_chunks WHERE attachment_id = $1 AND seq >= 40`, [victim.body.id]).then(() => res.resume());
          }
        });
        res.on('end', () => resolve(got));
        res.on('error', () => resolve(got));
        res.on('aborted', () => resolve(got));
      });
      req.on('error', () => resolve(-1));
      req.end();
    });
    expect(cut).toBeGreaterThanOrEqual(MiB);
    expect(cut).toBeLessThan(FILE_BYTES);

    // one byte past the limit is refused and leaves nothing
    const over = await streamUpload(base, token, path, FILE_BYTES + 1);
    expect([over.status, over.body.code]).toEqual([413, 'ATTACHMENT_TOO_LARGE']);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM attachments WHERE status <> 'ready'`))[0].n).toBe(0);
  }, 120_000);
});
