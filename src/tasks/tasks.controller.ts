import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, SignedIn } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { ListTasksQueryDto, TaskDto } from './dto/task.dto';
import { TasksService } from './tasks.service';

/** Everyone's own to-do list: a task is only ever visible to its assignee. */
@ApiTags('tasks 待办')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller()
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get('me/tasks')
  @SignedIn()
  @ApiOkResponse({ type: PageDto(TaskDto), description: '调用者自己的待办' })
  mine(@CurrentActor() actor: Actor, @Query() query: ListTasksQueryDto) {
    return this.tasks.mine(actor, query);
  }

  @Post('tasks/:id/done')
  @HttpCode(200)
  @SignedIn()
  @ApiOkResponse({ type: TaskDto })
  done(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.tasks.done(actor, id);
  }
}
