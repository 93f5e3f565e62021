import * as ExcelJS from 'exceljs';
import { AppError } from '../common/app-error';
import { cellText, countFilled, normaliseHeader, readImportFile } from './import-file';

async function book(fill: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('名单'), wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const code = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err instanceof AppError ? `${err.status} ${err.code}` : `other: ${String(err)}`;
  }
  return 'ok';
};

describe('reading an import file', () => {
  it('matches the header by name in any order, ignores other columns and blank rows, keeps the Excel row numbers', async () => {
    const buf = await book((ws) => {
      ws.addRow(['联系电话', '备用列', '客户名称', '联系人']);
      ws.addRow(['13800000001', 'x', '甲公司', '甲']);
      ws.addRow([]);
      ws.addRow([null, 'only in an ignored column']);
      ws.addRow([13800000002, null, '  乙公司 ', '乙']);
    });
    const file = await readImportFile('customers', buf);
    expect(file.ignoredColumns).toEqual(['备用列']);
    expect(file.rows).toEqual([
      { row: 2, values: { name: '甲公司', uscc: null, contactName: '甲', contactPhone: '13800000001', address: null, region: null, industry: null }, cellErrors: [] },
      { row: 5, values: { name: '乙公司', uscc: null, contactName: '乙', contactPhone: '13800000002', address: null, region: null, industry: null }, cellErrors: [] },
    ]);
  });

  it('finds the header below a title row, with required marks and full-width forms', async () => {
    const buf = await book((ws) => {
      ws.addRow(['2026 年潜在客户']);
      ws.addRow(['公司名称＊', '联系人（必填）', '联系电话 *', '来源']);
      ws.addRow(['丙公司', '丙', '13800000003', '展会']);
    });
    const file = await readImportFile('prospects', buf);
    expect(file.rows[0]).toMatchObject({ row: 3, values: { companyName: '丙公司', source: '展会' } });
  });

  it('says which required columns are missing, and refuses a column twice, an empty sheet, or too many rows', async () => {
    const missing = book((ws) => ws.addRow(['客户名称', '地址']) && ws.addRow(['丁公司', '某地']));
    expect(await code(readImportFile('customers', await missing))).toBe('400 IMPORT_MISSING_HEADER');
    try {
      await readImportFile('customers', await missing);
    } catch (err) {
      expect((err as AppError).extra).toEqual({ missing: ['联系人', '联系电话'], found: ['客户名称', '地址'] });
    }
    expect(await code(readImportFile('customers', await book((ws) => ws.addRow(['客户名称', '公司名称', '联系人', '联系电话']) && ws.addRow(['a', 'b', 'c', 'd']))))).toBe('400 IMPORT_DUPLICATE_HEADER');
    expect(await code(readImportFile('customers', await book((ws) => ws.addRow(['客户名称', '联系人', '联系电话']))))).toBe('400 IMPORT_EMPTY');
    const many = await book((ws) => {
      ws.addRow(['客户名称', '联系人', '联系电话']);
      for (let i = 0; i < 5001; i++) ws.addRow([`公司${i}`, '某', '13800000000']);
    });
    expect(await code(readImportFile('customers', many))).toBe('400 IMPORT_TOO_MANY_ROWS');
  });

  it('refuses what is not a workbook', async () => {
    expect(await code(readImportFile('customers', Buffer.from('客户名称,联系人\n')))).toBe('400 IMPORT_BAD_FILE');
  });
});

describe('cell values as text', () => {
  it('reads strings, numbers, rich text, links, formulas and dates', () => {
    expect(cellText('甲')).toEqual({ text: '甲' });
    expect(cellText(13800000000)).toEqual({ text: '13800000000' });
    expect(cellText({ richText: [{ text: '华强' }, { text: '科技' }] })).toEqual({ text: '华强科技' });
    expect(cellText({ text: '官网', hyperlink: 'https://example.com' })).toEqual({ text: '官网' });
    expect(cellText({ formula: 'A1', result: '结果' } as ExcelJS.CellFormulaValue)).toEqual({ text: '结果' });
    expect(cellText(new Date('2026-11-26T00:00:00Z'))).toEqual({ text: '2026-11-26' });
    expect(cellText(null)).toEqual({ text: null });
  });

  it('flags an error value and a long number Excel has already rounded (an 18-digit code typed as a number)', () => {
    expect(cellText({ error: '#N/A' } as ExcelJS.CellErrorValue).problem).toMatch(/错误值 #N\/A/);
    expect(cellText(913205000000000000).problem).toMatch(/丢失/);
  });
});

describe('the header and the pre-count', () => {
  it('normalises headers', () => {
    expect(normaliseHeader(' 联系 人 ')).toBe('联系人');
    expect(normaliseHeader('联系电话（必填）')).toBe('联系电话');
    expect(normaliseHeader('公司名称*')).toBe('公司名称');
  });

  it('counts the rows and cells with a value in sheet XML, prefixed or not', () => {
    const xml = '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>x</t></is></c></row><row r="2" s="1"/><row r="3"><c r="A3" s="2"/></row><x:row r="4"><x:c><x:v>1</x:v></x:c></x:row></sheetData><rowBreaks/>';
    expect(countFilled(xml)).toEqual({ rows: 2, cells: 3 });
  });
});
