import { ValidationError, ValidationPipe } from '@nestjs/common';
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

/** The global pipe of SPEC §1: whitelist, forbid unknown properties, transform; errors as problem+json. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
