import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { api, call } from '../lib/api/client';
import { useSession } from '../lib/session';
import type { Page } from './ListPage';
import { ReadableTag } from './ReadableTag';

export type PartyKind = 'customer' | 'prospect';
export interface Party {
  kind: PartyKind;
  id: string;
  name: string;
}

/** antd centres a one-line input in the field's padding; here it spans the field's full height, border included. */
const FILL_ROOT = { paddingBlock: 0, minHeight: 'var(--ant-select-height)' } as const;
const FILL_CONTENT = { alignSelf: 'stretch', marginBlock: 'calc(-1 * var(--ant-select-border-size))', display: 'flex', alignItems: 'center' } as const;

const KIND_LABEL: Record<PartyKind, string> = { customer: '客户', prospect: '潜在客户' };

export const partyValue = (p: Pick<Party, 'kind' | 'id'>) => `${p.kind}:${p.id}`;
export function parseParty(value: string | undefined): { kind: PartyKind; id: string } | null {
  const m = /^(customer|prospect):(.+)$/.exec(value ?? '');
  return m ? { kind: m[1] as PartyKind, id: m[2] } : null;
}

interface Named {
  id: string;
  name?: string;
  companyName?: string;
  customerId?: string | null;
  prospectId?: string | null;
  targetName?: string;
}

/**
 * Picks whom a record is about — a customer, or (for visits) a prospect. Without typing it offers
 * the parties of my latest visits, most recent first; typing searches the ones I may read.
 */
export function PartyPicker(props: {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined, party?: Party) => void;
  kinds?: PartyKind[];
  /** A party to show by name before any search (e.g. from ?customerId= in the URL). */
  initial?: Party;
  placeholder?: string;
  /** Extra customer filters, e.g. { isKeyAccount: 'false' } for a rep's contracts. */
  customerFilter?: Record<string, string>;
  /** The small ✕ that empties the field (default on; a form field that must hold a party may turn it off). */
  allowClear?: boolean;
}) {
  const kinds = props.kinds ?? ['customer'];
  const session = useSession();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const canCustomers = kinds.includes('customer') && session.can('customer.read');
  const canProspects = kinds.includes('prospect') && session.can('prospect.read');

  const recent = useQuery({
    queryKey: ['party-picker', 'recent', session.me.user.id],
    enabled: session.can('visit.read'),
    queryFn: async () => {
      const page = await call<Page<Named>>(
        api.GET('/api/v1/visits', { params: { query: { visitorId: session.me.user.id, sort: '-visitedAt', pageSize: 50 } } }) as never,
      );
      const seen = new Set<string>();
      const out: Party[] = [];
      for (const v of page.items) {
        const p: Party | null = v.customerId
          ? { kind: 'customer', id: v.customerId, name: v.targetName ?? '' }
          : v.prospectId
            ? { kind: 'prospect', id: v.prospectId, name: v.targetName ?? '' }
            : null;
        if (!p || !kinds.includes(p.kind) || seen.has(partyValue(p))) continue;
        seen.add(partyValue(p));
        out.push(p);
      }
      return out.slice(0, 8);
    },
  });

  const found = useQuery({
    queryKey: ['party-picker', 'search', kinds, q, props.customerFilter],
    enabled: q.length > 0 || !recent.data?.length,
    queryFn: async () => {
      const [customers, prospects] = await Promise.all([
        canCustomers
          ? call<Page<Named>>(api.GET('/api/v1/customers', { params: { query: { q: q || undefined, pageSize: 20, ...props.customerFilter } } }) as never)
          : null,
        canProspects
          ? call<Page<Named>>(api.GET('/api/v1/prospects', { params: { query: { q: q || undefined, pageSize: 20, sort: '-updatedAt' } } }) as never)
          : null,
      ]);
      return [
        ...(customers?.items ?? []).map((c): Party => ({ kind: 'customer', id: c.id, name: c.name ?? '' })),
        ...(prospects?.items ?? [])
          .filter((p) => (p as { status?: string }).status !== 'converted')
          .map((p): Party => ({ kind: 'prospect', id: p.id, name: p.companyName ?? '' })),
      ];
    },
  });

  const options = useMemo(() => {
    const byValue = new Map<string, Party>();
    const add = (p: Party) => byValue.set(partyValue(p), p);
    if (props.initial) add(props.initial);
    if (!q) recent.data?.forEach(add);
    found.data?.forEach(add);
    const label = (p: Party) => (
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 }}>
        {kinds.length > 1 && <ReadableTag tone={p.kind === 'customer' ? 'blue' : 'gold'}>{KIND_LABEL[p.kind]}</ReadableTag>}
        {p.name}
      </span>
    );
    const recentSet = new Set((q ? [] : recent.data ?? []).map(partyValue));
    const all = [...byValue.values()];
    const groups = [
      { label: '最近拜访', options: all.filter((p) => recentSet.has(partyValue(p))) },
      { label: q ? '搜索结果' : '全部', options: all.filter((p) => !recentSet.has(partyValue(p))) },
    ].filter((g) => g.options.length > 0);
    return { byValue, groups: groups.map((g) => ({ label: g.label, options: g.options.map((p) => ({ value: partyValue(p), label: label(p), title: p.name })) })) };
  }, [props.initial, q, recent.data, found.data, kinds]);

  return (
    <Select
      id={props.id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear={props.allowClear ?? true}
      // The search input fills the whole field (padding and border included): the whole 44 px box is its tap target.
      styles={{ root: FILL_ROOT, content: FILL_CONTENT }}
      value={props.value}
      placeholder={props.placeholder ?? '输入名称搜索'}
      loading={recent.isFetching || found.isFetching}
      options={options.groups}
      notFoundContent={found.isFetching ? '搜索中…' : '没有匹配的记录'}
      onChange={(v?: string) => props.onChange?.(v, v ? options.byValue.get(v) : undefined)}
      style={{ width: '100%' }}
    />
  );
}
