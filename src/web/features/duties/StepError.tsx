import { ReloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { problemOf, ProblemAlert } from '../../components/ProblemAlert';

/**
 * A refused step, in Chinese with its code. Any 409 — the revision changed meanwhile
 * (STALE_VERSION), its state moved on, or a newer version of the rules came (DUTY_REVISION_STALE) —
 * offers 重新加载, to decide on what it now is.
 */
export function StepError({ error, onReload }: { error: unknown; onReload: () => void }) {
  if (!error) return null;
  const problem = problemOf(error);
  // ProblemAlert offers its own button for the version conflicts it knows
  const own = problem.status === 409 && !/VERSION/i.test(problem.code);
  return (
    <>
      <ProblemAlert error={error} onReload={onReload} />
      {own && (
        <Button icon={<ReloadOutlined />} onClick={onReload} style={{ marginTop: -8, marginBottom: 16, minHeight: 44 }}>
          重新加载
        </Button>
      )}
    </>
  );
}
