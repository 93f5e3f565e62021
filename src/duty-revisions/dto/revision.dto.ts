import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { DutyClauseDto } from '../../access/dto/duties.dto';
import { PERMISSIONS, SCOPES, type Permission, type Scope } from '../../access/duty.types';
import { ROLES, type RoleCode } from '../../access/roles';
import { ApiId, ApiInt, ApiText, ApiTimestamp } from '../../common/api-properties';
import { ListQueryDto } from '../../common/pagination';
import { IsDateOrTimestamp } from '../../common/time';
import { Optional } from '../../common/validation';
import { OptionalText, Text } from '../../parties/dto-rules';
import { CHANGE_KINDS, REVISION_STATUSES, type ChangeKind, type RevisionStatus } from '../revision-rules';

/** One change: a clause added, changed or withdrawn; a grant added, changed or removed. */
export class RevisionChangeDto {
  @ApiProperty({ enum: CHANGE_KINDS, description: 'clause.add / clause.change / clause.withdraw / grant.add / grant.change / grant.remove' })
  @IsIn(CHANGE_KINDS as unknown as string[], { message: `kind 必须是 ${CHANGE_KINDS.join('、')} 之一` })
  kind: ChangeKind;

  @ApiPropertyOptional({ example: 'SAL-6.8', description: '条款编号（条款类变更）' })
  @Optional()
  @IsString({ message: 'clauseId 必须是字符串' })
  @Matches(/^(MKT|SAL|KA)-\d{1,2}(\.\d{1,2})?$/, { message: 'clauseId 格式应为 制度-条[.款]，如 SAL-6.8' })
  clauseId?: string;

  @ApiPropertyOptional({ enum: ROLES, nullable: true, description: '新增条款所属的岗位；或授权的岗位（授权类变更）' })
  @IsOptional()
  @IsIn(ROLES as unknown as string[], { message: 'role 必须是有效的岗位代码' })
  role?: RoleCode | null;

  @ApiPropertyOptional({ maxLength: 200 }) @OptionalText('summary', 200) summary?: string;
  @ApiPropertyOptional({ maxLength: 2000, description: '条款原文' }) @OptionalText('text', 2000) text?: string;

  @ApiPropertyOptional({ enum: PERMISSIONS, description: '授权类变更的权限' })
  @Optional()
  @IsIn(PERMISSIONS as unknown as string[], { message: 'permission 必须是有效的权限代码' })
  permission?: Permission;

  @ApiPropertyOptional({ enum: SCOPES })
  @Optional()
  @IsIn(SCOPES as unknown as string[], { message: `scope 必须是 ${SCOPES.join('、')} 之一` })
  scope?: Scope;

  @ApiPropertyOptional({ type: [String], example: ['SAL-7.3'], description: '授权引用的条款' })
  @Optional()
  @IsArray({ message: 'clauses 必须是数组' })
  @ArrayMaxSize(10, { message: 'clauses 最多 10 条' })
  @IsString({ each: true, message: 'clauses 的每一项必须是条款编号' })
  @Matches(/^(MKT|SAL|KA)-\d{1,2}(\.\d{1,2})?$/, { each: true, message: 'clauses 的每一项必须是条款编号，如 SAL-7.3' })
  clauses?: string[];

  @ApiPropertyOptional({ maxLength: 1000 }) @OptionalText('note', 1000) note?: string;
}

class RevisionFieldsDto {
  @ApiProperty({ example: '业务员合同查阅调整', maxLength: 200 }) @Text('title', 1, 200) title: string;
  @ApiPropertyOptional({ type: String, maxLength: 4000, nullable: true, description: '修订理由' }) @OptionalText('reason', 4000) reason?: string | null;
  @ApiProperty({ type: [RevisionChangeDto] })
  @IsArray({ message: 'changes 必须是数组' })
  @ArrayMaxSize(200, { message: 'changes 最多 200 项' })
  @ValidateNested({ each: true })
  @Type(() => RevisionChangeDto)
  changes: RevisionChangeDto[];
}

