import { Alert, Modal, Space } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Action } from '../../components/Action';
import { TAP_LINK } from '../../components/phone-tap';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RecordPage, type Field } from '../../components/RecordPage';
import { ApiError } from '../../lib/api/problem';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useEntryStep, useMarketInfo, type EntryStep, type MarketInfo } from './api';
import { MarketInfoDrawer } from './MarketInfoDrawer';
import { CategoryTag, EntryStatusTag, StaleTag } from './Tags';
import { departmentName, marketInfoAllows } from './vocab';

const text = (v: string | null) => v || '—';

/** The actions the caller may take on the entry now: by state and by permission (the API stays the authority). */
function useMay(e: MarketInfo) {
  const session = useSession();
  const curates = session.can('marketinfo.curate');
  const writesIt = session.can('marketinfo.write') && e.ownerId === session.me.user.id;
  return {
    edit: marketInfoAllows(e.status, 'edit') && (curates || writesIt),
    editBy: curates ? 'marketinfo.curate' : 'marketinfo.write',
    confirm: curates && marketInfoAllows(e.status, 'confirm'),
    archive: curates && marketInfoAllows(e.status, 'archive'),
    restore: curates && marketInfoAllows(e.status, 'restore'),
  };
}

const STEP_WORDS: Record<EntryStep, string> = { confirm: '确认仍然准确', archive: '归档', restore: '恢复' };

function EntryActions({ e, onStale }: { e: MarketInfo; onStale: () => void }) {
  const isPhone = useIsPhone();
  const size = isPhone ? ('large' as const) : undefined;
  const may = useMay(e);
  const step = useEntryStep(e.id);
  const [editing, setEditing] = useState(false);
  const run = (s: EntryStep) =>
    step.mutate(s, {
      onError: (err) => {
        if (err instanceof ApiError && err.status === 409) onStale();
      },
    });
  const archive = () =>
    Modal.confirm({
      title: '归档这条市场信息？',
      content: '归档后不再作为有效信息，恢复前不能修改。',
      okText: '归档',
      cancelText: '返回',
      onOk: () => run('archive'),
    });
  return (
    <>
      <Space wrap>
        <Action size={size} permission="marketinfo.curate" when={may.confirm} type={e.stale ? 'primary' : 'default'} loading={step.isPending && step.variables === 'confirm'} onClick={() => run('confirm')}>
          {STEP_WORDS.confirm}
        </Action>
        <Action size={size} permission={may.editBy} when={may.edit} onClick={() => setEditing(true)}>
          修改
        </Action>
        <Action size={size} permission="marketinfo.curate" when={may.archive} danger onClick={archive}>
          {STEP_WORDS.archive}
        </Action>
        <Action size={size} permission="marketinfo.curate" when={may.restore} loading={step.isPending && step.variables === 'restore'} onClick={() => run('restore')}>
          {STEP_WORDS.restore}
        </Action>
      </Space>
      {step.error ? <ProblemAlert error={step.error} onReload={onStale} /> : null}
      <MarketInfoDrawer open={editing} entry={e} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} onStale={onStale} />
    </>
  );
}

/** 市场信息: what was collected, by whom, whether it is still held accurate, and what a curator may do with it. */
export default function MarketInfoDetailPage() {
  const { id = '' } = useParams();
  const q = useMarketInfo(id);
  const e = q.data;
  const isPhone = useIsPhone();

  const fields: Field[] | undefined = e && [
    { label: '类别', value: <CategoryTag e={e} /> },
    { label: '状态', value: <EntryStatusTag e={e} /> },
    { label: '地区', value: text(e.region) },
    { label: '行业', value: text(e.industry) },
    { label: '来源', value: text(e.source) },
    {
      label: '关联客户',
      value: !e.customerId ? '—' : e.customerName ? <Link to={`/customers/${e.customerId}`} style={isPhone ? TAP_LINK : undefined}>{e.customerName}</Link> : '（不在您的查看范围内）',
    },
    { label: '登记人', value: `${e.ownerName}（${departmentName(e.department)}）` },
    { label: '登记时间', value: formatDateTime(e.createdAt) },
    { label: '更新时间', value: formatDateTime(e.updatedAt) },
    { label: '最近确认', value: e.reviewedAt ? `${formatDateTime(e.reviewedAt)}（${e.reviewedByName ?? ''}）` : '—' },
    ...(e.archivedAt ? [{ label: '归档时间', value: formatDateTime(e.archivedAt) }] : []),
    { label: '内容', value: <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{e.body}</div>, wide: true },
  ];

  return (
    <RecordPage
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      title={e?.title ?? '市场信息'}
      tags={e && <StaleTag e={e} />}
      actions={e && <EntryActions e={e} onStale={() => void q.refetch()} />}
      fields={fields}
    >
      {e?.stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`自 ${formatDateTime(e.staleSince)} 起标记为过时：这条信息长期没有更新或确认，请核实后确认仍然准确，或更新、归档。`}
        />
      )}
    </RecordPage>
  );
}
