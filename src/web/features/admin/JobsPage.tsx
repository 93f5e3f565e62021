import { PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { Action } from '../../components/Action';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReadableTag } from '../../components/ReadableTag';
import { dayjs, formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useJobs, type Job } from './api';
import { describeCron } from './cron';
import { JobRunModal } from './JobRunModal';
import { JobSummary, RunError, RunStatusTag } from './JobParts';
import { JOB_TITLES, TRIGGER } from './vocab';

function duration(from: string, to: string | null): string {
  if (!to) return '';
  const ms = dayjs(to).diff(dayjs(from));
  return ms < 1000 ? `${ms} 毫秒` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} 秒` : `${Math.round(ms / 60_000)} 分钟`;
}

function LastRun({ job }: { job: Job }) {
  const r = job.lastRun;
  if (!r) return <span>从未运行</span>;
  return (
    <div data-testid="last-run">
      <Space wrap size={4}>
        <RunStatusTag status={r.status} />
        <span>基准日期 {r.asOf}</span>
        <ReadableTag>{TRIGGER[r.trigger] ?? r.trigger}</ReadableTag>
      </Space>
      <div style={{ color: '#595959', fontSize: 13, marginTop: 4 }}>
        开始 {formatDateTime(r.startedAt)}
        {r.finishedAt ? ` · 结束 ${formatDateTime(r.finishedAt)}（用时 ${duration(r.startedAt, r.finishedAt)}）` : ' · 尚未结束'}
        {r.slot !== r.asOf && ` · 时段 ${r.slot}`}
      </div>
      {r.status === 'succeeded' && <JobSummary summary={r.summary} />}
      {r.status === 'failed' && r.error && <RunError error={r.error} />}
    </div>
  );
}

/** 定时任务: each job, its schedule in words, its last run and outcome, and 立即运行 as of a date. */
export default function JobsPage() {
  const jobs = useJobs();
  const isPhone = useIsPhone();
  const [running, setRunning] = useState<Job | null>(null);
  const data = jobs.data;

  return (
    <>
      <PageHeader
        title="定时任务"
        subTitle={data && `时区 ${data.timeZone} · 本实例${data.schedulerEnabled ? '按计划自动运行任务' : '不自动运行任务（仅可手动运行）'}`}
        extra={<Button aria-label="刷新" size={isPhone ? 'large' : 'middle'} icon={<ReloadOutlined />} onClick={() => void jobs.refetch()} />}
      />
      <ProblemAlert error={jobs.error} />
      {jobs.isPending ? (
        <Skeleton active />
      ) : !data?.items.length ? (
        <Empty description="没有定时任务" />
      ) : (
        <Row gutter={[16, 16]}>
          {data.items.map((job) => (
            <Col key={job.name} xs={24} xl={12}>
              <Card
                data-testid={`job-${job.name}`}
                size="small"
                title={
                  <span>
                    {JOB_TITLES[job.name] ?? job.name} <code style={{ fontSize: 12, fontWeight: 400, color: '#595959' }}>{job.name}</code>
                  </span>
                }
                extra={
                  <Action permission="job.run" size={isPhone ? 'large' : 'middle'} icon={<PlayCircleOutlined aria-hidden />} onClick={() => setRunning(job)} aria-label={`立即运行 ${JOB_TITLES[job.name] ?? job.name}`}>
                    立即运行
                  </Action>
                }
                style={{ height: '100%' }}
              >
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    { key: 'd', label: '说明', children: job.description },
                    { key: 's', label: '执行计划', children: <span title={job.schedule}>{describeCron(job.schedule)}</span> },
                    { key: 'l', label: '上次运行', children: <LastRun job={job} /> },
                  ]}
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <JobRunModal job={running} onClose={() => setRunning(null)} />
    </>
  );
}
