import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, download } from '../../lib/api/client';
import { pageQuery } from '../../lib/list-params';
import type { components } from '../../lib/api/schema';

type S = components['schemas'];
export type ImportJob = S['ImportDto'];
export type ImportRow = S['ImportRowDto'];
export type ImportKind = ImportJob['kind'];
export type ImportRowStatus = ImportRow['status'];

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The API's limits (413 IMPORT_FILE_TOO_LARGE past the first), said before uploading. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_ROWS = 5000;
/** How often a running import is asked for its progress. */
const POLL_MS = 400;

export const importKeys = {
  all: ['imports'] as const,
  job: (kind: ImportKind, id: string) => ['imports', kind, id] as const,
  rows: (kind: ImportKind, id: string, p: Record<string, string>) => ['imports', kind, id, 'rows', p] as const,
};

/** Uploads the file: a dry run (试导入, nothing created) or the commit. Answers 202 with the import, then it runs in batches. */
function startImport(kind: ImportKind, file: File, dryRun: boolean): Promise<ImportJob> {
  const opts = {
    params: { query: { dryRun: dryRun ? ('true' as const) : ('false' as const), fileName: file.name.slice(0, 200) } },
    // The document describes the body as a binary string; the browser sends the File's bytes as they are.
    body: file as unknown as string,
    bodySerializer: (body: unknown) => body,
    headers: { 'Content-Type': XLSX_TYPE },
  };
  return call(kind === 'customers' ? api.POST('/api/v1/imports/customers', opts) : api.POST('/api/v1/imports/prospects', opts));
}

export function useStartImport(kind: ImportKind) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => startImport(kind, file, dryRun),
    onSuccess: (job) => qc.setQueryData(importKeys.job(job.kind, job.id), job),
  });
}

/** The import, asked again every POLL_MS while it runs (its progress), then kept. */
export function useImportJob(kind: ImportKind, id: string | undefined) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: importKeys.job(kind, id ?? ''),
    enabled: !!id,
    queryFn: async () => {
      const job = await call(
        kind === 'customers'
          ? api.GET('/api/v1/imports/customers/{id}', { params: { path: { id: id! } } })
          : api.GET('/api/v1/imports/prospects/{id}', { params: { path: { id: id! } } }),
      );
      // a commit that created records changes the lists they are in
      if (job.status !== 'running' && !job.dryRun && job.totals.created > 0) void qc.invalidateQueries({ queryKey: [kind] });
      return job;
    },
    refetchInterval: (q) => (q.state.data?.status === 'running' ? POLL_MS : false),
  });
}

/** A page of the row results, filtered by status (URL parameters `status`, `page`, `pageSize`). */
export function useImportRows(kind: ImportKind, id: string | undefined, p: Record<string, string>, enabled: boolean) {
  return useQuery({
    queryKey: importKeys.rows(kind, id ?? '', p),
    enabled: !!id && enabled,
    placeholderData: keepPreviousData,
    queryFn: () => {
      const query = { ...pageQuery(p), sort: undefined, status: (p.status || undefined) as ImportRowStatus | undefined };
      return call(
        kind === 'customers'
          ? api.GET('/api/v1/imports/customers/{id}/rows', { params: { path: { id: id! }, query } })
          : api.GET('/api/v1/imports/prospects/{id}/rows', { params: { path: { id: id! }, query } }),
      );
    },
  });
}

export function downloadTemplate(kind: ImportKind, label: string): Promise<void> {
  return download(`/api/v1/imports/${kind}/template`, `${label}导入模板.xlsx`);
}
