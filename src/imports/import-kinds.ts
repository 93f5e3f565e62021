import type { Permission } from '../access/duty.types';
import { CreateCustomerDto } from '../customers/dto/customer.dto';
import { CreateProspectDto } from '../prospects/dto/prospect.dto';

export const IMPORT_KINDS = ['customers', 'prospects'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Most data rows one file may hold. */
export const MAX_IMPORT_ROWS = 5000;

export interface ImportColumn {
  /** The field of the create body (CreateCustomerDto / CreateProspectDto). */
  field: string;
  /** Header names that mean this column, the first as the template writes it (SPEC §10 names). */
  headers: string[];
  required: boolean;
  /** Width in the template, in characters. */
  width: number;
}

export interface ImportKindInfo {
  kind: ImportKind;
  /** The permission of the ordinary create endpoint, which an import of the kind needs too. */
  permission: Permission;
  /** 客户 / 潜在客户 */
  label: string;
  entity: 'customer' | 'prospect';
  /** The create body the rows are validated as: the ordinary create endpoint's own rules. */
  dto: typeof CreateCustomerDto | typeof CreateProspectDto;
  /** Which field holds the company name. */
  nameField: 'name' | 'companyName';
  columns: ImportColumn[];
}

const col = (field: string, headers: string[], width: number, required = false): ImportColumn => ({ field, headers, required, width });

export const IMPORT_KIND_INFO: Record<ImportKind, ImportKindInfo> = {
  customers: {
    kind: 'customers',
    permission: 'customer.create',
    label: '客户',
    entity: 'customer',
    dto: CreateCustomerDto,
    nameField: 'name',
    columns: [
      col('name', ['客户名称', '公司名称'], 32, true),
      col('uscc', ['统一社会信用代码'], 24),
      col('contactName', ['联系人'], 12, true),
      col('contactPhone', ['联系电话'], 18, true),
      col('address', ['地址'], 36),
      col('region', ['地区'], 10),
      col('industry', ['行业'], 14),
    ],
  },
  prospects: {
    kind: 'prospects',
    permission: 'prospect.create',
    label: '潜在客户',
    entity: 'prospect',
    dto: CreateProspectDto,
    nameField: 'companyName',
    columns: [
      col('companyName', ['公司名称'], 32, true),
      col('uscc', ['统一社会信用代码'], 24),
      col('contactName', ['联系人'], 12, true),
      col('contactPhone', ['联系电话'], 18, true),
      col('region', ['地区'], 10),
      col('industry', ['行业'], 14),
      col('source', ['来源'], 12),
      col('notes', ['备注'], 40),
    ],
  },
};

/** The column's name as people read it (the template's header). */
export const columnName = (c: ImportColumn) => c.headers[0];

/** The Chinese column name of a field of the kind, for messages. */
export function columnOf(kind: ImportKind, field: string): string {
  const c = IMPORT_KIND_INFO[kind].columns.find((x) => x.field === field);
  return c ? columnName(c) : field;
}
