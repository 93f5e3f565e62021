import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiProblemResponses, FILE_CONTENT } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { XLSX_CONTENT_TYPE, XlsxBody } from '../common/xlsx-body';
import { ImportDto, ImportRowDto, ImportRowsQueryDto, StartImportQueryDto } from './dto/import.dto';
import type { ImportKind } from './import-kinds';
import { importTemplate, templateFileNames } from './import-template';
import { ImportsService } from './imports.service';

const START = (what: string) =>
  `上传 .xlsx 文件（请求体即文件，最大 5 MiB、5000 行），表头按列名对应字段。dryRun=true（默认）只逐行检查：可导入、重复（与哪条记录或文件中哪一行，按哪条规则）、错误（哪一列、什么问题），不建立任何${what}；dryRun=false 分批建立可导入的行，重复和有错误的行不会建立。立即返回 202 和导入记录，按 GET …/{id} 查看进度与合计。`;

/**
 * 导入 (SPEC §6, SAL-6.3): customers need `customer.create`, prospects `prospect.create` — the
 * permissions of the ordinary create endpoints — so each kind has its own routes.
 */
@ApiTags('imports 批量导入')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  private async template(kind: ImportKind, reply: FastifyReply): Promise<Buffer> {
    const names = templateFileNames(kind);
    reply
      .header('content-type', XLSX_CONTENT_TYPE)
      .header('content-disposition', `attachment; filename="${names.ascii}"; filename*=UTF-8''${encodeURIComponent(names.chinese)}`);
    return importTemplate(kind);
  }

  // ── customers (客户档案, SAL-6.3) ──

  @Post('customers')
  @HttpCode(202)
  @RequirePermission('customer.create')
  @XlsxBody('客户名单（.xlsx），列：客户名称（或公司名称）、统一社会信用代码、联系人、联系电话、地址、地区、行业')
  @ApiOperation({ summary: '从 Excel 导入客户', description: START('客户') })
  @ApiProblemResponses(413, 415)
  @ApiAcceptedResponse({ type: ImportDto })
  startCustomers(@CurrentActor() actor: Actor, @Query() query: StartImportQueryDto, @Req() req: FastifyRequest) {
    return this.imports.start(actor, 'customers', query, req.body);
  }

  @Get('customers/template')
  @RequirePermission('customer.create')
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse({ description: '客户导入模板（表头行）', content: FILE_CONTENT.xlsx })
  customersTemplate(@Res({ passthrough: true }) reply: FastifyReply) {
    return this.template('customers', reply);
  }

  @Get('customers/:id')
  @RequirePermission('customer.create')
  @ApiOkResponse({ type: ImportDto, description: '导入的状态、进度与合计' })
  customersImport(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.imports.get(actor, 'customers', id);
  }

  @Get('customers/:id/rows')
  @RequirePermission('customer.create')
  @ApiOkResponse({ type: PageDto(ImportRowDto), description: '逐行结果（按行号）' })
  customersImportRows(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Query() query: ImportRowsQueryDto) {
    return this.imports.rows(actor, 'customers', id, query);
  }

  // ── prospects (潜在客户登记备案, MKT-6.2, KA-6.1) ──

  @Post('prospects')
  @HttpCode(202)
  @RequirePermission('prospect.create')
  @XlsxBody('潜在客户名单（.xlsx），列：公司名称、统一社会信用代码、联系人、联系电话、地区、行业、来源、备注')
  @ApiOperation({ summary: '从 Excel 导入潜在客户', description: START('潜在客户') })
  @ApiProblemResponses(413, 415)
  @ApiAcceptedResponse({ type: ImportDto })
  startProspects(@CurrentActor() actor: Actor, @Query() query: StartImportQueryDto, @Req() req: FastifyRequest) {
    return this.imports.start(actor, 'prospects', query, req.body);
  }

  @Get('prospects/template')
  @RequirePermission('prospect.create')
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse({ description: '潜在客户导入模板（表头行）', content: FILE_CONTENT.xlsx })
  prospectsTemplate(@Res({ passthrough: true }) reply: FastifyReply) {
    return this.template('prospects', reply);
  }

  @Get('prospects/:id')
  @RequirePermission('prospect.create')
  @ApiOkResponse({ type: ImportDto, description: '导入的状态、进度与合计' })
  prospectsImport(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.imports.get(actor, 'prospects', id);
  }

  @Get('prospects/:id/rows')
  @RequirePermission('prospect.create')
  @ApiOkResponse({ type: PageDto(ImportRowDto), description: '逐行结果（按行号）' })
  prospectsImportRows(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Query() query: ImportRowsQueryDto) {
    return this.imports.rows(actor, 'prospects', id, query);
  }
}
