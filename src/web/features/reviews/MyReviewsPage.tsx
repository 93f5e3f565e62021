import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SimplePager } from '../../components/SimplePager';
import { useUrlParams } from '../../components/url-state';
import { formatDateTime } from '../../lib/format';
import { useMyReviews, type Review } from './api';
import { periodLabel } from './figures';
import { Measured } from './ReviewParts';
import { ReviewStatusTag } from './vocab';

/** One of my reviews as a card: the total first, then each criterion with its figure, score and comment. */
function MyReviewCard({ r }: { r: Review }) {
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="my-review"
      title={<span style={{ whiteSpace: 'normal' }}>{periodLabel(r.period)}</span>}
      extra={<ReviewStatusTag status={r.status} />}
    >
      <Flex align="baseline" gap={8} style={{ marginBottom: 8 }}>
        <span style={{ color: '#595959' }}>加权总分</span>
        <span data-testid="my-review-total" style={{ fontSize: 28, fontWeight: 700, lineHeight: 1.2 }}>
          {r.total ?? '—'}
        </span>
      </Flex>
      <div style={{ color: '#595959', fontSize: 13, marginBottom: 8 }}>
        考核人 {r.reviewerName} · 提交于 {formatDateTime(r.submittedAt)}
        {r.status === 'confirmed' && (
          <>
            <br />
            {r.confirmedByName} 确认于 {formatDateTime(r.confirmedAt)}
          </>
        )}
      </div>
      {r.items.map((i) => (
        <div key={i.seq} style={{ borderTop: '1px solid #f0f0f0', paddingBlock: 8 }}>
          <Flex justify="space-between" gap={8} wrap>
            <Typography.Text strong>
              {i.name}（{i.weight}%）
            </Typography.Text>
            <span>
              评分 <strong>{i.score ?? '—'}</strong>
            </span>
          </Flex>
          <Measured item={i} />
          {i.comment && <div style={{ overflowWrap: 'anywhere' }}>{i.comment}</div>}
        </div>
      ))}
      {r.comment && <div style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>总体评语：{r.comment}</div>}
      {r.confirmComment && <div style={{ overflowWrap: 'anywhere' }}>确认意见：{r.confirmComment}</div>}
    </Card>
  );
}

/** 我的考核: my own reviews once my reviewer has submitted them, newest period first — made for a phone. */
export default function MyReviewsPage() {
  const { params, update } = useUrlParams();
  const page = Number(params.page) || 1;
  const q = useMyReviews(page);
  return (
    <>
      <PageHeader title="我的考核" extra={<Button aria-label="刷新" size="large" icon={<ReloadOutlined />} onClick={() => void q.refetch()} />} />
      <ProblemAlert error={q.error} />
      {q.isPending ? (
        <Skeleton active />
      ) : !q.data || q.data.items.length === 0 ? (
        <Empty description="暂无考核结果：考核人提交后会显示在这里" />
      ) : (
        <>
          {q.data.items.map((r) => (
            <MyReviewCard key={r.id} r={r} />
          ))}
          <SimplePager page={page} pageSize={q.data.pageSize} total={q.data.total} onChange={(p) => update({ page: String(p) }, false)} />
        </>
      )}
    </>
  );
}
