import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../../config/configuration';
import { grantingRoles } from '../access/policy';
import { APP_CONFIG } from '../app.tokens';
import type { JobContext } from '../jobs/job.types';
import { JobsService } from '../jobs/jobs.service';
import { OutboxService } from '../notifications/outbox.service';

/** Managers who see a department's receivables (receivable.read at department scope), read off the matrix. */
const departmentReceivableRoles = () =>
  grantingRoles('receivable.read')
    .filter((g) => g.scope === 'department')
    .map((g) => g.role);

/** Days past due after which the department's manager is told too. */
export const ESCALATE_AFTER_DAYS = 30;

/**
 * `receivables.overdue-scan` (daily 01:00 BUSINESS_TZ, SAL-4.3, SAL-7.3): a reminder for the owner
 * from RECEIVABLE_REMIND_DAYS before a due date until the day itself; receivables past due are marked overdue, with a
 * collection task (催收) for the owner; past 30 days, a task for the department's manager as well.
 * Every task has a cause key, so running it again for the same day adds nothing.
 */
@Injectable()
export class OverdueScanJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'receivables.overdue-scan',
      description: '应收款到期提醒、逾期标记、催收待办与逾期 30 天以上上报经理',
      cron: '0 1 * * *',
      run: (ctx) => this.run(ctx),
    });
  }

  async run({ asOf, manager: m }: JobContext): Promise<Record<string, unknown>> {
    const remindDays = this.config.receivableRemindDays;
    const open = `r.amount_paid < r.amount_due`;
    const reminders: { id: string }[] = await m.query(
      `INSERT INTO tasks (assignee_id, kind, title, entity, entity_id, cause_key, due_at)
       SELECT r.owner_id, 'receivable.reminder',
              '应收款将于 ' || to_char(r.due_date, 'YYYY-MM-DD') || ' 到期：合同 ' || k.number || ' 第 ' || r.seq || ' 期，未收 ' || (r.amount_due - r.amount_paid)::text || ' 元',
              'receivable', r.id, 'receivable:' || r.id || ':remind', NULL
       FROM receivables r JOIN contracts k ON k.id = r.contract_id
       WHERE ${open} AND r.due_date >= $1::date AND r.due_date <= $1::date + $2::int
       ON CONFLICT (cause_key) DO NOTHING RETURNING id`,
      [asOf, remindDays],
    );
    const [, marked]: [unknown, number] = await m.query(
      `UPDATE receivables r SET status = 'overdue', version = version + 1, updated_at = now()
       WHERE ${open} AND r.due_date < $1::date AND r.status <> 'overdue'`,
      [asOf],
    );
    const collections: { id: string }[] = await m.query(
      `INSERT INTO tasks (assignee_id, kind, title, entity, entity_id, cause_key)
       SELECT r.owner_id, 'receivable.collect',
              '应收款已逾期，请催收：合同 ' || k.number || ' 第 ' || r.seq || ' 期，到期日 ' || to_char(r.due_date, 'YYYY-MM-DD') || '，未收 ' || (r.amount_due - r.amount_paid)::text || ' 元',
              'receivable', r.id, 'receivable:' || r.id || ':collect'
       FROM receivables r JOIN contracts k ON k.id = r.contract_id
       WHERE ${open} AND r.due_date < $1::date
       ON CONFLICT (cause_key) DO NOTHING RETURNING id`,
      [asOf],
    );
    const escalations: { id: string }[] = await m.query(
      `INSERT INTO tasks (assignee_id, kind, title, entity, entity_id, cause_key)
       SELECT u.id, 'receivable.escalation',
              '应收款逾期超过 ${ESCALATE_AFTER_DAYS} 天：合同 ' || k.number || ' 第 ' || r.seq || ' 期，负责人 ' || o.display_name || '，未收 ' || (r.amount_due - r.amount_paid)::text || ' 元',
              'receivable', r.id, 'receivable:' || r.id || ':escalate:' || u.id
       FROM receivables r
       JOIN contracts k ON k.id = r.contract_id
       JOIN users o ON o.id = r.owner_id
       JOIN users u ON u.active AND u.role = ANY($2) AND u.department = r.department
       WHERE ${open} AND $1::date - r.due_date > ${ESCALATE_AFTER_DAYS}
       ON CONFLICT (cause_key) DO NOTHING RETURNING id`,
      [asOf, departmentReceivableRoles()],
    );
    // each new task's messages, in the run's transaction (SPEC §14)
    await this.outbox.enqueueTasks(m, [...reminders, ...collections, ...escalations].map((t) => t.id));
    return { reminders: reminders.length, markedOverdue: marked, collectionTasks: collections.length, escalations: escalations.length };
  }
}
