import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, List, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReadableTag } from '../../components/ReadableTag';
import { RecordPage, Section } from '../../components/RecordPage';
import { TAP_LINK } from '../../components/phone-tap';
import { api, call } from '../../lib/api/client';
import { centsToString, formatDate, formatDateTime, formatMoney, toCents } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useContract, useContractAction, useDirectory, type Contract } from './api';
import { ApprovalTrail } from './ApprovalTrail';
import { PlanSection } from './PlanSection';
import { StatusTag } from './StatusTag';
import { PENDING } from './vocab';

const ROW = { display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: '4px 12px', minHeight: 44, paddingBlock: 6, alignItems: 'center', color: 'inherit' } as const;

/** The threshold at which a manager's approval goes on to the 总经理, as the API reports it. */
function useGmThreshold() {
  return useQuery({
    queryKey: ['approvals', 'threshold'],
    staleTime: 10 * 60_000,
    queryFn: async () => (await call(api.GET('/api/v1/me/approvals', { params: { query: { kind: 'contract', pageSize: 1 } } }))).contractGmThreshold,
  });
}

/** 客户应收: what the customer still owes on earlier contracts. */
function CustomerReceivables({ customerId }: { customerId: string }) {
  const q = useQuery({
    queryKey: ['receivables', 'customer', customerId],
    queryFn: () => call(api.GET('/api/v1/receivables', { params: { query: { customerId, sort: 'dueDate', pageSize: 20 } } })),
  });
  const items = q.data?.items ?? [];
  const outstanding = items.reduce((s, r) => s + (toCents(r.outstanding) ?? 0n), 0n);
  return (
    <>
      <List
        loading={q.isPending}
        dataSource={items}
        locale={{ emptyText: <Typography.Text type="secondary">{q.error ? '应收账款暂不可见' : '该客户暂无应收账款'}</Typography.Text> }}
        renderItem={(r) => (
          <li style={{ listStyle: 'none', borderBottom: '1px solid #f0f0f0' }} data-testid="customer-receivable">
            <Link to={`/receivables/${r.id}`} style={ROW}>
              <span>
                {r.contractNumber} 第 {r.seq} 期 · {formatDate(r.dueDate)}
              </span>
              <span>
                应收 {formatMoney(r.amountDue)} · 未收 {formatMoney(r.outstanding)}{' '}
                {r.overdue ? <ReadableTag tone="red">逾期 {r.daysOverdue} 天</ReadableTag> : r.status === 'paid' ? <ReadableTag tone="green">已结清</ReadableTag> : null}
              </span>
            </Link>
          </li>
        )}
      />
      {items.length > 0 && (
        <div style={{ textAlign: 'right', marginTop: 8 }}>
          未收合计 {formatMoney(centsToString(outstanding))}
          {(q.data?.total ?? 0) > items.length ? `（前 ${items.length} 笔）` : ''}
        </div>
      )}
    </>
  );
}

/** 合同记录: the customer's other contracts and where they stand. */
function CustomerContracts({ contract }: { contract: Contract }) {
  const q = useQuery({
    queryKey: ['contracts', 'customer', contract.customerId],
    queryFn: () => call(api.GET('/api/v1/contracts', { params: { query: { customerId: contract.customerId, pageSize: 20 } } })),
  });
  const others = (q.data?.items ?? []).filter((c) => c.id !== contract.id);
  return (
    <List
      loading={q.isPending}
      dataSource={others}
      locale={{ emptyText: <Typography.Text type="secondary">该客户没有其他合同</Typography.Text> }}
      renderItem={(c) => (
        <li style={{ listStyle: 'none', borderBottom: '1px solid #f0f0f0' }} data-testid="customer-contract">
          <Link to={`/contracts/${c.id}`} style={ROW}>
            <span style={{ minWidth: 0 }}>
              {c.number} {c.title}
            </span>
            <span>
              {formatMoney(c.amount)} <StatusTag status={c.status} />
            </span>
          </Link>
        </li>
      )}
    />
  );
}

/**
 * 合同审批: the plan, the customer's receivables and contract history, earlier decisions and — at or
 * above the threshold — that the 总经理 must approve as well; 审批通过 or 退回 (退回 needs a reason).
 */
