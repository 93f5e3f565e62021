/** The SLA clock of a complaint: how long until its response deadline, or how far past it. */

const MINUTE = 60_000;

/** A span in words: "45 分钟", "3 小时", "3 小时 20 分钟", "2 天", "2 天 4 小时" (rounded down to the minute). */
export function spanText(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / MINUTE);
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} 小时 ${minutes % 60} 分钟` : `${hours} 小时`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} 天 ${hours % 24} 小时` : `${days} 天`;
}

export interface SlaInput {
  status: 'open' | 'in_progress' | 'resolved' | 'closed';
  dueAt: string;
  resolvedAt: string | null;
}

export type SlaState = 'running' | 'late' | 'met' | 'missed';

/**
 * While unresolved: 剩余 … before the deadline, 已超时 … after it. Once resolved (or closed): whether
 * it was resolved by the deadline, or how late.
 */
export function slaClock(c: SlaInput, now: number): { state: SlaState; text: string } {
  const due = Date.parse(c.dueAt);
  if (c.status === 'open' || c.status === 'in_progress') {
    return due > now ? { state: 'running', text: `剩余 ${spanText(due - now)}` } : { state: 'late', text: `已超时 ${spanText(now - due)}` };
  }
  if (!c.resolvedAt) return { state: 'met', text: '已处理' };
  const resolved = Date.parse(c.resolvedAt);
  return resolved <= due ? { state: 'met', text: '按期解决' } : { state: 'missed', text: `解决时已超时 ${spanText(resolved - due)}` };
}
