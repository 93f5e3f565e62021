import { Alert, Form, Segmented } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type MouseEvent } from 'react';
import { Link } from 'react-router';
import { Action } from '../../components/Action';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { PartyPicker, parseParty, partyValue } from '../../components/PartyPicker';
import { useUrlParams } from '../../components/url-state';
import { formatDate, formatMoney } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { fetchArchive, fetchAwaitingArchive, useAwaitingArchiveCount, useCustomerName, useDirectory, type Contract, type ContractSummary } from './api';
import { ArchiveDialog } from './ArchiveDialog';
import { StatusTag } from './StatusTag';
import { ARCHIVABLE_STATUS_OPTIONS } from './vocab';

type View = 'archived' | 'awaiting';

/** Every URL parameter either view filters or sorts by: switching views starts from none of them. */
const VIEW_PARAMS = ['q', 'status', 'customerId', 'ownerId', 'archivedFrom', 'archivedTo', 'signedFrom', 'signedTo', 'sort', 'page'];

/**
 * The contract's own columns. The worklist shows the amount and sorts by it and by status (GET
 * /contracts can); the archive leaves the amount to the contract page, to keep its filing columns in view.
 */
const contractColumns = (worklist: boolean): ColumnsType<ContractSummary> => [
  { title: '合同编号', dataIndex: 'number', sorter: true },
  { title: '合同名称', dataIndex: 'title' },
  { title: '客户', dataIndex: 'customerName' },
  ...(worklist ? [{ title: '合同金额', dataIndex: 'amount', sorter: true, align: 'right' as const, render: (v: string) => formatMoney(v) }] : []),
  { title: '状态', dataIndex: 'status', sorter: worklist, render: (v: ContractSummary['status']) => <StatusTag status={v} /> },
];

/** A link or button inside a clickable row must not also open the row. */
const own = { onClick: (e: MouseEvent) => e.stopPropagation() };

function archivedColumns(nameOf: (id: string) => string): ColumnsType<ContractSummary> {
  return [
    { title: '档案号', dataIndex: 'archiveNo', sorter: true },
    ...contractColumns(false),
    { title: '存放位置', dataIndex: 'archiveLocation' },
    { title: '归档人', dataIndex: 'archivedBy', render: (v: string | null) => (v ? nameOf(v) : '—') },
    { title: '归档日期', dataIndex: 'archivedAt', sorter: true, render: (v: string | null) => formatDate(v) },
    {
      title: '登记表',
      key: 'print',
      render: (_, c) => (
        <Link to={`/contracts/${c.id}/print`} {...own}>
          打印
        </Link>
      ),
    },
  ];
}

function awaitingColumns(nameOf: (id: string) => string, file: (c: ContractSummary) => void): ColumnsType<ContractSummary> {
  return [
    ...contractColumns(true),
    { title: '签订日期', dataIndex: 'signedAt', sorter: true, render: (v: string | null) => formatDate(v) },
    { title: '拟定人', dataIndex: 'ownerId', render: (v: string) => nameOf(v) },
    {
      title: '操作',
      key: 'file',
      render: (_, c) => (
        <span {...own}>
          <Action permission="contract.archive" type="primary" autoInsertSpace={false} aria-label={`归档 ${c.number}`} onClick={() => file(c)}>
            归档
          </Action>
        </span>
      ),
    },
  ];
}

const archivedFilters: FilterSpec[] = [
  { name: 'q', label: '搜索', kind: 'search', placeholder: '档案号、合同编号或存放位置' },
  { name: 'status', label: '合同状态', kind: 'select', options: ARCHIVABLE_STATUS_OPTIONS },
  { name: 'archivedFrom', label: '归档日期起', kind: 'date' },
  { name: 'archivedTo', label: '归档日期止', kind: 'date' },
];

const awaitingFilters = (owners: { value: string; label: string }[]): FilterSpec[] => [
  { name: 'q', label: '搜索', kind: 'search', placeholder: '合同编号或名称' },
  { name: 'status', label: '合同状态', kind: 'select', options: ARCHIVABLE_STATUS_OPTIONS },
  { name: 'ownerId', label: '拟定人', kind: 'select', options: owners },
  { name: 'signedFrom', label: '签订日期起', kind: 'date' },
  { name: 'signedTo', label: '签订日期止', kind: 'date' },
];

/**
 * 合同档案 (SAL-6.4, SAL-8.1): the filed contracts with every filter of the archive, and the 内勤's
 * worklist — signed, completed or terminated contracts whose paper copy is not filed yet — each
 * with 归档. Which view, its filters, sort and page live in the URL.
 */
