import { RedoOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Drawer, Empty, Flex, Skeleton, Space } from 'antd';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReadableTag } from '../../components/ReadableTag';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useOutboxItem, useRetryNotification, type OutboxAttempt, type OutboxDetail } from './api';
import { CHANNEL_LABEL, KIND_LABEL, STATUS } from './vocab';

export function StatusTag({ status }: { status: string }) {
  const s = STATUS[status] ?? { label: status, tone: 'default' as const };
  return <ReadableTag tone={s.tone}>{s.label}</ReadableTag>;
}

function AttemptCard({ a }: { a: OutboxAttempt }) {
  const tone = a.ok === null ? 'gold' : a.ok ? 'green' : 'red';
  const label = a.ok === null ? '发送中' : a.ok ? '成功' : '失败';
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="attempt">
      <Flex justify="space-between" gap={8} wrap>
        <strong>第 {a.attempt} 次</strong>
        <ReadableTag tone={tone}>{label}</ReadableTag>
      </Flex>
      <div style={{ color: '#595959', fontSize: 13, marginTop: 4, wordBreak: 'break-all' }}>
        {formatDateTime(a.startedAt)}
        {a.finishedAt ? ` → ${formatDateTime(a.finishedAt)}` : ' → 未结束'} · 实例 {a.instance}
      </div>
      {a.response && <div style={{ fontSize: 13, marginTop: 4, wordBreak: 'break-all' }}>应答：{a.response}</div>}
      {a.error && <div style={{ fontSize: 13, marginTop: 4, color: '#a8071a', wordBreak: 'break-all' }}>错误：{a.error}</div>}
    </Card>
  );
}

function Detail({ n }: { n: OutboxDetail }) {
  const retry = useRetryNotification();
  return (
    <>
      <ProblemAlert error={retry.error} />
      {retry.isSuccess && <Alert type="success" showIcon style={{ marginBottom: 12 }} title="已放回待发送" description={`下次发送时立即重试，最多再试 ${n.maxAttempts - n.attempts} 次。`} />}
      <Space style={{ marginBottom: 12 }} wrap>
        <StatusTag status={n.status} />
        <Action permission="notification.manage" when={n.status === 'failed'} type="primary" icon={<RedoOutlined aria-hidden />} loading={retry.isPending} onClick={() => retry.mutate(n.id)}>
          重新发送
        </Action>
      </Space>
      <Descriptions
        column={1}
        size="small"
        bordered
        styles={{ label: { width: 92, whiteSpace: 'nowrap' } }}
        items={[
          { key: 'to', label: '收件人', children: n.recipientName },
          { key: 'ch', label: '渠道', children: `${CHANNEL_LABEL[n.channel] ?? n.channel}${n.address ? `（${n.address}）` : ''}` },
          { key: 'k', label: '类型', children: `${KIND_LABEL[n.eventKind] ?? n.eventKind} · ${n.sourceKind}` },
          { key: 'at', label: '写入时间', children: formatDateTime(n.createdAt) },
          { key: 'sent', label: '发送时间', children: n.sentAt ? formatDateTime(n.sentAt) : '—' },
          { key: 'n', label: '尝试', children: `${n.attempts} / 最多 ${n.maxAttempts} 次` },
          ...(n.nextAttemptAt ? [{ key: 'next', label: '下次尝试', children: formatDateTime(n.nextAttemptAt) }] : []),
          ...(n.leaseUntil ? [{ key: 'lease', label: '发送租约到期', children: formatDateTime(n.leaseUntil) }] : []),
          ...(n.lastError ? [{ key: 'err', label: '最近错误', children: <span style={{ wordBreak: 'break-all' }}>{n.lastError}</span> }] : []),
          { key: 'key', label: '事件键', children: <code style={{ fontSize: 12, wordBreak: 'break-all' }}>{n.eventKey}</code> },
          { key: 'id', label: '通知编号', children: <code style={{ fontSize: 12, wordBreak: 'break-all' }}>{n.id}</code> },
        ]}
      />
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 16 }}
        data-testid="message-private"
        title="消息的主题和正文含业务数据（客户、合同、金额），系统管理员不可查看；收件人在邮件、群消息和控制台的待办中看到它。"
      />
      <h2 style={{ fontSize: 16, margin: '16px 0 8px' }}>发送记录</h2>
      {/* focusable, so the drawer's text can be scrolled from the keyboard */}
      <section tabIndex={0} aria-label="发送记录">
        {n.history.length ? n.history.map((a) => <AttemptCard key={a.attempt} a={a} />) : <Empty description="还没有尝试发送" />}
      </section>
    </>
  );
}

/** One message of the outbox: what it says, to whom, and every attempt to send it; 重新发送 when it failed. */
export function OutboxDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const item = useOutboxItem(id);
  const isPhone = useIsPhone();
  return (
    <Drawer title="通知详情" open={!!id} onClose={onClose} placement={isPhone ? 'bottom' : 'right'} size={isPhone ? '92%' : 560} destroyOnHidden>
      <ProblemAlert error={item.error} />
      {item.isPending ? <Skeleton active /> : item.data ? <Detail n={item.data} /> : null}
    </Drawer>
  );
}
