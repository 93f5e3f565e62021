import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestApp, TestApp } from '../setup/create-test-app';

const TYPES_FILE = resolve(__dirname, '..', '..', 'src', 'web', 'lib', 'api', 'schema.d.ts');
const CLI = resolve(__dirname, '..', '..', 'node_modules', 'openapi-typescript', 'bin', 'cli.js');

/**
 * The console's API types are generated from the running app's OpenAPI document and checked in.
 * This fails when they are stale; `npm run api:types` regenerates them (this test, in write mode).
 */
describe('console API types (src/web/lib/api/schema.d.ts)', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp();
    dir = mkdtempSync(join(tmpdir(), 'zhize-api-types-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it('match the OpenAPI document the app serves', async () => {
    const res = await t.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    const docFile = join(dir, 'openapi.json');
    const outFile = join(dir, 'schema.d.ts');
    writeFileSync(docFile, JSON.stringify(res.body));
    execFileSync(process.execPath, [CLI, docFile, '-o', outFile], { stdio: 'pipe' });
    const generated = readFileSync(outFile, 'utf8');
    if (process.env.UPDATE_API_TYPES === '1') writeFileSync(TYPES_FILE, generated);
    const checkedIn = readFileSync(TYPES_FILE, 'utf8');
    if (checkedIn !== generated) {
      throw new Error('src/web/lib/api/schema.d.ts 已过期：接口文档变了。运行 npm run api:types 重新生成，再检查控制台是否仍能编译 (npm run typecheck)。');
    }
    expect(checkedIn).toContain('"/api/v1/auth/me"');
  });
});
