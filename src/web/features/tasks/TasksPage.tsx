import { CarOutlined, CheckOutlined, ReloadOutlined, RightOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Segmented, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PageHeader } from '../../components/PageHeader';
import { SimplePager } from '../../components/SimplePager';
import { useUrlParams } from '../../components/url-state';
import { dayjs, formatDate, formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useDone, useMyTasks, type Task, type TaskQuery } from './api';
import { causeOf, routeOf } from './causes';

const SORTS = [
  { value: '-createdAt', label: '最新在前' },
  { value: 'dueAt', label: '按截止' },
];

function When({ task }: { task: Task }) {
  if (task.status === 'done') return <span>完成于 {formatDateTime(task.doneAt)}</span>;
  if (!task.dueAt) return <span>提醒于 {formatDate(task.createdAt)}</span>;
  const overdue = dayjs(task.dueAt).isBefore(dayjs());
  return (
    <span style={overdue ? { color: '#cf1322', fontWeight: 600 } : undefined} data-overdue={overdue || undefined}>
      {overdue ? '已逾期 · ' : ''}截止 {formatDateTime(task.dueAt)}
    </span>
  );
}

function TaskCard({ task, onDone, busy }: { task: Task; onDone?: () => void; busy: boolean }) {
  const cause = causeOf(task.kind);
  const to = routeOf(task.entity, task.entityId);
  const body = (
    <>
      <Tag color={cause.color} data-testid="task-cause">
        {cause.label}
      </Tag>
      <p style={{ margin: '6px 0 4px' }}>{task.title}</p>
      <div style={{ fontSize: 13, color: '#595959' }}>
        <When task={task} />
      </div>
    </>
  );
  return (
    <li style={{ listStyle: 'none' }} data-testid="task" data-task-id={task.id}>
      <div style={{ marginBottom: 8, background: '#fff', border: '1px solid #f0f0f0', borderRadius: 8 }}>
        <Flex align="stretch">
          {to ? (
            <Link to={to} style={{ flex: 1, minWidth: 0, padding: 12, color: 'inherit', display: 'flex', gap: 8, alignItems: 'center' }}>
              <div style={{ flex: 1, minWidth: 0 }}>{body}</div>
              <RightOutlined aria-hidden style={{ color: '#8c8c8c' }} />
            </Link>
          ) : (
            <div style={{ flex: 1, minWidth: 0, padding: 12 }}>{body}</div>
          )}
          {onDone && (
            <Flex align="center" style={{ paddingInline: 8, borderInlineStart: '1px solid #f0f0f0' }}>
              <Button icon={<CheckOutlined />} onClick={onDone} loading={busy} aria-label={`完成：${task.title}`} style={{ minHeight: 44 }}>
                完成
              </Button>
            </Flex>
          )}
        </Flex>
      </div>
    </li>
  );
}

/** 待办, the field roles' home: my tasks with their cause, tap through to the record, mark done. */
export default function TasksPage() {
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const session = useSession();
  const { params, update } = useUrlParams({ status: 'open', sort: '-createdAt', page: '1' });
  const q: TaskQuery = {
    status: params.status === 'done' ? 'done' : 'open',
    sort: SORTS.some((s) => s.value === params.sort) ? params.sort : '-createdAt',
    page: Math.max(1, Number(params.page) || 1),
    pageSize: 20,
  };
  const tasks = useMyTasks(q);
  const done = useDone(q);
  const [announce, setAnnounce] = useState('');
  const quick = session.can('prospect.create') || session.can('visit.create');
  // on a phone the quick actions share the width, thumb-sized
  const quickStyle = isPhone ? { flex: 1, minWidth: 0 } : undefined;

  const markDone = (t: Task) => {
    setAnnounce('');
    done.mutate(t.id, { onSuccess: () => setAnnounce(`已完成：${t.title}`) });
  };

  return (
    <>
      <PageHeader
        title="待办"
        subTitle={q.status === 'open' && tasks.data ? `${tasks.data.total} 项待处理` : undefined}
        extra={<Button aria-label="刷新" icon={<ReloadOutlined />} onClick={() => void tasks.refetch()} style={{ minWidth: 44, minHeight: 44 }} />}
      />
      {quick && (
        <div style={{ display: 'flex', gap: 8, marginBottom: 16 }}>
          <Action permission="prospect.create" size="large" style={quickStyle} icon={<UserAddOutlined />} onClick={() => navigate('/prospects/new')}>
            登记潜在客户
          </Action>
          <Action permission="visit.create" size="large" style={quickStyle} type="primary" icon={<CarOutlined />} onClick={() => navigate('/visits/new')}>
            记录拜访
          </Action>
        </div>
      )}
      <Flex wrap gap={12} role="search" style={{ marginBottom: 12 }}>
        <Flex align="center" gap={8}>
          <span id="tasks-status-label">状态</span>
          <Segmented
            aria-labelledby="tasks-status-label"
            size={isPhone ? 'large' : 'middle'}
            value={q.status}
            onChange={(v) => update({ status: v === 'open' ? undefined : String(v) })}
            options={[
              { value: 'open', label: '待处理' },
              { value: 'done', label: '已完成' },
            ]}
          />
        </Flex>
        <Flex align="center" gap={8}>
          <span id="tasks-sort-label">排序</span>
          <Segmented aria-labelledby="tasks-sort-label" size={isPhone ? 'large' : 'middle'} value={q.sort} options={SORTS} onChange={(v) => update({ sort: v === '-createdAt' ? undefined : String(v) })} />
        </Flex>
      </Flex>
      <div aria-live="polite" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        {announce}
      </div>
      <ProblemAlert error={tasks.error ?? done.error} />
      {tasks.isPending ? (
        <Skeleton active />
      ) : tasks.data && tasks.data.items.length > 0 ? (
        <ul style={{ padding: 0, margin: 0 }} aria-label={q.status === 'open' ? '待处理的待办' : '已完成的待办'}>
          {tasks.data.items.map((t) => (
            <TaskCard key={t.id} task={t} busy={done.isPending && done.variables === t.id} onDone={t.status === 'open' ? () => markDone(t) : undefined} />
          ))}
        </ul>
      ) : (
        !tasks.error && <Empty description={q.status === 'open' ? '暂无待办，干得好' : '暂无已完成的待办'} />
      )}
      <SimplePager page={q.page} pageSize={q.pageSize} total={tasks.data?.total ?? 0} onChange={(p) => update({ page: String(p) }, false)} />
    </>
  );
}
