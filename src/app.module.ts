import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { ConfigModule } from '@nestjs/config';
import type { AppConfig } from '../config/configuration';
import { AccessModule } from './access/access.module';
import { APP_CONFIG, PRODUCT_MODULES } from './app.tokens';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ProblemFilter } from './common/problem.filter';
import { UnreadBodyInterceptor } from './common/unread-body.interceptor';
import { DatabaseModule } from './database/database.module';
import type { DatabaseHandle } from './database/database-handle';
import { ReadDatabaseModule } from './database/read-data-source';
import { HealthModule } from './health/health.module';
import { UsersModule } from './users/users.module';
import { CustomersModule } from './customers/customers.module';
import { ProspectsModule } from './prospects/prospects.module';
import { VisitsModule } from './visits/visits.module';
import { TasksModule } from './tasks/tasks.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ContractsModule } from './contracts/contracts.module';
import { JobsModule } from './jobs/jobs.module';
import { LedgerModule } from './ledger/ledger.module';
import { PaymentsModule } from './payments/payments.module';
import { ReceivablesModule } from './receivables/receivables.module';
import { KeyAccountsModule } from './key-accounts/key-accounts.module';
import { ComplaintsModule } from './complaints/complaints.module';
import { ReportsModule } from './reports/reports.module';
import { WorkReportsModule } from './work-reports/work-reports.module';
import { ImportsModule } from './imports/imports.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { TargetsModule } from './targets/targets.module';
import { AssignmentsModule } from './assignments/assignments.module';
import { DutyRevisionsModule } from './duty-revisions/revisions.module';
import { ReviewsModule } from './reviews/reviews.module';
import { MeetingsModule } from './meetings/meetings.module';
import { TrainingsModule } from './trainings/trainings.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { MarketInfoModule } from './market-info/market-info.module';
import { AttachmentsModule } from './attachments/attachments.module';

/**
 * Every module of the product after configuration and the database, in start-up order (also read
 * by the duty coverage test, which walks their controllers without starting the app).
 */
export const FEATURE_MODULES: Type[] = [
  AuditModule,
  AuthModule,
  AccessModule,
  UsersModule,
  HealthModule,
  CustomersModule,
  ProspectsModule,
  VisitsModule,
  NotificationsModule,
  TasksModule,
  ContractsModule,
  JobsModule,
  LedgerModule,
  ReceivablesModule,
  PaymentsModule,
  KeyAccountsModule,
  ComplaintsModule,
  ReportsModule,
  WorkReportsModule,
  ImportsModule,
  ApprovalsModule,
  TargetsModule,
  AssignmentsModule,
  ReviewsModule,
  CampaignsModule,
  MarketInfoModule,
  MeetingsModule,
  TrainingsModule,
  DutyRevisionsModule,
  AttachmentsModule,
];

@Global()
@Module({})
class AppConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppConfigModule,
      // ConfigService carries the same validated values for code that prefers it.
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => ({ app: config })] })],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: PRODUCT_MODULES, useValue: FEATURE_MODULES },
      ],
      exports: [APP_CONFIG, PRODUCT_MODULES],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, db: DatabaseHandle, extra: Type[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        DatabaseModule.forRoot(db, config.logLevel === 'debug' || config.logLevel === 'verbose'),
        ReadDatabaseModule,
        ...FEATURE_MODULES,
        ...extra,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: UnreadBodyInterceptor },
      ],
    };
  }
}
