import type { Tone } from '../../components/ReadableTag';
import type { Collection, Receivable } from './api';

export const RECEIVABLE_STATUS: Record<Receivable['status'], { label: string; tone: Tone }> = {
  open: { label: '未结清', tone: 'blue' },
  partially_paid: { label: '部分回款', tone: 'gold' },
  paid: { label: '已结清', tone: 'green' },
  overdue: { label: '已逾期', tone: 'red' },
};

export const RECEIVABLE_STATUS_OPTIONS = (Object.keys(RECEIVABLE_STATUS) as Receivable['status'][]).map((value) => ({ value, label: RECEIVABLE_STATUS[value].label }));

/** 催收 method and result, as the API's enums (src/receivables/dto/receivable.dto.ts). */
export const COLLECTION_METHOD: Record<Collection['method'], string> = { phone: '电话', visit: '上门拜访', email: '电子邮件', letter: '催款函', other: '其他' };
export const COLLECTION_RESULT: Record<Collection['result'], string> = {
  promised: '承诺付款',
  partial: '部分付款',
  refused: '拒绝付款',
  unreachable: '联系不上',
  disputed: '有争议',
  other: '其他',
};

export const options = (m: Record<string, string>) => Object.entries(m).map(([value, label]) => ({ value, label }));
