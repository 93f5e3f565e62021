import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import type { CreateCustomerDto } from '../customers/dto/customer.dto';
import { CustomersService } from '../customers/customers.service';
import { DuplicatesService } from '../parties/duplicates.service';
import type { CreateProspectDto } from '../prospects/dto/prospect.dto';
import { ProspectsService } from '../prospects/prospects.service';
import type { ImportRowStatus } from './dto/import.dto';
import type { ParsedRow } from './import-file';
import type { ImportKind } from './import-kinds';
import { checkRow, CreateBody, decideRow, FileKeys, ImportDuplicateOf, ImportRowError, RowCheck } from './import-rules';

/** Rows per batch: one transaction each, and one step of the progress the console shows. */
export const IMPORT_BATCH_ROWS = 250;

export interface ImportJob {
  id: string;
  kind: ImportKind;
  dryRun: boolean;
  actor: Actor;
  rows: ParsedRow[];
}

interface RowResult {
  row: number;
  status: ImportRowStatus;
  values: Record<string, string | null>;
  errors: ImportRowError[] | null;
  duplicateOf: ImportDuplicateOf | null;
  recordId: string | null;
}

class Interrupted extends Error {}

/**
 * Works through an import after the upload has been answered (202): batch by batch, each in one
 * transaction that writes the batch's row results, its progress and — in a commit — its new
 * records with their audit rows, so a batch is either wholly there or not at all. A failure marks
 * the import failed with a Chinese message; what earlier batches did stays, and says so.
 */
