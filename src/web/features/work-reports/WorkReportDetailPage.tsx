import { Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ErrorResult';
import { ReadableTag } from '../../components/ReadableTag';
import { RecordPage, Section } from '../../components/RecordPage';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { ActivitySummary } from './ActivitySummary';
import { useDirectory, useReviewWorkReport, useWorkReport, type WorkReport } from './api';
import { periodTitle, REPORT_STATUS } from './vocab';

const Text = ({ value }: { value: string | null }) =>
  value ? <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{value}</div> : <Typography.Text type="secondary">未填写</Typography.Text>;

/** 审阅: a supervisor's or manager's comment on a report of their team or department. */
function ReviewForm({ report }: { report: WorkReport }) {
  const review = useReviewWorkReport(report.id);
  const isPhone = useIsPhone();
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <ProblemAlert error={error} />
      <Form<{ comment: string }>
        layout="vertical"
        onFinish={(v) => {
          setError(null);
          review.mutateAsync(v.comment.trim()).catch(setError);
        }}
      >
        <Form.Item name="comment" label="审阅意见" rules={[{ required: true, whitespace: true, message: '请填写审阅意见' }, { max: 2000, message: '最多 2000 字' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Action permission="workreport.review" type="primary" htmlType="submit" size="large" block={isPhone} loading={review.isPending}>
          提交审阅
        </Action>
      </Form>
    </>
  );
}

/** 工作报告: the text as submitted, the period's activity, and the review or "待审阅". */
export default function WorkReportDetailPage() {
  const { id = '' } = useParams();
  const q = useWorkReport(id);
  const session = useSession();
  const dir = useDirectory();
  const r = q.data;
  const reviewer = r?.reviewerId ? (dir.data?.find((u) => u.id === r.reviewerId)?.displayName ?? '—') : null;
  const mayReview = !!r && r.status === 'submitted' && session.can('workreport.review') && r.ownerId !== session.me.user.id;
  return (
    <RecordPage
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      title={r && periodTitle(r)}
      tags={r && <ReadableTag tone={REPORT_STATUS[r.status].tone}>{REPORT_STATUS[r.status].label}</ReadableTag>}
      fields={
        r && [
          { label: '填报人', value: r.ownerName },
          { label: '提交时间', value: formatDateTime(r.createdAt) },
        ]
      }
    >
      {r && (
        <>
          <Section title="工作总结">
            <Text value={r.summary} />
          </Section>
          <Section title="下期计划">
            <Text value={r.plan} />
          </Section>
          <Section title="问题与建议">
            <Text value={r.issues} />
          </Section>
          <Section title="本期活动">
            <ActivitySummary activity={r.activity} />
          </Section>
          <Section title="审阅">
            {r.status === 'reviewed' ? (
              <div data-testid="review">
                <Text value={r.reviewComment} />
                <Typography.Text type="secondary">
                  {reviewer} 审阅于 {formatDateTime(r.reviewedAt)}
                </Typography.Text>
              </div>
            ) : mayReview ? (
              <ReviewForm report={r} />
            ) : (
              <Typography.Text type="secondary" data-testid="review">
                待审阅
              </Typography.Text>
            )}
          </Section>
        </>
      )}
    </RecordPage>
  );
}
