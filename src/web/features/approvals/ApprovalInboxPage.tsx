import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, List, Skeleton, Typography } from 'antd';
import { Link, useLocation } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReadableTag } from '../../components/ReadableTag';
import { SimplePager } from '../../components/SimplePager';
import { useUrlParams } from '../../components/url-state';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { KIND_LABEL, KINDS, recordPath, useInbox, type ApprovalItem, type ApprovalKind } from './api';

const PAGE_SIZE = 20;
/** Without a kind, each group shows the oldest few. */
const GROUP_SIZE = 5;

const ROW = { display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: '4px 12px', minHeight: 56, paddingBlock: 8, color: 'inherit' } as const;

function Row({ item }: { item: ApprovalItem }) {
  const who = item.submittedByName ?? (item.kind === 'tier' ? '系统评估' : '—');
  return (
    <li style={{ listStyle: 'none', borderBottom: '1px solid #f0f0f0' }}>
      <Link to={recordPath(item)} style={ROW} data-testid="approval-row" data-kind={item.kind} data-id={item.id}>
        <span style={{ minWidth: 0, flex: '1 1 220px' }}>
          <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
            {item.number ? `${item.number} ` : ''}
            {item.title}
          </Typography.Text>
          <div style={{ color: '#595959', fontSize: 13 }}>
            {item.customerName ? `${item.customerName} · ` : ''}
            {who} · 提交于 {formatDateTime(item.waitingSince)}
          </div>
        </span>
        <Flex gap={6} align="center" wrap>
          {item.amount && <span>{formatMoney(item.amount)}</span>}
          {item.kind === 'contract' && (
            <>
              {(item.round ?? 1) > 1 && <ReadableTag>第 {item.round} 次提交</ReadableTag>}
              <ReadableTag tone={item.level === 'gm' ? 'orange' : 'gold'}>{item.level === 'gm' ? '总经理审批' : '经理审核'}</ReadableTag>
              {item.needsGm && <ReadableTag tone="orange">还须总经理审批</ReadableTag>}
            </>
          )}
        </Flex>
      </Link>
    </li>
  );
}

/**
 * 审批: everything waiting on my decision — contracts at my level, tier assessments, compensation,
 * work reports and visits to review — oldest first, grouped by kind or one kind paged (?kind= in the
 * URL). Each row opens the record where the decision is made.
 */
export default function ApprovalInboxPage() {
  const { params, update } = useUrlParams();
  const isPhone = useIsPhone();
  const kind = (KINDS as string[]).includes(params.kind) ? (params.kind as ApprovalKind) : undefined;
  const page = Number(params.page) || 1;
  const q = useInbox(kind, page, kind ? PAGE_SIZE : GROUP_SIZE);
  const data = q.data;
  const size = isPhone ? 'large' : 'middle';
  const done = (useLocation().state as { done?: string } | null)?.done;

  return (
    <>
      <PageHeader title="审批" extra={<Button aria-label="刷新" size={size} icon={<ReloadOutlined />} onClick={() => void q.refetch()} />} />
      {data && data.kinds.length > 0 && (
        <Flex wrap gap={8} style={{ marginBottom: 12 }} role="group" aria-label="按类别筛选">
          <Button size={size} type={kind ? 'default' : 'primary'} aria-pressed={!kind} onClick={() => update({ kind: undefined })}>
            全部 {data.counts.total}
          </Button>
          {data.kinds.map((k) => (
            <Button key={k} size={size} type={kind === k ? 'primary' : 'default'} aria-pressed={kind === k} onClick={() => update({ kind: k })}>
              {KIND_LABEL[k]} {data.counts[k]}
            </Button>
          ))}
        </Flex>
      )}
      {done && <Alert type="success" showIcon title={done} style={{ marginBottom: 12 }} data-testid="decision-done" />}
      <ProblemAlert error={q.error} />
      {q.isPending ? (
        <Skeleton active />
      ) : !data ? null : data.kinds.length === 0 ? (
        <Empty description="您的岗位没有需要审批或审阅的事项" />
      ) : kind === undefined && data.counts.total === 0 ? (
        <Empty description="没有等待您处理的事项" />
      ) : (
        data.groups
          .filter((g) => kind || g.total > 0)
          .map((g) => (
            <Card
              key={g.kind}
              size="small"
              style={{ marginBottom: 16 }}
              title={`${KIND_LABEL[g.kind]}（${g.total}）`}
              data-testid={`approval-group-${g.kind}`}
              extra={
                !kind && g.total > g.items.length ? (
                  <Button type="link" size={size} onClick={() => update({ kind: g.kind })}>
                    查看全部
                  </Button>
                ) : undefined
              }
            >
              <List
                dataSource={g.items}
                loading={q.isFetching && !!kind}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`没有等待您处理的${KIND_LABEL[g.kind]}`} /> }}
                renderItem={(i) => <Row key={i.id} item={i} />}
              />
              {kind && <SimplePager page={g.page} pageSize={g.pageSize} total={g.total} onChange={(p) => update({ page: String(p) }, false)} />}
            </Card>
          ))
      )}
    </>
  );
}
