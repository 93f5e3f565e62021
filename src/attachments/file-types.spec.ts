import { randomBytes } from 'node:crypto';
import { files, zip } from '../../test/setup/files';
import { cleanFileName, HEAD_BYTES, officeKind, sniffHead, zipEntryNames } from './file-types';

const kindOf = (b: Buffer) => {
  const head = sniffHead(b.subarray(0, HEAD_BYTES));
  if (head !== 'zip') return head;
  const names = zipEntryNames(b, b.length);
  return names ? officeKind(names) : null;
};

describe('file kinds from the bytes', () => {
  it.each([
    ['png', 'png'],
    ['jpeg', 'jpeg'],
    ['webp', 'webp'],
    ['pdf', 'pdf'],
    ['xlsx', 'xlsx'],
    ['docx', 'docx'],
  ] as const)('accepts %s as %s', (file, kind) => {
    expect(kindOf(files[file]())).toBe(kind);
  });

  it.each(['html', 'exe', 'svg', 'gif', 'text', 'zip', 'xlsm', 'jar', 'truncatedZip'] as const)('refuses %s', (file) => {
    expect(kindOf(files[file]())).toBeNull();
  });

  it('reads the directory from the tail alone, wherever the tail starts', () => {
    const big = zip({ '[Content_Types].xml': '<Types/>', 'pad.bin': randomBytes(300_000), 'word/document.xml': '<d/>' });
    const tail = big.subarray(big.length - 4096);
    expect(officeKind(zipEntryNames(tail, big.length)!)).toBe('docx');
    // a tail that does not reach the directory's start is not guessed at
    expect(zipEntryNames(big.subarray(big.length - 30), big.length)).toBeNull();
  });

  it('finds the end record behind an archive comment', () => {
    const z = zip({ '[Content_Types].xml': '<T/>', 'xl/workbook.xml': '<w/>' });
    const comment = Buffer.from('PK\x05\x06 looks like a record but is a comment');
    const withComment = Buffer.concat([z.subarray(0, z.length - 2), Buffer.from([comment.length, 0]), comment]);
    expect(officeKind(zipEntryNames(withComment, withComment.length)!)).toBe('xlsx');
  });

  it('cleans file names and gives them the real extension', () => {
    expect(cleanFileName('C:\\扫描\\合同-签字.PDF', 'pdf')).toBe('合同-签字.pdf');
    expect(cleanFileName('../../etc/passwd', 'png')).toBe('passwd.png');
    expect(cleanFileName('photo.exe', 'jpeg')).toBe('photo.jpg');
    expect(cleanFileName('a\u0000b<c>"d".png', 'png')).toBe('abcd.png');
    expect(cleanFileName('', 'docx')).toBe('附件.docx');
    expect(cleanFileName('.hidden', 'png')).toBe('hidden.png');
    expect(cleanFileName(`${'长'.repeat(300)}.pdf`, 'pdf')).toHaveLength(204);
  });
});