/** A draft, against the latest version (duty.revise). */
export class CreateRevisionDto extends RevisionFieldsDto {}

/** The whole draft again; `version` is the one read. */
export class UpdateRevisionDto extends RevisionFieldsDto {
  @ApiProperty({ description: '读取时的版本号；已被修改时为 409' })
  @IsInt({ message: 'version 必须是整数' })
  @Min(1, { message: 'version 最小为 1' })
  @Max(2_147_483_647, { message: 'version 超出范围' })
  version: number;
}

export class RevisionVersionDto {
  @ApiProperty({ description: '读取时的版本号；已被修改时为 409' })
  @IsInt({ message: 'version 必须是整数' })
  @Min(1, { message: 'version 最小为 1' })
  @Max(2_147_483_647, { message: 'version 超出范围' })
  version: number;
}

/** The 总经理 approves: in force now, or from a later instant. */
export class ApproveRevisionDto extends RevisionVersionDto {
  @ApiPropertyOptional({ description: '生效时间（ISO 8601 或 YYYY-MM-DD，业务时区当天 0 点）；省略为立即生效' })
  @Optional()
  @IsDateOrTimestamp('effectiveFrom')
  effectiveFrom?: string;
  @ApiPropertyOptional({ maxLength: 1000 }) @OptionalText('comment', 1000) comment?: string;
}

/** The 总经理 rejects, saying why. */
export class RejectRevisionDto extends RevisionVersionDto {
  @ApiProperty({ maxLength: 1000, description: '退回理由（必填）' }) @Text('comment', 1, 1000) comment: string;
}

export class ListRevisionsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: REVISION_STATUSES })
  @IsOptional()
  @IsIn(REVISION_STATUSES as unknown as string[], { message: `status 必须是 ${REVISION_STATUSES.join('、')} 之一` })
  status?: RevisionStatus;
}

