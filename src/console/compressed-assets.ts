import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Text files worth compressing, by extension, with their content type; images and fonts are compressed already. */
const COMPRESSIBLE: Readonly<Record<string, string>> = {
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
  svg: 'image/svg+xml',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  webmanifest: 'application/manifest+json',
};
const MIN_BYTES = 1024;
/** Distinct (file, build, encoding) entries kept; a rebuild changes the keys, so old ones are dropped past this. */
const MAX_ENTRIES = 1000;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The content type of a file worth compressing, or null (too small, or not text). */
export function compressibleType(path: string, size: number): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1].toLowerCase();
  return size >= MIN_BYTES && ext !== undefined && Object.hasOwn(COMPRESSIBLE, ext) ? COMPRESSIBLE[ext] : null;
}

/** The file name suffix of a pre-compressed sibling (as a build step might write it). */
export const SIBLING_SUFFIX: Readonly<Record<Encoding, string>> = { br: '.br', gzip: '.gz' };

/**
 * The encoding to answer with, from Accept-Encoding: brotli before gzip, each only when the client
 * lists it (or `*`) with a non-zero quality; null for identity.
 */
export function chooseEncoding(acceptEncoding: string | string[] | undefined): Encoding | null {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding;
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (enc: string) => (q.get(enc) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return null;
}

/**
 * Compressed copies of the console's hashed assets, made on first request (in the thread pool, so
 * the event loop does not wait) and kept in memory: an asset's name changes with its content, so a
 * copy never goes stale while its file keeps the same size and modification time.
 */
export class CompressedAssets {
  private readonly cache = new Map<string, Promise<Buffer>>();

  get(file: string, stat: { size: number; mtimeMs: number }, encoding: Encoding): Promise<Buffer> {
    const key = `${encoding}:${stat.size}:${stat.mtimeMs}:${file}`;
    let entry = this.cache.get(key);
    if (!entry) {
      if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
      entry = readFile(file).then((raw) =>
        encoding === 'br'
          ? brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
          : gzipAsync(raw, { level: 9 }),
      );
      // a failed read is not cached: the next request tries again
      entry.catch(() => this.cache.delete(key));
      this.cache.set(key, entry);
    }
    return entry;
  }
}
