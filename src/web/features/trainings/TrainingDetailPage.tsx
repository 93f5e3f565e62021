import { CheckSquareOutlined, EditOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Form, Input, List, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReadableTag } from '../../components/ReadableTag';
import { RecordPage, Section, type Field } from '../../components/RecordPage';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useTraining, useTrainingStep, type Training } from './api';
import { Figures } from './Figures';
import { HoldDrawer } from './HoldDrawer';
import { TrainingDrawer } from './TrainingDrawer';
import { TrainingStatus } from './TrainingListPage';
import { allows, kindName, PASS_SCORE, showHours } from './vocab';

const pre = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

/** Whether the caller manages this session: their own, or (a 经理) one of their department's. The API decides again. */
function useManages(t: Training | undefined): boolean {
  const session = useSession();
  const grant = session.grant('training.manage');
  if (!t || !grant) return false;
  return t.organiserId === session.me.user.id || (grant.scope === 'department' && t.department === session.me.user.department);
}

/** 评估效果: the organiser's assessment, typed beside the figures the API computed. */
function Evaluate({ t }: { t: Training }) {
  const step = useTrainingStep(t.id);
  const [form] = Form.useForm<{ assessment: string }>();
  return (
    <>
      <ProblemAlert error={step.error} />
      <Form form={form} layout="vertical" name="evaluate" onFinish={(v) => step.mutate({ kind: 'evaluate', assessment: v.assessment.trim() })} requiredMark={false} style={{ marginTop: 16 }}>
        <Form.Item name="assessment" label="效果评价" rules={[{ required: true, whitespace: true, message: '请填写对培训效果的评价' }, { max: 4000, message: '最多 4000 字' }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} placeholder="掌握情况、存在的问题、后续安排" />
        </Form.Item>
        <Action permission="training.manage" type="primary" htmlType="submit" loading={step.isPending}>
          提交评估
        </Action>
      </Form>
    </>
  );
}

function Actions({ t, onHold, onEdit }: { t: Training; onHold: () => void; onEdit: () => void }) {
  const isPhone = useIsPhone();
  const manages = useManages(t);
  const step = useTrainingStep(t.id);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  if (!manages) return null;
  const size = isPhone ? ('large' as const) : undefined;
  return (
    <>
      <Space wrap>
        <Action permission="training.manage" when={allows(t.status, 'edit')} size={size} icon={<EditOutlined />} onClick={onEdit}>
          修改
        </Action>
        <Action permission="training.manage" when={allows(t.status, 'hold')} type="primary" size={size} icon={<CheckSquareOutlined />} onClick={onHold}>
          {t.status === 'held' ? '更正培训情况' : '记录培训情况'}
        </Action>
        <Action permission="training.manage" when={allows(t.status, 'cancel')} danger size={size} icon={<StopOutlined />} onClick={() => setCancelling(true)}>
          取消培训
        </Action>
      </Space>
      <Modal
        title="取消培训"
        open={cancelling}
        okText="取消培训"
        cancelText="返回"
        okButtonProps={{ danger: true }}
        confirmLoading={step.isPending}
        onCancel={() => setCancelling(false)}
        onOk={() => step.mutate({ kind: 'cancel', reason: reason.trim() || undefined }, { onSuccess: () => setCancelling(false) })}
      >
        <ProblemAlert error={step.error} />
        <p>受训人员的培训待办将一并关闭。</p>
        <label htmlFor="cancel-reason">取消原因</label>
        <Input.TextArea id="cancel-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} autoSize={{ minRows: 2 }} />
      </Modal>
    </>
  );
}

/** 培训: the session, its material, who was invited and how each did, and its effect — computed figures and the organiser's assessment. */
export default function TrainingDetailPage() {
  const { id = '' } = useParams();
  const q = useTraining(id);
  const t = q.data;
  const manages = useManages(t);
  const isPhone = useIsPhone();
  const [holding, setHolding] = useState(false);
  const [editing, setEditing] = useState(false);

  const fields: Field[] | undefined = t && [
    { label: '培训类型', value: kindName(t.kind) },
    { label: '培训时间', value: formatDateTime(t.heldAt) },
    { label: '学时', value: showHours(t.hours) },
    { label: '讲师', value: t.trainerName },
    { label: '组织者', value: t.organiserName },
    { label: '状态', value: <TrainingStatus t={t} /> },
    ...(t.cancelledAt ? [{ label: '取消原因', value: t.cancelReason || '—', wide: true }] : []),
  ];

  return (
    <RecordPage
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      title={t?.title ?? '培训'}
      subTitle={t && `${kindName(t.kind)} · ${t.organiserName} 组织`}
      actions={t && <Actions t={t} onHold={() => setHolding(true)} onEdit={() => setEditing(true)} />}
      fields={fields}
    >
      {t && (
        <>
          <Section title="培训资料">
            <div style={pre}>{t.material || '—'}</div>
            {t.materialLinks.length > 0 && (
              <ul style={{ margin: '8px 0 0', paddingInlineStart: 20 }}>
                {t.materialLinks.map((l, i) => (
                  <li key={i}>
                    <a href={l.url} target="_blank" rel="noopener noreferrer" style={{ overflowWrap: 'anywhere', ...(isPhone ? { display: 'inline-flex', alignItems: 'center', minHeight: 44, minWidth: 44 } : {}) }}>
                      {l.title}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title={`受训人员（${t.attendees.length}）`}>
            <List
              dataSource={t.attendees}
              renderItem={(a) => (
                <List.Item data-testid="training-attendee">
                  <div style={{ width: '100%' }}>
                    <strong>{a.displayName}</strong> <Typography.Text type="secondary">{a.roleName}</Typography.Text>{' '}
                    {a.attended === null ? null : a.attended ? <ReadableTag tone="green">参加</ReadableTag> : <ReadableTag>未参加</ReadableTag>}
                    {a.score !== null && (
                      <ReadableTag tone={a.score >= PASS_SCORE ? 'blue' : 'red'}>
                        {a.score} 分{a.score >= PASS_SCORE ? '' : '（不及格）'}
                      </ReadableTag>
                    )}
                    {a.feedback && <div style={{ ...pre, color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>反馈：{a.feedback}</div>}
                  </div>
                </List.Item>
              )}
            />
          </Section>
          {t.figures && (
            <Section title="培训效果">
              <Figures f={t.figures} />
              {t.status === 'evaluated' && (
                <div style={{ marginTop: 16 }} data-testid="training-assessment">
                  <Typography.Text strong>效果评价</Typography.Text>（{formatDateTime(t.evaluatedAt)}）
                  <div style={pre}>{t.assessment}</div>
                </div>
              )}
              {t.status === 'held' && manages && <Evaluate t={t} />}
            </Section>
          )}
          {t.status === 'planned' && manages && (
            <Alert type="info" showIcon title="培训结束后请点「记录培训情况」，逐人记录出勤与成绩，然后评估培训效果。" />
          )}
          {manages && <HoldDrawer t={t} open={holding} onClose={() => setHolding(false)} />}
          {manages && <TrainingDrawer open={editing} editing={t} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
        </>
      )}
    </RecordPage>
  );
}
