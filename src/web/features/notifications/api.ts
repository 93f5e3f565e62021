import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import type { components, paths } from '../../lib/api/schema';
import { pageQuery } from '../../lib/list-params';

type S = components['schemas'];
export type NotificationSettings = S['NotificationSettingsDto'];
export type SettingsInput = S['UpdateNotificationSettingsDto'];
export type OutboxItem = S['OutboxItemDto'];
export type OutboxDetail = S['OutboxDetailDto'];
export type OutboxAttempt = S['OutboxAttemptDto'];
export type NotificationStatus = S['NotificationStatusDto'];
type OutboxQuery = NonNullable<paths['/api/v1/notifications/outbox']['get']['parameters']['query']>;

export const notificationKeys = {
  settings: ['notification-settings'] as const,
  outbox: ['notification-outbox'] as const,
  item: (id: string) => ['notification-outbox', 'detail', id] as const,
  status: ['notification-outbox', 'status'] as const,
};

export function useNotificationSettings() {
  return useQuery({ queryKey: notificationKeys.settings, queryFn: () => call(api.GET('/api/v1/me/notification-settings')) });
}

export function useSaveNotificationSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SettingsInput) => call(api.PUT('/api/v1/me/notification-settings', { body })),
    onSuccess: (saved) => client.setQueryData(notificationKeys.settings, saved),
  });
}

export function fetchOutbox(p: Record<string, string>): Promise<Page<OutboxItem>> {
  const query: OutboxQuery = {
    ...pageQuery(p),
    status: p.status as OutboxQuery['status'],
    kind: p.kind as OutboxQuery['kind'],
    channel: p.channel as OutboxQuery['channel'],
    recipientId: p.recipientId,
    from: p.from,
    to: p.to,
  };
  return call(api.GET('/api/v1/notifications/outbox', { params: { query } }));
}

export function useOutboxItem(id: string | undefined) {
  return useQuery({
    queryKey: notificationKeys.item(id ?? ''),
    queryFn: () => call(api.GET('/api/v1/notifications/outbox/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

export function useNotificationStatus() {
  return useQuery({ queryKey: notificationKeys.status, queryFn: () => call(api.GET('/api/v1/notifications/status')) });
}

export function useRetryNotification() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.POST('/api/v1/notifications/outbox/{id}/retry', { params: { path: { id } } })),
    onSuccess: (detail) => {
      client.setQueryData(notificationKeys.item(detail.id), detail);
      void client.invalidateQueries({ queryKey: notificationKeys.outbox });
    },
  });
}
