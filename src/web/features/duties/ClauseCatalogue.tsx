import { Card, Collapse, Empty, Flex, Input, Progress, Segmented, Typography } from 'antd';
import { useMemo } from 'react';
import { PHONE_TAP } from '../../components/phone-tap';
import { ReadableTag } from '../../components/ReadableTag';
import { useUrlParams } from '../../components/url-state';
import { useIsPhone } from '../../lib/responsive';
import type { DutyCatalogue, DutyClause, DutyMatrix } from './api';
import { RULE_SHORT, SCOPE } from './vocab';

type RuleFilter = 'all' | 'MKT' | 'SAL' | 'KA';
type StateFilter = 'all' | 'served' | 'notServed';

/** The article's number in Chinese, as the rules print it: 第4条 第2款. */
export const clauseLabel = (c: { article: number; item: number | null }) => `第${c.article}条${c.item === null ? '' : ` 第${c.item}款`}`;

/** Does the clause match the words typed (its id, summary, text, position, or a permission serving it)? */
function matches(c: DutyClause, q: string, names: Map<string, string>): boolean {
  if (!q) return true;
  const hay = [c.id, c.summary, c.text, c.roleName ?? '', c.notServed ?? '', ...c.servedBy.flatMap((s) => [s.permission, names.get(s.permission) ?? ''])].join(' ').toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

/** Who holds a permission, at which scope, citing the clause: 销售业务员（本人）. */
function holders(matrix: DutyMatrix | undefined, permission: string, clauseId: string): string {
  const entry = matrix?.items.find((e) => e.permission === permission);
  if (!entry) return '';
  return entry.grants
    .filter((g) => g.clauses.includes(clauseId))
    .map((g) => `${g.roleName}（${SCOPE[g.scope]}）`)
    .join('、');
}

function ClauseCard({ c, names, matrix }: { c: DutyClause; names: Map<string, string>; matrix: DutyMatrix | undefined }) {
  const served = c.servedBy.length > 0;
  return (
    <Card size="small" data-testid="clause" data-id={c.id} data-served={served ? 'true' : 'false'} styles={{ body: { padding: 12 } }}>
      <Flex gap={8} align="baseline" wrap>
        <ReadableTag tone={served ? 'green' : 'default'}>{c.id}</ReadableTag>
        <Typography.Text type="secondary">{clauseLabel(c)}</Typography.Text>
        {c.roleName && <Typography.Text type="secondary">· {c.roleName}</Typography.Text>}
      </Flex>
      <div style={{ margin: '6px 0 2px', fontWeight: 500 }}>{c.summary}</div>
      <blockquote data-testid="clause-text" style={{ margin: '0 0 6px', paddingInlineStart: 10, borderInlineStart: '3px solid #d9d9d9', color: 'rgba(0,0,0,0.72)' }}>
        <span style={{ color: 'rgba(0,0,0,0.65)' }}>原文：</span>
        {c.text}
      </blockquote>
      {served ? (
        <Collapse
          size="small"
          ghost
          items={[
            {
              key: 'served',
              styles: { header: { minHeight: 44, alignItems: 'center' } },
              label: <span>已服务：{c.servedBy.map((s) => names.get(s.permission) ?? s.permission).join('、')}</span>,
              children: (
                <Flex vertical gap={8}>
                  {c.servedBy.map((s) => (
                    <div key={s.permission} data-testid="served-by" data-permission={s.permission}>
                      <div>
                        <strong>{names.get(s.permission) ?? s.permission}</strong> <Typography.Text code>{s.permission}</Typography.Text>
                      </div>
                      <Typography.Text type="secondary">{holders(matrix, s.permission, c.id)}</Typography.Text>
                      <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                        {s.routes.map((r) => (
                          <li key={r}>
                            <Typography.Text code style={{ wordBreak: 'break-all' }}>
                              {r}
                            </Typography.Text>
                          </li>
                        ))}
                      </ul>
                    </div>
                  ))}
                </Flex>
              ),
            },
          ]}
        />
      ) : (
        <Typography.Text type="secondary" data-testid="not-served">
          未服务：{c.notServed}
        </Typography.Text>
      )}
    </Card>
  );
}

/**
 * The clauses of one version with how the product serves each — the permissions citing it and the
 * routes demanding them — or why it is not served; the count of numbered clauses served. Rule,
 * state and search words are in the URL.
 */
export function ClauseCatalogue({ data, matrix }: { data: DutyCatalogue; matrix: DutyMatrix | undefined }) {
  const isPhone = useIsPhone();
  const { params, update } = useUrlParams();
  const rule = (['MKT', 'SAL', 'KA'].includes(params.rule) ? params.rule : 'all') as RuleFilter;
  const state = (['served', 'notServed'].includes(params.state) ? params.state : 'all') as StateFilter;
  const q = params.q ?? '';
  const names = useMemo(() => new Map((matrix?.items ?? []).map((e) => [e.permission as string, e.name])), [matrix]);
  const shown = useMemo(
    () => data.items.filter((c) => (rule === 'all' || c.rule === rule) && (state === 'all' || (state === 'served') === c.servedBy.length > 0) && matches(c, q, names)),
    [data, rule, state, q, names],
  );
  const groups = useMemo(() => data.rules.map((r) => ({ ...r, clauses: shown.filter((c) => c.rule === r.code) })).filter((g) => g.clauses.length > 0), [data, shown]);
  const size = isPhone ? 'large' : undefined;
  const segments = isPhone ? PHONE_TAP.segmented : undefined;
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex align="center" gap={16} wrap>
          <Progress type="circle" size={64} percent={Math.round((data.coverage.served / data.coverage.numbered) * 100)} aria-label="已服务的比例" />
          <div data-testid="coverage">
            {data.coverage.numbered} 款职责中已服务 {data.coverage.served} 款，未服务 {data.coverage.notServed} 款
          </div>
        </Flex>
      </Card>
      <Flex gap={8} wrap role="search" aria-label="筛选条款">
        <Segmented<RuleFilter>
          aria-label="制度"
          size={size}
          styles={segments}
          value={rule}
          onChange={(v) => update({ rule: v === 'all' ? undefined : v })}
          options={[{ value: 'all', label: '全部' }, ...data.rules.map((r) => ({ value: r.code as RuleFilter, label: RULE_SHORT[r.code] ?? r.code }))]}
        />
        <Segmented<StateFilter>
          aria-label="服务状态"
          size={size}
          styles={segments}
          value={state}
          onChange={(v) => update({ state: v === 'all' ? undefined : v })}
          options={[
            { value: 'all', label: '全部' },
            { value: 'served', label: '已服务' },
            { value: 'notServed', label: '未服务' },
          ]}
        />
        <Input.Search
          aria-label="搜索条款"
          placeholder="条款号、内容、岗位或权限"
          allowClear={!isPhone}
          size={size}
          styles={isPhone ? PHONE_TAP.affixInput : undefined}
          defaultValue={q}
          key={q}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          style={{ maxWidth: isPhone ? '100%' : 320 }}
        />
      </Flex>
      {groups.length === 0 ? (
        <Empty description="没有符合条件的条款" />
      ) : (
        groups.map((g) => (
          <section key={g.code} aria-label={g.name}>
            <h2 style={{ fontSize: 16, fontWeight: 600, margin: '8px 0' }}>
              {g.name}（{g.clauses.length} 项）
            </h2>
            <Flex vertical gap={8}>
              {g.clauses.map((c) => (
                <ClauseCard key={c.id} c={c} names={names} matrix={matrix} />
              ))}
            </Flex>
          </section>
        ))
      )}
    </Flex>
  );
}
