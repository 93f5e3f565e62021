import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { positionalScope, scopeCondition } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { AppError, CommonErrors } from '../common/app-error';
import type { Page } from '../common/pagination';
import type { ImportDto, ImportRowDto, ImportRowsQueryDto, ImportRowStatus, ImportStatus, StartImportQueryDto } from './dto/import.dto';
import { readImportFile } from './import-file';
import { IMPORT_KIND_INFO, ImportKind } from './import-kinds';
import { ImportRunner } from './import-runner';
import { ImportsErrors } from './imports.errors';

/** A running import whose last batch is older than this has stopped (its process ended): it is reported as failed. */
const STALE_AFTER_SECONDS = 120;

interface ImportRow {
  id: string;
  kind: ImportKind;
  dry_run: boolean;
  status: ImportStatus;
  file_name: string | null;
  total_rows: number;
  processed_rows: number;
  create_count: number;
  created_count: number;
  duplicate_count: number;
  error_count: number;
  ignored_columns: string[];
  message: string | null;
  owner_id: string;
  created_at: Date;
  finished_at: Date | null;
}

const toDto = (r: ImportRow): ImportDto => ({
  id: r.id,
  kind: r.kind,
  dryRun: r.dry_run,
  status: r.status,
  fileName: r.file_name,
  totalRows: r.total_rows,
  processedRows: r.processed_rows,
  totals: { create: r.create_count, created: r.created_count, duplicate: r.duplicate_count, error: r.error_count },
  ignoredColumns: r.ignored_columns,
  message: r.message,
  ownerId: r.owner_id,
  createdAt: r.created_at.toISOString(),
  finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
});

const STALE_MESSAGE = '导入中断：处理进程已停止（例如服务重启）。已完成的批次结果已保存；请重新导入该文件，已导入的行会作为重复跳过。';

/**
 * Imports of customers (客户档案, SAL-6.3) and prospects (潜在客户登记备案) from Excel. The upload is
 * read and checked at once (file, header, row count); the rows are then worked through in the
 * background (ImportRunner) while the console polls the import for its progress.
 */
@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly runner: ImportRunner,
  ) {}

  async start(actor: Actor, kind: ImportKind, query: StartImportQueryDto, body: unknown): Promise<ImportDto> {
    if (!Buffer.isBuffer(body)) throw ImportsErrors.notXlsx();
    if (body.length === 0) throw ImportsErrors.badFile('上传的文件是空的');
    const dryRun = query.dryRun !== 'false';
    const busy = await this.ds.query(
      `SELECT id FROM imports WHERE owner_id = $1 AND status = 'running' AND updated_at > now() - make_interval(secs => $2) LIMIT 1`,
      [actor.id, STALE_AFTER_SECONDS],
    );
    if (busy[0]) throw new AppError(409, 'IMPORT_IN_PROGRESS', '导入进行中', '您的上一个导入还在处理中，请等它完成后再开始新的导入', { importId: busy[0].id });

    const file = await readImportFile(kind, body);
    const sha = createHash('sha256').update(body).digest('hex');
    const row = await this.ds.transaction(async (m) => {
      const [r]: ImportRow[] = await m.query(
        `INSERT INTO imports (kind, dry_run, status, file_name, file_sha256, ignored_columns, total_rows, owner_id, department)
         VALUES ($1, $2, 'running', $3, $4, $5::jsonb, $6, $7, $8) RETURNING *`,
        [kind, dryRun, query.fileName?.trim() || null, sha, JSON.stringify(file.ignoredColumns), file.rows.length, actor.id, actor.department],
      );
      await this.audit.record(m, actor, {
        action: dryRun ? 'import.dry-run' : 'import.commit',
        entity: 'import',
        entityId: r.id,
        after: { kind, dryRun, fileName: r.file_name, fileSha256: sha, totalRows: r.total_rows },
      });
      return r;
    });
    void this.runner.launch({ id: row.id, kind, dryRun, actor, rows: file.rows });
    return toDto(row);
  }

  /** An import of the kind inside the caller's scope of the kind's create permission (the importer's own, for `own`), or 404. */
  private async find(actor: Actor, kind: ImportKind, id: string): Promise<ImportRow> {
    const params: unknown[] = [id, kind];
    const scope = positionalScope(scopeCondition(actor, IMPORT_KIND_INFO[kind].permission, { owner: 'i.owner_id', department: 'i.department' }), params);
    const rows: ImportRow[] = await this.ds.query(`SELECT i.* FROM imports i WHERE i.id = $1 AND i.kind = $2 AND ${scope}`, params);
    if (!rows[0]) throw CommonErrors.notFound('导入记录');
    return rows[0];
  }

  async get(actor: Actor, kind: ImportKind, id: string): Promise<ImportDto> {
    const found = await this.find(actor, kind, id);
    if (found.status === 'running') {
      // a run whose process ended (restart, crash) is never left "running" for ever
      // node-postgres through TypeORM answers an UPDATE with [rows, affected count]
      const [[stale]]: [ImportRow[], number] = await this.ds.query(
        `UPDATE imports SET status = 'failed', message = $2, finished_at = now(), updated_at = now()
         WHERE id = $1 AND status = 'running' AND updated_at < now() - make_interval(secs => $3) RETURNING *`,
        [id, STALE_MESSAGE, STALE_AFTER_SECONDS],
      );
      if (stale) return toDto(stale);
    }
    return toDto(found);
  }

  async rows(actor: Actor, kind: ImportKind, id: string, query: ImportRowsQueryDto): Promise<Page<ImportRowDto>> {
    await this.find(actor, kind, id);
    const sort = query.sort ?? 'row';
    if (sort !== 'row' && sort !== '-row') throw CommonErrors.validation([{ field: 'sort', message: '不能按该字段排序，可选: row' }]);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const params: unknown[] = [id, query.status ?? null];
    const where = `import_id = $1 AND ($2::text IS NULL OR status = $2)`;
    const [{ n }]: { n: number }[] = await this.ds.query(`SELECT count(*)::int AS n FROM import_rows WHERE ${where}`, params);
    const items: Array<{ row_no: number; status: ImportRowStatus; values: ImportRowDto['values']; errors: ImportRowDto['errors'] | null; duplicate_of: ImportRowDto['duplicateOf']; record_id: string | null }> =
      await this.ds.query(
        `SELECT row_no, status, "values", errors, duplicate_of, record_id FROM import_rows WHERE ${where}
         ORDER BY row_no ${sort === '-row' ? 'DESC' : 'ASC'} OFFSET $3 LIMIT $4`,
        [...params, (page - 1) * pageSize, pageSize],
      );
    return {
      items: items.map((r) => ({ row: r.row_no, status: r.status, values: r.values, errors: r.errors ?? [], duplicateOf: r.duplicate_of, recordId: r.record_id })),
      total: n,
      totalExact: true,
      page,
      pageSize,
    };
  }
}
