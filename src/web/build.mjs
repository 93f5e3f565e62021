// Builds the console into dist/web — once: when neither its sources nor the lock file changed
// since the last build, it does nothing, so `npm start` stays quick.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const root = join(webDir, '..', '..');
const outDir = join(root, 'dist', 'web');
const stampFile = join(outDir, '.source-hash');

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

function sourceHash() {
  const h = createHash('sha256');
  for (const f of [...files(webDir), join(root, 'package-lock.json')].sort()) {
    h.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

const hash = sourceHash();
const force = process.argv.includes('--force');
if (!force && existsSync(join(outDir, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) {
  console.log('控制台源码未变化，跳过构建 (dist/web)');
} else {
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(stampFile, hash);
  const assets = readdirSync(join(outDir, 'assets')).length;
  console.log(`控制台已构建到 dist/web（${assets} 个文件，${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
}

