import { Alert, Button } from 'antd';
import { ApiError, type Problem } from '../lib/api/problem';

export function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return { title: '出错了', status: 0, code: 'CLIENT_ERROR', detail: error instanceof Error ? error.message : String(error) };
}

/** Who would be allowed, for a 403: the permission and the clauses that grant it. */
function Grants({ problem }: { problem: Problem }) {
  const grants = problem.grantedTo ?? [];
  const clauses = problem.clauses ?? [];
  if (!problem.permission && clauses.length === 0) return null;
  return (
    <div data-testid="problem-grants" style={{ marginTop: 8 }}>
      {problem.permission && (
        <span>
          所需权限：<code>{problem.permission}</code>
        </span>
      )}
      {grants.length > 0 && (
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          {grants.map((g) => (
            <li key={g.role}>
              {g.roleName}：{g.clauses.map((c) => c.id).join('、') || '系统管理'}
            </li>
          ))}
        </ul>
      )}
      {clauses.length > 0 && (
        <div>依据 {clauses.map((c) => `${c.id}（${c.summary}）`).join('；')}</div>
      )}
    </div>
  );
}

export function Message({ problem }: { problem: Problem }) {
  return (
    <>
      <span>{problem.detail || problem.title}</span>{' '}
      <code data-testid="problem-code" style={{ fontSize: 13 }}>
        {problem.code}
      </code>
      {problem.status === 403 && <Grants problem={problem} />}
    </>
  );
}

/** An API error inline, above a form or a list: Chinese text with its stable code. */
export function ProblemAlert({ error, onReload }: { error: unknown; onReload?: () => void }) {
  if (!error) return null;
  const problem = problemOf(error);
  const stale = problem.status === 409 && /VERSION/i.test(problem.code);
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={problem.title}
      description={<Message problem={problem} />}
      action={
        stale && onReload ? (
          <Button size="small" onClick={onReload}>
            重新加载
          </Button>
        ) : undefined
      }
    />
  );
}