@Injectable()
export class ImportRunner implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Imports');
  private readonly running = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly duplicates: DuplicatesService,
    private readonly customers: CustomersService,
    private readonly prospects: ProspectsService,
  ) {}

  /** Starts the work in the background; the returned promise is for tests and shutdown only. */
  launch(job: ImportJob): Promise<void> {
    const p = this.run(job).finally(() => this.running.delete(p));
    this.running.add(p);
    return p;
  }

  /** On shutdown the imports in progress stop after their current batch and are marked failed. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.running]);
  }

  private async run(job: ImportJob): Promise<void> {
    const file = new FileKeys();
    let done = 0;
    try {
      for (let i = 0; i < job.rows.length; i += IMPORT_BATCH_ROWS) {
        if (this.stopping) throw new Interrupted();
        const batch = job.rows.slice(i, i + IMPORT_BATCH_ROWS);
        const checks = await Promise.all(batch.map((r) => checkRow(job.kind, r.values, r.cellErrors)));
        await this.ds.transaction((m) => this.batch(m, job, batch, checks, file));
        done += batch.length;
      }
      await this.finish(job, 'completed', null);
    } catch (err) {
      const from = job.rows[done]?.row;
      const message =
        err instanceof Interrupted
          ? `服务停止，导入在第 ${from} 行前中断；此前已处理的 ${done} 行结果已保存。请重新${job.dryRun ? '检查' : '导入'}该文件（已导入的行会作为重复跳过）。`
          : `处理第 ${from} 行起的一批数据时出错，该批已整体撤销，没有留下半批数据；此前已处理的 ${done} 行结果已保存。请稍后重新${job.dryRun ? '检查' : '导入'}该文件（已导入的行会作为重复跳过）。`;
      if (!(err instanceof Interrupted)) this.logger.error(`import ${job.id} failed at row ${from}: ${(err as Error)?.stack ?? String(err)}`);
      await this.finish(job, 'failed', message).catch((e: unknown) => this.logger.error(`import ${job.id}: could not record the failure: ${String(e)}`));
    }
  }

  private async batch(m: EntityManager, job: ImportJob, batch: ParsedRow[], checks: RowCheck[], file: FileKeys): Promise<void> {
    const identities = checks.flatMap((c) => (c.ok ? [c.identity] : []));
    // a commit holds the keys it checks until it has created the rows: the locks a single create takes
    if (!job.dryRun) await this.duplicates.lockKeys(m, identities);
    const found = await this.duplicates.findMany(m, identities);
    let k = 0;
    const results: RowResult[] = [];
    const creates: Array<{ result: RowResult; body: CreateBody }> = [];
    for (let i = 0; i < batch.length; i++) {
      const existing = checks[i].ok ? found[k++] : [];
      const outcome = decideRow(job.kind, batch[i].row, checks[i], existing, file);
      const result: RowResult = { row: batch[i].row, status: 'create', values: batch[i].values, errors: null, duplicateOf: null, recordId: null };
      if (outcome.status === 'error') Object.assign(result, { status: 'error', errors: outcome.errors });
      else if (outcome.status === 'duplicate') Object.assign(result, { status: 'duplicate', duplicateOf: outcome.duplicateOf });
      else if (!job.dryRun) creates.push({ result, body: outcome.body });
      results.push(result);
    }
    const ids = await this.insert(m, job, creates.map((c) => c.body));
    creates.forEach((c, i) => Object.assign(c.result, { status: 'created', recordId: ids[i] }));
    await this.saveResults(m, job.id, results);
  }

  /**
   * The batch's new records through the kind's own service: the same owner (the importer),
   * department and audit row per record as its create endpoint; their ids in order.
   */
  private async insert(m: EntityManager, job: ImportJob, bodies: CreateBody[]): Promise<string[]> {
    if (!bodies.length) return [];
    const { actor } = job;
    if (job.kind === 'customers') {
      const list = (bodies as CreateCustomerDto[]).map((c) => ({ ...c, uscc: c.uscc ?? null, ownerId: actor.id, department: actor.department }));
      return (await this.customers.insertMany(m, actor, list, 'customer.import')).map((c) => c.id);
    }
    return (await this.prospects.insertMany(m, actor, bodies as CreateProspectDto[], 'prospect.import')).map((p) => p.id);
  }

  private async saveResults(m: EntityManager, importId: string, results: RowResult[]): Promise<void> {
    const params: unknown[] = [importId];
    const tuples = results.map((r) => {
      params.push(r.row, r.status, JSON.stringify(r.values), r.errors ? JSON.stringify(r.errors) : null, r.duplicateOf ? JSON.stringify(r.duplicateOf) : null, r.recordId);
      const n = params.length;
      return `($1, $${n - 5}, $${n - 4}, $${n - 3}::jsonb, $${n - 2}::jsonb, $${n - 1}::jsonb, $${n}::uuid)`;
    });
    await m.query(`INSERT INTO import_rows (import_id, row_no, status, "values", errors, duplicate_of, record_id) VALUES ${tuples.join(', ')}`, params);
    const count = (s: ImportRowStatus) => results.filter((r) => r.status === s).length;
    await m.query(
      `UPDATE imports SET processed_rows = processed_rows + $2, create_count = create_count + $3, created_count = created_count + $4,
         duplicate_count = duplicate_count + $5, error_count = error_count + $6, updated_at = now()
       WHERE id = $1`,
      [importId, results.length, count('create'), count('created'), count('duplicate'), count('error')],
    );
  }

  private async finish(job: ImportJob, status: 'completed' | 'failed', message: string | null): Promise<void> {
    await this.ds.transaction(async (m) => {
      // node-postgres through TypeORM answers an UPDATE with [rows, affected count]
      const [rows]: [Array<Record<string, unknown>>, number] = await m.query(
        `UPDATE imports SET status = $2, message = $3, finished_at = now(), updated_at = now() WHERE id = $1 AND status = 'running'
         RETURNING processed_rows, create_count, created_count, duplicate_count, error_count`,
        [job.id, status, message],
      );
      if (!rows[0]) return;
      const r = rows[0];
      await this.audit.record(m, job.actor, {
        action: job.dryRun ? 'import.dry-run.finish' : 'import.finish',
        entity: 'import',
        entityId: job.id,
        after: {
          kind: job.kind,
          status,
          message,
          processedRows: r.processed_rows,
          totals: { create: r.create_count, created: r.created_count, duplicate: r.duplicate_count, error: r.error_count },
        },
      });
    });
  }
}
