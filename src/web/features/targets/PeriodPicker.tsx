import { DatePicker, Form, Segmented } from 'antd';
import { PHONE_TAP } from '../../components/phone-tap';
import { dayjs } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { PERIOD_TYPES, periodFromDay, periodStart, periodTypeOf, type PeriodType } from './vocab';

const FORMAT: Record<PeriodType, string> = { month: 'YYYY 年 M 月', quarter: 'YYYY 年第 Q 季度', year: 'YYYY 年' };

/** 月 / 季 / 年 and the period itself; the value is the API's form (`2026-12`, `2026-Q4`, `2026`). */
export function PeriodPicker({ value, onChange, id = 'target-period' }: { value: string; onChange: (period: string) => void; id?: string }) {
  const isPhone = useIsPhone();
  const type = periodTypeOf(value) ?? 'month';
  const size = isPhone ? 'large' : undefined;
  return (
    <>
      <Form.Item label="期间类型" style={{ marginBottom: 8 }}>
        <Segmented<PeriodType>
          aria-label="期间类型"
          size={size}
          styles={isPhone ? PHONE_TAP.segmented : undefined}
          options={PERIOD_TYPES}
          value={type}
          onChange={(t) => onChange(periodFromDay(t, dayjs(periodStart(value))))}
        />
      </Form.Item>
      <Form.Item label="期间" htmlFor={id} style={{ marginBottom: 8 }}>
        <DatePicker
          id={id}
          picker={type}
          format={FORMAT[type]}
          value={dayjs(periodStart(value))}
          allowClear={false}
          inputReadOnly={isPhone}
          size={size}
          styles={isPhone ? PHONE_TAP.picker : undefined}
          style={{ minWidth: 170 }}
          onChange={(d) => d && onChange(periodFromDay(type, d))}
        />
      </Form.Item>
    </>
  );
}
