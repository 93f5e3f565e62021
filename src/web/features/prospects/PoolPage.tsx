import { UserSwitchOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type MouseEvent } from 'react';
import { useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ListPage } from '../../components/ListPage';
import { formatDate, formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { fetchPool, keys, useClaim, type Prospect } from './api';
import { AssignModal } from './ProspectEditDrawer';
import { StatusTag } from './StatusTag';

/**
 * 公海: the department's prospects without an owner. Only a specialist (whose prospect.read is
 * `own`) may claim one — the API's rule; a former owner waits 7 days, and the API says so.
 */
export default function PoolPage() {
  const navigate = useNavigate();
  const session = useSession();
  const canClaim = session.grant('prospect.read')?.scope === 'own';
  // a manager 分派 straight from the pool (a supervisor's team scope does not reach ownerless prospects)
  const assignScope = session.grant('prospect.assign')?.scope;
  const canAssign = assignScope === 'department' || assignScope === 'all';
  const [assigning, setAssigning] = useState<Prospect | null>(null);
  const claim = useClaim();
  const isPhone = useIsPhone();

  const onClaim = (p: Prospect) =>
    claim.mutate(p.id, { onSuccess: () => navigate(`/prospects/${p.id}`, { state: { claimed: true } }) });

  const button = (p: Prospect) => (
    <Action
      permission="prospect.create"
      when={canClaim}
      type="primary"
      size={isPhone ? 'large' : 'middle'}
      aria-label={`认领 ${p.companyName}`}
      loading={claim.isPending && claim.variables === p.id}
      disabled={claim.isPending && claim.variables !== p.id}
      onClick={() => onClaim(p)}
    >
      认领
    </Action>
  );
  const assignButton = (p: Prospect) => (
    <Action
      permission="prospect.assign"
      when={canAssign}
      size={isPhone ? 'large' : 'middle'}
      icon={<UserSwitchOutlined />}
      aria-label={`分派 ${p.companyName}`}
      onClick={(e: MouseEvent) => {
        e.preventDefault();
        e.stopPropagation();
        setAssigning(p);
      }}
    >
      分派
    </Action>
  );

  const columns: ColumnsType<Prospect> = [
    { title: '公司名称', dataIndex: 'companyName', sorter: true, render: (v: string) => <strong>{v}</strong> },
    { title: '地区', dataIndex: 'region', render: (v: string | null) => v ?? '—' },
    { title: '行业', dataIndex: 'industry', render: (v: string | null) => v ?? '—' },
    { title: '来源', dataIndex: 'source', render: (v: string | null) => v ?? '—' },
    { title: '状态', dataIndex: 'status', render: (s: Prospect['status']) => <StatusTag status={s} /> },
    { title: '最近跟进', dataIndex: 'lastActivityAt', render: (v: string) => formatDateTime(v) },
    ...(canClaim ? [{ title: '操作', key: 'claim', render: (_: unknown, p: Prospect) => button(p) }] : []),
    ...(canAssign ? [{ title: '操作', key: 'assign', render: (_: unknown, p: Prospect) => assignButton(p) }] : []),
  ];

  return (
    <ListPage<Prospect>
      title="公海"
      resource={keys.pool[0]}
      fetch={fetchPool}
      columns={columns}
      defaults={{ sort: '-releasedAt' }}
      filters={[
        {
          name: 'sort',
          label: '排序',
          kind: 'select',
          options: [
            { value: '-releasedAt', label: '最近释放在前' },
            { value: 'releasedAt', label: '最早释放在前' },
            { value: 'companyName', label: '按公司名称' },
          ],
        },
      ]}
      emptyText="公海中暂无潜在客户"
      intro={
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={canClaim ? '长期未跟进的潜在客户会释放到本部门公海，专员可认领跟进；原负责人释放后 7 天内不能认领。' : canAssign ? '本部门公海中的潜在客户，由专员认领跟进，也可直接分派给本部门人员。' : '本部门公海中的潜在客户，由专员认领跟进。'}
          />
          <ProblemAlert error={claim.error} />
          {assigning && <AssignModal prospect={assigning} open onClose={() => setAssigning(null)} />}
        </>
      }
      card={(p) => ({
        title: p.companyName,
        description: (
          <>
            <div>{[p.region, p.industry, p.source].filter(Boolean).join(' · ') || '—'}</div>
            <div>
              <StatusTag status={p.status} /> 最近跟进 {formatDate(p.lastActivityAt)}
            </div>
          </>
        ),
        extra: canAssign ? assignButton(p) : button(p),
      })}
    />
  );
}
