import { Alert, DatePicker, Form, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { ProblemAlert } from '../../components/ProblemAlert';
import { dayjs, todayInBusinessTz } from '../../lib/format';
import { useRunJob, type Job, type RunOutcome } from './api';
import { JobSummary } from './JobParts';
import { JOB_TITLES, SKIP_REASON } from './vocab';

function Outcome({ outcome }: { outcome: RunOutcome }) {
  const at = `基准日期 ${outcome.asOf}，时段 ${outcome.slot}`;
  if (outcome.status === 'succeeded')
    return <Alert data-testid="run-outcome" type="success" showIcon title="运行成功" description={<>{at}<JobSummary summary={outcome.summary} /></>} />;
  if (outcome.status === 'skipped')
    return <Alert data-testid="run-outcome" type="warning" showIcon title="未运行（已跳过）" description={`${at}：${SKIP_REASON[outcome.reason ?? ''] ?? outcome.reason ?? ''}`} />;
  return <Alert data-testid="run-outcome" type="error" showIcon title="运行失败" description={`${at}：${outcome.error ?? '任务执行失败'}`} />;
}

/** 立即运行: as of a business date (基准日期, default today); the outcome is shown when it returns. */
export function JobRunModal({ job, onClose }: { job: Job | null; onClose: () => void }) {
  const run = useRunJob();
  const [form] = Form.useForm<{ asOf: Dayjs }>();
  const done = run.data && run.variables?.name === job?.name ? run.data : undefined;

  const submit = async () => {
    if (done) return close();
    const { asOf } = await form.validateFields();
    run.mutate({ name: job!.name, asOf: asOf.format('YYYY-MM-DD') });
  };
  const close = () => {
    if (run.isPending) return;
    run.reset();
    onClose();
  };

  return (
    <Modal
      open={!!job}
      title={job ? `立即运行：${JOB_TITLES[job.name] ?? job.name}` : '立即运行'}
      okText={done ? '关闭' : run.isPending ? '正在运行…' : '运行'}
      cancelText="取消"
      cancelButtonProps={{ style: done ? { display: 'none' } : undefined, disabled: run.isPending }}
      confirmLoading={run.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={close}
      closable={!run.isPending}
      maskClosable={!run.isPending}
      destroyOnHidden
    >
      <ProblemAlert error={run.error} />
      <Form form={form} layout="vertical" preserve={false} initialValues={{ asOf: dayjs(todayInBusinessTz()) }} disabled={run.isPending || !!done}>
        <p style={{ marginTop: 0 }}>{job?.description}</p>
        <Form.Item name="asOf" label="基准日期" extra="按这一天（业务时区的日历日）运行；每个时段只运行一次，已运行过的时段会被跳过" rules={[{ required: true, message: '请选择基准日期' }]}>
          <DatePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
      </Form>
      {run.isPending && <Alert type="info" showIcon title="任务正在运行，请稍候…" />}
      {done && <Outcome outcome={done} />}
    </Modal>
  );
}
