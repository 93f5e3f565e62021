import { businessDate, isDateOrTimestamp, periodBounds, startOfDayIn, toInstant, tzOffsetMs } from './time';

describe('business time', () => {
  it('accepts YYYY-MM-DD and timestamps with an offset, refuses the rest', () => {
    for (const ok of ['2026-11-26', '2026-11-26T10:30:00+08:00', '2026-11-26T02:30:00Z', '2026-11-26T10:30+0800', '2024-02-29']) expect(isDateOrTimestamp(ok)).toBe(true);
    for (const bad of ['2026-11-26T10:30:00', '2026-13-01', '2026-02-30', '2023-02-29', '26-11-2026', 'tomorrow', '', 20261126]) expect(isDateOrTimestamp(bad)).toBe(false);
  });

  it('Asia/Shanghai is UTC+8 all year', () => {
    expect(tzOffsetMs(new Date('2026-01-15T00:00:00Z'), 'Asia/Shanghai')).toBe(8 * 3600_000);
    expect(tzOffsetMs(new Date('2026-07-15T00:00:00Z'), 'Asia/Shanghai')).toBe(8 * 3600_000);
  });

  it('a day starts at local midnight in the business time zone', () => {
    expect(startOfDayIn('2026-11-26', 'Asia/Shanghai').toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(startOfDayIn('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z'); // DST starts that day
    expect(startOfDayIn('2026-07-01', 'Europe/Berlin').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(toInstant('2026-11-26T10:30:00+08:00', 'UTC').toISOString()).toBe('2026-11-26T02:30:00.000Z');
  });

  it('the calendar day flips at midnight Beijing time, not UTC', () => {
    expect(businessDate(new Date('2026-11-30T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-11-30');
    expect(businessDate(new Date('2026-11-30T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-12-01');
    expect(businessDate(new Date('2026-11-30T16:00:00Z'), 'UTC')).toBe('2026-11-30');
  });
});

describe('periodBounds', () => {
  const tz = 'Asia/Shanghai';
  it('weeks start on Monday', () => {
    expect(periodBounds('week', '2026-11-26', tz)).toMatchObject({ from: '2026-11-23', until: '2026-11-30' }); // a Thursday
    expect(periodBounds('week', '2026-11-23', tz)).toMatchObject({ from: '2026-11-23', until: '2026-11-30' }); // Monday
    expect(periodBounds('week', '2026-11-29', tz)).toMatchObject({ from: '2026-11-23', until: '2026-11-30' }); // Sunday
    expect(periodBounds('week', '2027-01-01', tz)).toMatchObject({ from: '2026-12-28', until: '2027-01-04' }); // across a year
  });
  it('months, quarters and years', () => {
    expect(periodBounds('month', '2026-02-15', tz)).toMatchObject({ from: '2026-02-01', until: '2026-03-01' });
    expect(periodBounds('month', '2026-12-31', tz)).toMatchObject({ from: '2026-12-01', until: '2027-01-01' });
    expect(periodBounds('quarter', '2026-11-26', tz)).toMatchObject({ from: '2026-10-01', until: '2027-01-01' });
    expect(periodBounds('quarter', '2026-04-01', tz)).toMatchObject({ from: '2026-04-01', until: '2026-07-01' });
    expect(periodBounds('year', '2026-06-30', tz)).toMatchObject({ from: '2026-01-01', until: '2027-01-01' });
  });
  it('bounds are instants at midnight in the business time zone', () => {
    const b = periodBounds('month', '2026-11-26', tz);
    expect(b.start.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(b.end.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    // 23:30 Beijing time on 30 November is inside November
    const lateOnLastDay = new Date('2026-11-30T15:30:00Z');
    expect(lateOnLastDay >= b.start && lateOnLastDay < b.end).toBe(true);
  });
});
