import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { InjectReadDataSource } from '../database/read-data-source';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import type { Department } from '../access/roles';
import { positionalScope, scopeCondition } from '../access/scope';
import { APP_CONFIG } from '../app.tokens';
import { toCsv } from '../common/csv';
import { writeXlsx } from '../common/xlsx';
import { CAPPED_COUNT_COLUMN, cappedCountSql, listCountCap, listTotal } from '../common/list-total';
import type { Page } from '../common/pagination';
import { toInstant } from '../common/time';
import type { LedgerLineDto } from './dto/ledger.dto';
import type { LedgerKind } from './ledger-entry.entity';

export interface NewLedgerEntry {
  customerId: string;
  contractId: string;
  paymentId?: string | null;
  ownerId: string;
  department: Department;
  kind: LedgerKind;
  /** Decimal strings; exactly one of them non-zero. */
  debit?: string;
  credit?: string;
  description: string;
  occurredAt: Date;
  recordedBy: string;
}

export interface LedgerQuery {
  customerId?: string;
  contractId?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/** A line as the API shows it (the DTO is the one source of its shape). */
export type LedgerLine = LedgerLineDto;

const KIND_NAMES: Record<LedgerKind, string> = { sale: '合同签订', payment: '回款', reversal: '冲销' };
export const LEDGER_EXPORT_LIMIT = 100_000;

/** The columns of both exports (CSV and XLSX), in order. */
const EXPORT_COLUMNS: Array<{ header: string; width: number; money?: boolean; value: (r: LedgerLine) => string }> = [
  { header: '序号', width: 8, value: (r) => r.seq },
  { header: '日期', width: 26, value: (r) => r.occurredAt },
  { header: '类型', width: 10, value: (r) => KIND_NAMES[r.kind] },
  { header: '客户', width: 28, value: (r) => r.customerName },
  { header: '合同编号', width: 18, value: (r) => r.contractNumber },
  { header: '摘要', width: 36, value: (r) => r.description },
  { header: '借方（应收）', width: 16, money: true, value: (r) => r.debit },
  { header: '贷方（收款）', width: 16, money: true, value: (r) => r.credit },
  { header: '客户余额', width: 16, money: true, value: (r) => r.customerBalance },
  { header: '合同余额', width: 16, money: true, value: (r) => r.contractBalance },
];

/**
 * 销售台账 (SAL-6.5). Entries are only ever inserted (a trigger refuses UPDATE and DELETE); balances
 * are sums in SQL, never stored, so a balance always equals the sum of its entries.
 */
@Injectable()
export class LedgerService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectReadDataSource() private readonly reader: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async append(m: EntityManager, e: NewLedgerEntry): Promise<void> {
    await m.query(
      `INSERT INTO ledger_entries (customer_id, contract_id, payment_id, owner_id, department, kind, debit, credit, description, occurred_at, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [e.customerId, e.contractId, e.paymentId ?? null, e.ownerId, e.department, e.kind, e.debit ?? '0', e.credit ?? '0', e.description, e.occurredAt, e.recordedBy],
    );
  }

  /**
   * Entries the caller may see under receivable.read, with running balances computed over the whole
   * visible history (a `from` filter does not restart the balance), one page at a time.
   */
  async list(actor: Actor, q: LedgerQuery): Promise<Page<LedgerLine>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const { sql, params, countSql } = this.query(actor, q);
    const cap = listCountCap(this.ds);
    const rows = await this.ds.query(
      `SELECT x.*, ${cappedCountSql(countSql, cap)} AS ${CAPPED_COUNT_COLUMN} FROM (${sql}) x ORDER BY x.seq LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    const capped = rows.length ? Number(rows[0][CAPPED_COUNT_COLUMN]) : null;
    const { total, totalExact } = await listTotal(this.ds, { sql: countSql, params }, { page, pageSize, rows: rows.length, capped }, cap);
    return { items: rows.map(toLine), total, totalExact, page, pageSize };
  }

  /** The same rows and columns as CSV (Chinese headers, a BOM). */
  async exportCsv(actor: Actor, q: LedgerQuery): Promise<string> {
    const rows = await this.exportRows(actor, q);
    return toCsv(
      EXPORT_COLUMNS.map((c) => c.header),
      rows.map((r) => EXPORT_COLUMNS.map((c) => c.value(r))),
    );
  }

