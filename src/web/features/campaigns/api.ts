import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';
import { pageQuery } from '../../lib/list-params';

type S = components['schemas'];
export type Channel = S['ChannelDto'];
export type ChannelInput = S['CreateChannelDto'];
export type ChannelUpdate = S['UpdateChannelDto'];
export type Plan = S['ChannelPlanDto'];
export type PlanInput = S['CreatePlanDto'];
export type PlanUpdate = S['UpdatePlanDto'];
export type Campaign = S['CampaignDto'];
export type CampaignInput = S['CreateCampaignDto'];
export type CampaignUpdate = S['UpdateCampaignDto'];
export type Evaluation = S['EvaluationDto'];
export type ChannelEvaluation = S['ChannelEvaluationDto'];

export const keys = {
  channels: ['channels'] as const,
  channel: (id: string) => ['channels', 'detail', id] as const,
  plans: (id: string) => ['channels', 'plans', id] as const,
  channelEvaluation: (id: string) => ['channels', 'evaluation', id] as const,
  campaigns: ['campaigns'] as const,
  campaign: (id: string) => ['campaigns', 'detail', id] as const,
  evaluation: (id: string) => ['campaigns', 'evaluation', id] as const,
};

// ── 渠道 ──────────────────────────────────────────────────────────────────

/** The list's URL parameters → GET /channels. */
export function fetchChannels(p: Record<string, string>): Promise<Page<Channel>> {
  return call(
    api.GET('/api/v1/channels', {
      params: { query: { ...pageQuery(p), q: p.q, kind: p.kind as Channel['kind'] | undefined, status: p.status as Channel['status'] | undefined, region: p.region } },
    }),
  );
}

export function useChannel(id: string) {
  return useQuery({ queryKey: keys.channel(id), queryFn: () => call(api.GET('/api/v1/channels/{id}', { params: { path: { id } } })) });
}

export function usePlans(id: string) {
  return useQuery({ queryKey: keys.plans(id), queryFn: () => call(api.GET('/api/v1/channels/{id}/plans', { params: { path: { id }, query: { pageSize: 100 } } })) });
}

export function useChannelEvaluation(id: string) {
  return useQuery({ queryKey: keys.channelEvaluation(id), queryFn: () => call(api.GET('/api/v1/channels/{id}/evaluation', { params: { path: { id } } })) });
}

/** After a change to a channel: the record, its plans and figures, and every list. */
function useChannelSettle() {
  const qc = useQueryClient();
  return async (c?: Channel) => {
    if (c) qc.setQueryData(keys.channel(c.id), c);
    await qc.invalidateQueries({ queryKey: keys.channels });
  };
}

export function useCreateChannel() {
  const settle = useChannelSettle();
  return useMutation({ mutationFn: (v: ChannelInput) => call(api.POST('/api/v1/channels', { body: v })), onSuccess: settle });
}

export function useUpdateChannel(id: string) {
  const settle = useChannelSettle();
  return useMutation({ mutationFn: (v: ChannelUpdate) => call(api.PATCH('/api/v1/channels/{id}', { params: { path: { id } }, body: v })), onSuccess: settle });
}

export function useChannelStatus(id: string) {
  const settle = useChannelSettle();
  return useMutation({
    mutationFn: (action: 'deactivate' | 'activate') =>
      call(action === 'deactivate' ? api.POST('/api/v1/channels/{id}/deactivate', { params: { path: { id } } }) : api.POST('/api/v1/channels/{id}/activate', { params: { path: { id } } })),
    onSuccess: settle,
  });
}

export type PlanStep = { kind: 'create'; body: PlanInput } | { kind: 'edit'; planId: string; body: PlanUpdate } | { kind: 'complete'; planId: string; result: string } | { kind: 'cancel'; planId: string; reason?: string };

