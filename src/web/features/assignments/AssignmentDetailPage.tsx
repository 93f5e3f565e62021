import { Alert, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { TAP_LINK } from '../../components/phone-tap';
import { RecordPage, Section, type Field } from '../../components/RecordPage';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useAssignment, type AssignmentDetail } from './api';
import { AssignmentActions } from './AssignmentActions';
import { Due, KindTag, PriorityTag, StatusTag } from './Tags';
import { departmentName, HISTORY_VERB, KIND, LINK, STATUS } from './vocab';

type Event = AssignmentDetail['history'][number];

/** One line of the history in words: "李明 退回：缺少宁波地区的客户". */
function eventText(e: Event): string {
  const verb = HISTORY_VERB[e.action] ?? e.action;
  if (e.action === 'create' || e.action === 'request' || e.action === 'delegate') return `${e.actorName} ${verb} ${e.assigneeName}`;
  return `${e.actorName} ${verb}`;
}

const TONE: Record<string, string> = { create: 'blue', request: 'purple', start: 'blue', complete: 'green', return: 'orange', confirm: 'green', cancel: 'gray', delegate: 'purple', edit: 'gray' };

function History({ a }: { a: AssignmentDetail }) {
  return (
    <Timeline
      items={a.history.map((e) => ({
        key: String(e.id),
        color: TONE[e.action] ?? 'blue',
        content: (
          <div data-testid="assignment-step" data-step={e.action}>
            <div>{eventText(e)}</div>
            {e.comment && <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>「{e.comment}」</div>}
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {formatDateTime(e.at)}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}

/** What the caller is waiting for, in one sentence. */
function Waiting({ a }: { a: AssignmentDetail }) {
  const me = useSession().me.user.id;
  if (a.status === 'done' && a.assignerId === me) return <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`${a.assigneeName} 已完成，请确认或退回。`} />;
  if (a.status === 'done') return <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`已完成，等待 ${a.assignerName} 确认。`} />;
  if (a.status === 'assigned' && a.assigneeId === me)
    return <Alert type="info" showIcon style={{ marginBottom: 16 }} title={a.kind === 'request' ? '协作请求待您受理：可以受理后亲自办理，或转派给下属。' : '交给您的事项，开始办理后请在完成时点「完成」。'} />;
  const returned = a.status === 'in_progress' && a.history.at(-1)?.action === 'return' ? a.history.at(-1) : undefined;
  if (returned) return <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`已被 ${returned.actorName} 退回：${returned.comment ?? ''}`} />;
  return null;
}

/** 交办事项: the work, its deadline (overdue in words), who handed it to whom, the actions the caller may take now, its history. */
export default function AssignmentDetailPage() {
  const { id = '' } = useParams();
  const q = useAssignment(id);
  const a = q.data;
  const isPhone = useIsPhone();

  const link = a?.entity && a.entityId ? LINK[a.entity] : undefined;
  const fields: Field[] | undefined = a && [
    { label: '类型', value: KIND[a.kind] },
    { label: '状态', value: <StatusTag a={a} /> },
    { label: '截止时间', value: <Due a={a} /> },
    { label: '优先级', value: <PriorityTag a={a} /> },
    { label: a.kind === 'request' ? '提出人' : '交办人', value: `${a.assignerName}（${departmentName(a.assignerDepartment)}）` },
    { label: '承办人', value: `${a.assigneeName}（${departmentName(a.department)}）` },
    ...(a.kind === 'request' ? [{ label: '请求部门', value: departmentName(a.toDepartment) }] : []),
    ...(link ? [{ label: '关联记录', value: <Link to={`${link.path}/${a.entityId}`} style={isPhone ? TAP_LINK : undefined}>查看{link.label}</Link> }] : []),
    { label: '交办时间', value: formatDateTime(a.createdAt) },
    ...(a.completedAt ? [{ label: '完成时间', value: formatDateTime(a.completedAt) }] : []),
    ...(a.confirmedAt ? [{ label: '确认时间', value: formatDateTime(a.confirmedAt) }] : []),
    ...(a.returnCount ? [{ label: '退回次数', value: String(a.returnCount) }] : []),
    { label: '说明', value: <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{a.description || '—'}</div>, wide: true },
  ];

  return (
    <RecordPage
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      title={a?.title ?? '交办事项'}
      tags={a && <KindTag a={a} />}
      subTitle={a && STATUS[a.status].label}
      actions={a && <AssignmentActions a={a} onStale={() => void q.refetch()} />}
      fields={fields}
    >
      {a && (
        <>
          <Waiting a={a} />
          <Section title="经过">
            <History a={a} />
          </Section>
        </>
      )}
    </RecordPage>
  );
}
