import { Injectable, OnModuleInit } from '@nestjs/common';
import { businessDate, startOfDayIn } from '../common/time';
import type { JobContext } from '../jobs/job.types';
import { JobsService } from '../jobs/jobs.service';
import { OutboxService } from '../notifications/outbox.service';

export const DUE_REMINDERS_JOB = 'assignments.due-reminders';

/**
 * `assignments.due-reminders` (daily 07:30 business time): for open work (待开始 or 进行中), a
 * task for the assignee the day before the due date and another on the due date; for work past
 * its deadline, a task for the assigner (逾期), once per due date. Every task has a cause key
 * holding the assignment, the kind, the due date and the person, so running a day again — or on
 * two instances at once, past the runner's own (job, slot) guard — adds nothing. A deadline moved
 * by the assigner is reminded of again. The rows are read FOR SHARE: a step taken on the work
 * meanwhile (completed, cancelled, passed on) is waited for and seen, so no reminder outlives it.
 * Run for today it checks overdue at the present moment;
 * run for another day, as at the start of that day (what its morning run would find).
 */
@Injectable()
export class AssignmentDueRemindersJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: DUE_REMINDERS_JOB,
      description: '交办事项截止前一天和当天提醒承办人；逾期未完成的通知交办人',
      cron: '30 7 * * *',
      run: (ctx) => this.run(ctx),
    });
  }

  async run({ asOf, tz, manager: m }: JobContext) {
    const now = new Date();
    const at = asOf === businessDate(now, tz) ? now : startOfDayIn(asOf, tz);
    const reminders: { id: string; kind: string }[] = await m.query(
      `INSERT INTO tasks (assignee_id, kind, title, entity, entity_id, cause_key, due_at)
       SELECT a.assignee_id,
              CASE WHEN a.due_date = $1::date THEN 'assignment.due-today' ELSE 'assignment.due-soon' END,
              CASE WHEN a.due_date = $1::date THEN '交办事项今天到期' ELSE '交办事项明天到期' END
                || '（' || to_char(a.due_at AT TIME ZONE $2, 'MM-DD HH24:MI') || '）：' || left(a.title, 120),
              'assignment', a.id,
              'assignment:' || a.id || ':' || CASE WHEN a.due_date = $1::date THEN 'due-today' ELSE 'due-soon' END
                || ':' || to_char(a.due_date, 'YYYY-MM-DD') || ':' || a.assignee_id,
              a.due_at
       FROM assignments a
       WHERE a.status IN ('assigned', 'in_progress') AND a.due_date IN ($1::date, $1::date + 1)
       FOR SHARE OF a
       ON CONFLICT (cause_key) DO NOTHING RETURNING id, kind`,
      [asOf, tz],
    );
    const overdue: { id: string }[] = await m.query(
      `INSERT INTO tasks (assignee_id, kind, title, entity, entity_id, cause_key, due_at)
       SELECT a.assigner_id, 'assignment.overdue',
              '交办事项已逾期（' || u.display_name || '，截止 ' || to_char(a.due_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI') || '）：' || left(a.title, 120),
              'assignment', a.id,
              'assignment:' || a.id || ':overdue:' || to_char(a.due_date, 'YYYY-MM-DD') || ':' || a.assigner_id,
              a.due_at
       FROM assignments a JOIN users u ON u.id = a.assignee_id
       WHERE a.status IN ('assigned', 'in_progress') AND a.due_at < $1
       FOR SHARE OF a
       ON CONFLICT (cause_key) DO NOTHING RETURNING id`,
      [at, tz],
    );
    await this.outbox.enqueueTasks(m, [...reminders, ...overdue].map((t) => t.id));
    return {
      reminders: reminders.length,
      dueToday: reminders.filter((r) => r.kind === 'assignment.due-today').length,
      overdue: overdue.length,
      checkedAt: at.toISOString(),
    };
  }
}
