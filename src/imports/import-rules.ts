import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors } from '../common/validation';
import type { CreateCustomerDto } from '../customers/dto/customer.dto';
import type { DuplicateField, DuplicateMatch, PartyIdentity } from '../parties/duplicates.service';
import { companyNameKey, phoneKey } from '../parties/party-keys';
import type { CreateProspectDto } from '../prospects/dto/prospect.dto';
import { columnName, columnOf, IMPORT_KIND_INFO, ImportKind } from './import-kinds';

/**
 * The rules one row of an import goes through: the ordinary create body's own validation (with
 * the messages named after the Excel columns), then the duplicate rules of SPEC §6 — against the
 * earlier rows of the same file, then against the prospects and customers already registered.
 */

/** A field error of a row, named by its Excel column. */
export interface ImportRowError {
  column: string;
  field: string;
  message: string;
}

/** What a duplicate row duplicates: an earlier row of the file, or a registered record (ids only, as GET /prospects/duplicates). */
export interface ImportDuplicateOf {
  field: DuplicateField;
  column: string;
  /** The earlier row of the same file (its Excel row number), or null. */
  row: number | null;
  entity: 'customer' | 'prospect' | null;
  id: string | null;
}

export type CreateBody = CreateCustomerDto | CreateProspectDto;

export type RowCheck = { ok: true; body: CreateBody; identity: PartyIdentity } | { ok: false; errors: ImportRowError[] };

export type RowOutcome =
  | { status: 'error'; errors: ImportRowError[] }
  | { status: 'duplicate'; duplicateOf: ImportDuplicateOf }
  | { status: 'create'; body: CreateBody; identity: PartyIdentity };

const VALIDATION = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false, value: false } } as const;

/** A message of the create body ("contactName 长度必须在 1 到 50 之间") in the column's words ("联系人 长度必须在 1 到 50 之间"). */
export function inColumnWords(kind: ImportKind, field: string, message: string): string {
  const column = columnOf(kind, field);
  return message.startsWith(field) ? `${column}${message.slice(field.length)}` : `${column}：${message}`;
}

/**
 * Validates a row's texts as the create body of the kind: required columns present, then every
 * rule of CreateCustomerDto / CreateProspectDto (lengths, phone pattern, the USCC and its GB 32100
 * check character), and a company name with letters in it (the duplicate key needs them).
 */
export async function checkRow(kind: ImportKind, values: Record<string, string | null>, cellErrors: ImportRowError[] = []): Promise<RowCheck> {
  const info = IMPORT_KIND_INFO[kind];
  const errors: ImportRowError[] = [...cellErrors];
  const unreadable = new Set(cellErrors.map((e) => e.field));
  const plain: Record<string, string> = {};
  for (const c of info.columns) {
    const v = values[c.field];
    if (v !== null && v !== undefined) plain[c.field] = v;
    else if (c.required && !unreadable.has(c.field)) errors.push({ column: columnName(c), field: c.field, message: `${columnName(c)} 不能为空` });
  }
  const body = plainToInstance(info.dto as new () => CreateBody, plain);
  const reported = new Set(errors.map((e) => e.field));
  for (const e of flattenValidationErrors(await validate(body, VALIDATION))) {
    if (reported.has(e.field)) continue; // an empty required column says so once
    errors.push({ column: columnOf(kind, e.field), field: e.field, message: inColumnWords(kind, e.field, e.message) });
  }
  const name = (body as unknown as Record<string, unknown>)[info.nameField];
  if (!errors.some((e) => e.field === info.nameField) && typeof name === 'string' && !companyNameKey(name)) {
    errors.push({ column: columnOf(kind, info.nameField), field: info.nameField, message: `${columnOf(kind, info.nameField)} 必须包含文字或数字` });
  }
  if (errors.length) return { ok: false, errors: orderByColumn(kind, errors) };
  return { ok: true, body, identity: { companyName: name as string, uscc: body.uscc ?? null, contactPhone: body.contactPhone } };
}

function orderByColumn(kind: ImportKind, errors: ImportRowError[]): ImportRowError[] {
  const order = IMPORT_KIND_INFO[kind].columns.map((c) => c.field);
  return [...errors].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

/** The duplicate keys of an identity, in the order SPEC §6 names them. */
function keysOf(who: PartyIdentity): Array<[DuplicateField, string]> {
  const out: Array<[DuplicateField, string]> = [];
  if (who.uscc) out.push(['uscc', who.uscc]);
  if (who.companyName) out.push(['companyName', companyNameKey(who.companyName)]);
  if (who.contactPhone) out.push(['contactPhone', phoneKey(who.contactPhone)]);
  return out;
}

/** The keys of the rows of a file that are (or would be) created, to find a later row duplicating one. */
export class FileKeys {
  private readonly rows = new Map<string, number>();

  find(who: PartyIdentity): { field: DuplicateField; row: number } | null {
    for (const [field, key] of keysOf(who)) {
      const row = this.rows.get(`${field}:${key}`);
      if (row !== undefined) return { field, row };
    }
    return null;
  }

  add(who: PartyIdentity, row: number): void {
    for (const [field, key] of keysOf(who)) if (!this.rows.has(`${field}:${key}`)) this.rows.set(`${field}:${key}`, row);
  }
}

const DUPLICATE_COLUMN: Record<ImportKind, Record<DuplicateField, string>> = {
  customers: { uscc: columnOf('customers', 'uscc'), companyName: columnOf('customers', 'name'), contactPhone: columnOf('customers', 'contactPhone') },
  prospects: { uscc: columnOf('prospects', 'uscc'), companyName: columnOf('prospects', 'companyName'), contactPhone: columnOf('prospects', 'contactPhone') },
};

/**
 * The outcome of a checked row: an error stays an error; a valid row duplicating an earlier row
 * of the file (one that is or would be created) is a duplicate of that row; one holding a key of a
 * registered prospect or customer is a duplicate of it; anything else is created (and its keys now
 * belong to this file). The same order in a dry run and a commit, so both say the same.
 */
export function decideRow(kind: ImportKind, row: number, check: RowCheck, existing: DuplicateMatch[], file: FileKeys): RowOutcome {
  if (!check.ok) return { status: 'error', errors: check.errors };
  const earlier = file.find(check.identity);
  if (earlier) return { status: 'duplicate', duplicateOf: { field: earlier.field, column: DUPLICATE_COLUMN[kind][earlier.field], row: earlier.row, entity: null, id: null } };
  const match = existing[0];
  if (match) return { status: 'duplicate', duplicateOf: { field: match.field, column: DUPLICATE_COLUMN[kind][match.field], row: null, entity: match.entity, id: match.id } };
  file.add(check.identity, row);
  return { status: 'create', body: check.body, identity: check.identity };
}
