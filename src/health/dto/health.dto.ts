import { ApiProperty } from '@nestjs/swagger';

export class DatabaseHealthDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ enum: ['embedded', 'postgres'], description: 'embedded：内置 PGlite；postgres：外部 PostgreSQL' }) kind: 'embedded' | 'postgres';
}

/** The same shape for 200 (database up) and 503 (down). */
export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ type: DatabaseHealthDto }) database: DatabaseHealthDto;
}
