import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../access/actor';
import type { Permission } from '../access/duty.types';
import { scopeCondition } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { Page, paginateJoined } from '../common/pagination';
import { findOneInScope } from '../database/find-in-scope';
import { updateVersioned } from '../database/versioned-update';
import { escapeLike } from '../users/users.service';
import { CHANNEL_SCOPE_COLUMNS } from './attribution';
import { channelTransition, periodInOrder, planTransition, type ChannelAction, type PlanAction } from './campaign-rules';
import { Channel, ChannelPlan } from './campaign.entities';
import { CampaignsErrors } from './campaigns.errors';
import type { ChannelEvaluationDto } from './dto/campaign.dto';
import type {
  ChannelDto,
  ChannelPlanDto,
  CreateChannelDto,
  CreatePlanDto,
  ListChannelsQueryDto,
  ListPlansQueryDto,
  UpdateChannelDto,
  UpdatePlanDto,
} from './dto/channel.dto';
import { channelFigures } from './evaluation';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toChannelResponse(c: Channel, raw: Record<string, unknown>): ChannelDto {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    region: c.region,
    description: c.description,
    ownerId: c.ownerId,
    ownerName: String(raw.owner_name ?? ''),
    department: c.department,
    status: c.status,
    deactivatedAt: iso(c.deactivatedAt),
    openPlans: Number(raw.open_plans ?? 0),
    prospectCount: Number(raw.prospect_count ?? 0),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

function toPlanResponse(p: ChannelPlan, raw: Record<string, unknown>): ChannelPlanDto {
  return {
    id: p.id,
    channelId: p.channelId,
    title: p.title,
    periodFrom: p.periodFrom,
    periodTo: p.periodTo,
    actions: p.actions,
    status: p.status,
    result: p.result,
    completedAt: iso(p.completedAt),
    completedBy: p.completedBy,
    completedByName: (raw.completed_by_name as string | null) ?? null,
    cancelledAt: iso(p.cancelledAt),
    cancelReason: p.cancelReason,
    createdBy: p.createdBy,
    createdByName: String(raw.created_by_name ?? ''),
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** A unique violation (the one unique key of channels besides its id: the name in its department) is a 409, not a 500. */
const nameTaken = (name: string) => (e: unknown): never => {
  if (e instanceof QueryFailedError && (e.driverError as { code?: string })?.code === '23505') throw CampaignsErrors.channelNameTaken(name);
  throw e;
};

/**
 * 渠道 (MKT-5.4 拓展与维护渠道, KA-6.2 挖掘大客户销售渠道) and their maintenance plans (渠道维护方案).
 * A channel belongs to whoever opened it, in their department: channel.read and channel.manage
 * scope it by that owner and department, and its plans are read and written under the channel's
 * scope. Every write is one transaction with its audit row.
 */
@Injectable()
export class ChannelsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  // ── channels ──────────────────────────────────────────────────────────

  async create(actor: Actor, dto: CreateChannelDto): Promise<ChannelDto> {
    return this.ds
      .transaction(async (m) => {
        const [{ id }] = await m.query(
          `INSERT INTO channels (name, kind, region, description, owner_id, department, created_by) VALUES ($1, $2, $3, $4, $5, $6, $5) RETURNING id`,
          [dto.name, dto.kind, dto.region ?? null, dto.description ?? null, actor.id, actor.department],
        );
        const out = await this.read(m, id);
        await this.audit.record(m, actor, { action: 'channel.create', entity: 'channel', entityId: id, after: out });
        return out;
      })
      .catch(nameTaken(dto.name));
  }

  async list(actor: Actor, q: ListChannelsQueryDto): Promise<Page<ChannelDto>> {
    const scope = scopeCondition(actor, 'channel.read', CHANNEL_SCOPE_COLUMNS);
    const qb = this.joined(this.ds.manager).where(scope.sql, scope.params);
    if (q.kind) qb.andWhere('ch.kind = :kind', { kind: q.kind });
    if (q.status) qb.andWhere('ch.status = :status', { status: q.status });
    if (q.region) qb.andWhere('ch.region = :region', { region: q.region });
    if (q.ownerId) qb.andWhere('ch.owner_id = :ownerId', { ownerId: q.ownerId });
    if (q.q) qb.andWhere("ch.name ILIKE :q ESCAPE '\\'", { q: `%${escapeLike(q.q)}%` });
    return paginateJoined(qb, q, { name: 'ch.name', kind: 'ch.kind', createdAt: 'ch.created_at', updatedAt: 'ch.updated_at' }, '-createdAt', toChannelResponse);
  }

  async get(actor: Actor, id: string): Promise<ChannelDto> {
    await this.inScope(this.ds.manager, actor, id, 'channel.read');
    return this.read(this.ds.manager, id);
  }

  async update(actor: Actor, id: string, dto: UpdateChannelDto): Promise<ChannelDto> {
    return this.ds
      .transaction(async (m) => {
        const c = await this.inScope(m, actor, id, 'channel.manage', true);
        if (c.version !== dto.version) throw CommonErrors.staleVersion();
        const before = await this.read(m, id);
        const set: Record<string, unknown> = {};
        for (const k of ['name', 'kind', 'region', 'description'] as const) if (dto[k] !== undefined) set[k] = dto[k];
        await updateVersioned(m, 'channels', id, dto.version, set);
        const after = await this.read(m, id);
        await this.audit.record(m, actor, { action: 'channel.update', entity: 'channel', entityId: id, before, after });
        return after;
      })
      .catch(nameTaken(dto.name ?? ''));
  }

  /** 停用 / 启用: a channel not in use takes no new prospects, campaigns or plans; its history stays. */
  async setStatus(actor: Actor, id: string, action: ChannelAction): Promise<ChannelDto> {
    return this.ds.transaction(async (m) => {
      const c = await this.inScope(m, actor, id, 'channel.manage', true);
      const to = channelTransition(c.status, action);
      const before = await this.read(m, id);
      await updateVersioned(m, 'channels', id, c.version, { status: to, deactivated_at: to === 'inactive' ? new Date() : null });
      const after = await this.read(m, id);
      await this.audit.record(m, actor, { action: `channel.${action}`, entity: 'channel', entityId: id, before, after });
      return after;
    });
  }

  /** 渠道评估: the figures of the prospects attributed to the channel (evaluation.ts). */
  async evaluation(actor: Actor, id: string): Promise<ChannelEvaluationDto> {
    await this.inScope(this.ds.manager, actor, id, 'channel.read');
    return channelFigures(this.ds.manager, id);
  }

  // ── 渠道维护方案 ────────────────────────────────────────────────────────

  async plans(actor: Actor, id: string, q: ListPlansQueryDto): Promise<Page<ChannelPlanDto>> {
    await this.inScope(this.ds.manager, actor, id, 'channel.read');
    const qb = this.plansJoined(this.ds.manager).where('pl.channel_id = :id', { id });
    if (q.status) qb.andWhere('pl.status = :status', { status: q.status });
    return paginateJoined(qb, q, { periodFrom: 'pl.period_from', periodTo: 'pl.period_to', createdAt: 'pl.created_at', status: 'pl.status' }, '-periodFrom', toPlanResponse);
  }

  /** 编制维护方案: for a channel in use, within the caller's channel.manage scope. */
  async createPlan(actor: Actor, id: string, dto: CreatePlanDto): Promise<ChannelPlanDto> {
    if (!periodInOrder(dto.periodFrom, dto.periodTo)) throw CampaignsErrors.periodOrder('periodTo', '方案期间的最后一天不能早于第一天');
    return this.ds.transaction(async (m) => {
      const c = await this.inScope(m, actor, id, 'channel.manage', true);
      if (c.status !== 'active') throw CampaignsErrors.channelInactive();
      const [{ id: planId }] = await m.query(
        `INSERT INTO channel_plans (channel_id, title, period_from, period_to, actions, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [id, dto.title, dto.periodFrom, dto.periodTo, dto.actions, actor.id],
      );
      const out = await this.readPlan(m, planId);
      await this.audit.record(m, actor, { action: 'channel_plan.create', entity: 'channel_plan', entityId: planId, after: out });
      return out;
    });
  }

  async updatePlan(actor: Actor, id: string, planId: string, dto: UpdatePlanDto): Promise<ChannelPlanDto> {
    return this.planStep(actor, id, planId, 'edit', async (m, p) => {
      if (p.version !== dto.version) throw CommonErrors.staleVersion();
      if (!periodInOrder(dto.periodFrom ?? p.periodFrom, dto.periodTo ?? p.periodTo)) throw CampaignsErrors.periodOrder('periodTo', '方案期间的最后一天不能早于第一天');
      const set: Record<string, unknown> = {};
      if (dto.title !== undefined) set.title = dto.title;
      if (dto.periodFrom !== undefined) set.period_from = dto.periodFrom;
      if (dto.periodTo !== undefined) set.period_to = dto.periodTo;
      if (dto.actions !== undefined) set.actions = dto.actions;
      await updateVersioned(m, 'channel_plans', planId, dto.version, set);
    });
  }

  /** 完成: with what was done (the result note is required). */
  async completePlan(actor: Actor, id: string, planId: string, result: string): Promise<ChannelPlanDto> {
    return this.planStep(actor, id, planId, 'complete', (m, p, to) =>
      updateVersioned(m, 'channel_plans', planId, p.version, { status: to, result, completed_by: actor.id }, ['completed_at = now()']),
    );
  }

  async cancelPlan(actor: Actor, id: string, planId: string, reason: string | null): Promise<ChannelPlanDto> {
    return this.planStep(actor, id, planId, 'cancel', (m, p, to) => updateVersioned(m, 'channel_plans', planId, p.version, { status: to, cancel_reason: reason }, ['cancelled_at = now()']));
  }

  // ── the machinery ─────────────────────────────────────────────────────

  /** One audited step of a plan, under a row lock: the channel within channel.manage, the plan its own (404 otherwise). */
  private async planStep(actor: Actor, id: string, planId: string, action: PlanAction, apply: (m: EntityManager, p: ChannelPlan, to: ChannelPlan['status']) => Promise<void>): Promise<ChannelPlanDto> {
    return this.ds.transaction(async (m) => {
      await this.inScope(m, actor, id, 'channel.manage');
      const p = await m.getRepository(ChannelPlan).createQueryBuilder('pl').where('pl.id = :planId AND pl.channel_id = :id', { planId, id }).setLock('pessimistic_write').getOne();
      if (!p) throw CommonErrors.notFound('渠道维护方案');
      const to = planTransition(p.status, action);
      const before = await this.readPlan(m, planId);
      await apply(m, p, to);
      const after = await this.readPlan(m, planId);
      await this.audit.record(m, actor, { action: `channel_plan.${action === 'edit' ? 'update' : action}`, entity: 'channel_plan', entityId: planId, before, after });
      return after;
    });
  }

  private inScope(m: EntityManager, actor: Actor, id: string, permission: Permission, lock = false): Promise<Channel> {
    return findOneInScope(m.getRepository(Channel).createQueryBuilder('ch'), scopeCondition(actor, permission, CHANNEL_SCOPE_COLUMNS), id, '渠道', lock);
  }

  private joined(m: EntityManager): SelectQueryBuilder<Channel> {
    return m
      .getRepository(Channel)
      .createQueryBuilder('ch')
      .leftJoin('users', 'o', 'o.id = ch.owner_id')
      .addSelect('o.display_name', 'owner_name')
      .addSelect(`(SELECT count(*)::int FROM channel_plans x WHERE x.channel_id = ch.id AND x.status = 'planned')`, 'open_plans')
      .addSelect('(SELECT count(*)::int FROM prospects x WHERE x.channel_id = ch.id)', 'prospect_count');
  }

  private async read(m: EntityManager, id: string): Promise<ChannelDto> {
    const { entities, raw } = await this.joined(m).where('ch.id = :id', { id }).getRawAndEntities();
    if (!entities.length) throw CommonErrors.notFound('渠道');
    return toChannelResponse(entities[0], raw[0]);
  }

  private plansJoined(m: EntityManager): SelectQueryBuilder<ChannelPlan> {
    return m
      .getRepository(ChannelPlan)
      .createQueryBuilder('pl')
      .leftJoin('users', 'cb', 'cb.id = pl.created_by')
      .leftJoin('users', 'db', 'db.id = pl.completed_by')
      .addSelect('cb.display_name', 'created_by_name')
      .addSelect('db.display_name', 'completed_by_name');
  }

  private async readPlan(m: EntityManager, planId: string): Promise<ChannelPlanDto> {
    const { entities, raw } = await this.plansJoined(m).where('pl.id = :planId', { planId }).getRawAndEntities();
    if (!entities.length) throw CommonErrors.notFound('渠道维护方案');
    return toPlanResponse(entities[0], raw[0]);
  }
}
