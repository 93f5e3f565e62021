// `npm run build`: compiles the server (tsc) into dist/ and builds the console (Vite) into
// dist/web — each only when its sources changed since its last build (a hash of the files kept
// beside the output), so a warm `npm start` skips both. `--force` rebuilds both.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');

function files(path, skip) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((e) => {
    const p = join(path, e.name);
    return skip(p) ? [] : e.isDirectory() ? files(p, skip) : [p];
  });
}

function hashOf(paths, skip = () => false) {
  const h = createHash('sha256');
  for (const f of paths.flatMap((p) => files(join(root, p), skip)).sort()) {
    h.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

/** Runs `make` unless the stamp next to `output` records the same source hash. */
async function buildOnce(label, output, stampFile, hash, make) {
  if (!force && existsSync(join(root, output)) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) {
    console.log(`${label}未变化，跳过构建 (${output})`);
    return;
  }
  const started = Date.now();
  await make();
  writeFileSync(stampFile, hash);
  console.log(`${label}已构建到 ${output}（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
}

const webDir = join(root, 'src', 'web');
const isWeb = (p) => p === webDir || p.startsWith(webDir + '/');
const lock = 'package-lock.json';

await buildOnce(
  '服务端',
  'dist/src/main.js',
  join(root, 'dist', '.server-source-hash'),
  hashOf(['src', 'migrations', 'config', 'tsconfig.json', 'tsconfig.build.json', lock], isWeb),
  () => execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' }),
);

await buildOnce('控制台', 'dist/web/index.html', join(root, 'dist', 'web', '.source-hash'), hashOf(['src/web', lock]), async () => {
  const { build } = await import('vite');
  await build({ configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn' });
});
