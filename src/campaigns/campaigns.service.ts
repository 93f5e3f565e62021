import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../access/actor';
import type { Permission } from '../access/duty.types';
import { positionalScope, scopeCondition } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { normaliseMoney } from '../common/money';
import { Page, paginateJoined } from '../common/pagination';
import { findOneInScope } from '../database/find-in-scope';
import { updateVersioned } from '../database/versioned-update';
import { escapeLike } from '../users/users.service';
import { CAMPAIGN_SCOPE_COLUMNS, CHANNEL_SCOPE_COLUMNS } from './attribution';
import { campaignTransition, periodInOrder, type CampaignAction, type CampaignStatus } from './campaign-rules';
import { Campaign } from './campaign.entities';
import { CampaignsErrors } from './campaigns.errors';
import type { CampaignDto, CreateCampaignDto, EvaluationDto, ListCampaignsQueryDto, UpdateCampaignDto } from './dto/campaign.dto';
import { campaignFigures } from './evaluation';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const money = (v: string | null | undefined) => (v === null || v === undefined ? null : normaliseMoney(v));

export function toCampaignResponse(c: Campaign, raw: Record<string, unknown>): CampaignDto {
  return {
    id: c.id,
    name: c.name,
    channelId: c.channelId,
    channelName: (raw.channel_name as string | null) ?? null,
    region: c.region,
    targetAudience: c.targetAudience,
    targetProspects: c.targetProspects,
    startDate: c.startDate,
    endDate: c.endDate,
    budget: normaliseMoney(c.budget),
    actualCost: money(c.actualCost),
    ownerId: c.ownerId,
    ownerName: String(raw.owner_name ?? ''),
    department: c.department,
    status: c.status,
    conclusion: c.conclusion,
    prospectCount: Number(raw.prospect_count ?? 0),
    startedAt: iso(c.startedAt),
    finishedAt: iso(c.finishedAt),
    cancelledAt: iso(c.cancelledAt),
    cancelReason: c.cancelReason,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

const ORDER = () => CampaignsErrors.periodOrder('endDate', '活动结束日期不能早于开始日期');

/**
 * 推广活动 (MKT-5.5 编制推广活动方案、开展活动、总结与评估; KA-5.3 业务推广与宣传): planned by a 主管 with
 * period, budget, region and target; started, then finished with a written 总结 — or cancelled
 * before it is finished. Its evaluation is computed from the prospects attributed to it at
 * registration (evaluation.ts). Scoped by the planner and their department; every step is one
 * transaction with its audit row.
 */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateCampaignDto): Promise<CampaignDto> {
    if (!periodInOrder(dto.startDate, dto.endDate)) throw ORDER();
    return this.ds.transaction(async (m) => {
      if (dto.channelId) await this.usableChannel(m, actor, dto.channelId);
      const [{ id }] = await m.query(
        `INSERT INTO campaigns (name, channel_id, region, target_audience, target_prospects, start_date, end_date, budget, actual_cost, owner_id, department, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10) RETURNING id`,
        [
          dto.name,
          dto.channelId ?? null,
          dto.region ?? null,
          dto.targetAudience ?? null,
          dto.targetProspects ?? null,
          dto.startDate,
          dto.endDate,
          normaliseMoney(dto.budget),
          money(dto.actualCost),
          actor.id,
          actor.department,
        ],
      );
      const out = await this.read(m, id);
      await this.audit.record(m, actor, { action: 'campaign.create', entity: 'campaign', entityId: id, after: out });
      return out;
    });
  }

  async list(actor: Actor, q: ListCampaignsQueryDto): Promise<Page<CampaignDto>> {
    const scope = scopeCondition(actor, 'campaign.read', CAMPAIGN_SCOPE_COLUMNS);
    const qb = this.joined(this.ds.manager).where(scope.sql, scope.params);
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    if (q.channelId) qb.andWhere('c.channel_id = :channelId', { channelId: q.channelId });
    if (q.ownerId) qb.andWhere('c.owner_id = :ownerId', { ownerId: q.ownerId });
    if (q.region) qb.andWhere('c.region = :region', { region: q.region });
    // the campaign's period meets [periodFrom, periodTo]
    if (q.periodFrom) qb.andWhere('c.end_date >= :periodFrom', { periodFrom: q.periodFrom });
    if (q.periodTo) qb.andWhere('c.start_date <= :periodTo', { periodTo: q.periodTo });
    if (q.q) qb.andWhere("c.name ILIKE :q ESCAPE '\\'", { q: `%${escapeLike(q.q)}%` });
    return paginateJoined(
      qb,
      q,
      { startDate: 'c.start_date', endDate: 'c.end_date', name: 'c.name', budget: 'c.budget', status: 'c.status', createdAt: 'c.created_at', updatedAt: 'c.updated_at' },
      '-startDate',
      toCampaignResponse,
    );
  }

  async get(actor: Actor, id: string): Promise<CampaignDto> {
    await this.inScope(this.ds.manager, actor, id, 'campaign.read');
    return this.read(this.ds.manager, id);
  }

  /** PATCH while planned or running, with the version read. */
  async update(actor: Actor, id: string, dto: UpdateCampaignDto): Promise<CampaignDto> {
    return this.step(actor, id, 'edit', async (m, c) => {
      if (c.version !== dto.version) throw CommonErrors.staleVersion();
      if (!periodInOrder(dto.startDate ?? c.startDate, dto.endDate ?? c.endDate)) throw ORDER();
      if (dto.channelId && dto.channelId !== c.channelId) await this.usableChannel(m, actor, dto.channelId);
      const set: Record<string, unknown> = {};
      if (dto.name !== undefined) set.name = dto.name;
      if (dto.channelId !== undefined) set.channel_id = dto.channelId;
      if (dto.region !== undefined) set.region = dto.region;
      if (dto.targetAudience !== undefined) set.target_audience = dto.targetAudience;
      if (dto.targetProspects !== undefined) set.target_prospects = dto.targetProspects;
      if (dto.startDate !== undefined) set.start_date = dto.startDate;
      if (dto.endDate !== undefined) set.end_date = dto.endDate;
      if (dto.budget !== undefined) set.budget = normaliseMoney(dto.budget);
      if (dto.actualCost !== undefined) set.actual_cost = money(dto.actualCost);
      await updateVersioned(m, 'campaigns', id, dto.version, set);
    });
  }

  /** 开展: planned → running. */
  async start(actor: Actor, id: string): Promise<CampaignDto> {
    return this.step(actor, id, 'start', (m, c, to) => updateVersioned(m, 'campaigns', id, c.version, { status: to }, ['started_at = now()']));
  }

  /** 总结: running → finished, with the conclusion written by a person (and the actual cost, when given). */
  async finish(actor: Actor, id: string, conclusion: string, actualCost: string | undefined): Promise<CampaignDto> {
    return this.step(actor, id, 'finish', (m, c, to) => {
      const set: Record<string, unknown> = { status: to, conclusion };
      if (actualCost !== undefined) set.actual_cost = normaliseMoney(actualCost);
      return updateVersioned(m, 'campaigns', id, c.version, set, ['finished_at = now()']);
    });
  }

  /** 取消: only before it is finished, with the reason. */
  async cancel(actor: Actor, id: string, reason: string): Promise<CampaignDto> {
    return this.step(actor, id, 'cancel', (m, c, to) => updateVersioned(m, 'campaigns', id, c.version, { status: to, cancel_reason: reason }, ['cancelled_at = now()']));
  }

  /** 评估: computed from the records (evaluation.ts), for whoever reads the campaign. */
  async evaluation(actor: Actor, id: string): Promise<EvaluationDto> {
    const c = await this.inScope(this.ds.manager, actor, id, 'campaign.read');
    return campaignFigures(this.ds.manager, c);
  }

  // ── the machinery ─────────────────────────────────────────────────────

  /** One audited step under a row lock, on a campaign within campaign.manage (404 otherwise). */
  private async step(actor: Actor, id: string, action: CampaignAction, apply: (m: EntityManager, c: Campaign, to: CampaignStatus) => Promise<void>): Promise<CampaignDto> {
    return this.ds.transaction(async (m) => {
      const c = await this.inScope(m, actor, id, 'campaign.manage', true);
      const to = campaignTransition(c.status, action);
      const before = await this.read(m, id);
      await apply(m, c, to);
      const after = await this.read(m, id);
      await this.audit.record(m, actor, { action: `campaign.${action === 'edit' ? 'update' : action}`, entity: 'campaign', entityId: id, before, after });
      return after;
    });
  }

  /** A campaign's channel: one the planner can read (channel.read) and in use — else 422. */
  private async usableChannel(m: EntityManager, actor: Actor, channelId: string): Promise<void> {
    const params: unknown[] = [channelId];
    const scope = positionalScope(scopeCondition(actor, 'channel.read', CHANNEL_SCOPE_COLUMNS), params);
    const [ch]: { status: string }[] = await m.query(`SELECT ch.status FROM channels ch WHERE ch.id = $1 AND ${scope} FOR SHARE OF ch`, params);
    if (!ch) throw CampaignsErrors.campaignChannel('渠道不存在，或不在您的查阅范围内（channel.read）');
    if (ch.status !== 'active') throw CampaignsErrors.campaignChannel('渠道已停用，不能再开展推广活动');
  }

  private inScope(m: EntityManager, actor: Actor, id: string, permission: Permission, lock = false): Promise<Campaign> {
    return findOneInScope(m.getRepository(Campaign).createQueryBuilder('c'), scopeCondition(actor, permission, CAMPAIGN_SCOPE_COLUMNS), id, '推广活动', lock);
  }

  private joined(m: EntityManager): SelectQueryBuilder<Campaign> {
    return m
      .getRepository(Campaign)
      .createQueryBuilder('c')
      .leftJoin('users', 'o', 'o.id = c.owner_id')
      .leftJoin('channels', 'chn', 'chn.id = c.channel_id')
      .addSelect('o.display_name', 'owner_name')
      .addSelect('chn.name', 'channel_name')
      .addSelect('(SELECT count(*)::int FROM prospects x WHERE x.campaign_id = c.id)', 'prospect_count');
  }

  private async read(m: EntityManager, id: string): Promise<CampaignDto> {
    const { entities, raw } = await this.joined(m).where('c.id = :id', { id }).getRawAndEntities();
    if (!entities.length) throw CommonErrors.notFound('推广活动');
    return toCampaignResponse(entities[0], raw[0]);
  }
}
