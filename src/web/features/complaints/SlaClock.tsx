import { ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../lib/format';
import type { Complaint } from './api';
import { slaClock } from './sla';

/** Now, refreshed every half minute while the page is open, so the clock keeps counting. */
function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(t);
  }, [everyMs]);
  return now;
}

const RED = '#a8071a';

/** 剩余 3 小时 / 已超时 2 小时 / 按期解决: an icon and words, the colour only as a third cue. */
export function SlaText({ c }: { c: Complaint }) {
  const clock = slaClock(c, useNow());
  const bad = clock.state === 'late' || clock.state === 'missed';
  return (
    <span data-testid="sla-clock" data-state={clock.state} style={bad ? { color: RED, fontWeight: 600 } : { color: '#595959' }}>
      {bad ? <WarningOutlined aria-hidden /> : <ClockCircleOutlined aria-hidden />} {clock.text}
    </span>
  );
}

/** The deadline in business time with the clock beside it (and, on the record page, the hours allowed). */
export function Deadline({ c, withHours = false }: { c: Complaint; withHours?: boolean }) {
  return (
    <span data-testid="complaint-due">
      <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.dueAt)}</span>
      {withHours && <span style={{ color: '#595959' }}>（{c.responseHours} 小时内响应）</span>} <SlaText c={c} />
    </span>
  );
}
