import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Min, ValidateIf } from 'class-validator';
import { ApiId, ApiText, ApiTimestamp } from '../../common/api-properties';
import { ListQueryDto } from '../../common/pagination';
import { Optional } from '../../common/validation';
import { OptionalText, Text } from '../../parties/dto-rules';
import { MARKET_INFO_CATEGORIES, MARKET_INFO_STATUSES, MAX_SEARCH_TERMS, type MarketInfoCategory, type MarketInfoStatus } from '../market-info-rules';

const CATEGORY = `类别：${MARKET_INFO_CATEGORIES.join('、')}（竞争对手、价格行情、客源、渠道、政策、产品流向、终端销售、客户意见）`;
const categoryRule = () => IsIn(MARKET_INFO_CATEGORIES as unknown as string[], { message: `category 必须是 ${MARKET_INFO_CATEGORIES.join('、')} 之一` });
const CUSTOMER = '关联客户：须是登记人有权查看的客户（customer.read 范围内），否则 404';

/** 登记市场信息 (marketinfo.write): the writer owns it, in the writer's department. */
export class CreateMarketInfoDto {
  @ApiProperty({ enum: MARKET_INFO_CATEGORIES, description: CATEGORY }) @categoryRule() category: MarketInfoCategory;
  @ApiProperty({ example: '华东区同类产品降价 8%', maxLength: 200 }) @Text('title', 1, 200) title: string;
  @ApiProperty({ example: '竞品 A 自十一月起在华东区经销商渠道降价 8%，对我方中端型号冲击较大。', maxLength: 8000 }) @Text('body', 1, 8000) body: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '华东', maxLength: 50 }) @OptionalText('region', 50) region?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '电子制造', maxLength: 50 }) @OptionalText('industry', 50) industry?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '经销商座谈会', maxLength: 200, description: '信息来源' }) @OptionalText('source', 200) source?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: CUSTOMER })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'customerId 必须是 UUID' })
  customerId?: string | null;
}

/**
 * PATCH by the owner (marketinfo.write, own) or a curator of the department (marketinfo.curate):
 * what changed, with the version read. An update counts as keeping the entry up to date.
 */
export class UpdateMarketInfoDto {
  @ApiProperty({ description: '读取时的版本号；已被修改时为 409' })
  @IsInt({ message: 'version 必须是整数' })
  @Min(1, { message: 'version 最小为 1' })
  version: number;
  @ApiPropertyOptional({ enum: MARKET_INFO_CATEGORIES }) @Optional() @categoryRule() category?: MarketInfoCategory;
  @ApiPropertyOptional({ maxLength: 200 }) @Optional() @Text('title', 1, 200) title?: string;
  @ApiPropertyOptional({ maxLength: 8000 }) @Optional() @Text('body', 1, 8000) body?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50, description: 'null 清空' }) @OptionalText('region', 50) region?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50, description: 'null 清空' }) @OptionalText('industry', 50) industry?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, description: 'null 清空' }) @OptionalText('source', 200) source?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: `${CUSTOMER}；null 取消关联` })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'customerId 必须是 UUID' })
  customerId?: string | null;
}

export class ListMarketInfoQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: MARKET_INFO_CATEGORIES }) @IsOptional() @categoryRule() category?: MarketInfoCategory;
  @ApiPropertyOptional({ maxLength: 50 }) @IsOptional() @Text('region', 1, 50) region?: string;
  @ApiPropertyOptional({ maxLength: 50 }) @IsOptional() @Text('industry', 1, 50) industry?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'customerId 必须是 UUID' }) customerId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '登记人（不扩大查看范围）' }) @IsOptional() @IsUUID('all', { message: 'ownerId 必须是 UUID' }) ownerId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '是否已标记为过时' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'stale 必须是 true 或 false' })
  stale?: 'true' | 'false';
  @ApiPropertyOptional({ enum: MARKET_INFO_STATUSES, description: '不填时为全部' })
  @IsOptional()
  @IsIn(MARKET_INFO_STATUSES as unknown as string[], { message: 'status 必须是 active 或 archived' })
  status?: MarketInfoStatus;
  @ApiPropertyOptional({
    maxLength: 100,
    description: `在标题、正文、来源中搜索（含中文，按子串匹配）；空格分隔的多个词须全部出现（最多 ${MAX_SEARCH_TERMS} 个）；% _ 等字符按字面匹配`,
  })
  @IsOptional()
  @Text('q', 1, 100)
  q?: string;
}

export class MarketInfoDto {
  @ApiId() id: string;
  @ApiProperty({ enum: MARKET_INFO_CATEGORIES }) category: MarketInfoCategory;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiText({ nullable: true }) region: string | null;
  @ApiText({ nullable: true }) industry: string | null;
  @ApiText({ nullable: true, description: '信息来源' }) source: string | null;
  @ApiId({ nullable: true }) customerId: string | null;
  @ApiText({ nullable: true, description: '关联客户的名称；读者无权查看该客户时为 null' }) customerName: string | null;
  @ApiId({ description: '登记人' }) ownerId: string;
  @ApiProperty() ownerName: string;
  @ApiProperty({ description: '登记人所在部门（数据范围按此计算）' }) department: string;
  @ApiProperty({ enum: MARKET_INFO_STATUSES }) status: MarketInfoStatus;
  @ApiProperty({ description: '已标记为过时（长期未更新或确认）' }) stale: boolean;
  @ApiTimestamp({ nullable: true, description: '标记为过时的时间' }) staleSince: string | null;
  @ApiTimestamp({ nullable: true, description: '最近一次确认仍然准确的时间' }) reviewedAt: string | null;
  @ApiId({ nullable: true }) reviewedBy: string | null;
  @ApiText({ nullable: true }) reviewedByName: string | null;
  @ApiTimestamp({ nullable: true }) archivedAt: string | null;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}
