import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { CommonErrors, FieldError } from './app-error';

/** Flattens class-validator errors (nested DTOs included) into `field path → message` entries. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const [rule, message] of Object.entries(e.constraints ?? {})) {
      out.push({ field, message: rule === 'whitelistValidation' ? `不允许的字段 ${e.property}` : message });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** Deeper than any body or query of the API (a payment-plan line sits at depth 3). */
export const MAX_INPUT_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Half of a UTF-16 surrogate pair on its own: not text; PostgreSQL refuses its JSON escape. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * What no DTO can hold, found without recursion before class-transformer and class-validator walk
 * the value (both recurse): nesting past MAX_INPUT_DEPTH (a deeply nested body would overflow the
 * stack, a 500), strings with a NUL character or a lone surrogate (PostgreSQL refuses them in text
 * and JSON, a 500), and
 * `__proto__` / `constructor` / `prototype` keys, which Fastify's parser lets through unless
 * `constructor` holds a `prototype` and the pipe would otherwise drop silently (SPEC §9: 400).
 */
export function hostileInputErrors(value: unknown, root = 'body'): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Array<{ v: unknown; path: string; depth: number }> = [{ v: value, path: '', depth: 0 }];
  const top = (path: string) => path.split('.')[0] || root;
  while (stack.length > 0 && errors.length < 20) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) errors.push({ field: path || root, message: `${path || root} 不能包含 NUL 字符` });
      else if (LONE_SURROGATE.test(v)) errors.push({ field: path || root, message: `${path || root} 包含无效的 Unicode 字符` });
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      errors.push({ field: top(path), message: `${top(path)} 嵌套超过 ${MAX_INPUT_DEPTH} 层` });
      continue;
    }
    for (const k of Object.keys(v)) {
      const at = path ? `${path}.${k}` : k;
      if (FORBIDDEN_KEYS.has(k)) errors.push({ field: at, message: `不允许的键 ${k}` });
      else stack.push({ v: (v as Record<string, unknown>)[k], path: at, depth: depth + 1 });
    }
  }
  return errors;
}

/** ValidationPipe that first refuses input no DTO can hold (see hostileInputErrors). */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const errors = hostileInputErrors(value, metadata.data ?? metadata.type);
      if (errors.length > 0) throw CommonErrors.validation(errors);
    }
    return super.transform(value, metadata);
  }
}

/** The global pipe of SPEC §1: whitelist, forbid unknown properties, transform; errors as problem+json. */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => CommonErrors.validation(flattenValidationErrors(errors)),
  });
}

/**
 * An optional body field: absent is fine, but `null` is validated like any other value (and so
 * refused unless the field also allows null). class-validator's IsOptional would let `null`
 * through to a NOT NULL column.
 */
export const Optional = () => ValidateIf((_: object, v: unknown) => v !== undefined);
