import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import { dataSourceOptions } from '../../config/data-source';
import { APP_CONFIG } from '../app.tokens';
import { setListCountCap } from '../common/list-total';
import { DATABASE_HANDLE, DatabaseHandle } from './database-handle';
import { runMigrationsLocked } from './migrate';

const LIST_COUNT_CAP_SET = Symbol('LIST_COUNT_CAP_SET');

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
      providers: [
        { provide: DATABASE_HANDLE, useValue: db },
        // the lists' count cap (LIST_COUNT_CAP) belongs to this app's data source
        { provide: LIST_COUNT_CAP_SET, inject: [DataSource, APP_CONFIG], useFactory: (ds: DataSource, config: AppConfig) => setListCountCap(ds, config.listCountCap) },
      ],
      exports: [DATABASE_HANDLE],
    };
  }
}
