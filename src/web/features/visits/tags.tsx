import { ReadableTag } from '../../components/ReadableTag';
import type { Visit } from './api';

export function ReviewTag({ visit }: { visit: Pick<Visit, 'reviewed'> }) {
  return visit.reviewed ? <ReadableTag tone="green">已审阅</ReadableTag> : <ReadableTag>待审阅</ReadableTag>;
}

export function TargetTag({ visit }: { visit: Pick<Visit, 'customerId'> }) {
  return <ReadableTag tone={visit.customerId ? 'blue' : 'gold'}>{visit.customerId ? '客户' : '潜在客户'}</ReadableTag>;
}
