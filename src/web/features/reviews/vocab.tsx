import { ReadableTag, type Tone } from '../../components/ReadableTag';
import type { ReviewStatus, SchemeStatus } from './api';

export const SCHEME_STATUS: Record<SchemeStatus, { label: string; tone: Tone }> = {
  draft: { label: '草稿', tone: 'default' },
  submitted: { label: '待总经理审批', tone: 'gold' },
  approved: { label: '现行', tone: 'green' },
  rejected: { label: '已驳回', tone: 'red' },
  superseded: { label: '已被替代', tone: 'default' },
};

export const REVIEW_STATUS: Record<ReviewStatus, { label: string; tone: Tone }> = {
  draft: { label: '评分中', tone: 'default' },
  submitted: { label: '待确认', tone: 'gold' },
  confirmed: { label: '已确认', tone: 'green' },
  returned: { label: '已退回', tone: 'red' },
};

export const DEPARTMENT_LABEL: Record<string, string> = { market: '市场开拓部', sales: '销售部', key_account: '大客户部' };

export const SchemeStatusTag = ({ status }: { status: SchemeStatus }) => (
  <ReadableTag tone={SCHEME_STATUS[status].tone} data-testid="scheme-status">
    {SCHEME_STATUS[status].label}
  </ReadableTag>
);

export const ReviewStatusTag = ({ status }: { status: ReviewStatus }) => (
  <ReadableTag tone={REVIEW_STATUS[status].tone} data-testid="review-status">
    {REVIEW_STATUS[status].label}
  </ReadableTag>
);
