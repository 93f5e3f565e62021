import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import { APP_CONFIG } from '../app.tokens';
import { DatabaseUnreachableError } from './database-handle';

/**
 * The data source of reads that may lag a little (SPEC §13): reports, exports and dashboards.
 * With `DATABASE_READ_URL` a pool of its own on that server (a replica, or the same server under a
 * read-only role), every session read-only; without it, the main data source itself.
 */
export const READ_DATA_SOURCE = Symbol('READ_DATA_SOURCE');

/** Injects the read data source (the main one when DATABASE_READ_URL is not set). */
export const InjectReadDataSource = (): ParameterDecorator => Inject(READ_DATA_SOURCE);

/** What the read pool's sessions call themselves in pg_stat_activity unless the URL names them. */
export const READ_APPLICATION_NAME = 'zhize-read';

/**
 * The read URL with every session made read-only at connection start (a write fails with
 * 25006 read_only_sql_transaction even where the role could write), and named unless it is named.
 */
export function readOnlyUrl(url: string): string {
  const u = new URL(url);
  const options = u.searchParams.get('options');
  u.searchParams.set('options', [options, '-c default_transaction_read_only=on'].filter(Boolean).join(' '));
  if (!u.searchParams.has('application_name')) u.searchParams.set('application_name', READ_APPLICATION_NAME);
  return u.toString();
}

export async function openReadDataSource(url: string, main: DataSource): Promise<DataSource> {
  const reader = new DataSource({
    type: 'postgres',
    url: readOnlyUrl(url),
    // the main source's entities, so query builders work here too; no migrations: the main pool runs them
    entities: main.options.entities,
    synchronize: false,
    migrationsRun: false,
    logging: main.options.logging,
    extra: { max: 10, connectionTimeoutMillis: 10_000, statement_timeout: 30_000 },
  });
  try {
    return await reader.initialize();
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const where = (() => {
      try {
        const u = new URL(url);
        return `${u.hostname}:${u.port || 5432}${u.pathname}`;
      } catch {
        return '(无法解析的地址)';
      }
    })();
    throw new DatabaseUnreachableError(e.code ?? 'UNKNOWN', `DATABASE_READ_URL ${where} — ${e.message ?? '连接失败'}`);
  }
}

@Global()
@Module({
  providers: [
    {
      provide: READ_DATA_SOURCE,
      inject: [APP_CONFIG, DataSource],
      useFactory: async (config: AppConfig, main: DataSource): Promise<DataSource> => {
        if (!config.databaseReadUrl) return main;
        const reader = await openReadDataSource(config.databaseReadUrl, main);
        new Logger('Database').log('报表、导出与看板从 DATABASE_READ_URL 读取（只读连接）');
        return reader;
      },
    },
  ],
  exports: [READ_DATA_SOURCE],
})
export class ReadDatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(READ_DATA_SOURCE) private readonly reader: DataSource,
    @Inject(DataSource) private readonly main: DataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.reader !== this.main && this.reader.isInitialized) await this.reader.destroy();
  }
}
