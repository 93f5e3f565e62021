import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../config/data-source';
import { DATABASE_HANDLE, DatabaseHandle } from './database-handle';
import { runMigrationsLocked } from './migrate';

/** TypeORM over the already opened database (Postgres or embedded PGlite); migrations run before anything else. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(db: DatabaseHandle, verbose = false): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(db.url, db.embedded, verbose), autoLoadEntities: true, retryAttempts: 2, retryDelay: 1000 }),
          dataSourceFactory: async (options) => {
            const ds = await new DataSource(options!).initialize();
            await runMigrationsLocked(ds);
            return ds;
          },
        }),
      ],
      providers: [{ provide: DATABASE_HANDLE, useValue: db }],
      exports: [DATABASE_HANDLE],
    };
  }
}
