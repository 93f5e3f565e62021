import type { Tone } from '../../components/ReadableTag';
import type { Period, WorkReport } from './api';

export const PERIOD: Record<Period, string> = { week: '周报', month: '月报' };
export const REPORT_STATUS: Record<WorkReport['status'], { label: string; tone: Tone }> = {
  submitted: { label: '待审阅', tone: 'gold' },
  reviewed: { label: '已审阅', tone: 'green' },
};
export const VISIT_METHOD: Record<string, string> = { phone: '电话', in_person: '上门', video: '视频', other: '其他' };

export const periodTitle = (r: { period: Period; from: string; to: string }) => `${PERIOD[r.period]} ${r.from} ~ ${r.to}`;
