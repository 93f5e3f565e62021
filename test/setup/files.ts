import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * Files for the attachment tests, made from their bytes: the signatures the server sniffs, and zip
 * archives (stored, uncompressed) with whatever entries a case needs — an XLSX, a DOCX, a macro
 * workbook, a plain zip.
 */

/** A real 1×1 PNG (so a browser can show it). */
export const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const withTail = (head: number[] | Buffer, bytes = 2048) => Buffer.concat([Buffer.from(head), randomBytes(bytes)]);

export const files = {
  png: () => Buffer.concat([PNG_1x1, randomBytes(1024)]),
  jpeg: () => withTail([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
  webp: () => Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0x08, 0, 0]), Buffer.from('WEBPVP8 '), randomBytes(2048)]),
  pdf: () => Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), randomBytes(2048), Buffer.from('\n%%EOF\n')]),
  xlsx: () => zip({ '[Content_Types].xml': '<Types/>', '_rels/.rels': '<Relationships/>', 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': '<worksheet/>' }),
  docx: () => zip({ '[Content_Types].xml': '<Types/>', '_rels/.rels': '<Relationships/>', 'word/document.xml': '<w:document/>' }),
  // refused
  html: () => Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'),
  exe: () => withTail([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00]),
  svg: () => Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
  gif: () => withTail(Buffer.from('GIF89a')),
  text: () => Buffer.from('客户名单,电话\n华东机电,13800000000\n'),
  zip: () => zip({ 'readme.txt': 'hello', 'data/list.csv': 'a,b' }),
  xlsm: () => zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/vbaProject.bin': 'macro' }),
  jar: () => zip({ 'META-INF/MANIFEST.MF': 'Main-Class: X', 'X.class': 'cafebabe' }),
  truncatedZip: () => zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }).subarray(0, 60),
};

export type FileCase = keyof typeof files;

/** A stored (uncompressed) zip archive of `entries`. */
export function zip(entries: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Object.keys(entries).length, 8);
  eocd.writeUInt16LE(Object.keys(entries).length, 10);
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, eocd]);
}
