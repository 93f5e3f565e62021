import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../access/decorators';
import { AuditService } from './audit.service';
import { ListAuditQueryDto } from './audit.dto';

@ApiTags('audit 审计日志')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermission('audit.read')
  list(@Query() query: ListAuditQueryDto) {
    return this.audit.list(query);
  }
}
