import { ClockCircleOutlined } from '@ant-design/icons';
import { ReadableTag } from '../../components/ReadableTag';
import type { MarketInfo, Report } from './api';
import { CATEGORY, ENTRY_STATUS, REPORT_STATUS } from './vocab';

export const CategoryTag = ({ e }: { e: Pick<MarketInfo, 'category'> }) => <ReadableTag tone={CATEGORY[e.category].tone}>{CATEGORY[e.category].label}</ReadableTag>;

/** 过时: flagged by the stale check (long neither updated nor confirmed). */
export const StaleTag = ({ e }: { e: Pick<MarketInfo, 'stale'> }) =>
  e.stale ? (
    <ReadableTag tone="red" icon={<ClockCircleOutlined aria-hidden />} data-testid="stale-tag">
      过时
    </ReadableTag>
  ) : null;

export const EntryStatusTag = ({ e }: { e: Pick<MarketInfo, 'status'> }) => <ReadableTag tone={ENTRY_STATUS[e.status].tone}>{ENTRY_STATUS[e.status].label}</ReadableTag>;

export const ReportStatusTag = ({ r }: { r: Pick<Report, 'status'> }) => <ReadableTag tone={REPORT_STATUS[r.status].tone}>{REPORT_STATUS[r.status].label}</ReadableTag>;
