import * as ExcelJS from 'exceljs';
import { columnName, IMPORT_KIND_INFO, ImportColumn, ImportKind, MAX_IMPORT_ROWS } from './import-kinds';
import type { ImportRowError } from './import-rules';
import { ImportsErrors } from './imports.errors';
import { inflateWithinBudget, ZipBudgetError } from './zip-budget';

/** What the unpacked workbook may weigh: generous for 5,000 rows (about 2–3 MiB), small for a server. */
export const MAX_UNPACKED_BYTES = 24 * 1024 * 1024;
/** Filled cells the whole workbook may hold before it is unpacked into memory: 5,000 rows of 30 columns. */
export const MAX_FILLED_CELLS = (MAX_IMPORT_ROWS + 10) * 30;
/** The header row is looked for among the first rows (a title row above it is allowed). */
const HEADER_SEARCH_ROWS = 10;
/** A cell's text kept for display; longer text is refused by the field's own length rule anyway. */
const MAX_KEPT_TEXT = 2000;

/** One data row of the file: its Excel row number and the text of each known column. */
export interface ParsedRow {
  row: number;
  values: Record<string, string | null>;
  /** Cells whose value cannot be read as text (an error value, a number Excel has rounded). */
  cellErrors: ImportRowError[];
}

export interface ParsedFile {
  rows: ParsedRow[];
  /** Columns of the header row that no field takes (ignored). */
  ignoredColumns: string[];
}

/** A header as people write it: spaces, full-width forms and a required-marker (`*`, `（必填）`) do not count. */
export function normaliseHeader(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').replace(/\(必填\)|\*/g, '');
}

type CellText = { text: string | null; problem?: string };

/** The text of a cell, whatever Excel stored in it. */
export function cellText(value: ExcelJS.CellValue | undefined): CellText {
  if (value === null || value === undefined) return { text: null };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { text: null, problem: '不是有效的数字' };
    // 18-digit codes and long numbers typed into a number cell lose digits in Excel
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) return { text: null, problem: '是一个过长的数字，Excel 已丢失末尾几位；请把该列设为“文本”格式后重新填写' };
    return { text: String(value) };
  }
  if (typeof value === 'boolean') return { text: value ? '是' : '否' };
  if (value instanceof Date) return { text: Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10) };
  if ('error' in value) return { text: null, problem: `是错误值 ${value.error}` };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('hyperlink' in value) return cellText((value as ExcelJS.CellHyperlinkValue).text);
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  return { text: null, problem: '的内容无法识别' };
}

/** NUL and lone surrogates are not text (PostgreSQL refuses them). */
const NOT_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function rowTexts(row: ExcelJS.Row): Map<number, CellText> {
  const out = new Map<number, CellText>();
  row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
    const t = cellText(cell.value);
    if (t.text !== null) {
      const trimmed = t.text.trim();
      t.text = trimmed === '' ? null : trimmed;
    }
    if (t.text !== null && NOT_TEXT.test(t.text)) out.set(colNumber, { text: null, problem: '包含无法识别的字符' });
    else if (t.text !== null || t.problem) out.set(colNumber, t);
  });
  return out;
}

/** Which column of the sheet each field is in, from a header row. */
function matchHeader(kind: ImportKind, texts: Map<number, CellText>): { at: Map<string, number>; ignored: string[]; found: string[] } {
  const columns = IMPORT_KIND_INFO[kind].columns;
  const at = new Map<string, number>();
  const ignored: string[] = [];
  const found: string[] = [];
  for (const [colNumber, t] of texts) {
    if (!t.text) continue;
    const h = normaliseHeader(t.text);
    found.push(t.text);
    const column = columns.find((c) => c.headers.includes(h));
    if (!column) {
      ignored.push(t.text);
      continue;
    }
    if (at.has(column.field)) throw ImportsErrors.duplicateHeader(columnName(column));
    at.set(column.field, colNumber);
  }
  return { at, ignored, found };
}

const missingOf = (columns: ImportColumn[], at: Map<string, number>) => columns.filter((c) => c.required && !at.has(c.field)).map(columnName);

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
const ROW_TAG = /<(?:\w+:)?row[\s>/]/;
const VALUE_TAG = /<(?:\w+:)?(?:v|is)[\s>]/g;

