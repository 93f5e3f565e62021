import { inflateRawSync } from 'node:zlib';

/**
 * An .xlsx file is a ZIP archive. Before a workbook library unpacks one in memory, this walks the
 * archive's central directory and inflates every entry with a hard cap on the output, so a small
 * upload that would expand to gigabytes (a "zip bomb") is refused after reading at most the cap.
 */

export type ZipProblem = 'not-zip' | 'unsupported' | 'too-large';

export class ZipBudgetError extends Error {
  constructor(readonly problem: ZipProblem) {
    super(`zip: ${problem}`);
    this.name = 'ZipBudgetError';
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 2000;

/** The End Of Central Directory record's offset, searched backwards over the largest possible comment. */
function findEocd(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}

/**
 * Checks that `buf` is a ZIP archive whose entries together inflate to at most `maxBytes`; throws
 * ZipBudgetError otherwise. Returns the inflated content of the entries `keep` names.
 */
export function inflateWithinBudget(buf: Buffer, maxBytes: number, keep: (name: string) => boolean = () => false): Map<string, Buffer> {
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL) throw new ZipBudgetError('not-zip');
  const eocd = findEocd(buf);
  if (eocd < 0) throw new ZipBudgetError('not-zip');
  const entries = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) throw new ZipBudgetError('unsupported'); // ZIP64: never needed below 5 MiB
  if (entries === 0 || entries > MAX_ENTRIES || cdOffset >= buf.length) throw new ZipBudgetError('not-zip');

  const kept = new Map<string, Buffer>();
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipBudgetError('not-zip');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;

    if (flags & 0x1) throw new ZipBudgetError('unsupported'); // encrypted
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) throw new ZipBudgetError('not-zip');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) throw new ZipBudgetError('not-zip');
    const data = buf.subarray(start, start + compressed);
    const left = maxBytes - total;
    let content: Buffer;
    if (method === 0) {
      content = data;
    } else if (method === 8) {
      try {
        // maxOutputLength stops inflating at the cap: the output is never larger than what is left
        content = inflateRawSync(data, { maxOutputLength: Math.max(1, left + 1) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new ZipBudgetError('too-large');
        throw new ZipBudgetError('not-zip');
      }
    } else {
      throw new ZipBudgetError('unsupported');
    }
    total += content.length;
    if (total > maxBytes) throw new ZipBudgetError('too-large');
    if (keep(name)) kept.set(name, content);
  }
  return kept;
}
