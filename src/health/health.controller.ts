import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../access/decorators';
import { DATABASE_HANDLE, DatabaseHandle } from '../database/database-handle';
import { HealthDto } from './dto/health.dto';

@ApiTags('health 健康检查')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(DATABASE_HANDLE) private readonly db: DatabaseHandle,
  ) {}

  /** 200 with the database up, 503 when it does not answer; never needs a token. */
  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto, description: '数据库可用' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: '数据库 3 秒内没有响应' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    const database = this.db.embedded ? 'embedded' : 'postgres';
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 3000)));
      await Promise.race([this.ds.query('SELECT 1'), timeout]);
      return { status: 'ok', database: { status: 'up', kind: database } };
    } catch {
      reply.status(503);
      return { status: 'error', database: { status: 'down', kind: database } };
    } finally {
      clearTimeout(timer);
    }
  }
}