function sendPlan(id: string, s: PlanStep): Promise<Plan> {
  switch (s.kind) {
    case 'create':
      return call(api.POST('/api/v1/channels/{id}/plans', { params: { path: { id } }, body: s.body }));
    case 'edit':
      return call(api.PATCH('/api/v1/channels/{id}/plans/{planId}', { params: { path: { id, planId: s.planId } }, body: s.body }));
    case 'complete':
      return call(api.POST('/api/v1/channels/{id}/plans/{planId}/complete', { params: { path: { id, planId: s.planId } }, body: { result: s.result } }));
    case 'cancel':
      return call(api.POST('/api/v1/channels/{id}/plans/{planId}/cancel', { params: { path: { id, planId: s.planId } }, body: s.reason ? { reason: s.reason } : {} }));
  }
}

/** 编制, 修改, 完成, 取消 a maintenance plan: the channel's plans and its open count follow. */
export function usePlanStep(id: string) {
  const settle = useChannelSettle();
  return useMutation({ mutationFn: (s: PlanStep) => sendPlan(id, s), onSuccess: () => settle() });
}

// ── 推广活动 ──────────────────────────────────────────────────────────────

/** The list's URL parameters → GET /campaigns (status and the period in the URL). */
export function fetchCampaigns(p: Record<string, string>): Promise<Page<Campaign>> {
  return call(
    api.GET('/api/v1/campaigns', {
      params: {
        query: {
          ...pageQuery(p),
          q: p.q,
          status: p.status as Campaign['status'] | undefined,
          channelId: p.channelId,
          periodFrom: p.periodFrom,
          periodTo: p.periodTo,
        },
      },
    }),
  );
}

export function useCampaign(id: string) {
  return useQuery({ queryKey: keys.campaign(id), queryFn: () => call(api.GET('/api/v1/campaigns/{id}', { params: { path: { id } } })) });
}

export function useEvaluation(id: string) {
  return useQuery({ queryKey: keys.evaluation(id), queryFn: () => call(api.GET('/api/v1/campaigns/{id}/evaluation', { params: { path: { id } } })) });
}

function useCampaignSettle() {
  const qc = useQueryClient();
  return async (c: Campaign) => {
    qc.setQueryData(keys.campaign(c.id), c);
    await qc.invalidateQueries({ queryKey: keys.campaigns });
    await qc.invalidateQueries({ queryKey: keys.channels });
  };
}

export function useCreateCampaign() {
  const settle = useCampaignSettle();
  return useMutation({ mutationFn: (v: CampaignInput) => call(api.POST('/api/v1/campaigns', { body: v })), onSuccess: settle });
}

export function useUpdateCampaign(id: string) {
  const settle = useCampaignSettle();
  return useMutation({ mutationFn: (v: CampaignUpdate) => call(api.PATCH('/api/v1/campaigns/{id}', { params: { path: { id } }, body: v })), onSuccess: settle });
}

export type CampaignStep = { kind: 'start' } | { kind: 'finish'; conclusion: string; actualCost?: string } | { kind: 'cancel'; reason: string };

function sendCampaign(id: string, s: CampaignStep): Promise<Campaign> {
  const path = { params: { path: { id } } };
  switch (s.kind) {
    case 'start':
      return call(api.POST('/api/v1/campaigns/{id}/start', path));
    case 'finish':
      return call(api.POST('/api/v1/campaigns/{id}/finish', { ...path, body: { conclusion: s.conclusion, ...(s.actualCost ? { actualCost: s.actualCost } : {}) } }));
    case 'cancel':
      return call(api.POST('/api/v1/campaigns/{id}/cancel', { ...path, body: { reason: s.reason } }));
  }
}

/** 开始, 结束 (总结), 取消: the answer is the campaign as it now stands. */
export function useCampaignStep(id: string) {
  const settle = useCampaignSettle();
  return useMutation({ mutationFn: (s: CampaignStep) => sendCampaign(id, s), onSuccess: settle });
}
