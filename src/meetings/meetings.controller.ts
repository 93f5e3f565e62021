import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { CreateMeetingDto, ListMeetingsQueryDto, MeetingDto, MeetingSummaryDto, UpdateMeetingDto } from './dto/meeting.dto';
import { MeetingsService } from './meetings.service';

@ApiTags('meetings 会议纪要')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Post()
  @RequirePermission('meeting.record')
  @ApiCreatedResponse({ type: MeetingDto, description: '记录本部门的一次会议（草稿）；422 MEETING_CHAIR_INVALID 主持人不是本部门经理或主管' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateMeetingDto) {
    return this.meetings.create(actor, dto);
  }

  @Get()
  @RequirePermission('meeting.read')
  @ApiOkResponse({ type: PageDto(MeetingSummaryDto) })
  list(@CurrentActor() actor: Actor, @Query() query: ListMeetingsQueryDto) {
    return this.meetings.list(actor, query);
  }

  @Get(':id')
  @RequirePermission('meeting.read')
  @ApiOkResponse({ type: MeetingDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.meetings.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission('meeting.record')
  @ApiOkResponse({ type: MeetingDto, description: '修改草稿（带 version）；已发布为 409' })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateMeetingDto) {
    return this.meetings.update(actor, id, dto);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @RequirePermission('meeting.record')
  @ApiOkResponse({ type: MeetingDto, description: '发布：每个行动项成为主持人交办的交办事项；有一项不能交办时 422 MEETING_ACTION_ITEM_UNASSIGNABLE，什么也不发布' })
  publish(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.meetings.publish(actor, id);
  }
}
