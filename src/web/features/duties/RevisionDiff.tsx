import { Empty, Flex, List, Table, Typography } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { ReadableTag } from '../../components/ReadableTag';
import { Section } from '../../components/RecordPage';
import { useIsPhone } from '../../lib/responsive';
import type { RevisionDetail, RevisionGrant } from './api';
import { SCOPE } from './vocab';

type Impact = RevisionDetail['impact'][number];
type Clause = RevisionDetail['diff']['clauses']['added'][number];

const scopeText = (s: string | null) => (s ? SCOPE[s] ?? s : '无');
const grantLine = (g: RevisionGrant) => `${g.roleName} · ${g.permissionName}（${g.permission}）`;
const box = (color: string, background: string) => ({ margin: '4px 0', padding: '6px 10px', borderInlineStart: `3px solid ${color}`, background, borderRadius: 4 });

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 12 }}>
      <h3 style={{ fontSize: 14, fontWeight: 600, margin: '0 0 4px' }}>{label}</h3>
      {children}
    </div>
  );
}

function ClauseText({ c, tone }: { c: Clause; tone: 'old' | 'new' }) {
  const style = tone === 'old' ? box('#cf1322', '#fff1f0') : box('#389e0d', '#f6ffed');
  return (
    <div style={style} data-testid={tone === 'old' ? 'clause-before' : 'clause-after'}>
      <span style={{ fontWeight: 600 }}>{tone === 'old' ? '修改前：' : '修改后：'}</span>
      {c.summary !== undefined && <span>【{c.summary}】</span>}
      {c.text}
    </div>
  );
}

/** 条款: added, changed (原文 before → after), withdrawn. */
function ClauseDiff({ d }: { d: RevisionDetail['diff']['clauses'] }) {
  if (!d.added.length && !d.changed.length && !d.withdrawn.length) return null;
  return (
    <Section title="条款变化">
      {d.changed.length > 0 && (
        <Labelled label="修改原文">
          {d.changed.map((c) => (
            <div key={c.after.id} data-testid="diff-clause-changed" data-id={c.after.id} style={{ marginBottom: 8 }}>
              <strong>{c.after.id}</strong> {c.after.roleName && <Typography.Text type="secondary">· {c.after.roleName}</Typography.Text>}
              <ClauseText c={c.before} tone="old" />
              <ClauseText c={c.after} tone="new" />
            </div>
          ))}
        </Labelled>
      )}
      {d.added.length > 0 && (
        <Labelled label="新增条款">
          {d.added.map((c) => (
            <div key={c.id} data-testid="diff-clause-added" data-id={c.id} style={box('#389e0d', '#f6ffed')}>
              <strong>{c.id}</strong> 【{c.summary}】{c.text}
            </div>
          ))}
        </Labelled>
      )}
      {d.withdrawn.length > 0 && (
        <Labelled label="撤销条款">
          {d.withdrawn.map((c) => (
            <div key={c.id} data-testid="diff-clause-withdrawn" data-id={c.id} style={box('#cf1322', '#fff1f0')}>
              <strong>{c.id}</strong> 【{c.summary}】<del>{c.text}</del>
            </div>
          ))}
        </Labelled>
      )}
    </Section>
  );
}

/** 授权: removed, added, re-scoped or citing other clauses. */
function GrantDiff({ d }: { d: RevisionDetail['diff']['grants'] }) {
  if (!d.added.length && !d.changed.length && !d.removed.length) return null;
  return (
    <Section title="授权变化">
      {d.removed.length > 0 && (
        <Labelled label="取消授权">
          {d.removed.map((g) => (
            <div key={`${g.permission}|${g.role}`} data-testid="diff-grant-removed" data-permission={g.permission} data-role={g.role} style={box('#cf1322', '#fff1f0')}>
              {grantLine(g)} · 原范围 {scopeText(g.scope)} · 依据 {g.clauses.join('、') || '—'}
            </div>
          ))}
        </Labelled>
      )}
      {d.added.length > 0 && (
        <Labelled label="新增授权">
          {d.added.map((g) => (
            <div key={`${g.permission}|${g.role}`} data-testid="diff-grant-added" data-permission={g.permission} data-role={g.role} style={box('#389e0d', '#f6ffed')}>
              {grantLine(g)} · 范围 {scopeText(g.scope)} · 依据 {g.clauses.join('、') || '—'}
            </div>
          ))}
        </Labelled>
      )}
      {d.changed.length > 0 && (
        <Labelled label="调整授权">
          {d.changed.map(({ before, after }) => (
            <div key={`${after.permission}|${after.role}`} data-testid="diff-grant-changed" data-permission={after.permission} data-role={after.role} style={box('#d48806', '#fffbe6')}>
              {grantLine(after)}
              {before.scope !== after.scope && ` · 范围 ${scopeText(before.scope)} → ${scopeText(after.scope)}`}
              {before.clauses.join() !== after.clauses.join() && ` · 依据 ${before.clauses.join('、') || '—'} → ${after.clauses.join('、') || '—'}`}
            </div>
          ))}
        </Labelled>
      )}
    </Section>
  );
}

