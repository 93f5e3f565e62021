import { ReadableTag } from '../../components/ReadableTag';
import type { ContractSummary } from './api';
import { CONTRACT_STATUS } from './vocab';

export function StatusTag({ status }: { status: ContractSummary['status'] }) {
  const s = CONTRACT_STATUS[status];
  return <ReadableTag tone={s.tone}>{s.label}</ReadableTag>;
}
