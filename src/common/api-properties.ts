import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';

/**
 * Property decorators for response DTOs, so a kind of value reads the same in every schema: ids are
 * UUIDs, instants ISO 8601 strings, business dates `YYYY-MM-DD`, money a two-decimal string (SPEC §5).
 * `nullable` says the key is always present and may be null.
 */
type Extra = { nullable?: boolean; description?: string; example?: unknown };

const base = (type: StringConstructor, more: ApiPropertyOptions, extra: Extra = {}) =>
  ApiProperty({ type, ...more, ...(extra.nullable ? { nullable: true } : {}), ...(extra.description ? { description: extra.description } : {}), ...('example' in extra ? { example: extra.example } : {}) } as ApiPropertyOptions);

export const ApiId = (extra?: Extra) => base(String, { format: 'uuid' }, extra);
/** A whole number (counts, versions, days). */
export const ApiInt = (extra?: Extra & { minimum?: number; maximum?: number }) =>
  ApiProperty({ type: 'integer', ...extra, ...(extra?.nullable ? { nullable: true } : {}) } as ApiPropertyOptions);
export const ApiText = (extra?: Extra) => base(String, {}, extra);
/** An instant: `2026-11-26T02:30:00.000Z`. */
export const ApiTimestamp = (extra?: Extra) => base(String, { format: 'date-time', example: '2026-11-26T02:30:00.000Z' }, extra);
/** A business date in BUSINESS_TZ: `2026-11-26`. */
export const ApiDate = (extra?: Extra) => base(String, { format: 'date', example: '2026-11-26', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, extra);
/** CNY as a decimal string with exactly two decimals; negative only for reversals and balances. */
export const ApiMoney = (extra?: Extra) => base(String, { example: '12345.60', pattern: '^-?\\d+\\.\\d{2}$' }, extra);
/** A ratio with four decimals ("0.7500"), null when the denominator is zero. */
export const ApiRate = (extra?: Extra) => base(String, { example: '0.7500', pattern: '^-?\\d+\\.\\d{4}$' }, { nullable: true, ...extra });
