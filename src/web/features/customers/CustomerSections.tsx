import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Empty, Flex, Skeleton, Timeline, Typography } from 'antd';
import { ReadableTag, type Tone } from '../../components/ReadableTag';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ErrorResult';
import type { Page } from '../../components/ListPage';
import { Section } from '../../components/RecordPage';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format';
import {
  useCustomerComplaints,
  useCustomerContracts,
  useCustomerReceivables,
  useCustomerVisits,
  useTierHistory,
  type ComplaintItem,
  type ContractItem,
  type ReceivableItem,
  type Tier,
  type VisitItem,
} from './api';

const METHOD: Record<VisitItem['method'], string> = { phone: '电话', in_person: '上门', video: '视频', other: '其他' };
const CONTRACT_STATUS: Record<ContractItem['status'], [string, Tone?]> = {
  draft: ['草稿'],
  pending_approval: ['待审批', 'orange'],
  pending_gm: ['待总经理审批', 'orange'],
  approved: ['已批准', 'cyan'],
  rejected: ['已退回', 'red'],
  signed: ['已签订', 'blue'],
  completed: ['已完成', 'green'],
  terminated: ['已终止'],
};
const RECEIVABLE_STATUS: Record<ReceivableItem['status'], string> = { open: '待回款', partially_paid: '部分回款', paid: '已回款', overdue: '逾期' };
const COMPLAINT_STATUS: Record<ComplaintItem['status'], string> = { open: '待处理', in_progress: '处理中', resolved: '已解决', closed: '已关闭' };
const SEVERITY: Record<ComplaintItem['severity'], [string, Tone?]> = { low: ['低'], medium: ['中', 'gold'], high: ['高', 'red'], critical: ['紧急', 'red'] };
const CATEGORY: Record<ComplaintItem['category'], string> = { product: '产品', service: '服务', delivery: '交付', billing: '账务', other: '其他' };

interface Query<T> {
  isPending: boolean;
  error: unknown;
  data?: T;
}

/** Loading, error and empty states of a related list, then the list itself. */
function States<T>({ query, items, empty, testId, children }: { query: Query<T>; items: unknown[] | undefined; empty: string; testId: string; children: ReactNode }) {
  if (query.error) return <ProblemAlert error={query.error} />;
  if (query.isPending) return <Skeleton active title={false} paragraph={{ rows: 3 }} />;
  if (!items?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} data-testid={testId} />;
  return <div data-testid={testId}>{children}</div>;
}

/** One tappable row (44 px and more) leading to the record. */
function Row({ to, title, extra, children }: { to: string; title: ReactNode; extra?: ReactNode; children?: ReactNode }) {
  return (
    <li style={{ listStyle: 'none', borderBottom: '1px solid #f0f0f0' }}>
      <Link to={to} style={{ display: 'flex', alignItems: 'center', gap: 8, minHeight: 52, padding: '6px 0', color: 'inherit' }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <div style={{ overflowWrap: 'anywhere' }}>{title}</div>
          {children && <div style={{ color: '#595959', fontSize: 13 }}>{children}</div>}
        </div>
        {extra}
        <RightOutlined aria-hidden style={{ color: '#8c8c8c' }} />
      </Link>
    </li>
  );
}

const List = ({ children }: { children: ReactNode }) => <ul style={{ margin: 0, padding: 0 }}>{children}</ul>;
const total = (p: Page<unknown> | undefined, shown: number) => (p && p.total > shown ? `（共 ${p.total} 条，显示最近 ${shown} 条）` : '');

/** 拜访记录 timeline, newest first, with 记录拜访 for this customer. */
export function VisitsSection({ customerId }: { customerId: string }) {
  const q = useCustomerVisits(customerId, true);
  const navigate = useNavigate();
  const items = q.data?.items;
  return (
    <Section
      title={`拜访记录${total(q.data, items?.length ?? 0)}`}
      extra={
        <Action permission="visit.create" type="link" icon={<PlusOutlined />} onClick={() => navigate(`/visits/new?customerId=${customerId}`)} style={{ minHeight: 44 }}>
          记录拜访
        </Action>
      }
    >
      <States query={q} items={items} empty="还没有拜访记录" testId="customer-visits">
        <Timeline
          style={{ marginTop: 8 }}
          items={(items ?? []).map((v) => ({
            key: v.id,
            color: v.reviewed ? 'green' : 'blue',
            content: (
              <Link to={`/visits/${v.id}`} style={{ display: 'block', minHeight: 44, color: 'inherit' }} data-testid="customer-visit">
                <Typography.Text strong>
                  {formatDateTime(v.visitedAt)} · {METHOD[v.method]}
                </Typography.Text>{' '}
                {v.reviewed && <ReadableTag tone="green">已审阅</ReadableTag>}
                <div style={{ overflowWrap: 'anywhere' }}>{v.purpose}</div>
                <div style={{ color: '#595959', fontSize: 13 }}>{v.visitorName}</div>
              </Link>
            ),
          }))}
        />
        <Link to={`/visits?party=customer:${customerId}&scope=all`} style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44 }}>
          查看全部拜访记录
        </Link>
      </States>
    </Section>
  );
}

