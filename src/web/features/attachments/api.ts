import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, CSRF_COOKIE, readCookie } from '../../lib/api/client';
import { ApiError, toProblem } from '../../lib/api/problem';
import type { components } from '../../lib/api/schema';

type S = components['schemas'];
export type Attachment = S['AttachmentDto'];
export type AttachmentList = S['AttachmentListDto'];
export type ParentType = Attachment['parentType'];

export const attachmentKeys = {
  of: (type: ParentType, id: string) => ['attachments', type, id] as const,
};

export function useAttachments(parentType: ParentType, parentId: string) {
  return useQuery({
    queryKey: attachmentKeys.of(parentType, parentId),
    queryFn: () => call(api.GET('/api/v1/attachments', { params: { query: { parentType, parentId } } })),
    enabled: !!parentId,
  });
}

/**
 * Sends one file as multipart with the session's CSRF token, reporting progress (a 20 MiB scan over
 * a phone's network takes a while). XMLHttpRequest, because fetch cannot report upload progress.
 */
export function uploadFile(parentType: ParentType, parentId: string, file: File, onProgress: (percent: number) => void): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/attachments?parentType=${parentType}&parentId=${encodeURIComponent(parentId)}`);
    xhr.withCredentials = true;
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as Attachment);
      else {
        const response = new Response(xhr.responseText, { status: xhr.status, headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' } });
        void toProblem(response).then((p) => reject(new ApiError(p)));
      }
    };
    xhr.onerror = () => void toProblem(undefined).then((p) => reject(new ApiError(p)));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export function useDeleteAttachment(parentType: ParentType, parentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.DELETE('/api/v1/attachments/{id}', { params: { path: { id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: attachmentKeys.of(parentType, parentId) }),
  });
}

export const attachmentPath = (id: string) => `/api/v1/attachments/${id}`;

export const isImage = (a: Pick<Attachment, 'contentType'>) => a.contentType.startsWith('image/');

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