/** Per position: the permissions it gains, loses, and whose scope changes. */
function RoleDiff({ r, names }: { r: RevisionDetail; names: Map<string, string> }) {
  if (!r.diff.roles.length) return null;
  const name = (p: string) => names.get(p) ?? p;
  return (
    <Section title="岗位权限变化">
      <List
        size="small"
        dataSource={r.diff.roles}
        renderItem={(x) => (
          <List.Item data-testid="diff-role" data-role={x.role} style={{ display: 'block' }}>
            <strong>{x.roleName}</strong>
            <Flex vertical gap={2} style={{ marginTop: 4 }}>
              {x.gained.length > 0 && (
                <span>
                  <ReadableTag tone="green">获得</ReadableTag>
                  {x.gained.map(name).join('、')}
                </span>
              )}
              {x.lost.length > 0 && (
                <span data-testid="role-lost">
                  <ReadableTag tone="red">失去</ReadableTag>
                  {x.lost.map(name).join('、')}
                </span>
              )}
              {x.rescoped.length > 0 && (
                <span>
                  <ReadableTag tone="gold">范围变化</ReadableTag>
                  {x.rescoped.map((s) => `${name(s.permission)} ${scopeText(s.from)} → ${scopeText(s.to)}`).join('；')}
                </span>
              )}
            </Flex>
          </List.Item>
        )}
      />
    </Section>
  );
}

/** Who would newly see, or stop seeing, how many records. */
function ImpactTable({ r, roleNames }: { r: RevisionDetail; roleNames: Map<string, string> }) {
  const isPhone = useIsPhone();
  const decided = r.status === 'approved' || r.status === 'withdrawn';
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={decided ? '修订已批准或撤回，不再预览影响' : '没有人员的可见范围因此变化'} />;
  const reach = (i: Impact) => `${scopeText(i.from)} → ${scopeText(i.to)}`;
  return (
    <Section title="影响预览">
      {isPhone ? (
        <List
          dataSource={r.impact}
          locale={{ emptyText: empty }}
          renderItem={(i) => (
            <List.Item data-testid="impact-row" data-person={i.displayName} data-lost={i.noLongerVisible} data-gained={i.newlyVisible} style={{ display: 'block' }}>
              <strong>{i.displayName}</strong>（{roleNames.get(i.role) ?? i.role}）
              <div>
                {i.records} · {reach(i)}
              </div>
              <div>
                将新看到 {i.newlyVisible} 条 · 将不再看到 {i.noLongerVisible} 条
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<Impact>
          size="small"
          rowKey={(i) => `${i.userId}|${i.permission}`}
          pagination={r.impact.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          dataSource={r.impact}
          locale={{ emptyText: empty }}
          onRow={(i) => ({ 'data-testid': 'impact-row', 'data-person': i.displayName, 'data-lost': i.noLongerVisible, 'data-gained': i.newlyVisible }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: '人员', dataIndex: 'displayName' },
            { title: '岗位', key: 'role', render: (_, i) => roleNames.get(i.role) ?? i.role },
            { title: '记录', dataIndex: 'records' },
            { title: '范围', key: 'reach', render: (_, i) => reach(i) },
            { title: '将新看到', dataIndex: 'newlyVisible', align: 'right', render: (n: number) => `${n} 条` },
            { title: '将不再看到', dataIndex: 'noLongerVisible', align: 'right', render: (n: number) => `${n} 条` },
          ]}
        />
      )}
    </Section>
  );
}

/** The revision against the version it was drafted on: clauses, grants, positions, and the people it would affect. */
export function RevisionDiff({ r }: { r: RevisionDetail }) {
  const g = r.diff.grants;
  const names = new Map([...g.added, ...g.removed, ...g.changed.map((c) => c.after)].map((x) => [x.permission as string, x.permissionName]));
  const roleNames = new Map(r.diff.roles.map((x) => [x.role as string, x.roleName]));
  const nothing = !r.diff.clauses.added.length && !r.diff.clauses.changed.length && !r.diff.clauses.withdrawn.length && !g.added.length && !g.changed.length && !g.removed.length;
  return (
    <>
      {nothing && (
        <Section title="变更">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="与所依据的版本相比没有变化" />
        </Section>
      )}
      <ClauseDiff d={r.diff.clauses} />
      <GrantDiff d={g} />
      <RoleDiff r={r} names={names} />
      <ImpactTable r={r} roleNames={roleNames} />
    </>
  );
}
