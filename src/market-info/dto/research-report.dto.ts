import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { ApiId, ApiInt, ApiText, ApiTimestamp } from '../../common/api-properties';
import { ListQueryDto } from '../../common/pagination';
import { Optional } from '../../common/validation';
import { OptionalText, Text } from '../../parties/dto-rules';
import { MARKET_INFO_CATEGORIES, MARKET_INFO_STATUSES, MAX_SEARCH_TERMS, type MarketInfoCategory, type MarketInfoStatus } from '../market-info-rules';
import { MAX_LINKED_ENTRIES, RESEARCH_STATUSES, type ResearchStatus } from '../research-report-rules';

const ENTRIES = `依据的市场信息（最多 ${MAX_LINKED_ENTRIES} 条，不重复）：须是编写人有权查看的条目，否则 404`;

/** The linked 市场信息: ids, each at most once. */
const EntryIds = () => (target: object, key: string) => {
  IsArray({ message: 'entryIds 必须是数组' })(target, key);
  ArrayMaxSize(MAX_LINKED_ENTRIES, { message: `entryIds 最多 ${MAX_LINKED_ENTRIES} 项` })(target, key);
  ArrayUnique({ message: 'entryIds 不能重复' })(target, key);
  IsUUID('all', { each: true, message: 'entryIds 的每一项必须是 UUID' })(target, key);
};

/** 起草调查报告 (research.write): the writer owns it, in the writer's department; a draft until submitted. */
export class CreateResearchReportDto {
  @ApiProperty({ example: '华东区中端产品价格竞争调查', maxLength: 200 }) @Text('title', 1, 200) title: string;
  @ApiProperty({ example: '竞品降价对我方经销商的影响', maxLength: 200, description: '调查范围 / 主题' }) @Text('topic', 1, 200) topic: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '华东', maxLength: 50 }) @OptionalText('region', 50) region?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 20000, description: '调查经过与发现（提交前须填写）' }) @OptionalText('body', 20000) body?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 8000, description: '结论与建议（提交前须填写）' }) @OptionalText('conclusions', 8000) conclusions?: string | null;
  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_LINKED_ENTRIES, description: ENTRIES }) @Optional() @EntryIds() entryIds?: string[];
}

/** PATCH by the writer while the report is a draft or returned, with the version read. */
export class UpdateResearchReportDto {
  @ApiProperty({ description: '读取时的版本号；已被修改时为 409' })
  @IsInt({ message: 'version 必须是整数' })
  @Min(1, { message: 'version 最小为 1' })
  version: number;
  @ApiPropertyOptional({ maxLength: 200 }) @Optional() @Text('title', 1, 200) title?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @Optional() @Text('topic', 1, 200) topic?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50, description: 'null 清空' }) @OptionalText('region', 50) region?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 20000, description: 'null 清空' }) @OptionalText('body', 20000) body?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 8000, description: 'null 清空' }) @OptionalText('conclusions', 8000) conclusions?: string | null;
  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_LINKED_ENTRIES, description: `${ENTRIES}；给出时整体替换` }) @Optional() @EntryIds() entryIds?: string[];
}

/** 审核通过: an optional comment. */
export class AcceptResearchReportDto {
  @ApiPropertyOptional({ type: String, maxLength: 2000, nullable: true, example: '结论清楚，可作为定价参考' }) @OptionalText('comment', 2000) comment?: string | null;
}

/** 退回: why, always. */
export class ReturnResearchReportDto {
  @ApiProperty({ example: '请补充宁波地区经销商的数据', maxLength: 2000 }) @Text('comment', 1, 2000) comment: string;
}

export class ListResearchReportsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: RESEARCH_STATUSES }) @IsOptional() @IsIn(RESEARCH_STATUSES as unknown as string[], { message: 'status 无效' }) status?: ResearchStatus;
  @ApiPropertyOptional({ format: 'uuid', description: '编写人（不扩大查看范围）' }) @IsOptional() @IsUUID('all', { message: 'ownerId 必须是 UUID' }) ownerId?: string;
  @ApiPropertyOptional({ maxLength: 50 }) @IsOptional() @Text('region', 1, 50) region?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '依据了该条市场信息的报告' }) @IsOptional() @IsUUID('all', { message: 'entryId 必须是 UUID' }) entryId?: string;
  @ApiPropertyOptional({ maxLength: 100, description: `在标题、主题、正文中搜索（含中文）；空格分隔的多个词须全部出现（最多 ${MAX_SEARCH_TERMS} 个）` })
  @IsOptional()
  @Text('q', 1, 100)
  q?: string;
}

export class ResearchReportDto {
  @ApiId() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: '调查范围 / 主题' }) topic: string;
  @ApiText({ nullable: true }) region: string | null;
  @ApiText({ nullable: true }) body: string | null;
  @ApiText({ nullable: true, description: '结论与建议' }) conclusions: string | null;
  @ApiProperty({ enum: RESEARCH_STATUSES }) status: ResearchStatus;
  @ApiId({ description: '编写人' }) ownerId: string;
  @ApiProperty() ownerName: string;
  @ApiProperty({ description: '编写人所在部门（数据范围与审核人按此确定）' }) department: string;
  @ApiInt({ description: '第几次提交（0：尚未提交）' }) submissionRound: number;
  @ApiTimestamp({ nullable: true }) submittedAt: string | null;
  @ApiTimestamp({ nullable: true, description: '最近一次审核（通过或退回）的时间' }) decidedAt: string | null;
  @ApiId({ nullable: true }) decidedBy: string | null;
  @ApiText({ nullable: true }) decidedByName: string | null;
  @ApiText({ nullable: true, description: '最近一次审核的意见（退回时为退回原因）' }) decisionComment: string | null;
  @ApiInt({ description: '被退回的次数' }) returnCount: number;
  @ApiInt({ description: '依据的市场信息条数' }) entryCount: number;
  @ApiInt() version: number;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

/** A linked entry, as far as the reader may read it (marketinfo.read). */
export class LinkedEntryDto {
  @ApiId() id: string;
  @ApiProperty({ enum: MARKET_INFO_CATEGORIES }) category: MarketInfoCategory;
  @ApiProperty() title: string;
  @ApiProperty({ enum: MARKET_INFO_STATUSES }) status: MarketInfoStatus;
  @ApiProperty() stale: boolean;
}

/** One step of the history: who did what, when, with what comment. */
export class ResearchReportEventDto {
  @ApiInt() id: number;
  @ApiProperty({ enum: ['create', 'edit', 'submit', 'accept', 'return'] }) action: string;
  @ApiProperty({ enum: RESEARCH_STATUSES, nullable: true }) fromStatus: ResearchStatus | null;
  @ApiProperty({ enum: RESEARCH_STATUSES }) toStatus: ResearchStatus;
  @ApiId() actorId: string;
  @ApiProperty() actorName: string;
  @ApiText({ nullable: true }) comment: string | null;
  @ApiTimestamp() at: string;
}

export class ResearchReportDetailDto extends ResearchReportDto {
  @ApiProperty({ type: [String], format: 'uuid', description: '依据的市场信息 id（按编写时的顺序）' }) entryIds: string[];
  @ApiProperty({ type: [LinkedEntryDto], description: '依据的市场信息中读者有权查看的条目' }) entries: LinkedEntryDto[];
  @ApiProperty({ type: [ResearchReportEventDto], description: '经过，按时间先后' }) history: ResearchReportEventDto[];
}
