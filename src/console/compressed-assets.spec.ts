import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseEncoding, CompressedAssets, compressibleType } from './compressed-assets';

describe('chooseEncoding', () => {
  it('prefers brotli, then gzip, as the client lists them', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip, deflate')).toBe('gzip');
    expect(chooseEncoding(['gzip', 'br'])).toBe('br');
    expect(chooseEncoding('*')).toBe('br');
  });

  it('honours q=0 and answers identity when nothing fits', () => {
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('*;q=0')).toBeNull();
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding('deflate')).toBeNull();
    expect(chooseEncoding('')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding('br;q=abc')).toBeNull();
  });
});

describe('compressibleType', () => {
  it('names the type of text files of 1 KiB or more, and nothing else', () => {
    expect(compressibleType('/assets/index-abc.js', 5000)).toBe('text/javascript; charset=utf-8');
    expect(compressibleType('/assets/index-abc.CSS', 5000)).toBe('text/css; charset=utf-8');
    expect(compressibleType('/assets/index-abc.js', 100)).toBeNull();
    expect(compressibleType('/assets/logo.png', 50000)).toBeNull();
    expect(compressibleType('/assets/font.woff2', 50000)).toBeNull();
    expect(compressibleType('/assets/noext', 50000)).toBeNull();
    expect(compressibleType('/assets/x.constructor', 50000)).toBeNull();
  });
});

describe('CompressedAssets', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhize-compress-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('compresses with brotli or gzip, once per file version', async () => {
    const file = join(dir, 'a.js');
    const text = 'export const 职责 = "CRM";\n'.repeat(200);
    writeFileSync(file, text);
    const assets = new CompressedAssets();
    const first = statSync(file);
    const br = await assets.get(file, first, 'br');
    expect(brotliDecompressSync(br).toString()).toBe(text);
    expect(br.length).toBeLessThan(Buffer.byteLength(text) / 5);
    expect(gunzipSync(await assets.get(file, first, 'gzip')).toString()).toBe(text);
    expect(await assets.get(file, first, 'br')).toBe(br); // from memory, not compressed again
    // a rebuild (another size or time) is compressed afresh
    writeFileSync(file, `${text}// v2\n`);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const second = statSync(file);
    expect(brotliDecompressSync(await assets.get(file, second, 'br')).toString()).toBe(`${text}// v2\n`);
  });

  it('a file that cannot be read fails, and is tried again next time', async () => {
    const assets = new CompressedAssets();
    const missing = join(dir, 'missing.js');
    await expect(assets.get(missing, { size: 2000, mtimeMs: 1 }, 'gzip')).rejects.toThrow();
    writeFileSync(missing, 'x'.repeat(2000));
    expect(gunzipSync(await assets.get(missing, { size: 2000, mtimeMs: 1 }, 'gzip')).toString()).toBe('x'.repeat(2000));
  });
});
