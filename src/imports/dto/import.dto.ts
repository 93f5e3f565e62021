import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiId, ApiInt, ApiText, ApiTimestamp } from '../../common/api-properties';
import { ListQueryDto } from '../../common/pagination';
import { IMPORT_KINDS, MAX_IMPORT_ROWS } from '../import-kinds';
import type { ImportKind } from '../import-kinds';

export const IMPORT_STATUSES = ['running', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
/** A row of a dry run is `create`, `duplicate` or `error`; of a commit `created`, `duplicate` or `error`. */
export const IMPORT_ROW_STATUSES = ['create', 'created', 'duplicate', 'error'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

export class StartImportQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'true', description: 'true：只检查，不建立任何记录（试导入）；false：建立可导入的行' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dryRun 必须是 true 或 false' })
  dryRun?: 'true' | 'false';

  @ApiPropertyOptional({ description: '原文件名，用于显示', example: '客户名单.xlsx' })
  @IsOptional()
  @IsString({ message: 'fileName 必须是字符串' })
  @MaxLength(200, { message: 'fileName 最长 200 个字符' })
  fileName?: string;
}

export class ImportRowsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: IMPORT_ROW_STATUSES, description: '只看某种结果的行' })
  @IsOptional()
  @IsIn(IMPORT_ROW_STATUSES as unknown as string[], { message: 'status 必须是 create、created、duplicate 或 error' })
  status?: ImportRowStatus;
}

/** How many rows of the file ended each way (so far, while running). */
export class ImportTotalsDto {
  @ApiInt({ description: '试导入：可以导入的行' }) create: number;
  @ApiInt({ description: '正式导入：已建立的行' }) created: number;
  @ApiInt({ description: '与已登记的记录或文件中前面的行重复，不导入' }) duplicate: number;
  @ApiInt({ description: '有错误，不导入' }) error: number;
}

/** One upload: a dry run (试导入) or a commit (正式导入), its progress and its totals. */
export class ImportDto {
  @ApiId() id: string;
  @ApiProperty({ enum: IMPORT_KINDS }) kind: ImportKind;
  @ApiProperty({ description: 'true：试导入，不建立记录' }) dryRun: boolean;
  @ApiProperty({ enum: IMPORT_STATUSES, description: 'running：处理中；completed：已完成；failed：失败（见 message）' }) status: ImportStatus;
  @ApiText({ nullable: true }) fileName: string | null;
  @ApiInt({ minimum: 1, maximum: MAX_IMPORT_ROWS, description: '文件中的数据行数（空行不计）' }) totalRows: number;
  @ApiInt({ description: '已处理的行数（进度）' }) processedRows: number;
  @ApiProperty({ type: ImportTotalsDto }) totals: ImportTotalsDto;
  @ApiProperty({ type: [String], description: '表头中无法对应任何字段、已忽略的列' }) ignoredColumns: string[];
  @ApiText({ nullable: true, description: '失败时的说明（中文）' }) message: string | null;
  @ApiId() ownerId: string;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp({ nullable: true }) finishedAt: string | null;
}

/** The texts of a row as read from the file, by field (the columns of the kind; empty cells are null). */
export class ImportRowValuesDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: '客户名称（客户）' }) name?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '公司名称（潜在客户）' }) companyName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) uscc?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) contactName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) contactPhone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) address?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) region?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) industry?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) source?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) notes?: string | null;
}

export class ImportRowErrorDto {
  @ApiProperty({ example: '联系人', description: 'Excel 列名' }) column: string;
  @ApiProperty({ example: 'contactName' }) field: string;
  @ApiProperty({ example: '联系人 不能为空' }) message: string;
}

export class ImportDuplicateOfDto {
  @ApiProperty({ enum: ['uscc', 'companyName', 'contactPhone'], description: '按哪条查重规则重复' }) field: 'uscc' | 'companyName' | 'contactPhone';
  @ApiProperty({ example: '联系电话', description: '该规则对应的 Excel 列名' }) column: string;
  @ApiInt({ nullable: true, description: '与文件中前面的哪一行重复（Excel 行号）' }) row: number | null;
  @ApiProperty({ enum: ['customer', 'prospect'], nullable: true, description: '与已登记的哪类记录重复' }) entity: 'customer' | 'prospect' | null;
  @ApiId({ nullable: true, description: '已登记记录的 id' }) id: string | null;
}

export class ImportRowDto {
  @ApiInt({ description: 'Excel 行号（表头是第 1 行时，第一行数据是第 2 行）' }) row: number;
  @ApiProperty({ enum: IMPORT_ROW_STATUSES }) status: ImportRowStatus;
  @ApiProperty({ type: ImportRowValuesDto }) values: ImportRowValuesDto;
  @ApiProperty({ type: [ImportRowErrorDto] }) errors: ImportRowErrorDto[];
  @ApiProperty({ type: ImportDuplicateOfDto, nullable: true }) duplicateOf: ImportDuplicateOfDto | null;
  @ApiId({ nullable: true, description: '正式导入时建立的记录 id' }) recordId: string | null;
}
