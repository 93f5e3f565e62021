import { AimOutlined, DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined, SplitCellsOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Form, Modal, Segmented, Select, Skeleton, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Action } from '../../components/Action';
import { PageHeader } from '../../components/PageHeader';
import { PHONE_TAP } from '../../components/phone-tap';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReadableTag } from '../../components/ReadableTag';
import { useUrlParams } from '../../components/url-state';
import { todayInBusinessTz } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { useDeleteTarget, usePeriodTargets, type Target } from './api';
import { RateBar } from './Attainment';
import { showValue } from './format';
import { PeriodPicker } from './PeriodPicker';
import { TargetDrawer, type DrawerMode } from './TargetDrawer';
import { LEVEL_NAMES, MEASURE_OF, MEASURES, periodName, periodOf, periodTypeOf, type Measure } from './vocab';

type Node = Target & { children?: Node[]; depth: number };

const LEVEL_ORDER = { department: 0, team: 1, person: 2 } as const;
const LEVEL_TONE = { department: 'purple', team: 'blue', person: 'default' } as const;

/** The department → team → person tree of what the caller may read; a whole out of reach leaves its parts at the top. */
function buildTree(targets: Target[]): Node[] {
  const byId = new Map<string, Node>(targets.map((t) => [t.id, { ...t, depth: 0 }]));
  const roots: Node[] = [];
  for (const n of byId.values()) {
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    if (parent) (parent.children ??= []).push(n);
    else roots.push(n);
  }
  const order = (a: Node, b: Node) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || (a.userName ?? a.departmentName).localeCompare(b.userName ?? b.departmentName, 'zh');
  const walk = (nodes: Node[], depth: number) => {
    nodes.sort(order);
    for (const n of nodes) {
      n.depth = depth;
      if (n.children) walk(n.children, depth + 1);
    }
  };
  walk(roots, 0);
  return roots;
}

const flatten = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flatten(n.children ?? [])]);
const subjectOf = (t: Target) => (t.level === 'department' ? t.departmentName : t.level === 'team' ? `${t.userName} 团队` : (t.userName ?? ''));

/** 已分解 / 还可分解 of a whole; over the whole (allowed explicitly) said in words. */
function Split({ t }: { t: Target }) {
  if (t.level === 'person') return <>—</>;
  const over = t.remaining?.startsWith('-');
  return (
    <span style={{ whiteSpace: 'nowrap' }} data-testid="target-split">
      已分解 {showValue(t.measure, t.partsSum)}
      {' · '}
      {over ? <ReadableTag tone="orange">超出 {showValue(t.measure, t.remaining!.slice(1))}</ReadableTag> : <>还可分解 {showValue(t.measure, t.remaining)}</>}
    </span>
  );
}

/**
 * 指标 (SAL-4.8, SAL-4.7, SAL-5.3, MKT-4.2, MKT-5.1, KA-4.1): a period's targets of one measure as
 * the department → team → person tree, each with its target, the actual from the records and the
 * 完成率; the 经理 sets the department's and splits it, a 主管 splits the team's share.
 */
