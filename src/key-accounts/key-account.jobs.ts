import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { fromCents, toCents } from '../common/money';
import { startOfDayIn } from '../common/time';
import type { JobContext } from '../jobs/job.types';
import { JobsService } from '../jobs/jobs.service';
import { OutboxService } from '../notifications/outbox.service';
import { AssessmentsService } from './assessments.service';
import { LAST_VISIT_JOIN, NEXT_VISIT_DUE_SQL } from './key-accounts.service';
import { tierForAmount } from './tier-rules';
import { TiersService } from './tiers.service';

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** The same calendar day a year earlier (29 February becomes 1 March). */
const minusOneYear = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y - 1, m - 1, d)).toISOString().slice(0, 10);
};

/**
 * `key-accounts.visit-reminders` (daily): a task for the owner of each key account whose tier's
 * visit interval has passed — one per account per interval (the cause key holds the due date).
 * `key-accounts.tier-review` (monthly): trailing-12-month signed amounts against the tier
 * thresholds; where the earned tier differs from the current one, a system assessment pending the
 * 大客户经理's decision. Nothing is applied automatically.
 */
@Injectable()
export class KeyAccountJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly tiers: TiersService,
    private readonly assessments: AssessmentsService,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'key-accounts.visit-reminders',
      description: '大客户按等级拜访周期到期未拜访时，提醒负责人',
      cron: '0 7 * * *',
      run: (ctx) => this.visitReminders(ctx),
    });
    this.jobs.register({
      name: 'key-accounts.tier-review',
      description: '按近 12 个月签约金额复核大客户等级，生成待经理审批的系统评估',
      cron: '0 3 1 * *',
      slotFor: (asOf) => asOf.slice(0, 7),
      run: (ctx) => this.tierReview(ctx),
    });
  }

  async visitReminders({ asOf, tz, manager: m }: JobContext) {
    const due = NEXT_VISIT_DUE_SQL('$2');
    const created: { id: string }[] = await m.query(
      `INSERT INTO tasks (assignee_id, kind, title, entity, entity_id, cause_key)
       SELECT c.owner_id, 'key-account.visit',
              '大客户 ' || c.name || '（' || t.name || '）已超过 ' || t.visit_interval_days || ' 天未拜访，应于 ' || to_char(${due}, 'YYYY-MM-DD') || ' 前拜访',
              'customer', c.id, 'key-account:' || c.id || ':visit-due:' || to_char(${due}, 'YYYY-MM-DD')
       FROM customers c JOIN key_account_tiers t ON t.code = c.tier_code ${LAST_VISIT_JOIN}
       WHERE c.is_key_account AND ${due} < $1::date
       ON CONFLICT (cause_key) DO NOTHING RETURNING id`,
      [asOf, tz],
    );
    await this.outbox.enqueueTasks(m, created.map((t) => t.id));
    return { reminders: created.length };
  }

  async tierReview({ asOf, tz, manager: m }: JobContext) {
    const tiers = await this.tiers.all(m);
    // the 12 months ending with asOf: (asOf − 1 year, asOf], in business days
    const windowStart = startOfDayIn(addDays(minusOneYear(asOf), 1), tz);
    const windowEnd = startOfDayIn(addDays(asOf, 1), tz);
    const rows: { id: string; tier_code: string | null; amount: string; pending: boolean }[] = await m.query(
      `SELECT c.id, CASE WHEN c.is_key_account THEN c.tier_code END AS tier_code, COALESCE(s.amount, 0)::text AS amount,
              EXISTS (SELECT 1 FROM tier_assessments a WHERE a.customer_id = c.id AND a.status = 'pending') AS pending
       FROM customers c
       LEFT JOIN (SELECT customer_id, SUM(amount) AS amount FROM contracts
                  WHERE status IN ('signed', 'completed') AND signed_at >= $1 AND signed_at < $2 GROUP BY customer_id) s ON s.customer_id = c.id
       WHERE c.is_key_account OR s.amount IS NOT NULL
       ORDER BY c.id`,
      [windowStart, windowEnd],
    );
    let upgrades = 0;
    let downgrades = 0;
    let skippedPending = 0;
    const rankOf = new Map(tiers.map((t) => [t.code, t.rank]));
    for (const r of rows) {
      const amount = fromCents(toCents(r.amount));
      const target = tierForAmount(amount, tiers);
      if (target === r.tier_code) continue;
      if (r.pending) {
        skippedPending++;
        continue;
      }
      try {
        await this.assessments.insert(m, {
          customerId: r.id,
          currentTierCode: r.tier_code,
          proposedTierCode: target,
          reason: `系统复核：截至 ${asOf} 近 12 个月签约金额 ${amount} 元，${target ? `达到「${target}」级标准` : '低于所有大客户等级标准'}`,
          source: 'system',
          trailingAmount: amount,
          proposedBy: null,
        });
      } catch (err) {
        // a proposal made meanwhile by a specialist: theirs stands
        if (err instanceof AppError && err.code === 'ASSESSMENT_PENDING') {
          skippedPending++;
          continue;
        }
        throw err;
      }
      const up = r.tier_code === null || (target !== null && rankOf.get(target)! < rankOf.get(r.tier_code)!);
      if (up) upgrades++;
      else downgrades++;
    }
    return { reviewed: rows.length, upgrades, downgrades, skippedPending };
  }
}
