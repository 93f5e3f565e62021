import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** A field-level message of a 400 (`errors` of the problem). */
export class FieldErrorDto {
  @ApiProperty({ example: 'contactPhone' }) field: string;
  @ApiProperty({ example: 'contactPhone 必须是有效的电话号码' }) message: string;
}

/**
 * Every error body (RFC 9457 problem+json, SPEC §5). Some codes add members of their own beside
 * these — `duplicateOf` and `matches` for DUPLICATE_PARTY, `permission` and `grantedTo` for
 * PERMISSION_DENIED, `currentStatus` for an invalid transition…
 */
export class ProblemDto {
  @ApiProperty({ example: 'urn:zhize-crm:problem:not-found' }) type: string;
  @ApiProperty({ example: '未找到' }) title: string;
  @ApiProperty({ example: 404 }) status: number;
  @ApiProperty({ example: '客户不存在或不在您的访问范围内' }) detail: string;
  @ApiProperty({ description: '稳定的机器可读代码', example: 'NOT_FOUND' }) code: string;
  @ApiPropertyOptional({ description: '请求 id（与响应头 x-request-id 相同）' }) requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: '400 时逐个字段的错误' }) errors?: FieldErrorDto[];
}

const PROBLEM_STATUSES = {
  400: '请求参数无效（errors 列出字段）',
  401: '未登录或登录凭证已失效',
  403: '角色没有该权限，或职责制度的条款不允许（正文列出授权的角色与条款）',
  404: '记录不存在，或不在调用者的数据范围内',
  409: '重复登记、版本已过期（version），或状态不允许此操作',
  413: '请求体或上传的文件超过上限',
  415: '请求体的内容类型不是此接口接受的',
} as const;
type ProblemStatus = keyof typeof PROBLEM_STATUSES;

/**
 * The problem+json answers of a controller (on the class, for all its routes): by default those of
 * a signed-in controller with records and writes — 400, 401, 403, 404 and 409.
 */
export function ApiProblemResponses(...statuses: ProblemStatus[]): ClassDecorator & MethodDecorator {
  const list = statuses.length ? statuses : ([400, 401, 403, 404, 409] as const);
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...list.map((status) =>
      ApiResponse({ status, description: PROBLEM_STATUSES[status], content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } } }),
    ),
  );
}

/** The binary and text files a route may answer with instead of JSON (`?format=`). */
export const FILE_CONTENT = {
  csv: { 'text/csv': { schema: { type: 'string', description: 'UTF-8 CSV（带 BOM），作为附件下载' } } },
  xlsx: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary', description: 'Excel 工作簿，作为附件下载' } } },
} as const;

/** 200 with `type` as JSON, or (by `?format=`) one of the files — both in the document. */
export function ApiOkJsonOrFile(type: Type, ...files: Array<keyof typeof FILE_CONTENT>): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(type),
    ApiOkResponse({
      description: `JSON；?format=${files.join(' 或 ')} 时为文件`,
      content: Object.assign({ 'application/json': { schema: { $ref: getSchemaPath(type) } } }, ...files.map((f) => FILE_CONTENT[f])),
    }),
  );
}