export default function TargetsPage() {
  const { params, update } = useUrlParams();
  const session = useSession();
  const isPhone = useIsPhone();
  const period = periodTypeOf(params.period) ? params.period : periodOf('month', todayInBusinessTz());
  const measure = (MEASURES.some((m) => m.value === params.measure) ? params.measure : 'contract_amount') as Measure;
  const q = usePeriodTargets(period, measure);
  const remove = useDeleteTarget();
  const [drawer, setDrawer] = useState<DrawerMode | null>(null);
  const [removing, setRemoving] = useState<Target | null>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const tree = useMemo(() => buildTree(q.data ?? []), [q.data]);
  const rows = useMemo(() => flatten(tree), [tree]);
  const byId = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);

  const me = session.me.user;
  const scope = session.grant('target.manage')?.scope;
  const wide = scope === 'department' || scope === 'all';
  // The API decides; these only offer what it would accept.
  const canSplit = (t: Target) => t.level !== 'person' && (wide || (scope === 'team' && t.level === 'team' && t.userId === me.id));
  const canChange = (t: Target) => wide || (scope === 'team' && t.level === 'person' && byId.get(t.parentId ?? '')?.userId === me.id);
  const ownDepartmentSet = rows.some((r) => r.level === 'department' && r.department === me.department);
  const size = isPhone ? ('large' as const) : ('small' as const);

  const actions = (t: Target) => (
    <Space wrap size={4}>
      <Action permission="target.manage" when={canSplit(t)} size={size} icon={<SplitCellsOutlined />} onClick={() => setDrawer({ kind: 'split', parent: t })} data-testid="target-split-button">
        分解
      </Action>
      <Action permission="target.manage" when={canChange(t)} size={size} icon={<EditOutlined />} onClick={() => setDrawer({ kind: 'edit', target: t })}>
        修改
      </Action>
      <Action permission="target.manage" when={canChange(t)} size={size} danger icon={<DeleteOutlined />} onClick={() => setRemoving(t)}>
        删除
      </Action>
    </Space>
  );

  const columns: ColumnsType<Node> = [
    {
      title: '对象',
      key: 'subject',
      render: (_, t) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <ReadableTag tone={LEVEL_TONE[t.level]}>{LEVEL_NAMES[t.level]}</ReadableTag>
          {subjectOf(t)}
        </span>
      ),
    },
    {
      title: '指标',
      key: 'value',
      align: 'right',
      render: (_, t) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {showValue(t.measure, t.value)}
          {t.overParent && (
            <ReadableTag tone="orange" style={{ marginInlineStart: 4 }}>
              允许超出
            </ReadableTag>
          )}
        </span>
      ),
    },
    { title: '完成', key: 'actual', align: 'right', render: (_, t) => <span style={{ whiteSpace: 'nowrap' }}>{showValue(t.measure, t.actual)}</span> },
    { title: '完成率', key: 'rate', width: 200, render: (_, t) => <RateBar rate={t.rate} label={subjectOf(t)} /> },
    { title: '分解情况', key: 'split', render: (_, t) => <Split t={t} /> },
    { title: '操作', key: 'actions', render: (_, t) => actions(t) },
  ];

  const withParts = rows.filter((r) => r.children?.length).map((r) => r.id);
  const empty = <Empty description={`${periodName(period)}还没有「${MEASURE_OF[measure].label}」指标`} />;

  return (
    <>
      <PageHeader
        title="指标"
        subTitle="各部门、团队和个人的指标与完成情况（按记录实时计算）"
        extra={
          <Space wrap>
            <Button aria-label="刷新" size={isPhone ? 'large' : 'middle'} icon={<ReloadOutlined />} onClick={() => void q.refetch()} />
            <Action
              permission="target.manage"
              when={wide && !q.isPending && !ownDepartmentSet}
              type="primary"
              size={isPhone ? 'large' : 'middle'}
              icon={<PlusOutlined />}
              onClick={() => setDrawer({ kind: 'department', period, measure })}
            >
              设定部门指标
            </Action>
          </Space>
        }
      />
      <Form layout={isPhone ? 'vertical' : 'inline'} role="search" aria-label="指标条件" style={{ marginBottom: 12, rowGap: 8 }}>
        <PeriodPicker value={period} onChange={(p) => update({ period: p })} />
        <Form.Item label="考核项" htmlFor={isPhone ? 'target-measure' : undefined} style={{ marginBottom: 8 }}>
          {isPhone ? (
            <Select
              id="target-measure"
              size="large"
              value={measure}
              styles={PHONE_TAP.select}
              options={MEASURES.map((m) => ({ value: m.value, label: m.label }))}
              onChange={(v: Measure) => update({ measure: v })}
            />
          ) : (
            <Segmented<Measure> aria-label="考核项" value={measure} options={MEASURES.map((m) => ({ value: m.value, label: m.label }))} onChange={(v) => update({ measure: v })} />
          )}
        </Form.Item>
      </Form>
      <ProblemAlert error={q.error} />
      {q.isPending ? (
        <Skeleton active />
      ) : isPhone ? (
        rows.length === 0 ? (
          empty
        ) : (
          rows.map((t) => (
            <Card key={t.id} size="small" style={{ marginBottom: 8, marginInlineStart: t.depth * 12 }} data-testid="target-node" data-level={t.level} data-user={t.userId ?? ''}>
              <Flex justify="space-between" align="center" gap={8} wrap>
                <strong>
                  <ReadableTag tone={LEVEL_TONE[t.level]}>{LEVEL_NAMES[t.level]}</ReadableTag>
                  {subjectOf(t)}
                </strong>
                <span>
                  {showValue(t.measure, t.actual)} / {showValue(t.measure, t.value)}
                </span>
              </Flex>
              <RateBar rate={t.rate} label={subjectOf(t)} />
              {t.level !== 'person' && (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  <Split t={t} />
                </Typography.Text>
              )}
              <div style={{ marginTop: 8 }}>{actions(t)}</div>
            </Card>
          ))
        )
      ) : (
        <Table<Node>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={tree}
          pagination={false}
          loading={q.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: empty }}
          onRow={(t) => ({ 'data-testid': 'target-node', 'data-level': t.level, 'data-user': t.userId ?? '' }) as HTMLAttributes<HTMLElement>}
          expandable={{
            expandedRowKeys: withParts.filter((id) => !collapsed.has(id)),
            onExpand: (open, t) =>
              setCollapsed((c) => {
                const next = new Set(c);
                if (open) next.delete(t.id);
                else next.add(t.id);
                return next;
              }),
          }}
        />
      )}
      {!q.isPending && rows.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          <AimOutlined /> 完成数按签订日期、收款日期、登记时间、拜访时间和成为大客户的时间（北京时间）统计：个人计本人的记录，团队计主管及其直接下属的，部门计全部门的。
        </Typography.Paragraph>
      )}
      <TargetDrawer mode={drawer} onClose={() => setDrawer(null)} />
      <Modal
        title="删除指标"
        open={!!removing}
        okText="删除"
        okButtonProps={{ danger: true, loading: remove.isPending }}
        cancelText="取消"
        onCancel={() => {
          setRemoving(null);
          remove.reset();
        }}
        onOk={() => removing && remove.mutate({ id: removing.id, withParts: removing.partsCount > 0 }, { onSuccess: () => setRemoving(null) })}
      >
        <ProblemAlert error={remove.error} />
        {removing && (
          <p>
            删除「{subjectOf(removing)}」{periodName(removing.period)}的{MEASURE_OF[removing.measure].label}指标
            {removing.partsCount > 0 ? `，连同已分解出的 ${removing.partsCount} 项下级指标（及其再分解的）一并删除` : ''}？
          </p>
        )}
      </Modal>
    </>
  );
}
