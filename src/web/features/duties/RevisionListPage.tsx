import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { fetchRevisions, type Revision } from './api';
import { REVISION_STATUS, RevisionStatusTag, RULE_SHORT } from './vocab';

const rules = (r: Revision) => r.rules.map((x) => RULE_SHORT[x] ?? x).join('、');

/** What became of it: the version it made, or where it stands. */
function outcome(r: Revision): string {
  if (r.status === 'approved' && r.resultingVersion) return `形成第 ${r.resultingVersion} 版，${formatDateTime(r.effectiveFrom)} 起生效`;
  if (r.status === 'submitted') return `${formatDateTime(r.submittedAt)} 提交`;
  if (r.status === 'rejected') return `${r.decidedByName ?? '总经理'} 退回`;
  return '—';
}

const columns: ColumnsType<Revision> = [
  { title: '修订', dataIndex: 'title', render: (v: string) => <strong>{v}</strong> },
  { title: '制度', key: 'rules', render: (_, r) => rules(r) },
  { title: '状态', key: 'status', render: (_, r) => <RevisionStatusTag status={r.status} /> },
  { title: '变更', dataIndex: 'changeCount', render: (n: number) => `${n} 项` },
  { title: '依据版本', dataIndex: 'baseVersion', render: (n: number) => `第 ${n} 版` },
  { title: '起草人', dataIndex: 'draftedByName' },
  { title: '提交时间', dataIndex: 'submittedAt', sorter: true, render: (v: string | null) => formatDateTime(v) },
  { title: '结果', key: 'outcome', render: (_, r) => outcome(r) },
  { title: '起草时间', dataIndex: 'createdAt', sorter: true, render: (v: string) => formatDateTime(v) },
];

const filters: FilterSpec[] = [{ name: 'status', label: '状态', kind: 'select', options: Object.entries(REVISION_STATUS).map(([value, s]) => ({ value, label: s.label })) }];

/**
 * 制度修订 (SPEC §12; MKT-7/8, SAL-9/10, KA-7/8): the revisions of the duty rules — drafted by the
 * drafting department's 经理, in force once the 总经理 approves. Status, sort and page in the URL.
 */
export default function RevisionListPage() {
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  return (
    <ListPage<Revision>
      title="制度修订"
      resource="duty-revisions"
      fetch={fetchRevisions}
      columns={columns}
      filters={filters}
      to={(r) => `/duties/revisions/${r.id}`}
      emptyText="暂无制度修订"
      card={(r) => ({
        title: r.title,
        description: (
          <>
            <div>
              {rules(r)} · {r.changeCount} 项变更 · 依据第 {r.baseVersion} 版
            </div>
            <div>
              {r.draftedByName} · {outcome(r)}
            </div>
          </>
        ),
        extra: <RevisionStatusTag status={r.status} />,
      })}
      actions={
        <Action permission="duty.revise" type="primary" size={isPhone ? 'large' : undefined} icon={<PlusOutlined />} onClick={() => navigate('/duties/revisions/new')}>
          新建修订
        </Action>
      }
    />
  );
}
