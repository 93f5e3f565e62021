import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiOkJsonOrFile, ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { CreateVisitDto, ListVisitsQueryDto, ReviewVisitDto, UpdateVisitDto, VisitResponseDto } from './dto/visit.dto';
import { VisitsService } from './visits.service';

@ApiTags('visits 客户拜访记录')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('visits')
export class VisitsController {
  constructor(private readonly visits: VisitsService) {}

  @Post()
  @RequirePermission('visit.create')
  @ApiCreatedResponse({ type: VisitResponseDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateVisitDto) {
    return this.visits.create(actor, dto);
  }

  @Get()
  @RequirePermission('visit.read')
  @ApiOkJsonOrFile(PageDto(VisitResponseDto), 'csv')
  async list(@CurrentActor() actor: Actor, @Query() query: ListVisitsQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    if (query.format === 'csv') {
      const csv = await this.visits.exportCsv(actor, query);
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="visits.csv"');
      return csv;
    }
    return this.visits.list(actor, query);
  }

  @Get(':id')
  @RequirePermission('visit.read')
  @ApiOkResponse({ type: VisitResponseDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.visits.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission('visit.create')
  @ApiOkResponse({ type: VisitResponseDto })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateVisitDto) {
    return this.visits.update(actor, id, dto);
  }

  @Post(':id/review')
  @HttpCode(200)
  @RequirePermission('visit.review')
  @ApiOkResponse({ type: VisitResponseDto })
  review(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: ReviewVisitDto) {
    return this.visits.review(actor, id, dto.comment);
  }
}
