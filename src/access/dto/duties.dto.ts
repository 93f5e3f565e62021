import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { ApiInt, ApiText, ApiTimestamp } from '../../common/api-properties';
import { PERMISSIONS, SCOPES } from '../duty.types';
import type { GrantConstraint, Permission, RuleCode, Scope } from '../duty.types';
import { DEPARTMENTS, ROLES } from '../roles';
import type { Department, RoleCode } from '../roles';

const RULE_CODES = ['MKT', 'SAL', 'KA'] as const;

export class DutyRuleDto {
  @ApiProperty({ enum: RULE_CODES }) code: RuleCode;
  @ApiProperty({ example: '销售部门管理责任制度' }) name: string;
}

/** One clause of the duty rules. */
export class DutyClauseDto {
  @ApiProperty({ example: 'SAL-6.4', description: '<制度>-<条>[.<款>]' }) id: string;
  @ApiProperty({ enum: RULE_CODES }) rule: RuleCode;
  @ApiInt() article: number;
  @ApiInt({ nullable: true, description: '款；整条为 null' }) item: number | null;
  @ApiProperty({ enum: DEPARTMENTS }) department: Department;
  @ApiProperty({ enum: ROLES, nullable: true, description: '负有该职责的岗位；总则类条款为 null' }) role: RoleCode | null;
  @ApiProperty() summary: string;
  @ApiProperty({ description: '制度原文' }) text: string;
  @ApiText({ nullable: true }) roleName: string | null;
}

/** A permission citing the clause, and the routes that demand it. */
export class DutyServedByDto {
  @ApiProperty({ enum: PERMISSIONS }) permission: Permission;
  @ApiProperty({ type: [String], example: ['POST /api/v1/payments'] }) routes: string[];
}

/** A clause with how the product serves it: by permissions and their routes, or not, and why. */
export class DutyClauseCoverageDto extends DutyClauseDto {
  @ApiProperty({ type: [DutyServedByDto], description: '引用该条款、且有路由使用的权限；未服务时为空' }) servedBy: DutyServedByDto[];
  @ApiPropertyOptional({ description: '未服务的原因（仅未服务时出现）' }) notServed?: string;
}

export class DutyCoverageSummaryDto {
  @ApiInt({ description: '编号条款（款）总数' }) numbered: number;
  @ApiInt({ description: '其中有路由服务的' }) served: number;
  @ApiInt({ description: '其中尚未服务的' }) notServed: number;
}

/** The clause catalogue of the three duty rules, each clause with how it is served. */
export class DutyCatalogueDto {
  @ApiInt({ description: '职责制度的版本号' }) version: number;
  @ApiTimestamp({ description: '该版本的生效时间' }) effectiveFrom: string;
  @ApiProperty({ type: [DutyRuleDto] }) rules: DutyRuleDto[];
  @ApiInt() total: number;
  @ApiProperty({ type: DutyCoverageSummaryDto }) coverage: DutyCoverageSummaryDto;
  @ApiProperty({ type: [DutyClauseCoverageDto] }) items: DutyClauseCoverageDto[];
}

export class RoleInfoDto {
  @ApiProperty({ enum: ROLES }) code: RoleCode;
  @ApiProperty({ example: '销售业务员' }) name: string;
  @ApiProperty({ enum: DEPARTMENTS }) department: Department;
}

/** A role holds the permission at a scope, citing the clauses that give it. */
export class DutyGrantDto {
  @ApiProperty({ enum: ROLES }) role: RoleCode;
  @ApiProperty() roleName: string;
  @ApiProperty({ enum: SCOPES }) scope: Scope;
  @ApiProperty({ type: [String], example: ['SAL-7.3'] }) clauses: string[];
  @ApiPropertyOptional({ description: '对条款的解释（有时才出现）' }) note?: string;
  @ApiPropertyOptional({ enum: ['general_customers_only'], description: '范围之外的限制（有时才出现）' }) constraint?: GrantConstraint;
}

export class DutyMatrixEntryDto {
  @ApiProperty({ enum: PERMISSIONS }) permission: Permission;
  @ApiProperty({ example: '潜在客户登记备案' }) name: string;
  @ApiProperty({ type: [DutyGrantDto] }) grants: DutyGrantDto[];
}

/** Permission × role × scope × clause ids, as the running authorisation uses them. */
export class DutyMatrixDto {
  @ApiInt({ description: '职责制度的版本号' }) version: number;
  @ApiTimestamp({ description: '该版本的生效时间' }) effectiveFrom: string;
  @ApiProperty({ type: [RoleInfoDto] }) roles: RoleInfoDto[];
  @ApiProperty({ type: [DutyMatrixEntryDto] }) items: DutyMatrixEntryDto[];
}

/** Which version of the rules to show: a number, or the version in force at an instant. */
export class DutyVersionQueryDto {
  @ApiPropertyOptional({ minimum: 1, description: '版本号；省略时为当前生效的版本' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'version 必须是整数' })
  @Min(1, { message: 'version 最小为 1' })
  @Max(1_000_000, { message: 'version 最大为 1000000' })
  version?: number;

  @ApiPropertyOptional({ description: '某一时刻（ISO 8601）生效的版本；与 version 不同时使用' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at 必须是 ISO 8601 时间' })
  at?: string;
}

/** One approved version of the rules. */
export class DutyVersionDto {
  @ApiInt() version: number;
  @ApiTimestamp() effectiveFrom: string;
  @ApiProperty({ example: '调整业务员的合同查阅范围' }) title: string;
  @ApiTimestamp() approvedAt: string;
  @ApiText({ nullable: true, description: '批准的总经理；随系统发布的版本为 null' }) approvedByName: string | null;
  @ApiProperty({ description: '当前是否生效' }) inForce: boolean;
}

export class DutyVersionListDto {
  @ApiProperty({ type: [DutyVersionDto] }) items: DutyVersionDto[];
}
