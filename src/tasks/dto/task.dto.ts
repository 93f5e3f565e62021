import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ListQueryDto } from '../../common/pagination';

export class ListTasksQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'done'] })
  @IsOptional()
  @IsIn(['open', 'done'], { message: 'status 必须是 open 或 done' })
  status?: 'open' | 'done';
}
