import { toCsv } from './csv';

describe('toCsv', () => {
  it('starts with a BOM, ends lines with CRLF, quotes what needs it', () => {
    const csv = toCsv(['名称', '备注'], [['华强, 科技', '说 "好"'], ['a\nb', null]]);
    expect(csv.startsWith('\uFEFF名称,备注\r\n')).toBe(true);
    expect(csv).toContain('"华强, 科技","说 ""好"""\r\n');
    expect(csv).toContain('"a\nb",\r\n');
  });
  it('defuses formula injection but keeps negative numbers', () => {
    const csv = toCsv(['x'], [['=HYPERLINK("http://x")'], ['-12.50'], ['@SUM(A1)'], ['+1']]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain('\r\n-12.50\r\n');
    expect(csv).toContain("'@SUM(A1)");
    expect(csv).toContain("\r\n'+1\r\n"); // a leading + is a formula to Excel too
  });
});
