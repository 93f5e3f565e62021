import { FilterOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Drawer, Empty, Flex, Form, Input, List, Pagination, Select, Skeleton, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { dayjs, formatListTotal } from '../lib/format';
import { useIsPhone } from '../lib/responsive';
import { ProblemAlert } from './ProblemAlert';
import { PageHeader } from './PageHeader';
import { SimplePager } from './SimplePager';
import { useUrlParams } from './url-state';

export interface Page<T> {
  items: T[];
  /** an estimate when `totalExact` is false (past the server's count cap) */
  total: number;
  totalExact?: boolean;
  page: number;
  pageSize: number;
}

export type FilterSpec =
  | { name: string; label: string; kind: 'search'; placeholder?: string }
  | { name: string; label: string; kind: 'select'; options: { value: string; label: string }[] }
  | { name: string; label: string; kind: 'date' };

export interface ListPageProps<T> {
  title: string;
  /** A unique key for the query cache, e.g. 'prospects'. */
  resource: string;
  fetch: (params: Record<string, string>) => Promise<Page<T>>;
  columns: ColumnsType<T>;
  /** How one record reads on a phone (a card line). */
  card: (item: T) => { title: ReactNode; description?: ReactNode; extra?: ReactNode };
  rowKey?: (item: T) => string;
  /** Where a tap on a record goes. */
  to?: (item: T) => string;
  filters?: FilterSpec[];
  defaults?: Record<string, string>;
  actions?: ReactNode;
  emptyText?: string;
  /** Above the list, e.g. an explanation of the pool. */
  intro?: ReactNode;
}

function FilterFields({ filters, params, update }: { filters: FilterSpec[]; params: Record<string, string>; update: (p: Record<string, string | undefined>) => void }) {
  return (
    <>
      {filters.map((f) => {
        const id = `filter-${f.name}`;
        if (f.kind === 'search')
          return (
            <Form.Item key={f.name} label={f.label} htmlFor={id} style={{ marginBottom: 8 }}>
              <Input.Search
                id={id}
                allowClear
                placeholder={f.placeholder ?? '搜索'}
                defaultValue={params[f.name]}
                onSearch={(v) => update({ [f.name]: v.trim() || undefined })}
              />
            </Form.Item>
          );
        if (f.kind === 'select')
          return (
            <Form.Item key={f.name} label={f.label} htmlFor={id} style={{ marginBottom: 8, minWidth: 160 }}>
              <Select
                id={id}
                allowClear
                placeholder="全部"
                value={params[f.name]}
                options={f.options}
                onChange={(v?: string) => update({ [f.name]: v })}
              />
            </Form.Item>
          );
        return (
          <Form.Item key={f.name} label={f.label} htmlFor={id} style={{ marginBottom: 8 }}>
            <DatePicker
              id={id}
              value={params[f.name] ? dayjs(params[f.name]) : null}
              onChange={(d) => update({ [f.name]: d ? d.format('YYYY-MM-DD') : undefined })}
            />
          </Form.Item>
        );
      })}
    </>
  );
}

/**
 * One list page for every resource: filters, sort and page in the URL; a table on a desk, cards
 * on a phone; loading, empty and error states. A feature declares columns and filters only.
 */
export function ListPage<T extends { id?: string }>(props: ListPageProps<T>) {
  const { params, update } = useUrlParams({ page: '1', pageSize: '20', ...props.defaults });
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const [drawer, setDrawer] = useState(false);
  const query = useQuery({
    queryKey: [props.resource, 'list', params],
    queryFn: () => props.fetch(params),
    placeholderData: keepPreviousData,
  });
  const rowKey = props.rowKey ?? ((r: T) => String(r.id));
  const page = Number(params.page) || 1;
  const pageSize = Number(params.pageSize) || 20;
  const filters = props.filters ?? [];
  const search = filters.find((f) => f.kind === 'search');
  const others = filters.filter((f) => f !== search);
  const active = others.filter((f) => params[f.name]).length;

  const exact = query.data?.totalExact !== false;

  // A desk gets numbered pages and a size changer; a phone gets SimplePager's thumb-sized buttons.
  const pager = (
    <Pagination
      current={page}
      pageSize={pageSize}
      total={query.data?.total ?? 0}
      showSizeChanger
      showTotal={(t) => formatListTotal(t, exact)}
      onChange={(p, s) => update({ page: String(p), pageSize: String(s) }, false)}
      style={{ marginTop: 16, textAlign: 'center' }}
    />
  );
  const empty = <Empty description={props.emptyText ?? '暂无记录'} />;

  return (
    <>
      <PageHeader
        title={props.title}
        extra={
          <Space wrap>
            <Button aria-label="刷新" size={isPhone ? 'large' : 'middle'} icon={<ReloadOutlined />} onClick={() => void query.refetch()} />
            {props.actions}
          </Space>
        }
      />
      {props.intro}
      <Form layout={isPhone ? 'vertical' : 'inline'} style={{ marginBottom: 12 }} role="search">
        {isPhone ? (
          <Flex gap={8} align="end" style={{ width: '100%' }}>
            <div style={{ flex: 1 }}>{search && <FilterFields filters={[search]} params={params} update={update} />}</div>
            {others.length > 0 && (
              <Button size="large" style={{ marginBottom: 8 }} icon={<FilterOutlined />} onClick={() => setDrawer(true)}>
                筛选{active ? `(${active})` : ''}
              </Button>
            )}
          </Flex>
        ) : (
          <FilterFields filters={filters} params={params} update={update} />
        )}
      </Form>
      <Drawer title="筛选" placement="bottom" open={drawer} onClose={() => setDrawer(false)} size="large">
        <Form layout="vertical">
          <FilterFields filters={others} params={params} update={update} />
        </Form>
        <Button block onClick={() => update(Object.fromEntries(others.map((f) => [f.name, undefined])))}>
          清除筛选
        </Button>
      </Drawer>
      <ProblemAlert error={query.error} />
      {isPhone ? (
        query.isPending ? (
          <Skeleton active />
        ) : (
          <>
            <List
              dataSource={query.data?.items ?? []}
              locale={{ emptyText: empty }}
              renderItem={(item) => {
                const c = props.card(item);
                const body = (
                  <Card size="small" style={{ marginBottom: 8 }} hoverable={!!props.to}>
                    <Flex justify="space-between" align="start" gap={8}>
                      <div style={{ minWidth: 0 }}>
                        <strong>{c.title}</strong>
                        {c.description && <div style={{ color: '#595959', fontSize: 13, marginTop: 4 }}>{c.description}</div>}
                      </div>
                      {c.extra}
                    </Flex>
                  </Card>
                );
                return (
                  <li key={rowKey(item)} style={{ listStyle: 'none' }}>
                    {props.to ? (
                      <Link to={props.to(item)} style={{ display: 'block', color: 'inherit', minHeight: 44 }}>
                        {body}
                      </Link>
                    ) : (
                      body
                    )}
                  </li>
                );
              }}
            />
            <SimplePager page={page} pageSize={pageSize} total={query.data?.total ?? 0} exact={exact} onChange={(p) => update({ page: String(p) }, false)} />
          </>
        )
      ) : (
        <Table<T>
          rowKey={rowKey}
          columns={props.columns.map((c) => {
            const key = String((c as { dataIndex?: string }).dataIndex ?? c.key);
            if (!c.sorter) return c;
            const order = params.sort === key ? 'ascend' : params.sort === `-${key}` ? 'descend' : null;
            return { ...c, sortOrder: order };
          })}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          locale={{ emptyText: query.isPending ? ' ' : empty }}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const field = s?.columnKey ?? s?.field;
            update({ sort: s?.order && field ? `${s.order === 'descend' ? '-' : ''}${String(field)}` : undefined });
          }}
          onRow={props.to ? (r) => ({ onClick: () => navigate(props.to!(r)), style: { cursor: 'pointer' } }) : undefined}
          footer={() => pager}
        />
      )}
    </>
  );
}
