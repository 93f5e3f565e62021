import { EditOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, List, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReadableTag } from '../../components/ReadableTag';
import { RecordPage, Section, type Field } from '../../components/RecordPage';
import { formatDate, formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useMeeting, usePublishMeeting, type ActionItem, type Meeting } from './api';
import { MeetingStatus } from './MeetingListPage';
import { kindName, priorityName, WORK_STATUS } from './vocab';

const pre = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;
/** On a phone the link is a 44 px tap target of its own. */
const PHONE_LINK = { display: 'inline-flex', alignItems: 'center', minHeight: 44, minWidth: 44, marginInlineStart: 8 } as const;

/** An action item, and once published the 交办事项 it became: its state, and a link for those who may open it. */
function ItemLine({ i, phone }: { i: ActionItem; phone: boolean }) {
  const work = i.assignmentStatus ? WORK_STATUS[i.assignmentStatus] : null;
  return (
    <List.Item data-testid="meeting-action-item" data-assignment={i.assignmentId ?? ''}>
      <div style={{ width: '100%' }}>
        <div>
          <strong>
            {i.seq}. {i.title}
          </strong>
        </div>
        <Space wrap size={[12, 4]} style={{ color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>
          <span>承办人 {i.assigneeName}</span>
          <span>截止 {formatDate(i.dueDate)}</span>
          <span>优先级 {priorityName(i.priority)}</span>
          {work ? (
            <span>
              交办事项 <ReadableTag tone={work.tone}>{work.label}</ReadableTag>
              {i.assignmentReadable && i.assignmentId && (
                <Link to={`/assignments/${i.assignmentId}`} style={phone ? PHONE_LINK : { marginInlineStart: 8 }}>
                  查看交办事项
                </Link>
              )}
            </span>
          ) : (
            <span>发布后交办</span>
          )}
        </Space>
      </div>
    </List.Item>
  );
}

/** The 助理's actions on a draft: 修改 and 发布 (with what publishing does, said before it is done). */
function DraftActions({ m, onStale }: { m: Meeting; onStale: () => void }) {
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const publish = usePublishMeeting(m.id);
  const [asking, setAsking] = useState(false);
  if (m.status !== 'draft') return null;
  const size = isPhone ? ('large' as const) : undefined;
  return (
    <>
      <Space wrap>
        <Action permission="meeting.record" size={size} icon={<EditOutlined />} onClick={() => navigate(`/meetings/${m.id}/edit`)}>
          修改
        </Action>
        <Action permission="meeting.record" type="primary" size={size} icon={<SendOutlined />} onClick={() => setAsking(true)}>
          发布
        </Action>
      </Space>
      <Modal
        title="发布会议纪要"
        open={asking}
        okText="发布"
        cancelText="取消"
        confirmLoading={publish.isPending}
        onCancel={() => {
          setAsking(false);
          publish.reset();
        }}
        onOk={() =>
          publish.mutate(undefined, {
            onSuccess: () => setAsking(false),
            onError: (e) => {
              if ((e as { status?: number }).status === 409) onStale();
            },
          })
        }
      >
        <ProblemAlert error={publish.error} />
        <p>发布后纪要不能再修改。</p>
        {m.actionItems.length > 0 ? (
          <p>
            {m.actionItems.length} 个行动项将成为主持人 {m.chairName} 交办的交办事项，承办人会收到待办。若有行动项不在主持人的交办范围内，将不会发布任何内容。
          </p>
        ) : (
          <p>本次会议没有行动项。</p>
        )}
      </Modal>
    </>
  );
}

/** 会议纪要: the meeting, who chaired and came, agenda and minutes, decisions, and the action items with their 交办事项. */
export default function MeetingDetailPage() {
  const { id = '' } = useParams();
  const q = useMeeting(id);
  const m = q.data;
  const isPhone = useIsPhone();

  const fields: Field[] | undefined = m && [
    { label: '会议类型', value: kindName(m.kind) },
    { label: '开会时间', value: formatDateTime(m.heldAt) },
    { label: '地点', value: m.location || '—' },
    { label: '主持人', value: m.chairName },
    { label: '记录人', value: m.recorderName },
    { label: '状态', value: <MeetingStatus m={m} /> },
    ...(m.publishedAt ? [{ label: '发布时间', value: formatDateTime(m.publishedAt) }] : []),
    { label: `参会人员（${m.attendees.length}）`, value: m.attendees.map((a) => a.displayName).join('、') || '—', wide: true },
  ];

  return (
    <RecordPage
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      title={m?.title ?? '会议纪要'}
      subTitle={m && `${kindName(m.kind)} · ${formatDate(m.heldAt)}`}
      actions={m && <DraftActions m={m} onStale={() => void q.refetch()} />}
      fields={fields}
    >
      {m && (
        <>
          {m.status === 'draft' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="草稿：只有记录人（助理）和主持人能看到，发布后参会人员和部门领导可以查阅。" />}
          <Section title="议程">
            <div style={pre}>{m.agenda || '—'}</div>
          </Section>
          <Section title="会议记录">
            <div style={pre}>{m.minutes || '—'}</div>
          </Section>
          <Section title={`决议（${m.decisions.length}）`}>
            {m.decisions.length ? (
              <ol style={{ margin: 0, paddingInlineStart: 20 }}>
                {m.decisions.map((d, i) => (
                  <li key={i} style={pre}>
                    {d}
                  </li>
                ))}
              </ol>
            ) : (
              <Typography.Text type="secondary">无</Typography.Text>
            )}
          </Section>
          <Section title={`行动项（${m.actionItems.length}）`}>
            <List dataSource={m.actionItems} locale={{ emptyText: '无行动项' }} renderItem={(i) => <ItemLine key={i.seq} i={i} phone={isPhone} />} />
          </Section>
        </>
      )}
    </RecordPage>
  );
}
