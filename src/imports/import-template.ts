import * as ExcelJS from 'exceljs';
import { columnName, IMPORT_KIND_INFO, ImportKind, MAX_IMPORT_ROWS } from './import-kinds';

/** The template's file name, for Content-Disposition (ASCII) and filename* (the Chinese one). */
export function templateFileNames(kind: ImportKind): { ascii: string; chinese: string } {
  return { ascii: `${kind}-import-template.xlsx`, chinese: `${IMPORT_KIND_INFO[kind].label}导入模板.xlsx` };
}

/**
 * The import template of a kind: the header row (SPEC §10 names, required columns marked in red)
 * over empty text-formatted columns — so a phone number or a USCC typed in stays text — and a
 * second sheet explaining the rules.
 */
export async function importTemplate(kind: ImportKind): Promise<Buffer> {
  const info = IMPORT_KIND_INFO[kind];
  const wb = new ExcelJS.Workbook();
  wb.creator = '职责 CRM';
  wb.created = new Date();
  const ws = wb.addWorksheet(info.label, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = info.columns.map((c) => ({ header: columnName(c), width: c.width, style: { numFmt: '@' } }));
  const header = ws.getRow(1);
  info.columns.forEach((c, i) => {
    header.getCell(i + 1).font = { bold: true, color: c.required ? { argb: 'FFC00000' } : undefined };
  });

  const notes = wb.addWorksheet('填写说明');
  notes.getColumn(1).width = 100;
  const required = info.columns.filter((c) => c.required).map(columnName);
  for (const line of [
    `${info.label}导入模板：在第一个工作表里，每行填写一个${info.label}。`,
    `必填列（红色表头）：${required.join('、')}。其他列可以留空；列的顺序可以调整，列名不能改。`,
    '统一社会信用代码为 18 位，系统会核对第 18 位校验码（GB 32100）。',
    '联系电话填写 7 到 20 位的电话号码，可以带空格、+、- 和括号。',
    `查重：统一社会信用代码、公司名称（忽略空格、全半角和“有限公司”等后缀）或联系电话与已登记的客户或潜在客户相同，或与文件中前面的行相同，该行视为重复，不会导入。`,
    `单个文件最多 ${MAX_IMPORT_ROWS} 行数据、不超过 5 MiB。先“检查”看逐行结果，确认无误后再“确认导入”；同一文件再次导入不会重复建立记录。`,
  ]) {
    notes.addRow([line]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
