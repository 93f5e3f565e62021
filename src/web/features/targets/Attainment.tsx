import { Progress } from 'antd';
import { ratePercent, showRate } from './format';

/** 完成率 as a bar and in figures; at 100 % and over the bar is full and green. */
export function RateBar({ rate, label }: { rate: string | null | undefined; label: string }) {
  const p = ratePercent(rate);
  if (p === null) return <span>—</span>;
  return (
    <span data-testid="rate" data-rate={rate ?? ''} style={{ display: 'block', minWidth: 140 }}>
      <Progress
        percent={Math.max(0, Math.min(100, p))}
        status={p >= 100 ? 'success' : 'normal'}
        // the figure in the body text's colour: antd's green of a finished bar is too pale to read (WCAG AA)
        format={() => <span style={{ color: 'rgba(0, 0, 0, 0.88)' }}>{showRate(rate)}</span>}
        aria-label={`${label}完成率 ${showRate(rate)}`}
        style={{ marginBottom: 0 }}
      />
    </span>
  );
}
