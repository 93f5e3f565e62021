/** RFC 9457 problem details as the API sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  [extra: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problemType(code: string): string {
  return `urn:zhize-crm:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

const STATUS_TITLES: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', '请求无效'],
  401: ['UNAUTHENTICATED', '未认证'],
  403: ['FORBIDDEN', '无权限'],
  404: ['NOT_FOUND', '未找到'],
  405: ['METHOD_NOT_ALLOWED', '不支持的请求方法'],
  406: ['NOT_ACCEPTABLE', '无法提供请求的格式'],
  409: ['CONFLICT', '冲突'],
  413: ['PAYLOAD_TOO_LARGE', '请求体过大'],
  408: ['REQUEST_TIMEOUT', '请求超时'],
  414: ['URI_TOO_LONG', '请求地址过长'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型'],
  417: ['EXPECTATION_FAILED', '无法满足 Expect 请求头'],
  431: ['HEADERS_TOO_LARGE', '请求头过大'],
  429: ['TOO_MANY_REQUESTS', '请求过于频繁'],
  500: ['INTERNAL_ERROR', '服务器内部错误'],
  503: ['SERVICE_UNAVAILABLE', '服务暂不可用'],
};

export function defaultsForStatus(status: number): { code: string; title: string } {
  const hit = STATUS_TITLES[status] ?? (status >= 500 ? STATUS_TITLES[500] : STATUS_TITLES[400]);
  return { code: hit[0], title: hit[1] };
}
