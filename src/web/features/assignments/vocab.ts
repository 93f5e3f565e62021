/**
 * Words of 交办事项. Statuses, priorities and the table of who may take which step come from the
 * server's own rules (src/assignments/assignment-rules.ts, bundled here); only the tones and the
 * Chinese labels of the console live in this file.
 */
import { DEPARTMENT_NAMES, type Department } from '../../../access/roles';
import { PRIORITY_NAMES, REQUEST_DEPARTMENTS, STATUS_NAMES, type AssignmentPriority, type AssignmentStatus } from '../../../assignments/assignment-rules';
import type { Tone } from '../../components/ReadableTag';

export const STATUS: Record<AssignmentStatus, { label: string; tone: Tone }> = {
  assigned: { label: STATUS_NAMES.assigned, tone: 'blue' },
  in_progress: { label: STATUS_NAMES.in_progress, tone: 'cyan' },
  done: { label: STATUS_NAMES.done, tone: 'gold' },
  confirmed: { label: STATUS_NAMES.confirmed, tone: 'green' },
  cancelled: { label: STATUS_NAMES.cancelled, tone: 'default' },
};

export const PRIORITY: Record<AssignmentPriority, { label: string; tone: Tone }> = {
  low: { label: PRIORITY_NAMES.low, tone: 'default' },
  normal: { label: PRIORITY_NAMES.normal, tone: 'blue' },
  high: { label: PRIORITY_NAMES.high, tone: 'orange' },
  urgent: { label: PRIORITY_NAMES.urgent, tone: 'red' },
};

export const KIND: Record<'assignment' | 'request', string> = { assignment: '交办', request: '协作请求' };

export const departmentName = (d: string | null | undefined): string => (d ? (DEPARTMENT_NAMES[d as Department] ?? d) : '—');

/** The departments a 协作请求 can go to, as options (the caller's own left out). */
export const requestDepartments = (mine: string) => REQUEST_DEPARTMENTS.filter((d) => d !== mine).map((d) => ({ value: d, label: DEPARTMENT_NAMES[d] }));

/** A linked record: its name and its page in the console. */
export const LINK: Record<string, { label: string; path: string }> = {
  customer: { label: '客户', path: '/customers' },
  prospect: { label: '潜在客户', path: '/prospects' },
  contract: { label: '合同', path: '/contracts' },
  complaint: { label: '投诉', path: '/complaints' },
  visit: { label: '拜访记录', path: '/visits' },
  meeting: { label: '会议纪要', path: '/meetings' },
};

export const HISTORY_VERB: Record<string, string> = {
  create: '交办给',
  request: '提出协作请求，交给',
  start: '开始办理',
  complete: '完成',
  return: '退回',
  confirm: '确认完成',
  cancel: '取消',
  delegate: '转派给',
  edit: '修改',
};

export const options = <T extends string>(m: Record<T, { label: string }>) => (Object.keys(m) as T[]).map((value) => ({ value, label: m[value].label }));
