import * as ExcelJS from 'exceljs';
import type { Response } from 'supertest';

/** A supertest parser that keeps the body as bytes (xlsx, CSV with a BOM): `.buffer(true).parse(binary)`. */
export const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** A row of `audit_log` as `SELECT *` returns it. */
export interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
  ip: string | null;
}

/** The first sheet of an xlsx answer, each row as its cell values (ExcelJS reads the workbook). */
export interface XlsxBody {
  sheet: string;
  rows: unknown[][];
}

/**
 * A supertest parser that reads an xlsx body into its first sheet's rows: `.buffer(true).parse(xlsxRows)`.
 * Any other answer (a problem+json refusal) is parsed as JSON, so `body.code` still reads.
 */
export const xlsxRows = (res: Response, cb: (err: Error | null, body: XlsxBody | unknown) => void) => {
  binary(res, (_err, bytes) => {
    if (!String(res.headers['content-type'] ?? '').includes('spreadsheetml')) {
      try {
        cb(null, JSON.parse(bytes.toString('utf8')));
      } catch {
        cb(null, bytes.toString('utf8'));
      }
      return;
    }
    const wb = new ExcelJS.Workbook();
    wb.xlsx.load(bytes as unknown as ArrayBuffer).then(
      () => {
        const ws = wb.worksheets[0];
        const rows: unknown[][] = [];
        ws.eachRow({ includeEmpty: true }, (row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? null)));
        cb(null, { sheet: ws.name, rows });
      },
      (err: Error) => cb(err, undefined),
    );
  });
};

/** One CSV line's fields (RFC 4180 quoting), for checking an export cell by cell. */
export function csvCells(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') (field += '"'), i++;
    else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) out.push(field), (field = '');
    else field += ch;
  }
  return [...out, field];
}
