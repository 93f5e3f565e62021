import type { Tone } from '../../components/ReadableTag';
import type { Complaint } from './api';

export const CHANNEL: Record<Complaint['channel'], string> = { phone: '电话', email: '电子邮件', visit: '拜访时反映', letter: '信函', other: '其他' };
export const CATEGORY: Record<Complaint['category'], string> = { product: '产品质量', service: '服务', delivery: '交货', billing: '账款发票', other: '其他' };
export const SEVERITY: Record<Complaint['severity'], { label: string; tone: Tone }> = {
  low: { label: '低', tone: 'default' },
  medium: { label: '中', tone: 'blue' },
  high: { label: '高', tone: 'orange' },
  critical: { label: '紧急', tone: 'red' },
};
export const STATUS: Record<Complaint['status'], { label: string; tone: Tone }> = {
  open: { label: '待处理', tone: 'gold' },
  in_progress: { label: '处理中', tone: 'blue' },
  resolved: { label: '已解决', tone: 'green' },
  closed: { label: '已关闭', tone: 'default' },
};
export const DEPARTMENT: Record<Complaint['handlingDepartment'], string> = { sales: '销售部', key_account: '大客户部' };

export const options = (m: Record<string, string | { label: string }>) =>
  Object.entries(m).map(([value, v]) => ({ value, label: typeof v === 'string' ? v : v.label }));

/** Past its response deadline and still not resolved. */
export const isOverdue = (c: Complaint, now = Date.now()) => (c.status === 'open' || c.status === 'in_progress') && Date.parse(c.dueAt) < now;

/** 客户满意度 1–5, as the customer says it. */
export const SATISFACTION = ['很不满意', '不满意', '一般', '满意', '很满意'] as const;