export default function ContractArchivePage() {
  const { params, update } = useUrlParams();
  const view: View = params.view === 'awaiting' ? 'awaiting' : 'archived';
  const isPhone = useIsPhone();
  const session = useSession();
  const dir = useDirectory();
  const nameOf = (id: string) => dir.data?.find((u) => u.id === id)?.displayName ?? '—';
  const awaiting = useAwaitingArchiveCount(true);
  const [filing, setFiling] = useState<ContractSummary | null>(null);
  const [filed, setFiled] = useState<Contract | null>(null);
  const customer = parseParty(params.customerId ? `customer:${params.customerId}` : undefined);
  const customerName = useCustomerName(customer?.id ?? null);

  const switchTo = (v: View) => {
    setFiled(null);
    update({ ...Object.fromEntries(VIEW_PARAMS.map((k) => [k, undefined])), view: v === 'archived' ? undefined : v });
  };

  const intro = (
    <>
      <Segmented<View>
        aria-label="视图"
        block={isPhone}
        size={isPhone ? 'large' : undefined}
        value={view}
        onChange={switchTo}
        options={[
          { value: 'archived', label: '已归档' },
          { value: 'awaiting', label: `待归档${awaiting.data !== undefined ? `（${awaiting.data}）` : ''}` },
        ]}
        style={{ marginBottom: 12 }}
      />
      {filed && (
        <Alert
          role="status"
          type="success"
          showIcon
          closable={{ 'aria-label': '关闭' }}
          onClose={() => setFiled(null)}
          style={{ marginBottom: 12 }}
          data-testid="filed"
          title={`已归档 ${filed.number}：档案号 ${filed.archiveNo}，存放于 ${filed.archiveLocation}`}
          description={<Link to={`/contracts/${filed.id}/print`}>打印登记表</Link>}
        />
      )}
      {session.can('customer.read') && (
        <Form layout={isPhone ? 'vertical' : 'inline'} style={{ marginBottom: 4 }}>
          <Form.Item label="客户" htmlFor="archive-customer" style={{ marginBottom: 8, minWidth: isPhone ? undefined : 260, maxWidth: 420, flex: isPhone ? undefined : 1 }}>
            <PartyPicker
              id="archive-customer"
              value={customer ? partyValue(customer) : undefined}
              initial={customer && customerName.data ? { ...customer, name: customerName.data.name } : undefined}
              placeholder="全部（输入名称搜索）"
              onChange={(v) => update({ customerId: parseParty(v)?.id })}
            />
          </Form.Item>
        </Form>
      )}
    </>
  );

  const owners = (dir.data ?? []).map((u) => ({ value: u.id, label: u.displayName }));
  return (
    <>
      <ListPage<ContractSummary>
        key={view}
        title="合同档案"
        resource="contracts"
        fetch={view === 'archived' ? fetchArchive : fetchAwaitingArchive}
        columns={view === 'archived' ? archivedColumns(nameOf) : awaitingColumns(nameOf, setFiling)}
        filters={view === 'archived' ? archivedFilters : awaitingFilters(owners)}
        defaults={{ view, sort: view === 'archived' ? '-archivedAt' : '-signedAt' }}
        intro={intro}
        // On a phone the worklist's card carries a button, so it cannot itself be a link.
        to={view === 'awaiting' && isPhone ? undefined : (c) => `/contracts/${c.id}`}
        emptyText={view === 'archived' ? '暂无归档合同' : '没有待归档的合同'}
        card={(c) =>
          view === 'archived'
            ? {
                title: `${c.archiveNo} · ${c.title}`,
                description: (
                  <>
                    <div>
                      {c.number} · {c.customerName}
                    </div>
                    <div>
                      {c.archiveLocation} · {formatDate(c.archivedAt)}
                    </div>
                  </>
                ),
                extra: <StatusTag status={c.status} />,
              }
            : {
                title: <Link to={`/contracts/${c.id}`}>{c.title}</Link>,
                description: (
                  <>
                    <div>
                      {c.number} · {c.customerName}
                    </div>
                    <div>
                      {formatMoney(c.amount)} · 签订 {formatDate(c.signedAt)} <StatusTag status={c.status} />
                    </div>
                  </>
                ),
                extra: (
                  <Action permission="contract.archive" size="large" type="primary" autoInsertSpace={false} aria-label={`归档 ${c.number}`} onClick={() => setFiling(c)}>
                    归档
                  </Action>
                ),
              }
        }
      />
      <ArchiveDialog contract={filing} onClose={() => setFiling(null)} onArchived={setFiled} />
    </>
  );
}
