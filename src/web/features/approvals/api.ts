import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, call } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';

type S = components['schemas'];
export type Inbox = S['ApprovalInboxDto'];
export type ApprovalItem = S['ApprovalItemDto'];
export type ApprovalKind = ApprovalItem['kind'];

export const KIND_LABEL: Record<ApprovalKind, string> = {
  contract: '合同',
  tier: '等级评估',
  compensation: '投诉赔偿',
  workReport: '工作报告',
  visit: '拜访记录',
  reviewScheme: '考核方案',
  review: '绩效考核',
};
export const KINDS = Object.keys(KIND_LABEL) as ApprovalKind[];

export const approvalKeys = {
  all: ['approvals'] as const,
  inboxes: ['approvals', 'inbox'] as const,
  inbox: (kind: string | undefined, page: number) => ['approvals', 'inbox', kind ?? 'all', page] as const,
  count: ['approvals', 'count'] as const,
};

/** Where a waiting record opens: the contract's decision view, or the record page that has the action. */
export function recordPath(i: ApprovalItem): string {
  switch (i.kind) {
    case 'contract':
      return `/approvals/contracts/${i.id}`;
    case 'tier':
      return `/key-accounts/assessments/${i.id}`;
    case 'compensation':
      return `/complaints/${i.id}`;
    case 'workReport':
      return `/work-reports/${i.id}`;
    case 'visit':
      return `/visits/${i.id}`;
    case 'reviewScheme':
      return `/review-schemes/${i.id}`;
    case 'review':
      return `/reviews/${i.id}`;
  }
}

/** GET /me/approvals: every kind's first few, or one kind paged. */
export function useInbox(kind: ApprovalKind | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: approvalKeys.inbox(kind, page),
    // a decision made on a record page (a visit's 审阅, a complaint's 审批赔偿) takes a row out: always ask again
    staleTime: 0,
    queryFn: () => call(api.GET('/api/v1/me/approvals', { params: { query: kind ? { kind, page, pageSize } : { pageSize } } })),
  });
}

/**
 * How many records wait on me (the 审批 menu entry's count). Any successful change anywhere in the
 * console — a decision on a contract, a reviewed visit — may take one out, so it refetches then.
 */
export function useApprovalCount(enabled: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    return qc.getMutationCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'success') void qc.invalidateQueries({ queryKey: approvalKeys.all });
    });
  }, [qc, enabled]);
  return useQuery({
    queryKey: approvalKeys.count,
    enabled,
    staleTime: 0,
    queryFn: async () => (await call(api.GET('/api/v1/me/approvals', { params: { query: { pageSize: 1 } } }))).counts.total,
    refetchInterval: 120_000,
  });
}
