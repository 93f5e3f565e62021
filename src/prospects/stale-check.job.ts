import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../../config/configuration';
import { APP_CONFIG } from '../app.tokens';
import { startOfDayIn } from '../common/time';
import type { JobContext } from '../jobs/job.types';
import { JobsService } from '../jobs/jobs.service';
import { OutboxService } from '../notifications/outbox.service';

/** Days without a visit or an update after which a prospect is stale. */
export const STALE_AFTER_DAYS = 30;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * `prospects.stale-check` (daily, MKT-5.2): prospects with no visit or update for 30 days → a task
 * for the owner's supervisor (once per idle spell). With PROSPECT_POOL_RELEASE_DAYS set, prospects
 * idle that long are released to the department's pool (公海): owner cleared, the former owner
 * remembered for the 7-day reclaim rule.
 */
@Injectable()
export class StaleCheckJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'prospects.stale-check',
      description: '潜在客户 30 天无拜访或更新时提醒主管；可选：闲置过久释放到公海',
      cron: '0 6 * * *',
      run: (ctx) => this.run(ctx),
    });
  }

  async run({ asOf, tz, manager: m }: JobContext) {
    // idle since before the start of (asOf − N days + 1): N whole business days without activity
    const idleSince = (days: number) => startOfDayIn(addDays(asOf, 1 - days), tz);
    const open = `p.owner_id IS NOT NULL AND p.status IN ('new', 'contacting', 'qualified')`;
    let released = 0;
    const releaseDays = this.config.prospectPoolReleaseDays;
    if (releaseDays !== null) {
      // node-postgres through TypeORM answers an UPDATE with [rows, affected count]
      const [rows]: [unknown[], number] = await m.query(
        `UPDATE prospects p SET released_from = p.owner_id, owner_id = NULL, released_at = now(), version = version + 1, updated_at = now()
         WHERE ${open} AND p.last_activity_at < $1 RETURNING p.id`,
        [idleSince(releaseDays)],
      );
      released = rows.length;
    }
    const tasks: { id: string }[] = await m.query(
      `INSERT INTO tasks (assignee_id, kind, title, entity, entity_id, cause_key)
       SELECT s.id, 'prospect.stale',
              '潜在客户 ' || p.company_name || ' 已 ' || ($2::date - (p.last_activity_at AT TIME ZONE $3)::date) || ' 天无拜访或更新（负责人 ' || o.display_name || '）',
              'prospect', p.id, 'prospect:' || p.id || ':stale:' || to_char(p.last_activity_at AT TIME ZONE $3, 'YYYY-MM-DD')
       FROM prospects p JOIN users o ON o.id = p.owner_id JOIN users s ON s.id = o.supervisor_id AND s.active
       WHERE ${open} AND p.last_activity_at < $1
       ON CONFLICT (cause_key) DO NOTHING RETURNING id`,
      [idleSince(STALE_AFTER_DAYS), asOf, tz],
    );
    await this.outbox.enqueueTasks(m, tasks.map((t) => t.id));
    return { supervisorTasks: tasks.length, releasedToPool: released };
  }
}
