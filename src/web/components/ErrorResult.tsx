import { Button, Result, Space } from 'antd';
import { Message, problemOf } from './ProblemAlert';

/** A page that could not be shown. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const problem = problemOf(error);
  const status = problem.status === 403 ? '403' : problem.status === 404 ? '404' : 'error';
  return (
    <Result
      status={status}
      title={problem.status === 404 ? '未找到，或不在您的查看范围内' : problem.title}
      subTitle={<Message problem={problem} />}
      extra={
        <Space>
          {onRetry && <Button onClick={onRetry}>重试</Button>}
          <Button type="primary" href="/">
            返回首页
          </Button>
        </Space>
      }
    />
  );
}

/** Kept here too for existing imports; prefer ./ProblemAlert (it does not pull in Result's illustrations). */
export { ProblemAlert } from './ProblemAlert';
