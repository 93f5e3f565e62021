import { describe, expect, it } from '@jest/globals';
import { describeCron } from './cron';

describe('a job schedule in words', () => {
  it('reads the schedules the jobs use', () => {
    expect(describeCron('0 1 * * *')).toBe('每天 01:00');
    expect(describeCron('*/15 * * * *')).toBe('每 15 分钟');
    expect(describeCron('0 8 * * 1')).toBe('每周一 08:00');
    expect(describeCron('0 3 1 * *')).toBe('每月 1 日 03:00');
    expect(describeCron('30 7 * * 0')).toBe('每周日 07:30');
    expect(describeCron('5 * * * *')).toBe('每小时第 5 分');
  });

  it('shows what it cannot read as it is', () => {
    expect(describeCron('0 1 * 6 *')).toBe('0 1 * 6 *');
    expect(describeCron('0 1,13 * * *')).toBe('0 1,13 * * *');
    expect(describeCron('0 0 1 1 * 2030')).toBe('0 0 1 1 * 2030');
  });
});
