import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../../config/configuration';
import { grantingRoles } from '../access/policy';
import { APP_CONFIG } from '../app.tokens';
import { startOfDayIn } from '../common/time';
import type { JobContext } from '../jobs/job.types';
import { JobsService } from '../jobs/jobs.service';
import { OutboxService } from '../notifications/outbox.service';
import { freshFrom } from './market-info-rules';

export const MARKET_INFO_STALE_JOB = 'market-info.stale-check';

/** The roles that keep a department's entries up to date (marketinfo.curate at department scope). */
const CURATOR_ROLES = grantingRoles('marketinfo.curate')
  .filter((g) => g.scope === 'department')
  .map((g) => g.role);

/**
 * `market-info.stale-check` (daily 06:30 business time, MKT-5.6 定期对信息库进行更新与维护): active
 * entries neither updated nor confirmed within MARKET_INFO_STALE_DAYS (default 180) days, counted in BUSINESS_TZ,
 * are flagged stale (过时), and each active curator of the entry's department gets a task to check
 * it — one per curator and stale spell, by a cause key holding the entry, the day it was flagged and
 * the curator, so a second run (or a curator's done task) adds nothing. An update, a confirmation
 * or archiving clears the flag and closes the tasks.
 */
@Injectable()
export class MarketInfoStaleCheckJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: MARKET_INFO_STALE_JOB,
      description: `市场信息超过 ${this.config.marketInfoStaleDays} 天未更新或确认时标记为过时，并提醒本部门的信息库维护人核实`,
      cron: '30 6 * * *',
      run: (ctx) => this.run(ctx),
    });
  }

  async run({ asOf, tz, manager: m }: JobContext) {
    const days = this.config.marketInfoStaleDays;
    const freshSince = startOfDayIn(freshFrom(asOf, days), tz);
    // node-postgres through TypeORM answers an UPDATE with [rows, affected count]
    const [flagged]: [unknown[], number] = await m.query(
      `UPDATE market_info SET stale_since = now(), version = version + 1
       WHERE status = 'active' AND stale_since IS NULL AND updated_at < $1 AND (reviewed_at IS NULL OR reviewed_at < $1)
       RETURNING id`,
      [freshSince],
    );
    const tasks: { id: string }[] = await m.query(
      `INSERT INTO tasks (assignee_id, kind, title, entity, entity_id, cause_key)
       SELECT u.id, 'market-info.stale',
              '市场信息已 ' || ($2::date - (greatest(e.updated_at, coalesce(e.reviewed_at, e.updated_at)) AT TIME ZONE $3)::date)
                || ' 天未更新或确认，请核实（登记人 ' || o.display_name || '）：' || left(e.title, 120),
              'market-info', e.id,
              'market-info:' || e.id || ':stale:' || to_char(e.stale_since AT TIME ZONE $3, 'YYYY-MM-DD') || ':' || u.id
       FROM market_info e
       JOIN users o ON o.id = e.owner_id
       JOIN users u ON u.active AND u.department = e.department AND u.role = ANY($1)
       WHERE e.status = 'active' AND e.stale_since IS NOT NULL
       ON CONFLICT (cause_key) DO NOTHING RETURNING id`,
      [CURATOR_ROLES, asOf, tz],
    );
    await this.outbox.enqueueTasks(m, tasks.map((t) => t.id));
    return { flagged: flagged.length, curatorTasks: tasks.length, staleDays: days };
  }
}
