import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

/** 会议纪要 (/meetings): the 助理's minutes, whose action items become the chair's 交办事项. */
@Module({ imports: [AssignmentsModule], controllers: [MeetingsController], providers: [MeetingsService] })
export class MeetingsModule {}
