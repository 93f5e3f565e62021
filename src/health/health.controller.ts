import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { Public } from '../access/decorators';
import { DATABASE_HANDLE, DatabaseHandle } from '../database/database-handle';
import { HealthDto, LivenessDto, ReadinessDto } from './dto/health.dto';

/** How long a health check waits for the database before calling it down. */
const DATABASE_TIMEOUT_MS = 3000;

/** The names TypeORM records in schema_migrations, for every migration this build carries. */
const EXPECTED_MIGRATIONS: string[] = MIGRATIONS.map((M) => (new M() as { name?: string }).name ?? M.name);

/**
 * Health checks outside /api/v1 and without a token (SPEC §13): `/health/live` for "restart me if
 * this fails" (the process answers), `/health/ready` for "send me traffic" (database reachable and
 * migrated), and `/health` as before (database reachable).
 */
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
    const up = (await this.query<unknown>('SELECT 1')) !== null;
    if (!up) reply.status(503);
    return { status: up ? 'ok' : 'error', database: { status: up ? 'up' : 'down', kind: this.kind() } };
  }

  @Get('live')
  @Public()
  @ApiOperation({ summary: '存活检查：进程在运行即 200，不访问数据库' })
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: '就绪检查：数据库可连接且本版本的全部迁移已应用时 200，否则 503' })
  @ApiOkResponse({ type: ReadinessDto, description: '可以接收请求' })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: '数据库不可用，或有迁移尚未应用' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessDto> {
    // no schema_migrations table at all: nothing is applied yet
    const rows = await this.query<{ name: string }[]>('SELECT name FROM schema_migrations', { '42P01': [] });
    const database = { status: rows ? ('up' as const) : ('down' as const), kind: this.kind() };
    if (!rows) {
      reply.status(503);
      return { status: 'not_ready', database, migrations: { status: 'unknown' } };
    }
    const applied = new Set(rows.map((r) => r.name));
    const pending = EXPECTED_MIGRATIONS.filter((name) => !applied.has(name));
    if (pending.length > 0) {
      reply.status(503);
      return { status: 'not_ready', database, migrations: { status: 'pending', pending } };
    }
    return { status: 'ready', database, migrations: { status: 'applied' } };
  }

  private kind(): 'embedded' | 'postgres' {
    return this.db.embedded ? 'embedded' : 'postgres';
  }

  /** The query's rows, or null when the database fails or takes longer than the timeout. */
  private async query<T>(sql: string, onErrorCode: Record<string, T> = {}): Promise<T | null> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), DATABASE_TIMEOUT_MS)));
      return (await Promise.race([this.ds.query(sql), timeout])) as T;
    } catch (err) {
      const code = (err as { code?: string }).code;
      return code !== undefined && code in onErrorCode ? onErrorCode[code] : null;
    } finally {
      clearTimeout(timer);
    }
  }
}
