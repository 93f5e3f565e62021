import type { Tone } from '../../components/ReadableTag';

/** The kinds of event a user switches, in the server's order (notification-messages.ts). */
export const KINDS = [
  { key: 'approval', label: '待审批', help: '合同、大客户等级评估、调查报告和制度修订等待您审批' },
  { key: 'overdue', label: '应收款提醒与逾期', help: '应收款即将到期、已逾期需催收、逾期 30 天以上上报' },
  { key: 'complaint', label: '投诉分派与超时', help: '投诉分派给您处理，或超过响应时限升级到您' },
  { key: 'assignment', label: '交办事项', help: '交办给您、被退回、即将到期或已逾期的交办事项' },
  { key: 'task', label: '其他待办', help: '合同待签订、大客户回访到期、培训邀请、销售周报等' },
] as const;
export type KindKey = (typeof KINDS)[number]['key'];

export const KIND_LABEL: Record<string, string> = Object.fromEntries(KINDS.map((k) => [k.key, k.label]));

export const CHANNEL_LABEL: Record<string, string> = { email: '邮件', webhook: '群机器人' };

export const STATUS: Record<string, { label: string; tone: Tone }> = {
  pending: { label: '待发送', tone: 'blue' },
  sending: { label: '发送中', tone: 'gold' },
  sent: { label: '已发送', tone: 'green' },
  failed: { label: '发送失败', tone: 'red' },
};

export const WEBHOOK_KIND: Record<string, string> = { wecom: '企业微信', dingtalk: '钉钉' };
