import { CheckCircleOutlined, DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Result, Segmented, Spin, Steps } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Action } from '../../components/Action';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useUrlParams } from '../../components/url-state';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { downloadTemplate, useImportJob, useStartImport, type ImportJob, type ImportKind } from './api';
import { FilePicker, fileProblem } from './FilePicker';
import { ImportRows } from './ImportRows';
import { ImportSummary } from './ImportSummary';
import { KINDS } from './vocab';

const ALL_KINDS: ImportKind[] = ['customers', 'prospects'];

/** After a dry run with rows to create: what 确认导入 will do, and the button (under the text on a phone). */
function ConfirmImport({ job, hasFile, action }: { job: ImportJob; hasFile: boolean; action: ReactNode }) {
  const isPhone = useIsPhone();
  const title = `检查完成：可导入 ${job.totals.create} 行；重复 ${job.totals.duplicate} 行、有错误 ${job.totals.error} 行不会导入。`;
  const text = hasFile ? '确认后按同一文件正式导入，每 250 行一批提交；导入期间可以看到进度。' : '请重新选择刚才检查的文件，再确认导入。';
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={title}
      description={
        isPhone ? (
          <>
            <div style={{ marginBottom: 12 }}>{text}</div>
            {action}
          </>
        ) : (
          text
        )
      }
      action={isPhone ? undefined : action}
    />
  );
}

/** Where the journey stands: 选择文件 → 检查 → 确认导入 → 完成. */
function step(file: File | null, job: ImportJob | undefined): number {
  if (!job) return file ? 1 : 0;
  if (job.dryRun) return job.status === 'running' ? 1 : 2;
  return job.status === 'running' ? 2 : 3;
}

/**
 * 导入客户 / 导入潜在客户 (客户档案 SAL-6.3; 潜在客户登记备案 MKT-6.2): pick an .xlsx file, check it
 * (a dry run: row by row, what would be created, what duplicates what, which cells are wrong), then
 * 确认导入 — the same file, committed in batches — and the result. The import shown, its filter and
 * page are in the URL; the chosen file stays in the page through failed requests.
 */
export default function ImportPage() {
  const session = useSession();
  const isPhone = useIsPhone();
  const { params, update } = useUrlParams();
  const kinds = ALL_KINDS.filter((k) => session.can(KINDS[k].permission));
  const kind: ImportKind | undefined = kinds.find((k) => k === params.kind) ?? kinds[0];
  const [file, setFile] = useState<File | null>(null);
  const [templateError, setTemplateError] = useState<unknown>(null);
  const start = useStartImport(kind ?? 'customers');
  const job = useImportJob(kind ?? 'customers', kind ? params.id : undefined);

  if (!kind) {
    return <Result status="403" title="无权导入" subTitle="导入客户需要「建立客户档案」权限（SAL-6.3），导入潜在客户需要「潜在客户登记备案」权限（MKT-6.2 等）。" />;
  }
  const info = KINDS[kind];
  const current = job.data && job.data.kind === kind ? job.data : undefined;
  const running = current?.status === 'running' || start.isPending;
  const blocked = !file || !!fileProblem(file) || running;

  const show = (patch: Record<string, string | undefined>) => update({ id: undefined, status: undefined, page: undefined, ...patch });
  const choose = (f: File | null) => {
    setFile(f);
    start.reset();
    show({});
  };
  const run = (dryRun: boolean) => {
    if (!file) return;
    start.mutate({ file, dryRun }, { onSuccess: (j) => show({ id: j.id }) });
  };
  const getTemplate = () => {
    setTemplateError(null);
    downloadTemplate(kind, info.label).catch(setTemplateError);
  };

  const checked = current?.dryRun && current.status === 'completed';
  const committed = current && !current.dryRun && current.status === 'completed';

  return (
    <>
      <PageHeader
        back
        title={`导入${info.label}`}
        extra={
          <Button icon={<DownloadOutlined />} size={isPhone ? 'large' : 'middle'} onClick={getTemplate}>
            下载模板
          </Button>
        }
      />
      <ProblemAlert error={templateError} />
      {kinds.length > 1 && (
        <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
          <span id="import-kind-label">导入类型</span>
          <Segmented
            aria-labelledby="import-kind-label"
            size={isPhone ? 'large' : 'middle'}
            value={kind}
            options={kinds.map((k) => ({ value: k, label: KINDS[k].label }))}
            onChange={(v) => show({ kind: String(v) })}
            disabled={running}
          />
        </Flex>
      )}
      <Steps
        size="small"
        current={step(file, current)}
        responsive={false}
        titlePlacement={isPhone ? 'vertical' : 'horizontal'}
        style={{ marginBottom: 16 }}
        items={[{ title: '选择文件' }, { title: '检查' }, { title: '确认导入' }, { title: '完成' }]}
      />

      {!committed && (
        <Card size="small" title="选择文件" style={{ marginBottom: 16 }}>
          <FilePicker kind={info} file={file} onChange={choose} disabled={running} />
          <ProblemAlert error={start.error} />
          <Flex gap={8} wrap style={{ marginTop: start.error ? 0 : 16 }}>
            <Action
              permission={info.permission}
              type={checked ? 'default' : 'primary'}
              size={isPhone ? 'large' : 'middle'}
              icon={<SearchOutlined />}
              disabled={blocked}
              loading={start.isPending && start.variables?.dryRun}
              onClick={() => run(true)}
            >
              {checked && file ? '重新检查' : '开始检查'}
            </Action>
            {start.isPending && (
              <Flex align="center" gap={8} role="status">
                <Spin size="small" />
                {start.variables?.dryRun ? '正在上传并读取文件…' : '正在上传文件并开始导入…'}
              </Flex>
            )}
          </Flex>
        </Card>
      )}

      {job.error && <ProblemAlert error={job.error} />}
      {current && <ImportSummary job={current} onPick={(s) => update({ status: s })} />}

      {checked && current.totals.create > 0 && (
        <ConfirmImport
          job={current}
          hasFile={!!file}
          action={
            <Action
              permission={info.permission}
              type="primary"
              size={isPhone ? 'large' : 'middle'}
              icon={<CheckCircleOutlined />}
              disabled={blocked}
              loading={start.isPending && !start.variables?.dryRun}
              onClick={() => run(false)}
            >
              确认导入 {current.totals.create} 行
            </Action>
          }
        />
      )}
      {checked && current.totals.create === 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="import-nothing"
          title="没有可导入的行"
          description="文件中的行都已登记过（重复）或有错误。修改文件后重新选择并检查；同一文件再次导入不会重复建立记录。"
        />
      )}

      {committed && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Result
            status="success"
            title={`已导入 ${current.totals.created} 个${info.label}`}
            subTitle={`重复 ${current.totals.duplicate} 行、有错误 ${current.totals.error} 行未导入。导入的${info.label}归您负责，可在列表中查看。`}
            extra={
              <Flex gap={8} wrap justify="center">
                <Link to={info.list}>
                  <Button type="primary" size={isPhone ? 'large' : 'middle'}>
                    查看{info.label}列表
                  </Button>
                </Link>
                <Button size={isPhone ? 'large' : 'middle'} onClick={() => choose(null)}>
                  继续导入
                </Button>
              </Flex>
            }
          />
        </Card>
      )}

      {current && current.status !== 'running' && current.processedRows > 0 && <ImportRows job={current} params={params} update={update} />}
    </>
  );
}
