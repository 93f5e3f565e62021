import type { EntityManager } from 'typeorm';
import { evaluationFigures, type EvaluationFigures } from './figures';

/**
 * The evaluation of a campaign or a channel, counted from the records (总结与评估: computed, never
 * typed). It is a campaign-level aggregate: every prospect attributed at registration counts,
 * whoever owns it now and whether or not the reader could open it; the reader's scope decides which
 * campaigns and channels they may evaluate, and the figures name no record.
 *
 * - prospects: attributed to it (prospects.campaign_id / channel_id, set at registration);
 * - converted: of them, those converted to a customer;
 * - contracts: those customers' contracts that the sales report counts as signed — any with a
 *   signing instant (signed, completed, terminated; src/reports/sales-report.query.ts), with their amount;
 * - payments collected: every payment on those contracts, reversals included (as the report counts them).
 */
const FIGURES = (column: 'campaign_id' | 'channel_id') => `
  WITH p AS (SELECT pr.customer_id FROM prospects pr WHERE pr.${column} = $1),
       k AS (SELECT k.id, k.amount FROM contracts k
             WHERE k.signed_at IS NOT NULL AND k.customer_id IN (SELECT p.customer_id FROM p WHERE p.customer_id IS NOT NULL))
  SELECT (SELECT count(*)::int FROM p) AS prospects,
         (SELECT count(p.customer_id)::int FROM p) AS converted,
         (SELECT count(*)::int FROM k) AS contracts,
         (SELECT COALESCE(sum(k.amount), 0)::text FROM k) AS contract_amount,
         (SELECT COALESCE(sum(pay.amount), 0)::text FROM payments pay WHERE pay.contract_id IN (SELECT k.id FROM k)) AS payments_collected`;

interface Counted {
  prospects: number;
  converted: number;
  contracts: number;
  contract_amount: string;
  payments_collected: string;
}

const counted = (r: Counted) => ({ prospects: r.prospects, converted: r.converted, contracts: r.contracts, contractAmount: r.contract_amount, paymentsCollected: r.payments_collected });

/** A campaign's figures, against its own budget and actual cost. */
export async function campaignFigures(m: EntityManager, campaign: { id: string; budget: string; actualCost: string | null }): Promise<EvaluationFigures & { computedAt: string }> {
  const [row]: Counted[] = await m.query(FIGURES('campaign_id'), [campaign.id]);
  return { ...evaluationFigures({ ...counted(row), budget: campaign.budget, actualCost: campaign.actualCost }), computedAt: new Date().toISOString() };
}

/**
 * A channel's figures: the prospects attributed to the channel (directly, or through one of its
 * campaigns), against the budgets and actual costs of its campaigns added up — null when it has
 * had no campaign, or none with a cost entered.
 */
export async function channelFigures(m: EntityManager, channelId: string): Promise<EvaluationFigures & { campaigns: number; computedAt: string }> {
  const [row]: (Counted & { campaigns: number; budget: string | null; actual_cost: string | null })[] = await m.query(
    `${FIGURES('channel_id')},
         (SELECT count(*)::int FROM campaigns c WHERE c.channel_id = $1) AS campaigns,
         (SELECT sum(c.budget)::text FROM campaigns c WHERE c.channel_id = $1) AS budget,
         (SELECT sum(c.actual_cost)::text FROM campaigns c WHERE c.channel_id = $1) AS actual_cost`,
    [channelId],
  );
  return { ...evaluationFigures({ ...counted(row), budget: row.budget, actualCost: row.actual_cost }), campaigns: row.campaigns, computedAt: new Date().toISOString() };
}