export default function ContractDecisionPage() {
  const { id = '' } = useParams();
  const q = useContract(id);
  const c = q.data;
  const session = useSession();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const dir = useDirectory();
  const threshold = useGmThreshold().data;
  const action = useContractAction(id);
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<'approve' | 'reject' | null>(null);
  const [last, setLast] = useState<'approve' | 'reject'>('approve');
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ comment?: string }>();
  const nameOf = (uid: string) => dir.data?.find((u) => u.id === uid)?.displayName ?? '—';
  const me = session.me.user.id;
  const mayDecide = !!c && PENDING.includes(c.status) && (c.awaitingApprovers ?? []).some((u) => u.id === me);
  const needsGm = !!c && !!threshold && c.status === 'pending_approval' && (toCents(c.amount) ?? 0n) >= (toCents(threshold) ?? 0n);
  const size = isPhone ? 'large' : undefined;

  const open = (d: 'approve' | 'reject') => {
    setError(null);
    setLast(d);
    setDialog(d);
  };
  const run = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      const comment = v.comment?.trim();
      const after = last === 'approve' ? await action.mutateAsync({ kind: 'approve', comment: comment || undefined }) : await action.mutateAsync({ kind: 'reject', comment: comment! });
      setDialog(null);
      const done = last === 'reject' ? `已退回合同 ${after.number}` : after.status === 'pending_gm' ? `已审批通过合同 ${after.number}，转总经理审批` : `已批准合同 ${after.number}`;
      // the inbox must not show the decided contract again, not even for a moment
      // the 审批 inbox and its count (cached under 'approvals') no longer hold this contract
      qc.removeQueries({ queryKey: ['approvals', 'inbox'] });
      void qc.invalidateQueries({ queryKey: ['approvals'] });
      navigate('/approvals?kind=contract', { state: { done } });
    } catch (e) {
      setError(e);
    }
  };

  return (
    <RecordPage
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      title={c && `审批：${c.title}`}
      subTitle={c?.number}
      tags={c && <StatusTag status={c.status} />}
      actions={
        c && (
          <Space wrap>
            <Action size={size} permission="contract.approve" when={mayDecide} type="primary" onClick={() => open('approve')}>
              审批通过
            </Action>
            <Action size={size} permission="contract.approve" when={mayDecide} danger onClick={() => open('reject')}>
              退回
            </Action>
          </Space>
        )
      }
      fields={
        c && [
          { label: '客户', value: <Link to={`/customers/${c.customerId}`} style={isPhone ? TAP_LINK : undefined}>{c.customerName}</Link> },
          { label: '合同金额', value: formatMoney(c.amount) },
          { label: '起止日期', value: `${formatDate(c.startDate)} ~ ${formatDate(c.endDate)}` },
          { label: '拟定人', value: nameOf(c.ownerId) },
          { label: '提交时间', value: formatDateTime(c.submittedAt) },
          { label: '合同详情', value: <Link to={`/contracts/${c.id}`} style={isPhone ? TAP_LINK : undefined}>查看合同</Link> },
        ]
      }
    >
      {c && (
        <>
          {needsGm && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="gm-note"
              title={`合同金额达到 ${formatMoney(threshold!)}，经理审批通过后还须总经理审批（SAL-4.4）`}
            />
          )}
          {c.status === 'pending_gm' && <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="gm-note" title="部门经理已审批通过，现待总经理审批（第二级）" />}
          {!mayDecide && PENDING.includes(c.status) && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title="这一步不由您审批（本人拟定的合同或不在您的审批级别），可查看审批记录" />
          )}
          <PlanSection contract={c} />
          <Section title="审批记录">
            <ApprovalTrail contract={c} nameOf={nameOf} />
          </Section>
          {session.can('receivable.read') && (
            <Section title="客户应收账款">
              <CustomerReceivables customerId={c.customerId} />
            </Section>
          )}
          <Section title="客户合同记录">
            <CustomerContracts contract={c} />
          </Section>
        </>
      )}
      <Modal
        open={dialog !== null}
        title={last === 'approve' ? '审批通过' : '退回合同'}
        okText={last === 'approve' ? '通过' : '退回'}
        okButtonProps={{ danger: last === 'reject', size }}
        cancelButtonProps={{ size }}
        cancelText="取消"
        confirmLoading={action.isPending}
        onOk={() => void run().catch(() => undefined)}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        <ProblemAlert error={error} />
        {last === 'approve' && needsGm && <p>通过后合同转总经理审批。</p>}
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="comment"
            label="审批意见"
            rules={[{ required: last === 'reject', whitespace: true, message: '请写明退回原因' }, { max: 1000, message: '最多 1000 字' }]}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </RecordPage>
  );
}
