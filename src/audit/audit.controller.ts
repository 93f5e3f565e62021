import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { AuditService } from './audit.service';
import { AuditEntryDto, ListAuditQueryDto } from './audit.dto';

@ApiTags('audit 审计日志')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermission('audit.read')
  @ApiOkResponse({ type: PageDto(AuditEntryDto) })
  list(@Query() query: ListAuditQueryDto) {
    return this.audit.list(query);
  }
}
