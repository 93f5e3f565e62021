import { Alert, Flex } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { ReadableTag } from '../../components/ReadableTag';
import { useDirectory } from '../../lib/directory';
import { formatDateTime } from '../../lib/format';
import { fetchOutbox, useNotificationStatus, type NotificationStatus, type OutboxItem } from './api';
import { OutboxDrawer, StatusTag } from './OutboxDrawer';
import { CHANNEL_LABEL, KIND_LABEL, KINDS, STATUS, WEBHOOK_KIND } from './vocab';

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} 秒` : `${ms} 毫秒`);

/** What the server sends through, and how: a channel without configuration writes nothing at all. */
function StatusHeader({ s }: { s: NotificationStatus }) {
  const none = !s.emailConfigured && !s.webhookConfigured;
  return (
    <Alert
      data-testid="outbox-status"
      type={none ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      title={none ? '未配置任何通知渠道：事件不会写入发件箱，也不会发送' : '通知渠道'}
      description={
        <>
          <div>
            邮件：{s.emailConfigured ? `${s.smtpServer ?? ''}，发件人 ${s.smtpFrom ?? ''}` : '未配置（SMTP_URL），不写入邮件'}；群机器人：
            {s.webhookConfigured ? `${WEBHOOK_KIND[s.webhookKind] ?? s.webhookKind}（${s.webhookHost ?? ''}）` : '未配置（NOTIFY_WEBHOOK_URL），不写入群消息'}
          </div>
          <div>
            用户关闭的渠道或类型、没有邮箱的用户，也不写入。每 {seconds(s.intervalMs)}检查一次{s.senderEnabled ? '' : '（本实例不发送）'}；失败后等待 {seconds(s.retryBaseMs)}
            起按倍数递增（最长 1 小时），最多尝试 {s.maxAttempts} 次。
          </div>
          <Flex gap={8} wrap style={{ marginTop: 4 }}>
            {(['pending', 'sending', 'sent', 'failed'] as const).map((k) => (
              <ReadableTag key={k} tone={STATUS[k].tone}>
                {STATUS[k].label} {s.counts[k]}
              </ReadableTag>
            ))}
          </Flex>
        </>
      }
    />
  );
}

/**
 * 通知发件箱 (admin): every message written for a task, an approval request, an overdue alert or a
 * 交办事项 — filters in the URL, status, attempts and the next attempt; a message opens in a drawer
 * with its text and every attempt, and a failed one can be sent again.
 */
export default function OutboxPage() {
  const { id } = useParams();
  const { search } = useLocation();
  const navigate = useNavigate();
  const status = useNotificationStatus();
  const directory = useDirectory();
  const people = useMemo(() => (directory.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.roleName}）` })), [directory.data]);

  const filters: FilterSpec[] = [
    { name: 'status', label: '状态', kind: 'select', options: Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label })) },
    { name: 'kind', label: '类型', kind: 'select', options: KINDS.map((k) => ({ value: k.key, label: k.label })) },
    { name: 'channel', label: '渠道', kind: 'select', options: Object.entries(CHANNEL_LABEL).map(([value, label]) => ({ value, label })) },
    { name: 'recipientId', label: '收件人', kind: 'select', options: people },
    { name: 'from', label: '从', kind: 'date' },
    { name: 'to', label: '至', kind: 'date' },
  ];
  const columns: ColumnsType<OutboxItem> = [
    { title: '写入时间', dataIndex: 'createdAt', sorter: true, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span> },
    { title: '收件人', dataIndex: 'recipientName' },
    {
      title: '渠道 / 类型',
      dataIndex: 'channel',
      render: (v: string, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {CHANNEL_LABEL[v] ?? v}
          <br />
          <span style={{ color: '#595959', fontSize: 13 }}>{KIND_LABEL[r.eventKind] ?? r.eventKind}</span>
        </span>
      ),
    },
    { title: '来源', dataIndex: 'sourceKind', render: (v: string) => <code style={{ fontSize: 12 }}>{v}</code> },
    {
      title: '状态',
      dataIndex: 'status',
      render: (v: string, r) => (
        <>
          <StatusTag status={v} />
          {r.lastError && v !== 'sent' && (
            <div title={r.lastError} style={{ maxWidth: 180, fontSize: 12, color: '#a8071a', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', marginTop: 4 }}>
              {r.lastError}
            </div>
          )}
        </>
      ),
    },
    { title: '尝试', dataIndex: 'attempts', sorter: true, render: (_: number, r) => `${r.attempts} / ${r.maxAttempts}` },
    { title: '下次尝试', dataIndex: 'nextAttemptAt', sorter: true, render: (v: string | null) => (v ? <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span> : '—') },
  ];

  return (
    <>
      <ListPage<OutboxItem>
        title="通知发件箱"
        resource="notification-outbox"
        fetch={fetchOutbox}
        columns={columns}
        filters={filters}
        intro={status.data ? <StatusHeader s={status.data} /> : null}
        emptyText="没有符合条件的通知"
        to={(r) => `/notifications/${r.id}${search}`}
        card={(r) => ({
          title: `${KIND_LABEL[r.eventKind] ?? r.eventKind} · ${r.recipientName}`,
          description: (
            <>
              {CHANNEL_LABEL[r.channel] ?? r.channel} · {formatDateTime(r.createdAt)}
              <br />
              尝试 {r.attempts} / {r.maxAttempts}
              {r.nextAttemptAt ? ` · 下次 ${formatDateTime(r.nextAttemptAt)}` : ''}
            </>
          ),
          extra: <StatusTag status={r.status} />,
        })}
      />
      <OutboxDrawer id={id} onClose={() => navigate(`/notifications${search}`)} />
    </>
  );
}
