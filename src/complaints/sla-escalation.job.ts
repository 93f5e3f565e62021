import { Injectable, OnModuleInit } from '@nestjs/common';
import { grantingRoles } from '../access/policy';
import { businessDate, startOfDayIn, tzOffsetMs } from '../common/time';
import type { JobContext } from '../jobs/job.types';
import { JobsService } from '../jobs/jobs.service';
import { OutboxService } from '../notifications/outbox.service';

/** The department's manager for complaints: complaint.handle at department scope, the 经理 of each department. */
const managerRoles = () =>
  grantingRoles('complaint.approve_compensation')
    .filter((g) => g.scope === 'department')
    .map((g) => g.role);

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The quarter hour (business time) a moment falls in: "2026-11-26T10:15". */
export function quarterHourSlot(now: Date, tz: string): string {
  const local = new Date(now.getTime() + tzOffsetMs(now, tz));
  const minutes = Math.floor(local.getUTCMinutes() / 15) * 15;
  return `${local.toISOString().slice(0, 11)}${String(local.getUTCHours()).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/**
 * `complaints.sla-escalation` (every 15 minutes): complaints past their deadline and not yet
 * resolved are flagged `escalated`, once, with a task for the handling department's manager.
 * Run for today it checks the present moment; run for an earlier day, the end of that day.
 */
@Injectable()
export class SlaEscalationJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'complaints.sla-escalation',
      description: '投诉超过响应时限未解决时标记升级，并通知处理部门经理',
      cron: '*/15 * * * *',
      slotFor: (asOf, now, tz) => (asOf === businessDate(now, tz) ? quarterHourSlot(now, tz) : `${asOf}T24:00`),
      run: (ctx) => this.run(ctx),
    });
  }

  async run({ asOf, tz, manager: m }: JobContext) {
    const now = new Date();
    const at = asOf === businessDate(now, tz) ? now : startOfDayIn(nextDay(asOf), tz);
    // an UPDATE through TypeORM's query() yields [rows, affected count]
    const [escalated]: [{ id: string }[], number] = await m.query(
      `UPDATE complaints SET escalated = true, escalated_at = now(), version = version + 1, updated_at = now()
       WHERE status IN ('open', 'in_progress') AND NOT escalated AND due_at < $1
       RETURNING id`,
      [at],
    );
    const tasks: { id: string }[] = escalated.length
      ? await m.query(
          `INSERT INTO tasks (assignee_id, kind, title, entity, entity_id, cause_key)
           SELECT u.id, 'complaint.escalated',
                  '投诉超时未解决（' || p.severity || '，时限 ' || to_char(p.due_at AT TIME ZONE $3, 'YYYY-MM-DD HH24:MI') || '）：' || left(p.description, 60),
                  'complaint', p.id, 'complaint:' || p.id || ':escalated:' || u.id
           FROM complaints p JOIN users u ON u.active AND u.role = ANY($2) AND u.department = p.department
           WHERE p.id = ANY($1)
           ON CONFLICT (cause_key) DO NOTHING RETURNING id`,
          [escalated.map((e) => e.id), managerRoles(), tz],
        )
      : [];
    await this.outbox.enqueueTasks(m, tasks.map((t) => t.id));
    return { escalated: escalated.length, tasks: tasks.length, checkedAt: at.toISOString() };
  }
}