export function ContractsSection({ customerId }: { customerId: string }) {
  const q = useCustomerContracts(customerId, true);
  const items = q.data?.items;
  return (
    <Section title={`合同${total(q.data, items?.length ?? 0)}`}>
      <States query={q} items={items} empty="暂无合同" testId="customer-contracts">
        <List>
          {(items ?? []).map((k) => {
            const [label, tone] = CONTRACT_STATUS[k.status];
            return (
              <Row key={k.id} to={`/contracts/${k.id}`} title={`${k.number} ${k.title}`} extra={<ReadableTag tone={tone}>{label}</ReadableTag>}>
                {formatMoney(k.amount)} · {formatDate(k.startDate)} 至 {formatDate(k.endDate)}
              </Row>
            );
          })}
        </List>
      </States>
    </Section>
  );
}

export function ReceivablesSection({ customerId }: { customerId: string }) {
  const q = useCustomerReceivables(customerId, true);
  const items = q.data?.items;
  return (
    <Section title={`应收账款${total(q.data, items?.length ?? 0)}`}>
      <States query={q} items={items} empty="暂无应收账款" testId="customer-receivables">
        <List>
          {(items ?? []).map((r) => (
            <Row
              key={r.id}
              to={`/receivables/${r.id}`}
              title={
                <span data-overdue={r.overdue || undefined} style={r.overdue ? { color: '#cf1322' } : undefined}>
                  未收 {formatMoney(r.outstanding)}
                </span>
              }
              extra={r.overdue ? <ReadableTag tone="red">逾期 {r.daysOverdue} 天</ReadableTag> : <ReadableTag>{RECEIVABLE_STATUS[r.status]}</ReadableTag>}
            >
              {formatDate(r.dueDate)} 到期 · {r.contractNumber} 第 {r.seq} 期
            </Row>
          ))}
        </List>
      </States>
    </Section>
  );
}

export function ComplaintsSection({ customerId }: { customerId: string }) {
  const q = useCustomerComplaints(customerId, true);
  const items = q.data?.items;
  return (
    <Section title={`投诉${total(q.data, items?.length ?? 0)}`}>
      <States query={q} items={items} empty="暂无投诉" testId="customer-complaints">
        <List>
          {(items ?? []).map((c) => {
            const [sev, tone] = SEVERITY[c.severity];
            return (
              <Row
                key={c.id}
                to={`/complaints/${c.id}`}
                title={c.description.length > 40 ? `${c.description.slice(0, 40)}…` : c.description}
                extra={
                  <Flex vertical gap={4} align="end">
                    <ReadableTag tone={tone}>{sev}</ReadableTag>
                    {c.escalated && <ReadableTag tone="red">已升级</ReadableTag>}
                  </Flex>
                }
              >
                {CATEGORY[c.category]} · {COMPLAINT_STATUS[c.status]} · 时限 {formatDateTime(c.dueAt)}
              </Row>
            );
          })}
        </List>
      </States>
    </Section>
  );
}

export function TierHistorySection({ customerId, tiers }: { customerId: string; tiers: Tier[] | undefined }) {
  const q = useTierHistory(customerId, true);
  const name = (code: string | null) => (code ? (tiers?.find((t) => t.code === code)?.name ?? `${code} 级`) : '非大客户');
  const items = q.data ? [...q.data].reverse() : undefined;
  return (
    <Section title="等级变更">
      <States query={q} items={items} empty="暂无等级变更" testId="customer-tier-history">
        <Timeline
          style={{ marginTop: 8 }}
          items={(items ?? []).map((h) => ({
            key: h.id,
            content: (
              <>
                <Typography.Text strong>
                  {name(h.fromTierCode)} → {name(h.toTierCode)}
                </Typography.Text>
                <div style={{ overflowWrap: 'anywhere' }}>{h.reason}</div>
                <div style={{ color: '#595959', fontSize: 13 }}>
                  {formatDateTime(h.changedAt)} · {h.changedByName} 批准{h.source === 'system' ? ' · 系统评估' : ''}
                </div>
              </>
            ),
          }))}
        />
      </States>
    </Section>
  );
}
