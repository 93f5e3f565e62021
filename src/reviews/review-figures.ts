import type { EntityManager } from 'typeorm';
import { fromCents, ratio, toCents } from '../common/money';
import { personAttainment } from '../targets/attainment';
import type { Measure } from '../targets/attainment';
import { lastDayOf, reviewPeriodBounds, type CriterionSource, type ReviewPeriodType } from './review-rules';

/**
 * The measured figures of a review (never typed in): what the records say of the reviewee in the
 * period, with its edges in BUSINESS_TZ. Kept on the review as they were found when it was opened.
 */
export interface ReviewFigures {
  /** 拜访: the reviewee's visits with `visited_at` in the period. */
  visits: { count: number };
  /**
   * 回款率: the rule of GET /receivables/collection-rate over the reviewee's receivables — received ÷
   * due for those falling due in the period, counting what was received for them by its last day.
   */
  collectionRate: { due: string; received: string; rate: string | null };
  /**
   * 投诉处理及时率: of the complaints the reviewee reported or was assigned to handle whose response
   * deadline fell in the period — those resolved, or whose deadline has passed — the share resolved
   * by the deadline.
   */
  complaintSla: { total: number; kept: number; rate: string | null };
  /** 指标完成率: the reviewee's own targets for the period (the mean of the measures' rates). */
  targetAttainment: { rate: string | null; items: Array<{ measure: Measure; target: string; actual: string; rate: string | null }> };
}

export async function measureFigures(m: EntityManager, userId: string, periodType: ReviewPeriodType, period: string, tz: string, now: Date): Promise<ReviewFigures> {
  const b = reviewPeriodBounds(period, tz);
  const to = lastDayOf(b);
  // one after another: inside a transaction they share one connection
  const [visits] = await m.query(`SELECT count(*)::int AS n FROM visits v WHERE v.visitor_id = $1 AND v.visited_at >= $2 AND v.visited_at < $3`, [userId, b.start, b.end]);
  const [collection] = await m.query(
    `SELECT COALESCE(SUM(r.amount_due), 0)::numeric(14,2)::text AS due,
            COALESCE(SUM(r.amount_paid - COALESCE(l.amount, 0)), 0)::numeric(14,2)::text AS received
     FROM receivables r
     LEFT JOIN (SELECT a.receivable_id, SUM(a.amount) AS amount FROM payment_allocations a WHERE a.effective_date > $3::date GROUP BY 1) l ON l.receivable_id = r.id
     WHERE r.owner_id = $1 AND r.due_date BETWEEN $2::date AND $3::date`,
    [userId, b.from, to],
  );
  const [sla] = await m.query(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE p.resolved_at IS NOT NULL AND p.resolved_at <= p.due_at)::int AS kept
     FROM complaints p
     WHERE (p.owner_id = $1 OR p.assignee_id = $1) AND p.due_at >= $2 AND p.due_at < $3
       AND (p.resolved_at IS NOT NULL OR p.due_at <= $4)`,
    [userId, b.start, b.end, now],
  );
  const attainment = await personAttainment(m, userId, periodType, period, tz);
  const due = toCents(collection.due);
  const received = toCents(collection.received);
  return {
    visits: { count: visits.n },
    collectionRate: { due: fromCents(due), received: fromCents(received), rate: ratio(received, due) },
    complaintSla: { total: sla.total, kept: sla.kept, rate: ratio(BigInt(sla.kept), BigInt(sla.total)) },
    targetAttainment: { rate: attainment.rate, items: attainment.items },
  };
}

/** The figure a criterion of `source` shows beside its score: a rate (four decimals), a count, or nothing for `manual`. */
export function measuredFor(source: CriterionSource, f: ReviewFigures): string | null {
  switch (source) {
    case 'visits':
      return String(f.visits.count);
    case 'collection_rate':
      return f.collectionRate.rate;
    case 'complaint_sla':
      return f.complaintSla.rate;
    case 'target_attainment':
      return f.targetAttainment.rate;
    case 'manual':
      return null;
  }
}
