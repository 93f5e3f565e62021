import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiId, ApiText, ApiTimestamp } from '../../common/api-properties';
import { ListQueryDto } from '../../common/pagination';

export class ListTasksQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'done'] })
  @IsOptional()
  @IsIn(['open', 'done'], { message: 'status 必须是 open 或 done' })
  status?: 'open' | 'done';
}

/** 待办: one per cause, for its assignee only. */
export class TaskDto {
  @ApiId() id: string;
  @ApiProperty({ example: 'contract.approval', description: '来源，如 contract.approval、contract.sign、complaint.assigned、tier.assessment、report.digest' }) kind: string;
  @ApiProperty() title: string;
  @ApiText({ nullable: true, example: 'contract', description: '关联记录的类型' }) entity: string | null;
  @ApiId({ nullable: true, description: '关联记录的 id' }) entityId: string | null;
  @ApiTimestamp({ nullable: true }) dueAt: string | null;
  @ApiProperty({ enum: ['open', 'done'] }) status: 'open' | 'done';
  @ApiTimestamp({ nullable: true }) doneAt: string | null;
  @ApiTimestamp() createdAt: string;
}