/**
 * Rows and cells that hold a value in a worksheet's XML, counted on the text without parsing it:
 * the bound checked before a workbook is unpacked into objects (which costs far more per cell).
 */
export function countFilled(xml: string): { rows: number; cells: number } {
  let rows = 0;
  let cells = 0;
  const parts = xml.split(ROW_TAG);
  for (let i = 1; i < parts.length; i++) {
    const n = parts[i].match(VALUE_TAG)?.length ?? 0;
    if (n > 0) rows += 1;
    cells += n;
  }
  return { rows, cells };
}

async function loadWorkbook(buf: Buffer): Promise<ExcelJS.Worksheet> {
  try {
    const sheets = inflateWithinBudget(buf, MAX_UNPACKED_BYTES, (name) => WORKSHEET.test(name));
    let rows = 0;
    let cells = 0;
    for (const xml of sheets.values()) {
      const c = countFilled(xml.toString('latin1'));
      rows += c.rows;
      cells += c.cells;
    }
    // a header row or two, a title, and the template's notes sheet fit in the margin
    if (rows > MAX_IMPORT_ROWS + 10 * Math.max(1, sheets.size)) throw ImportsErrors.tooManyRows(rows, true);
    if (cells > MAX_FILLED_CELLS) throw ImportsErrors.unpacksTooLarge(MAX_UNPACKED_BYTES / 1024 / 1024);
  } catch (err) {
    if (!(err instanceof ZipBudgetError)) throw err;
    if (err.problem === 'too-large') throw ImportsErrors.unpacksTooLarge(MAX_UNPACKED_BYTES / 1024 / 1024);
    if (err.problem === 'unsupported') throw ImportsErrors.badFile('文件使用了不支持的压缩方式或已加密');
    throw ImportsErrors.badFile('文件不是 .xlsx 格式（旧版 .xls、CSV 或其他文件都不能直接导入）');
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw ImportsErrors.badFile('文件已损坏，或不是 Excel 工作簿');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw ImportsErrors.badFile('文件中没有工作表');
  return ws;
}

/**
 * Reads the first worksheet of an .xlsx upload: finds the header row (columns matched by name, in
 * any order), then takes every non-blank row below it. Refuses a file that is not a workbook, lacks
 * a required column, or has no rows or more than MAX_IMPORT_ROWS.
 */
export async function readImportFile(kind: ImportKind, buf: Buffer): Promise<ParsedFile> {
  const ws = await loadWorkbook(buf);
  const columns = IMPORT_KIND_INFO[kind].columns;

  let header: { row: number; at: Map<string, number>; ignored: string[] } | undefined;
  let first: { at: Map<string, number>; found: string[] } | undefined;
  for (let r = 1; r <= Math.min(ws.rowCount, HEADER_SEARCH_ROWS) && !header; r++) {
    const texts = rowTexts(ws.getRow(r));
    if (texts.size === 0) continue;
    const m = matchHeader(kind, texts);
    first ??= m;
    if (missingOf(columns, m.at).length === 0) header = { row: r, at: m.at, ignored: m.ignored };
  }
  if (!header) throw ImportsErrors.missingHeaders(missingOf(columns, first?.at ?? new Map()), first?.found ?? []);

  const rows: ParsedRow[] = [];
  let count = 0;
  for (let r = header.row + 1; r <= ws.rowCount; r++) {
    const texts = rowTexts(ws.getRow(r));
    const mine = [...header.at.values()].map((c) => texts.get(c)).filter((t) => t && (t.text !== null || t.problem));
    if (mine.length === 0) continue; // a blank row
    count += 1;
    if (count > MAX_IMPORT_ROWS) continue; // keep counting, to say how many there are
    const values: Record<string, string | null> = {};
    const cellErrors: ImportRowError[] = [];
    for (const c of columns) {
      const at = header.at.get(c.field);
      const t = at === undefined ? undefined : texts.get(at);
      values[c.field] = t?.text ? t.text.slice(0, MAX_KEPT_TEXT) : null;
      if (t?.problem) cellErrors.push({ column: columnName(c), field: c.field, message: `${columnName(c)} ${t.problem}` });
    }
    rows.push({ row: r, values, cellErrors });
  }
  if (count > MAX_IMPORT_ROWS) throw ImportsErrors.tooManyRows(count);
  if (count === 0) throw ImportsErrors.empty();
  return { rows, ignoredColumns: header.ignored };
}
