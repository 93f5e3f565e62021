import { FilterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Drawer, Empty, Flex, Form, Input, List, Pagination, Select, Skeleton, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SimplePager } from '../../components/SimplePager';
import { useUrlParams } from '../../components/url-state';
import { dayjs, formatListTotal, getBusinessTz } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { ActorSelect } from './ActorSelect';
import { useAllUsers, useAudit, useDirectory, type AuditEntry } from './api';
import { AuditDiff } from './AuditDiff';
import { actionLabel, AUDIT_ENTITIES, roleName } from './vocab';

const ENTITY_OPTIONS = Object.entries(AUDIT_ENTITIES).map(([value, label]) => ({ value, label: `${label}（${value}）` }));
/** The log's time, to the second, in BUSINESS_TZ. */
const at = (iso: string) => dayjs(iso).tz(getBusinessTz()).format('YYYY-MM-DD HH:mm:ss');
const actor = (e: AuditEntry) => (e.actorId ? `${e.actorName ?? '（已删除的用户）'}${e.actorRole ? ` · ${roleName(e.actorRole)}` : ''}` : '系统');
const entity = (e: AuditEntry) => AUDIT_ENTITIES[e.entity] ?? e.entity;

/** An id in full (it is what one searches for), wrapped onto two lines instead of widening the table. */
const Id = ({ value }: { value: string | null }) => (
  <code style={{ fontSize: 12, display: 'inline-block', maxWidth: 160, wordBreak: 'break-all' }}>{value ?? '—'}</code>
);

function Filters({ params, update, everyone }: { params: Record<string, string>; update: (p: Record<string, string | undefined>) => void; everyone: boolean }) {
  const item = { style: { marginBottom: 8 } };
  return (
    <>
      <Form.Item label="对象类型" htmlFor="audit-entity" {...item}>
        <Select id="audit-entity" allowClear placeholder="全部" value={params.entity} options={ENTITY_OPTIONS} onChange={(v?: string) => update({ entity: v })} style={{ minWidth: 180 }} />
      </Form.Item>
      <Form.Item label="对象 ID" htmlFor="audit-entity-id" {...item}>
        <Input.Search id="audit-entity-id" allowClear defaultValue={params.entityId} onSearch={(v) => update({ entityId: v.trim() || undefined })} style={{ minWidth: 200 }} />
      </Form.Item>
      <Form.Item label="操作人" htmlFor="audit-actor" {...item}>
        <ActorSelect id="audit-actor" everyone={everyone} value={params.actorId} onChange={(v) => update({ actorId: v })} />
      </Form.Item>
      <Form.Item label="操作" htmlFor="audit-action" {...item}>
        <Input.Search id="audit-action" allowClear placeholder="如 user.create" defaultValue={params.action} onSearch={(v) => update({ action: v.trim() || undefined })} />
      </Form.Item>
      <Form.Item label="从" htmlFor="audit-from" {...item}>
        <DatePicker id="audit-from" value={params.from ? dayjs(params.from) : null} onChange={(d) => update({ from: d ? d.format('YYYY-MM-DD') : undefined })} />
      </Form.Item>
      <Form.Item label="至" htmlFor="audit-to" {...item}>
        <DatePicker id="audit-to" value={params.to ? dayjs(params.to) : null} onChange={(d) => update({ to: d ? d.format('YYYY-MM-DD') : undefined })} />
      </Form.Item>
    </>
  );
}

/**
 * 审计日志: every write with who, when, what and its request id — filters, sort and page in the
 * URL — and each row's before/after side by side.
 */
