import { Card, Empty, Radio, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReadableTag } from '../../components/ReadableTag';
import { useSession } from '../../lib/session';
import { useImportRows, type ImportJob, type ImportKind, type ImportRow, type ImportRowStatus } from './api';
import { DUPLICATE_ENTITY, KINDS, ROW_STATUS } from './vocab';

/** What became of a row, in words: its errors by column, what it duplicates, or the record it made. */
function RowDetail({ kind, row }: { kind: ImportKind; row: ImportRow }) {
  const { can } = useSession();
  const info = KINDS[kind];
  if (row.status === 'error') {
    return (
      <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="import-row-errors">
        {row.errors.map((e) => (
          <li key={`${e.field}:${e.message}`}>{e.message}</li>
        ))}
      </ul>
    );
  }
  if (row.status === 'duplicate' && row.duplicateOf) {
    const d = row.duplicateOf;
    if (d.row !== null) return <span>与文件第 {d.row} 行重复（{d.column}相同）</span>;
    const entity = d.entity ?? 'customer';
    const readable = entity === 'customer' ? can('customer.read') : can('prospect.read');
    const to = entity === 'customer' ? `/customers/${d.id}` : `/prospects/${d.id}`;
    return (
      <span>
        与已登记的{DUPLICATE_ENTITY[entity]}重复（{d.column}相同）
        {readable && d.id && (
          <>
            {' '}
            <Link to={to}>查看</Link>
          </>
        )}
      </span>
    );
  }
  if (row.status === 'created' && row.recordId) {
    return (
      <span>
        已建立 <Link to={info.record(row.recordId)}>查看{info.label}</Link>
      </span>
    );
  }
  return <span>将建立新{info.label}</span>;
}

const FILTERS = (job: ImportJob): Array<{ value: string; label: string }> => [
  { value: '', label: `全部 ${job.processedRows}` },
  job.dryRun ? { value: 'create', label: `可导入 ${job.totals.create}` } : { value: 'created', label: `已导入 ${job.totals.created}` },
  { value: 'duplicate', label: `重复 ${job.totals.duplicate}` },
  { value: 'error', label: `有错误 ${job.totals.error}` },
];

/** The row results of an import: paged and filtered by status, both in the URL. */
export function ImportRows({ job, params, update }: { job: ImportJob; params: Record<string, string>; update: (p: Record<string, string | undefined>, resetPage?: boolean) => void }) {
  const kind = job.kind;
  const info = KINDS[kind];
  const rows = useImportRows(kind, job.id, params, job.status !== 'running');
  const page = Number(params.page) || 1;
  const pageSize = Number(params.pageSize) || 20;
  const columns: ColumnsType<ImportRow> = [
    { title: '行号', dataIndex: 'row', width: 88, render: (v: number) => <span style={{ whiteSpace: 'nowrap' }}>第 {v} 行</span> },
    {
      title: '结果',
      dataIndex: 'status',
      width: 88,
      render: (v: ImportRowStatus) => <ReadableTag tone={ROW_STATUS[v].tone}>{ROW_STATUS[v].label}</ReadableTag>,
    },
    { title: info.nameColumn, key: 'name', render: (_, r) => r.values[info.nameField] ?? <span style={{ color: 'rgba(0,0,0,0.65)' }}>（空）</span> },
    { title: '联系人', key: 'contactName', width: 96, render: (_, r) => r.values.contactName ?? '' },
    { title: '联系电话', key: 'contactPhone', width: 168, render: (_, r) => r.values.contactPhone ?? '' },
    { title: '说明', key: 'detail', render: (_, r) => <RowDetail kind={kind} row={r} /> },
  ];
  return (
    <Card size="small" title="逐行结果">
      <Radio.Group
        aria-label="按结果筛选"
        optionType="button"
        value={params.status ?? ''}
        options={FILTERS(job)}
        onChange={(e) => update({ status: e.target.value || undefined })}
        style={{ marginBottom: 12, display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
      />
      <ProblemAlert error={rows.error} />
      <Table<ImportRow>
        size="small"
        rowKey="row"
        columns={columns}
        dataSource={rows.data?.items ?? []}
        loading={rows.isFetching && !rows.data}
        scroll={{ x: 760 }}
        locale={{ emptyText: <Empty description={params.status ? '没有这种结果的行' : '暂无结果'} /> }}
        onRow={(r) => ({ 'data-testid': 'import-row', 'data-row': r.row, 'data-status': r.status }) as HTMLAttributes<HTMLElement>}
        pagination={{
          current: page,
          pageSize,
          total: rows.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (t) => `共 ${t} 行`,
          onChange: (p, s) => update({ page: String(p), pageSize: String(s) }, false),
        }}
      />
    </Card>
  );
}
