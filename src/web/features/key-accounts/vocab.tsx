import { ReadableTag, type Tone } from '../../components/ReadableTag';
import type { Assessment } from './api';

export const SOURCE: Record<Assessment['source'], string> = { manual: '人工提出', system: '年度评估' };

export const ASSESSMENT_STATUS: Record<Assessment['status'], { label: string; tone: Tone }> = {
  pending: { label: '待审批', tone: 'gold' },
  approved: { label: '已批准', tone: 'green' },
  rejected: { label: '已驳回', tone: 'red' },
};

export function AssessmentStatusTag({ a }: { a: Pick<Assessment, 'status'> }) {
  const s = ASSESSMENT_STATUS[a.status];
  return (
    <ReadableTag tone={s.tone} data-testid="assessment-status" style={{ marginInlineEnd: 0 }}>
      {s.label}
    </ReadableTag>
  );
}