export class RevisionDto {
  @ApiId() id: string;
  @ApiProperty({ enum: ['market', 'key_account'] }) department: string;
  @ApiProperty({ type: [String], example: ['MKT', 'SAL'], description: '起草部门负责的制度' }) rules: string[];
  @ApiProperty() title: string;
  @ApiText({ nullable: true }) reason: string | null;
  @ApiInt({ description: '起草时依据的版本' }) baseVersion: number;
  @ApiProperty({ enum: REVISION_STATUSES }) status: RevisionStatus;
  @ApiId() draftedBy: string;
  @ApiProperty() draftedByName: string;
  @ApiTimestamp({ nullable: true }) submittedAt: string | null;
  @ApiId({ nullable: true }) decidedBy: string | null;
  @ApiText({ nullable: true }) decidedByName: string | null;
  @ApiTimestamp({ nullable: true }) decidedAt: string | null;
  @ApiText({ nullable: true }) decisionComment: string | null;
  @ApiTimestamp({ nullable: true, description: '批准的生效时间' }) effectiveFrom: string | null;
  @ApiInt({ nullable: true, description: '批准后形成的版本号' }) resultingVersion: number | null;
  @ApiInt({ description: '变更项数' }) changeCount: number;
  @ApiInt() version: number;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

export class RevisionGrantDto {
  @ApiProperty({ enum: PERMISSIONS }) permission: Permission;
  @ApiProperty() permissionName: string;
  @ApiProperty({ enum: ROLES }) role: RoleCode;
  @ApiProperty() roleName: string;
  @ApiProperty({ enum: SCOPES }) scope: Scope;
  @ApiProperty({ type: [String] }) clauses: string[];
}
class PolicyClauseDto extends DutyClauseDto {}
class ClauseChangeDto {
  @ApiProperty({ type: PolicyClauseDto }) before: PolicyClauseDto;
  @ApiProperty({ type: PolicyClauseDto }) after: PolicyClauseDto;
}
class GrantChangeDto {
  @ApiProperty({ type: RevisionGrantDto }) before: RevisionGrantDto;
  @ApiProperty({ type: RevisionGrantDto }) after: RevisionGrantDto;
}
class RescopeDto {
  @ApiProperty({ enum: PERMISSIONS }) permission: Permission;
  @ApiProperty({ enum: SCOPES }) from: Scope;
  @ApiProperty({ enum: SCOPES }) to: Scope;
}
class RoleChangeDto {
  @ApiProperty({ enum: ROLES }) role: RoleCode;
  @ApiProperty() roleName: string;
  @ApiProperty({ enum: PERMISSIONS, isArray: true }) gained: Permission[];
  @ApiProperty({ enum: PERMISSIONS, isArray: true }) lost: Permission[];
  @ApiProperty({ type: [RescopeDto] }) rescoped: RescopeDto[];
}
class ClauseDiffDto {
  @ApiProperty({ type: [PolicyClauseDto] }) added: PolicyClauseDto[];
  @ApiProperty({ type: [ClauseChangeDto] }) changed: ClauseChangeDto[];
  @ApiProperty({ type: [PolicyClauseDto] }) withdrawn: PolicyClauseDto[];
}
class GrantDiffDto {
  @ApiProperty({ type: [RevisionGrantDto] }) added: RevisionGrantDto[];
  @ApiProperty({ type: [GrantChangeDto] }) changed: GrantChangeDto[];
  @ApiProperty({ type: [RevisionGrantDto] }) removed: RevisionGrantDto[];
}
export class RevisionDiffDto {
  @ApiProperty({ type: ClauseDiffDto }) clauses: ClauseDiffDto;
  @ApiProperty({ type: GrantDiffDto }) grants: GrantDiffDto;
  @ApiProperty({ type: [RoleChangeDto], description: '每个岗位得到、失去的权限与范围变化' }) roles: RoleChangeDto[];
}
export class PersonImpactDto {
  @ApiId() userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: RoleCode;
  @ApiProperty({ enum: PERMISSIONS }) permission: Permission;
  @ApiProperty({ example: '客户' }) records: string;
  @ApiProperty({ enum: SCOPES, nullable: true }) from: Scope | null;
  @ApiProperty({ enum: SCOPES, nullable: true }) to: Scope | null;
  @ApiInt({ description: '将新看到的记录数' }) newlyVisible: number;
  @ApiInt({ description: '将不再看到的记录数' }) noLongerVisible: number;
}
export class InvariantViolationDto {
  @ApiProperty({ enum: ['ADMIN_BUSINESS_DATA', 'DRAFTER_IS_APPROVER', 'GRANT_WITHOUT_CLAUSE', 'APPROVAL_WITHOUT_HOLDER', 'GM_SECOND_LEVEL'] }) code: string;
  @ApiProperty() message: string;
}
export class ChangeProblemDto {
  @ApiInt({ description: '变更项的序号（从 0 开始）' }) index: number;
  @ApiProperty() message: string;
}

/** A revision with its changes, the diff against the version it was drafted on, the impact and what it breaks. */
export class RevisionDetailDto extends RevisionDto {
  @ApiProperty({ type: [RevisionChangeDto] }) changes: RevisionChangeDto[];
  @ApiProperty({ type: RevisionDiffDto }) diff: RevisionDiffDto;
  @ApiProperty({ type: [PersonImpactDto], description: '范围变化对每位受影响人员的影响（可计数的记录）' }) impact: PersonImpactDto[];
  @ApiProperty({ type: [InvariantViolationDto], description: '违反的不变规则；非空时不能提交或批准' }) violations: InvariantViolationDto[];
  @ApiInt({ description: '当前最新的版本；与 baseVersion 不同时须重新起草' }) latestVersion: number;
  @ApiProperty({ description: '调用者可执行的操作', type: [String], example: ['edit', 'submit'] }) actions: string[];
}
