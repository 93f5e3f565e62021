import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, Matches, MaxLength, registerDecorator, ValidateIf } from 'class-validator';
import { PHONE_PATTERN } from './party-keys';
import { normaliseUscc, usccProblem } from './uscc';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A required trimmed string of `min`–`max` characters. */
export const Text = (field: string, min: number, max: number) =>
  applyDecorators(Transform(trim), IsString({ message: `${field} 必须是字符串` }), Length(min, max, { message: `${field} 长度必须在 ${min} 到 ${max} 之间` }));

/** An optional trimmed string of at most `max` characters; `null` clears it on update. */
export const OptionalText = (field: string, max: number) =>
  applyDecorators(
    Transform(trim),
    IsOptional(),
    ValidateIf((_, v) => v !== null),
    IsString({ message: `${field} 必须是字符串` }),
    MaxLength(max, { message: `${field} 最长 ${max} 个字符` }),
  );

export const Phone = (field: string) =>
  applyDecorators(
    Transform(trim),
    IsString({ message: `${field} 必须是字符串` }),
    Matches(PHONE_PATTERN, { message: `${field} 必须是 7 到 20 位的电话号码（数字、空格、+、-、括号）` }),
  );

/** An optional USCC, normalised, with the GB 32100 check character verified. */
export function Uscc() {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? normaliseUscc(value) : value)),
    IsOptional(),
    ValidateIf((_, v) => v !== null),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'uscc',
        target: target.constructor,
        propertyName: propertyName as string,
        validator: {
          validate: (v: unknown) => typeof v === 'string' && usccProblem(v) === null,
          defaultMessage: (args) =>
            typeof args?.value === 'string' && usccProblem(args.value) === 'check'
              ? 'uscc 校验位错误（GB 32100），请核对统一社会信用代码'
              : 'uscc 必须是 18 位统一社会信用代码',
        },
      }),
  );
}
