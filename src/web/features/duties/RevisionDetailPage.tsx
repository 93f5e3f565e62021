import { CheckOutlined, CloseOutlined, EditOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Flex, Popconfirm } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Action } from '../../components/Action';
import { TAP_LINK } from '../../components/phone-tap';
import { RecordPage, type Field } from '../../components/RecordPage';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useRevision, useRevisionStep, type RevisionDetail, type RevisionStep } from './api';
import { RevisionDecision } from './RevisionDecision';
import { RevisionDiff } from './RevisionDiff';
import { StepError } from './StepError';
import { RevisionStatusTag, RULE_NAME } from './vocab';

function fieldsOf(r: RevisionDetail): Field[] {
  return [
    { label: '修订的制度', value: r.rules.map((x) => RULE_NAME[x] ?? x).join('、'), wide: true },
    { label: '依据版本', value: `第 ${r.baseVersion} 版` },
    { label: '起草人', value: r.draftedByName },
    { label: '起草时间', value: formatDateTime(r.createdAt) },
    { label: '提交审批', value: formatDateTime(r.submittedAt) },
    ...(r.decidedBy
      ? [
          { label: r.status === 'rejected' ? '退回人' : '审批人', value: r.decidedByName ?? '—' },
          { label: '审批时间', value: formatDateTime(r.decidedAt) },
          { label: r.status === 'rejected' ? '退回理由' : '审批意见', value: <span data-testid="decision-comment">{r.decisionComment ?? '—'}</span>, wide: true },
        ]
      : []),
    ...(r.resultingVersion
      ? [
          {
            label: '形成版本',
            value: (
              <Link to={`/duties?version=${r.resultingVersion}`} data-testid="resulting-version" style={TAP_LINK}>
                第 {r.resultingVersion} 版
              </Link>
            ),
          },
          { label: '生效时间', value: formatDateTime(r.effectiveFrom) },
        ]
      : []),
    { label: '修订理由', value: r.reason || '—', wide: true },
  ];
}

/**
 * 制度修订 (SPEC §12): where it stands, its diff against the version it was drafted on, who it
 * would affect and which invariant it breaks — and the steps the server says the caller may take:
 * 修改, 提交审批, 撤回 for the drafting department's 经理; 批准 and 退回 for the 总经理.
 */
export default function RevisionDetailPage() {
  const { id = '' } = useParams();
  const q = useRevision(id);
  const r = q.data;
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const step = useRevisionStep(r);
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const size = isPhone ? ('large' as const) : undefined;
  const can = (a: string) => !!r?.actions.includes(a);
  const open = r && ['draft', 'submitted', 'rejected'].includes(r.status);
  const stale = !!r && open && r.latestVersion !== r.baseVersion;
  const blocked = !!r && (r.violations.length > 0 || stale);

  const run = (s: RevisionStep) => step.mutate(s, { onSuccess: () => setDeciding(null) });
  const decide = (kind: 'approve' | 'reject') => {
    step.reset();
    setDeciding(kind);
  };
  const reload = () => {
    step.reset();
    setDeciding(null);
    void q.refetch();
  };

  return (
    <RecordPage
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      title={r?.title}
      subTitle={r && `${r.changeCount} 项变更`}
      tags={r && <RevisionStatusTag status={r.status} />}
      actions={
        r && (
          <Flex gap={8} wrap style={isPhone ? { width: '100%' } : undefined}>
            <Action permission="duty.revise" when={can('edit')} size={size} icon={<EditOutlined />} onClick={() => navigate(`/duties/revisions/${r.id}/edit`)}>
              修改
            </Action>
            <Action
              permission="duty.revise"
              when={can('submit')}
              type="primary"
              size={size}
              icon={<SendOutlined />}
              disabled={blocked}
              loading={step.isPending && step.variables?.kind === 'submit'}
              onClick={() => run({ kind: 'submit' })}
            >
              提交审批
            </Action>
            {can('withdraw') && (
              <Popconfirm title="撤回后这份修订不再处理，确定撤回？" okText="撤回" cancelText="取消" onConfirm={() => run({ kind: 'withdraw' })}>
                <Action permission="duty.revise" size={size} icon={<RollbackOutlined />} loading={step.isPending && step.variables?.kind === 'withdraw'}>
                  撤回
                </Action>
              </Popconfirm>
            )}
            <Action permission="duty.approve" when={can('approve')} type="primary" size={size} icon={<CheckOutlined />} disabled={blocked} onClick={() => decide('approve')}>
              批准
            </Action>
            <Action permission="duty.approve" when={can('reject')} danger size={size} icon={<CloseOutlined />} onClick={() => decide('reject')}>
              退回
            </Action>
          </Flex>
        )
      }
      fields={r ? fieldsOf(r) : []}
    >
      {r && (
        <>
          {!deciding && <StepError error={step.error} onReload={reload} />}
          {r.status === 'rejected' && (
            <Alert
              type="warning"
              showIcon
              role="alert"
              style={{ marginBottom: 16 }}
              data-testid="rejected-notice"
              title={`${r.decidedByName ?? '总经理'}退回了这份修订`}
              description={`退回理由：${r.decisionComment ?? '—'}${can('edit') ? '。修改后可再次提交审批。' : ''}`}
            />
          )}
          {stale && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="stale-notice"
              title={`这份修订基于第 ${r.baseVersion} 版起草，现已有第 ${r.latestVersion} 版`}
              description={can('edit') ? '请修改并重新保存，使其基于最新版本后再提交审批。' : '起草人须修改并重新保存，使其基于最新版本后才能批准。'}
            />
          )}
          {open && r.violations.length > 0 && (
            <Alert
              type="error"
              showIcon
              role="alert"
              style={{ marginBottom: 16 }}
              data-testid="violations"
              title={`违反 ${r.violations.length} 条制度不变规则，修正前不能提交或批准`}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {r.violations.map((v, i) => (
                    <li key={i} data-code={v.code}>
                      {v.message} <code style={{ fontSize: 12 }}>{v.code}</code>
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          <RevisionDiff r={r} />
          <RevisionDecision r={r} kind={deciding} pending={step.isPending} error={deciding ? step.error : null} onDecide={run} onClose={() => setDeciding(null)} onReload={reload} />
        </>
      )}
    </RecordPage>
  );
}
