/**
 * What a file is, told from its bytes rather than its name or the client's word (SPEC §14): PDF,
 * JPEG, PNG and WebP by their signatures; XLSX and DOCX are zip archives, told apart — and from any
 * other zip (a .jar, an .odt, a macro-enabled workbook) — by the names in the archive's central
 * directory, read from the tail of the file.
 */
export type FileKind = 'pdf' | 'jpeg' | 'png' | 'webp' | 'xlsx' | 'docx';

export const CONTENT_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export const EXTENSIONS: Record<FileKind, string> = { pdf: 'pdf', jpeg: 'jpg', png: 'png', webp: 'webp', xlsx: 'xlsx', docx: 'docx' };

/** The kinds shown to people, in the order the refusal names them. */
export const ALLOWED_LABEL = 'PDF、JPEG、PNG、WebP、XLSX、DOCX';

/** How many leading bytes `sniffHead` needs. */
export const HEAD_BYTES = 16;
/** How much of the end of a zip is kept to read its central directory (bounded memory whatever the size). */
export const TAIL_BYTES = 1024 * 1024;

const startsWith = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

/** From the first bytes: a kind, `zip` (decided by the tail), or null (refused). */
export function sniffHead(head: Buffer): FileKind | 'zip' | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp'; // RIFF....WEBP
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  return null;
}

/**
 * The names in a zip's central directory, read from its last bytes (the end-of-central-directory
 * record and the directory before it). Null when the tail holds no well-formed directory.
 */
export function zipEntryNames(tail: Buffer, totalSize: number): string[] | null {
  const EOCD = 0x06054b50;
  // The EOCD record is 22 bytes plus a comment of at most 65,535 bytes.
  const floor = Math.max(0, tail.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = tail.length - 22; i >= floor; i--) {
    // the record's comment must run exactly to the end (a signature inside a comment is not the record)
    if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) === tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  if (dirOffset === 0xffffffff || dirSize === 0xffffffff) return null; // zip64: not an office file of ≤ 20 MiB
  const tailStart = totalSize - tail.length;
  let p = dirOffset - tailStart;
  if (p < 0 || p + dirSize > eocd) return null;
  const names: string[] = [];
  for (let n = 0; n < entries; n++) {
    if (p + 46 > eocd || tail.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = tail.readUInt16LE(p + 28);
    const extraLen = tail.readUInt16LE(p + 30);
    const commentLen = tail.readUInt16LE(p + 32);
    names.push(tail.subarray(p + 46, p + 46 + nameLen).toString('utf8'));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** An office document among the zips: a workbook or a Word document, without macros. */
export function officeKind(names: string[]): 'xlsx' | 'docx' | null {
  const has = new Set(names);
  if (!has.has('[Content_Types].xml')) return null;
  if (names.some((n) => /vbaProject\.bin$/i.test(n))) return null;
  if (has.has('xl/workbook.xml')) return 'xlsx';
  if (has.has('word/document.xml')) return 'docx';
  return null;
}

/**
 * A file name safe to keep and to send back: the last path segment, control characters and
 * characters Windows refuses removed, at most 200 characters, the extension that of the real kind.
 */
export function cleanFileName(raw: string | undefined, kind: FileKind): string {
  const last = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let base = last.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').trim();
  const dot = base.lastIndexOf('.');
  if (dot > 0) base = base.slice(0, dot);
  base = base.replace(/^\.+/, '').slice(0, 200) || '附件';
  return `${base}.${EXTENSIONS[kind]}`;
}