export default function AuditPage() {
  const { params, update } = useUrlParams({ page: '1', pageSize: '20' });
  const session = useSession();
  const everyone = session.can('user.manage');
  const isPhone = useIsPhone();
  const [drawer, setDrawer] = useState(false);
  const query = useAudit(params);
  // Names for the ids inside before/after: every account for a user manager, the directory otherwise.
  const accounts = useAllUsers(everyone);
  const directory = useDirectory();
  const names = useMemo(() => new Map([...(directory.data ?? []), ...(accounts.data ?? [])].map((u) => [u.id, u.displayName])), [accounts.data, directory.data]);
  const nameOf = (id: string) => names.get(id);
  const page = Number(params.page) || 1;
  const pageSize = Number(params.pageSize) || 20;
  const items = query.data?.items ?? [];
  const exact = query.data?.totalExact !== false;
  const filtered = ['entity', 'entityId', 'actorId', 'action', 'from', 'to'].filter((k) => params[k]).length;
  const empty = <Empty description="没有符合条件的审计记录" />;

  const columns: ColumnsType<AuditEntry> = [
    { title: '时间', dataIndex: 'at', key: 'at', sorter: true, sortDirections: ['descend', 'ascend', 'descend'], sortOrder: params.sort === 'at' ? 'ascend' : 'descend', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{at(v)}</span> },
    { title: '操作人', key: 'actor', render: (_, e) => actor(e) },
    { title: '操作', dataIndex: 'action', render: (v: string) => <span>{actionLabel(v)} <code style={{ fontSize: 12, color: '#595959' }}>{v}</code></span> },
    { title: '对象', dataIndex: 'entity', render: (_, e) => entity(e) },
    { title: '对象 ID', dataIndex: 'entityId', render: (v: string | null) => <Id value={v} /> },
    { title: '请求 ID', dataIndex: 'requestId', render: (v: string | null) => <Id value={v} /> },
  ];

  const card = (e: AuditEntry): ReactNode => (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="audit-card">
      <Flex justify="space-between" gap={8} wrap>
        <strong>
          {actionLabel(e.action)} {entity(e)}
        </strong>
        <span style={{ color: '#595959', fontSize: 13 }}>{at(e.at)}</span>
      </Flex>
      <div style={{ color: '#595959', fontSize: 13, marginTop: 4, wordBreak: 'break-all' }}>
        {actor(e)} · <code>{e.action}</code> · {e.entityId ?? '—'}
        <br />
        请求 ID {e.requestId ?? '—'}
      </div>
      {(e.before || e.after) && (
        <details style={{ marginTop: 4 }}>
          <summary style={{ cursor: 'pointer', minHeight: 44, display: 'flex', alignItems: 'center', color: '#0958d9' }}>修改前后</summary>
          <AuditDiff entry={e} nameOf={nameOf} />
        </details>
      )}
    </Card>
  );

  return (
    <>
      <PageHeader
        title="审计日志"
        extra={<Button aria-label="刷新" size={isPhone ? 'large' : 'middle'} icon={<ReloadOutlined />} onClick={() => void query.refetch()} />}
      />
      <Form layout={isPhone ? 'vertical' : 'inline'} role="search" style={{ marginBottom: 12 }}>
        {isPhone ? (
          <Button size="large" icon={<FilterOutlined aria-hidden />} onClick={() => setDrawer(true)}>
            筛选{filtered ? `(${filtered})` : ''}
          </Button>
        ) : (
          <Filters params={params} update={update} everyone={everyone} />
        )}
      </Form>
      <Drawer title="筛选" placement="bottom" open={drawer} onClose={() => setDrawer(false)} size="large">
        <Form layout="vertical">
          <Filters params={params} update={update} everyone={everyone} />
        </Form>
        <Button block onClick={() => update({ entity: undefined, entityId: undefined, actorId: undefined, action: undefined, from: undefined, to: undefined })}>
          清除筛选
        </Button>
      </Drawer>
      <ProblemAlert error={query.error} />
      {isPhone ? (
        query.isPending ? (
          <Skeleton active />
        ) : (
          <>
            <div style={{ marginBottom: 8, color: '#595959' }} data-testid="audit-total">
              {formatListTotal(query.data?.total ?? 0, exact)}
            </div>
            <List dataSource={items} locale={{ emptyText: empty }} renderItem={(e) => <li key={e.id} style={{ listStyle: 'none' }}>{card(e)}</li>} />
            <SimplePager page={page} pageSize={pageSize} total={query.data?.total ?? 0} exact={exact} onChange={(p) => update({ page: String(p) }, false)} />
          </>
        )
      ) : (
        <Table<AuditEntry>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={query.isFetching}
          locale={{ emptyText: query.isPending ? ' ' : empty }}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={() => ({ 'data-testid': 'audit-row' }) as HTMLAttributes<HTMLElement>}
          expandable={{ expandedRowRender: (e) => <AuditDiff entry={e} nameOf={nameOf} />, rowExpandable: (e) => !!(e.before || e.after) }}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            update({ sort: s?.order === 'ascend' ? 'at' : undefined });
          }}
          footer={() => (
            <Space style={{ width: '100%', justifyContent: 'center' }}>
              <Pagination
                current={page}
                pageSize={pageSize}
                total={query.data?.total ?? 0}
                showSizeChanger
                showTotal={(t) => <span data-testid="audit-total">{formatListTotal(t, exact)}</span>}
                onChange={(p, s) => update({ page: String(p), pageSize: String(s) }, false)}
              />
            </Space>
          )}
        />
      )}
    </>
  );
}
