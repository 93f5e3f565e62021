/** A problem+json answer of the API (RFC 9457), as the console receives it. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; message: string }[] | Record<string, string[]>;
  permission?: string;
  grantedTo?: { role: string; roleName: string; scope: string; clauses: { id: string; summary: string }[] }[];
  clauses?: { id: string; summary: string }[];
  duplicateOf?: { entity: string; id: string; field: string };
  requestId?: string;
  [extra: string]: unknown;
}

/** Thrown by every API call that does not succeed; the UI shows it with its code (ErrorResult). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.detail || problem.title}（${problem.code}）`);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

const OFFLINE: Problem = {
  title: '网络错误',
  status: 0,
  code: 'NETWORK_ERROR',
  detail: '无法连接服务器，请检查网络后重试。已填写的内容不会丢失。',
};

/** Turns whatever came back into a Problem (a proxy's HTML error page included). */
export async function toProblem(response: Response | undefined, body?: unknown): Promise<Problem> {
  if (!response) return OFFLINE;
  let parsed = body;
  if (parsed === undefined) {
    try {
      parsed = await response.clone().json();
    } catch {
      parsed = undefined;
    }
  }
  if (parsed && typeof parsed === 'object' && 'code' in parsed) return parsed as Problem;
  return {
    title: '请求失败',
    status: response.status,
    code: `HTTP_${response.status}`,
    detail: `服务器返回了 ${response.status}。`,
  };
}

/** Per-field messages of a 400, keyed by field name (for antd Form.setFields). */
export function fieldErrors(problem: Problem): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const errs = problem.errors;
  if (Array.isArray(errs)) {
    for (const e of errs) (out[e.field] ??= []).push(e.message);
  } else if (errs && typeof errs === 'object') {
    for (const [k, v] of Object.entries(errs)) out[k] = Array.isArray(v) ? v.map(String) : [String(v)];
  }
  return out;
}
