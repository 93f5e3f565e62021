import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { TrainingsController } from './trainings.controller';
import { TrainingsService } from './trainings.service';

/** 培训 (/trainings): sessions organised by a 经理 or 主管, their attendance, scores and evaluation. */
@Module({ imports: [TasksModule], controllers: [TrainingsController], providers: [TrainingsService] })
export class TrainingsModule {}
