import { Input, type InputProps } from 'antd';
import { formatMoney } from '../lib/format';

export const MONEY_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

/** Money is typed and kept as a decimal string (never a float); the formatted value shows below. */
export function MoneyInput({ value, onChange, ...rest }: Omit<InputProps, 'value' | 'onChange'> & { value?: string; onChange?: (v: string) => void }) {
  const ok = value !== undefined && MONEY_PATTERN.test(value);
  return (
    <Input
      inputMode="decimal"
      autoComplete="off"
      prefix="¥"
      placeholder="0.00"
      value={value}
      onChange={(e) => onChange?.(e.target.value.replace(/[,，\s]/g, ''))}
      suffix={ok ? <span style={{ color: '#595959', fontSize: 12 }}>{formatMoney(value, false)}</span> : undefined}
      {...rest}
    />
  );
}

export const moneyRule = {
  validator: (_: unknown, v?: string) =>
    !v || MONEY_PATTERN.test(v) ? Promise.resolve() : Promise.reject(new Error('金额最多两位小数，如 12345.60')),
};
