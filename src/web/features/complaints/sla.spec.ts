import { describe, expect, it } from '@jest/globals';
import { slaClock, spanText } from './sla';

const H = 3_600_000;
const M = 60_000;
const now = Date.parse('2026-11-26T08:00:00Z');
const at = (ms: number) => new Date(now + ms).toISOString();

describe('the complaint SLA clock', () => {
  it('words a span to the minute, rounded down', () => {
    expect(spanText(0)).toBe('0 分钟');
    expect(spanText(59 * M + 59_999)).toBe('59 分钟');
    expect(spanText(3 * H)).toBe('3 小时');
    expect(spanText(3 * H + 20 * M + 30_000)).toBe('3 小时 20 分钟');
    expect(spanText(24 * H - 1)).toBe('23 小时 59 分钟');
    expect(spanText(48 * H)).toBe('2 天');
    expect(spanText(52 * H + 59 * M)).toBe('2 天 4 小时');
    expect(spanText(-2 * H)).toBe('2 小时');
  });

  it('counts down while open or in progress, then counts how late', () => {
    expect(slaClock({ status: 'open', dueAt: at(3 * H), resolvedAt: null }, now)).toEqual({ state: 'running', text: '剩余 3 小时' });
    expect(slaClock({ status: 'in_progress', dueAt: at(-2 * H), resolvedAt: null }, now)).toEqual({ state: 'late', text: '已超时 2 小时' });
    // the deadline itself is already late
    expect(slaClock({ status: 'open', dueAt: at(0), resolvedAt: null }, now)).toEqual({ state: 'late', text: '已超时 0 分钟' });
  });

  it('once resolved, says whether the deadline was kept, whatever the time now', () => {
    expect(slaClock({ status: 'resolved', dueAt: at(-H), resolvedAt: at(-2 * H) }, now)).toEqual({ state: 'met', text: '按期解决' });
    expect(slaClock({ status: 'closed', dueAt: at(-5 * H), resolvedAt: at(-2 * H) }, now)).toEqual({ state: 'missed', text: '解决时已超时 3 小时' });
  });
});
