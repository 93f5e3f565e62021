import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor';
import { AlsoChecks, CurrentActor, SignedIn } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { uuidParam } from '../common/params';
import { ATTACHMENT_PERMISSIONS } from './attachment-parents';
import { AttachmentsErrors } from './attachments.errors';
import { AttachmentsService, IncomingFile } from './attachments.service';
import { AttachmentDto, AttachmentListDto, AttachmentParentQueryDto } from './dto/attachment.dto';
import { MultipartFile } from './multipart';

/** RFC 6266: an ASCII fallback and the real (Chinese) name in filename*. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Files on contracts, visits, complaints and key-account assessments (SPEC §14). Who may do what
 * depends on the record, so the routes admit any signed-in caller and the service checks the
 * record's own permissions and scope (declared here for the route table).
 */
@ApiTags('attachments 附件')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @SignedIn()
  @AlsoChecks(...ATTACHMENT_PERMISSIONS)
  @MultipartFile('一个文件（字段名 file），不超过 20 MiB；PDF、JPEG、PNG、WebP、XLSX、DOCX')
  @ApiCreatedResponse({ type: AttachmentDto })
  async upload(@CurrentActor() actor: Actor, @Query() query: AttachmentParentQueryDto, @Req() req: FastifyRequest): Promise<AttachmentDto> {
    if (!req.isMultipart()) throw AttachmentsErrors.noFile();
    const part = await req.file().catch(() => undefined);
    const file: IncomingFile | undefined = part ? { filename: part.filename, stream: part.file } : undefined;
    return this.attachments.upload(actor, query.parentType, query.parentId, file);
  }

  @Get()
  @SignedIn()
  @AlsoChecks(...ATTACHMENT_PERMISSIONS)
  @ApiOkResponse({ type: AttachmentListDto })
  list(@CurrentActor() actor: Actor, @Query() query: AttachmentParentQueryDto): Promise<AttachmentListDto> {
    return this.attachments.list(actor, query.parentType, query.parentId);
  }

  @Get(':id')
  @SignedIn()
  @AlsoChecks(...ATTACHMENT_PERMISSIONS)
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: '文件内容（Content-Disposition: attachment）', schema: { type: 'string', format: 'binary' } })
  async download(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Res() reply: FastifyReply): Promise<void> {
    const { meta, body } = await this.attachments.open(actor, id);
    await reply
      .header('content-type', meta.contentType)
      .header('content-length', String(meta.sizeBytes))
      .header('content-disposition', contentDisposition(meta.fileName))
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(body);
  }

  @Delete(':id')
  @HttpCode(204)
  @SignedIn()
  @AlsoChecks(...ATTACHMENT_PERMISSIONS)
  @ApiNoContentResponse({ description: '已删除' })
  async remove(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string): Promise<void> {
    await this.attachments.remove(actor, id);
  }
}
