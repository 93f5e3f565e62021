import * as ExcelJS from 'exceljs';

export type XlsxCell = string | number | null;

export interface XlsxColumn {
  header: string;
  width: number;
  /** money: a decimal string written as a number shown `#,##0.00`; percent: a ratio shown `0.00%`. */
  format?: 'money' | 'percent';
}

export interface XlsxSheet {
  name: string;
  /** A bold first row above the headers (the headers then sit on row 2). */
  title?: string;
  columns: XlsxColumn[];
  rows: XlsxCell[][];
  /** A last row in bold (合计). */
  total?: XlsxCell[];
}

/**
 * A real workbook for Excel, one sheet: an optional title row, Chinese headers in bold and frozen,
 * money and ratios as numbers (what people sum), everything else as given. Strings stay strings —
 * a cell is never written as a formula.
 */
export async function writeXlsx(sheet: XlsxSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '职责 CRM';
  wb.created = new Date();
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: sheet.title ? 2 : 1 }] });
  ws.columns = sheet.columns.map((c) => ({ width: c.width }));
  if (sheet.title) ws.addRow([sheet.title]).font = { bold: true, size: 14 };
  ws.addRow(sheet.columns.map((c) => c.header)).font = { bold: true };
  // Money is exact in the API; in the workbook a number with two decimals is what people sum.
  const cells = (row: XlsxCell[]) => row.map((v, i) => (sheet.columns[i]?.format && typeof v === 'string' ? Number(v) : v));
  for (const row of sheet.rows) ws.addRow(cells(row));
  if (sheet.total) ws.addRow(cells(sheet.total)).font = { bold: true };
  sheet.columns.forEach((c, i) => {
    if (c.format === 'money') ws.getColumn(i + 1).numFmt = '#,##0.00';
    if (c.format === 'percent') ws.getColumn(i + 1).numFmt = '0.00%';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
