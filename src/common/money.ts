import { applyDecorators } from '@nestjs/common';
import { IsString, Matches } from 'class-validator';

/**
 * Money is a decimal string with exactly two decimals end to end ("12345.60", CNY), stored as
 * numeric(14,2). Arithmetic happens in SQL or in integer cents (bigint), never in floats.
 */
export const MONEY_MAX = '999999999999.99';
/** Up to 12 integer digits (numeric(14,2)), no sign, at most two decimals. */
export const MONEY_INPUT = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

/** A non-negative amount in the column's range with at most two decimals; negative, 3 decimals or too large are 400. */
export const IsMoney = (field: string) =>
  applyDecorators(
    IsString({ message: `${field} 必须是字符串形式的金额，如 "12345.60"` }),
    Matches(MONEY_INPUT, { message: `${field} 必须是不超过两位小数的非负金额，最大 ${MONEY_MAX}` }),
  );

export function toCents(amount: string): bigint {
  const [i, f = ''] = amount.split('.');
  const negative = i.startsWith('-');
  const cents = BigInt(i.replace('-', '')) * 100n + BigInt((f + '00').slice(0, 2));
  return negative ? -cents : cents;
}

export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** Normalises a valid input ("12.5") to two decimals ("12.50"). */
export function normaliseMoney(amount: string): string {
  return fromCents(toCents(amount));
}

/** numerator ÷ denominator (cents) as a four-decimal string, rounded half up ("0.7500"); null for a zero denominator. */
export function ratio(numerator: bigint, denominator: bigint): string | null {
  if (denominator === 0n) return null;
  const negative = numerator < 0n !== denominator < 0n && numerator !== 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const scaled = (n * 10000n * 2n + d) / (d * 2n);
  return `${negative ? '-' : ''}${scaled / 10000n}.${(scaled % 10000n).toString().padStart(4, '0')}`;
}