  /** The same rows and columns as an Excel workbook (sheet 销售台账), money as numbers. */
  async exportXlsx(actor: Actor, q: LedgerQuery): Promise<Buffer> {
    const rows = await this.exportRows(actor, q);
    return writeXlsx({
      name: '销售台账',
      columns: EXPORT_COLUMNS.map(({ header, width, money }) => ({ header, width, format: money ? 'money' : undefined })),
      rows: rows.map((r) => EXPORT_COLUMNS.map((c) => (c.header === '序号' ? Number(r.seq) : c.value(r)))),
    });
  }

  private async exportRows(actor: Actor, q: LedgerQuery): Promise<LedgerLine[]> {
    const { sql, params } = this.query(actor, q);
    return (await this.reader.query(`${sql} ORDER BY seq LIMIT ${LEDGER_EXPORT_LIMIT}`, params)).map(toLine);
  }

  /** Σ(debit − credit) of the entries the caller may see for a customer. */
  async balance(actor: Actor, customerId: string): Promise<string> {
    const scope = scopeCondition(actor, 'receivable.read', { owner: 'e.owner_id', department: 'e.department' });
    const params: unknown[] = [customerId];
    const where = positionalScope(scope, params);
    const [{ balance }] = await this.ds.query(
      `SELECT COALESCE(SUM(e.debit - e.credit), 0)::numeric(14,2)::text AS balance FROM ledger_entries e WHERE e.customer_id = $1 AND ${where}`,
      params,
    );
    return balance;
  }

  /** The lines' SQL (balances included) and, for the total, the same rows without the window sums. */
  private query(actor: Actor, q: LedgerQuery): { sql: string; params: unknown[]; countSql: string } {
    const scope = scopeCondition(actor, 'receivable.read', { owner: 'e.owner_id', department: 'e.department' });
    const params: unknown[] = [];
    const inner: string[] = [positionalScope(scope, params)];
    if (q.customerId) inner.push(`e.customer_id = $${params.push(q.customerId)}`);
    if (q.contractId) inner.push(`e.contract_id = $${params.push(q.contractId)}`);
    const outer: string[] = ['TRUE'];
    if (q.from) outer.push(`occurred_at >= $${params.push(toInstant(q.from, this.config.businessTz))}`);
    if (q.to) outer.push(`occurred_at < $${params.push(toInstant(q.to, this.config.businessTz))}`);
    const joins = `FROM ledger_entries e
        JOIN customers cu ON cu.id = e.customer_id
        JOIN contracts k ON k.id = e.contract_id`;
    const sql = `SELECT * FROM (
        SELECT e.id, e.seq, e.occurred_at, e.kind, e.customer_id, cu.name AS customer_name, e.contract_id, k.number AS contract_number,
               e.payment_id, e.description, e.debit, e.credit,
               SUM(e.debit - e.credit) OVER (PARTITION BY e.customer_id ORDER BY e.seq) AS customer_balance,
               SUM(e.debit - e.credit) OVER (PARTITION BY e.contract_id ORDER BY e.seq) AS contract_balance
        ${joins}
        WHERE ${inner.join(' AND ')}
      ) l WHERE ${outer.join(' AND ')}`;
    const countSql = `SELECT 1 ${joins} WHERE ${[...inner, ...outer.map((c) => c.replace(/^occurred_at/, 'e.occurred_at'))].join(' AND ')}`;
    return { sql, params, countSql };
  }
}

function toLine(r: Record<string, any>): LedgerLine {
  return {
    id: r.id,
    seq: String(r.seq),
    occurredAt: new Date(r.occurred_at).toISOString(),
    kind: r.kind,
    customerId: r.customer_id,
    customerName: r.customer_name,
    contractId: r.contract_id,
    contractNumber: r.contract_number,
    paymentId: r.payment_id,
    description: r.description,
    debit: r.debit,
    credit: r.credit,
    customerBalance: fixed2(r.customer_balance),
    contractBalance: fixed2(r.contract_balance),
  };
}

/** numeric → "x.xx" without going through a float. */
function fixed2(v: string): string {
  const [i, f = ''] = String(v).split('.');
  return `${i}.${(f + '00').slice(0, 2)}`;
}
