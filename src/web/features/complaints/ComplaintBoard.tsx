import { useQueries } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Flex, Row, Skeleton } from 'antd';
import { Link } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useSession } from '../../lib/session';
import { fetchComplaints, type Complaint } from './api';
import { Deadline } from './SlaClock';
import { SeverityTag, StatusTags } from './Tags';
import { CATEGORY, DEPARTMENT, isOverdue } from './vocab';

type Dept = Complaint['handlingDepartment'];
const UNRESOLVED = ['open', 'in_progress'] as const;
/** The API's largest page; a department with more unresolved complaints says so. */
const LIMIT = 100;

/** Overdue first, then escalated, then by deadline (the soonest first). */
export function boardOrder(a: Complaint, b: Complaint, now = Date.now()): number {
  const rank = (c: Complaint) => (isOverdue(c, now) ? 0 : c.escalated ? 1 : 2);
  return rank(a) - rank(b) || Date.parse(a.dueAt) - Date.parse(b.dueAt);
}

function BoardCard({ c }: { c: Complaint }) {
  const late = isOverdue(c);
  return (
    <Link
      to={`/complaints/${c.id}`}
      data-testid="board-card"
      data-id={c.id}
      data-overdue={late ? 'true' : 'false'}
      style={{ display: 'block', color: 'inherit', marginBottom: 8, minHeight: 44 }}
    >
      <Card size="small" hoverable style={late ? { borderColor: '#ff7875' } : undefined}>
        <div style={{ fontWeight: 600, overflowWrap: 'anywhere' }}>{c.description.length > 40 ? `${c.description.slice(0, 40)}…` : c.description}</div>
        <div style={{ color: '#595959', fontSize: 13, margin: '4px 0' }}>
          {CATEGORY[c.category]} · 严重程度 <SeverityTag c={c} />
        </div>
        <div style={{ fontSize: 13 }}>
          <Deadline c={c} />
        </div>
        <div style={{ marginTop: 4 }}>
          <StatusTags c={c} />
        </div>
      </Card>
    </Link>
  );
}

/**
 * 投诉看板: the unresolved complaints (待处理、处理中) the caller may read, one column per handling
 * department, overdue first; each card opens the complaint.
 */
export function ComplaintBoard() {
  const session = useSession();
  const scope = session.grant('complaint.read')?.scope;
  const own = session.me.user.department as string;
  const depts: Dept[] = scope === 'all' ? ['sales', 'key_account'] : own === 'sales' || own === 'key_account' ? [own] : [];
  const plan = depts.flatMap((d) => UNRESOLVED.map((s) => ({ d, s })));
  const results = useQueries({
    queries: plan.map(({ d, s }) => ({
      queryKey: ['complaints', 'list', { board: d, status: s }],
      queryFn: () => fetchComplaints({ department: d, status: s, sort: 'dueAt', pageSize: String(LIMIT) }),
    })),
  });
  const error = results.find((r) => r.error)?.error;
  const pending = results.some((r) => r.isPending);
  const now = Date.now();

  const columns = depts.map((d) => {
    const mine = results.filter((_, i) => plan[i].d === d);
    const items = mine.flatMap((r) => r.data?.items ?? []).sort((a, b) => boardOrder(a, b, now));
    const total = mine.reduce((n, r) => n + (r.data?.total ?? 0), 0);
    return { d, items, total, overdue: items.filter((c) => isOverdue(c, now)).length, escalated: items.filter((c) => c.escalated).length };
  });

  if (pending) return <Skeleton active paragraph={{ rows: 6 }} />;
  return (
    <>
      <ProblemAlert error={error} />
      <Row gutter={[16, 16]}>
        {columns.map((col) => (
          <Col key={col.d} xs={24} md={columns.length > 1 ? 12 : 24}>
            <section aria-label={`${DEPARTMENT[col.d]}投诉`} data-testid={`board-${col.d}`}>
              <Flex justify="space-between" align="baseline" wrap gap={8} style={{ marginBottom: 8 }}>
                <h2 style={{ fontSize: 16, margin: 0 }}>{DEPARTMENT[col.d]}</h2>
                <span data-testid="board-counts" style={{ color: '#595959' }}>
                  未解决 {col.total} · 已超时 {col.overdue} · 已升级 {col.escalated}
                </span>
              </Flex>
              {col.total > col.items.length && (
                <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={`只显示处理期限最早的 ${col.items.length} 条，请在列表中筛选查看其余`} />
              )}
              {col.items.length === 0 ? (
                <Empty description="没有未解决的投诉" />
              ) : (
                <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 300px), 1fr))', columnGap: 12 }}>
                  {col.items.map((c) => (
                    <BoardCard key={c.id} c={c} />
                  ))}
                </div>
              )}
            </section>
          </Col>
        ))}
      </Row>
    </>
  );
}
