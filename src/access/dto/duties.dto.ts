import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiInt, ApiText } from '../../common/api-properties';
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
  @ApiProperty({ type: [RoleInfoDto] }) roles: RoleInfoDto[];
  @ApiProperty({ type: [DutyMatrixEntryDto] }) items: DutyMatrixEntryDto[];
}
