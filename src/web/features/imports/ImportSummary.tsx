import { Alert, Card, Flex, Progress, Statistic } from 'antd';
import type { ImportJob, ImportRowStatus } from './api';
import { ROW_STATUS } from './vocab';

/** The progress of a running import (processed of total rows, per batch), then its totals; a failure in words. */
export function ImportSummary({ job, onPick }: { job: ImportJob; onPick: (status: ImportRowStatus) => void }) {
  const running = job.status === 'running';
  const percent = Math.floor((job.processedRows / job.totalRows) * 100);
  const verb = job.dryRun ? '检查' : '导入';
  const first: ImportRowStatus = job.dryRun ? 'create' : 'created';
  const tiles: Array<{ status: ImportRowStatus; value: number; color: string }> = [
    { status: first, value: job.dryRun ? job.totals.create : job.totals.created, color: job.dryRun ? '#135200' : '#003eb3' },
    { status: 'duplicate', value: job.totals.duplicate, color: '#873800' },
    { status: 'error', value: job.totals.error, color: '#a8071a' },
  ];
  return (
    <Card size="small" title={job.dryRun ? '检查结果' : '导入结果'} style={{ marginBottom: 16 }}>
      <div
        data-testid="import-progress"
        data-status={job.status}
        data-dry-run={job.dryRun}
        data-processed={job.processedRows}
        data-total={job.totalRows}
        role="status"
        aria-live="polite"
      >
        <Flex justify="space-between" wrap gap={8}>
          <span>
            {running ? `正在${verb}：` : `已${verb}：`}
            {job.processedRows} / {job.totalRows} 行
            {job.fileName ? `（${job.fileName}）` : ''}
          </span>
          {running && <span style={{ color: 'rgba(0,0,0,0.65)' }}>每批 250 行，逐批提交</span>}
        </Flex>
        <Progress
          percent={percent}
          status={job.status === 'failed' ? 'exception' : running ? 'active' : 'success'}
          aria-label={`${verb}进度`}
          format={(p) => <span style={{ color: 'rgba(0,0,0,0.88)' }}>{p}%</span>}
        />
      </div>
      <Flex gap={12} wrap style={{ marginTop: 8 }} data-testid="import-totals">
        {tiles.map((t) => (
          <button
            key={t.status}
            type="button"
            onClick={() => onPick(t.status)}
            data-testid={`import-total-${t.status}`}
            data-value={t.value}
            style={{ all: 'unset', cursor: 'pointer', minWidth: 96, minHeight: 44, padding: '4px 12px', border: '1px solid #f0f0f0', borderRadius: 8 }}
          >
            <Statistic title={ROW_STATUS[t.status].label} value={t.value} suffix="行" styles={{ content: { color: t.color } }} />
          </button>
        ))}
      </Flex>
      {job.ignoredColumns.length > 0 && (
        <div style={{ marginTop: 8, color: 'rgba(0,0,0,0.65)' }}>表头中这些列不是导入字段，已忽略：{job.ignoredColumns.join('、')}</div>
      )}
      {job.status === 'failed' && <Alert role="alert" type="error" showIcon style={{ marginTop: 12 }} title={`${verb}失败`} description={job.message} />}
    </Card>
  );
}
