import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DatabaseHealthDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ enum: ['embedded', 'postgres'], description: 'embedded：内置 PGlite；postgres：外部 PostgreSQL' }) kind: 'embedded' | 'postgres';
}

/** The same shape for 200 (database up) and 503 (down). */
export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ type: DatabaseHealthDto }) database: DatabaseHealthDto;
}

/** The process answers: nothing else is checked. */
export class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ description: '进程已运行的秒数' }) uptimeSeconds: number;
}

export class MigrationsHealthDto {
  @ApiProperty({ enum: ['applied', 'pending', 'unknown'], description: 'unknown：数据库不可用，无法检查' }) status: 'applied' | 'pending' | 'unknown';
  @ApiPropertyOptional({ type: [String], description: '尚未应用的迁移' }) pending?: string[];
}

/** Ready to take traffic: the database answers and every migration of this build is applied. */
export class ReadinessDto {
  @ApiProperty({ enum: ['ready', 'not_ready'] }) status: 'ready' | 'not_ready';
  @ApiProperty({ type: DatabaseHealthDto }) database: DatabaseHealthDto;
  @ApiProperty({ type: MigrationsHealthDto }) migrations: MigrationsHealthDto;
}
