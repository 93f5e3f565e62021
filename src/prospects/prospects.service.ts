import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Actor } from '../access/actor';
import { resolveAssignee } from '../access/assignee';
import { grantFor } from '../access/policy';
import type { Permission } from '../access/duty.types';
import { positionalScope, scopeCondition } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { normaliseMoney } from '../common/money';
import { paginate, Page, sortColumn } from '../common/pagination';
import { entityOfRow, rawPage } from '../common/raw-page';
import { prospectSearchFrom } from './prospect-search';
import { updateVersioned } from '../database/versioned-update';
import { CustomersService } from '../customers/customers.service';
import type { CustomerResponseDto } from '../customers/dto/customer.dto';
import { DuplicatesService, PartyErrors } from '../parties/duplicates.service';
import { companyNameKey, phoneKey } from '../parties/party-keys';
import { escapeLike } from '../users/users.service';
import type {
  CreateProspectDto,
  DuplicateCheckDto,
  DuplicateQueryDto,
  EvaluateProspectDto,
  EvaluationListDto,
  EvaluationResultDto,
  ListProspectsQueryDto,
  PoolQueryDto,
  ProspectEvaluationDto,
  ProspectResponseDto,
  UpdateProspectDto,
} from './dto/prospect.dto';
import { Prospect, ProspectEvaluation } from './prospect.entity';
import { assertTransition, statusAfterEvaluation } from './prospect-status';
import { ProspectsErrors } from './prospects.errors';
import { findOneInScope } from '../database/find-in-scope';
import { resolveAttribution } from '../campaigns/attribution';

/** A prospect to insert: the create body, its campaign and channel resolved (attribution.ts). */
type NewProspect = Omit<CreateProspectDto, 'campaignId' | 'channelId'> & { campaignId?: string | null; channelId?: string | null };

export const PROSPECT_SCOPE_COLUMNS = { owner: 'p.owner_id', department: 'p.department' };
const PROSPECT_SORTABLE = { createdAt: 'p.created_at', updatedAt: 'p.updated_at', companyName: 'p.company_name', status: 'p.status', lastActivityAt: 'p.last_activity_at' };
/** A former owner may not reclaim a prospect released to the pool for this long (SPEC §7). */
export const RECLAIM_COOLDOWN_DAYS = 7;

export function toProspectResponse(p: Prospect): ProspectResponseDto {
  return {
    id: p.id,
    companyName: p.companyName,
    uscc: p.uscc,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    region: p.region,
    industry: p.industry,
    source: p.source,
    notes: p.notes,
    status: p.status,
    ownerId: p.ownerId,
    department: p.department,
    inPool: p.ownerId === null,
    registeredCapital: p.registeredCapital,
    capitalVerified: p.capitalVerified,
    customerId: p.customerId,
    campaignId: p.campaignId,
    channelId: p.channelId,
    lastActivityAt: p.lastActivityAt.toISOString(),
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

const toEvaluationResponse = (e: ProspectEvaluation): ProspectEvaluationDto => ({
  id: e.id,
  prospectId: e.prospectId,
  evaluatorId: e.evaluatorId,
  registeredCapital: e.registeredCapital,
  capitalVerified: e.capitalVerified,
  score: e.score,
  conclusion: e.conclusion,
  notes: e.notes,
  statusBefore: e.statusBefore,
  statusAfter: e.statusAfter,
  createdAt: e.createdAt.toISOString(),
});

@Injectable()
export class ProspectsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly duplicates: DuplicatesService,
    private readonly customers: CustomersService,
  ) {}

  /** 潜在客户登记备案: the registrant owns it, in their department. */
  async create(actor: Actor, dto: CreateProspectDto): Promise<ProspectResponseDto> {
    if (!companyNameKey(dto.companyName)) throw PartyErrors.nameWithoutLetters('companyName');
    return this.ds.transaction(async (m) => {
      await this.duplicates.lockAndAssertUnique(m, { companyName: dto.companyName, uscc: dto.uscc, contactPhone: dto.contactPhone });
      return this.insert(m, actor, { ...dto, ...(await resolveAttribution(m, actor, dto)) });
    });
  }

  /**
   * Inserts a prospect of the registrant (owner and department are theirs) and its audit row in the
   * caller's transaction, after the duplicate check.
   */
  async insert(m: EntityManager, actor: Actor, dto: NewProspect, action = 'prospect.create'): Promise<ProspectResponseDto> {
    const p = this.newEntity(m, actor, dto);
    await m.save(p);
    const out = toProspectResponse(await m.getRepository(Prospect).findOneByOrFail({ id: p.id }));
    await this.audit.record(m, actor, { action, entity: 'prospect', entityId: p.id, after: out });
    return out;
  }

  /**
   * Inserts many prospects of the registrant and their audit rows in the caller's transaction, in
   * three statements whatever the count (an import's batch, after its duplicate check). In the order given.
   */
  async insertMany(m: EntityManager, actor: Actor, list: CreateProspectDto[], action: string): Promise<ProspectResponseDto[]> {
    if (!list.length) return [];
    const entities = list.map((dto) => this.newEntity(m, actor, dto));
    await m.getRepository(Prospect).insert(entities);
    const saved = new Map((await m.getRepository(Prospect).findBy({ id: In(entities.map((e) => e.id)) })).map((p) => [p.id, p]));
    const out = entities.map((e) => toProspectResponse(saved.get(e.id)!));
    await this.audit.recordMany(m, actor, out.map((o) => ({ action, entity: 'prospect', entityId: o.id, after: o })));
    return out;
  }

  private newEntity(m: EntityManager, actor: Actor, dto: NewProspect): Prospect {
    return m.create(Prospect, {
      companyName: dto.companyName,
      nameKey: companyNameKey(dto.companyName),
      uscc: dto.uscc ?? null,
      contactName: dto.contactName,
      contactPhone: dto.contactPhone,
      phoneKey: phoneKey(dto.contactPhone),
      region: dto.region ?? null,
      industry: dto.industry ?? null,
      source: dto.source ?? null,
      notes: dto.notes ?? null,
      campaignId: dto.campaignId ?? null,
      channelId: dto.channelId ?? null,
      status: 'new',
      ownerId: actor.id,
      department: actor.department,
      createdBy: actor.id,
      lastActivityAt: new Date(),
    });
  }

  /** 查重 before registering: which keys are taken, and by what. Ids only — nothing else leaks. */
  async checkDuplicates(query: DuplicateQueryDto): Promise<DuplicateCheckDto> {
    if (!query.companyName && !query.uscc && !query.contactPhone) throw ProspectsErrors.noDuplicateKeys();
    const matches = await this.duplicates.find(this.ds.manager, query);
    return { duplicate: matches.length > 0, matches };
  }

  /** The busiest list of all (a department's prospects, newest first): plain SQL, served by the (department | owner, created_at) indexes. */
  async list(actor: Actor, query: ListProspectsQueryDto): Promise<Page<ProspectResponseDto>> {
    const params: unknown[] = [];
    const where = [positionalScope(scopeCondition(actor, 'prospect.read', PROSPECT_SCOPE_COLUMNS), params)];
    const eq = (column: string, value: unknown) => value !== undefined && where.push(`${column} = $${params.push(value)}`);
    eq('p.status', query.status);
    eq('p.owner_id', query.ownerId);
    eq('p.region', query.region);
    eq('p.industry', query.industry);
    eq('p.source', query.source);
    eq('p.campaign_id', query.campaignId);
    eq('p.channel_id', query.channelId);
    if (query.createdFrom) where.push(`p.created_at >= $${params.push(query.createdFrom)}`);
    if (query.createdTo) where.push(`p.created_at < $${params.push(query.createdTo)}`);
    // Substring match, Chinese included; the pg_trgm GIN indexes serve it (prospect-search.ts).
    const from = query.q ? prospectSearchFrom(params.push(`%${escapeLike(query.q)}%`)) : 'prospects p';
    const { column, dir } = sortColumn(query.sort ?? '-createdAt', PROSPECT_SORTABLE);
    const meta = this.ds.getMetadata(Prospect);
    return rawPage(this.ds, { select: 'p.*', from, where, params, order: `${column} ${dir}, p.id ${dir}` }, query, (row) =>
      toProspectResponse(entityOfRow<Prospect>(meta, row)),
    );
  }

  /** The shared pool (公海) of the caller's department: prospects without an owner, claimable. */
  async pool(actor: Actor, query: PoolQueryDto): Promise<Page<ProspectResponseDto>> {
    const qb = this.ds
      .getRepository(Prospect)
      .createQueryBuilder('p')
      .where('p.owner_id IS NULL')
      .andWhere('p.department = :d', { d: actor.department });
    return paginate(qb, query, { releasedAt: 'p.released_at', companyName: 'p.company_name' }, '-releasedAt', toProspectResponse);
  }

  async findInScope(m: EntityManager, actor: Actor, id: string, permission: Permission = 'prospect.read', lock = false): Promise<Prospect> {
    return findOneInScope(m.getRepository(Prospect).createQueryBuilder('p'), scopeCondition(actor, permission, PROSPECT_SCOPE_COLUMNS), id, '潜在客户', lock);
  }

  async get(actor: Actor, id: string): Promise<ProspectResponseDto> {
    return toProspectResponse(await this.findInScope(this.ds.manager, actor, id));
  }

  async update(actor: Actor, id: string, dto: UpdateProspectDto): Promise<ProspectResponseDto> {
    if (dto.companyName !== undefined && !companyNameKey(dto.companyName)) throw PartyErrors.nameWithoutLetters('companyName');
    return this.ds.transaction(async (m) => {
      const before = await this.findInScope(m, actor, id, 'prospect.update', true);
      if (before.status === 'converted') throw ProspectsErrors.converted();
      if (before.version !== dto.version) throw CommonErrors.staleVersion();
      const set: Record<string, unknown> = {};
      if (dto.companyName !== undefined) Object.assign(set, { company_name: dto.companyName, name_key: companyNameKey(dto.companyName) });
      if (dto.uscc !== undefined) set.uscc = dto.uscc;
      if (dto.contactName !== undefined) set.contact_name = dto.contactName;
      if (dto.contactPhone !== undefined) Object.assign(set, { contact_phone: dto.contactPhone, phone_key: phoneKey(dto.contactPhone) });
      for (const k of ['region', 'industry', 'source', 'notes'] as const) if (dto[k] !== undefined) set[k] = dto[k];
      if (dto.companyName !== undefined || dto.uscc || dto.contactPhone !== undefined) {
        await this.duplicates.lockAndAssertUnique(
          m,
          { companyName: dto.companyName, uscc: dto.uscc ?? undefined, contactPhone: dto.contactPhone },
          { prospectId: id, customerId: before.customerId ?? undefined },
        );
      }
      await updateVersioned(m, 'prospects', id, dto.version, set, ['last_activity_at = now()']);
      return this.audited(m, actor, 'prospect.update', before);
    });
  }

  /** 分派: a new owner within the assigner's team or department. */
  async assign(actor: Actor, id: string, ownerId: string): Promise<ProspectResponseDto> {
    return this.ds.transaction(async (m) => {
      const before = await this.findInScope(m, actor, id, 'prospect.assign', true);
      if (before.status === 'converted') throw ProspectsErrors.converted();
      const owner = await resolveAssignee(m, actor, 'prospect.assign', 'prospect.read', ownerId);
      await updateVersioned(m, 'prospects', id, before.version, { owner_id: owner.id, department: owner.department, released_at: null }, ['last_activity_at = now()']);
      return this.audited(m, actor, 'prospect.assign', before);
    });
  }

  /** 评估、验资: the evaluation is kept; pass qualifies the prospect, fail disqualifies it. */
  async evaluate(actor: Actor, id: string, dto: EvaluateProspectDto): Promise<EvaluationResultDto> {
    return this.ds.transaction(async (m) => {
      const before = await this.findInScope(m, actor, id, 'prospect.evaluate', true);
      const next = statusAfterEvaluation(before.status, dto.conclusion);
      const capital = dto.registeredCapital !== undefined ? normaliseMoney(dto.registeredCapital) : null;
      const evaluation = m.create(ProspectEvaluation, {
        prospectId: id,
        evaluatorId: actor.id,
        registeredCapital: capital,
        capitalVerified: dto.capitalVerified,
        score: dto.score,
        conclusion: dto.conclusion,
        notes: dto.notes,
        statusBefore: before.status,
        statusAfter: next,
      });
      await m.save(evaluation);
      const set: Record<string, unknown> = { status: next, capital_verified: dto.capitalVerified };
      if (capital !== null) set.registered_capital = capital;
      await updateVersioned(m, 'prospects', id, before.version, set, ['last_activity_at = now()']);
      const prospect = await this.audited(m, actor, 'prospect.evaluate', before, { evaluationId: evaluation.id, conclusion: dto.conclusion, score: dto.score });
      return { evaluation: toEvaluationResponse(evaluation), prospect };
    });
  }

  async evaluations(actor: Actor, id: string): Promise<EvaluationListDto> {
    await this.findInScope(this.ds.manager, actor, id);
    const rows = await this.ds.getRepository(ProspectEvaluation).find({ where: { prospectId: id }, order: { createdAt: 'DESC', id: 'DESC' }, take: 200 });
    return { items: rows.map(toEvaluationResponse), total: rows.length };
  }

  /** 选择合作对象: a qualified prospect becomes a customer of the same owner and department. */
  async convert(actor: Actor, id: string): Promise<CustomerResponseDto> {
    return this.ds.transaction(async (m) => {
      const before = await this.findInScope(m, actor, id, 'prospect.convert', true);
      assertTransition(before.status, 'converted');
      await this.duplicates.lockAndAssertUnique(
        m,
        { companyName: before.companyName, uscc: before.uscc, contactPhone: before.contactPhone },
        { prospectId: id },
      );
      const customer = await this.customers.insert(
        m,
        actor,
        {
          name: before.companyName,
          uscc: before.uscc,
          contactName: before.contactName,
          contactPhone: before.contactPhone,
          region: before.region,
          industry: before.industry,
          ownerId: before.ownerId ?? actor.id,
          department: before.department,
        },
        'customer.create-from-prospect',
      );
      await updateVersioned(m, 'prospects', id, before.version, { status: 'converted', customer_id: customer.id }, ['last_activity_at = now()']);
      await this.audited(m, actor, 'prospect.convert', before, { customerId: customer.id });
      return customer;
    });
  }

  /** 认领: any specialist of the department takes a pool prospect (SPEC §7). */
  async claim(actor: Actor, id: string): Promise<ProspectResponseDto> {
    // Specialists are the roles that hold prospects of their own only (MKT-6.2, KA-6.1).
    if (grantFor(actor.role, 'prospect.read')?.scope !== 'own') throw ProspectsErrors.claimSpecialistsOnly();
    return this.ds.transaction(async (m) => {
      const rows = await m
        .getRepository(Prospect)
        .createQueryBuilder('p')
        .where('p.id = :id AND p.department = :d', { id, d: actor.department })
        .setLock('pessimistic_write')
        .getOne();
      if (!rows) throw CommonErrors.notFound('潜在客户');
      if (rows.ownerId !== null) throw ProspectsErrors.notInPool();
      if (rows.releasedFrom === actor.id && rows.releasedAt) {
        const until = new Date(rows.releasedAt.getTime() + RECLAIM_COOLDOWN_DAYS * 86_400_000);
        if (until.getTime() > Date.now()) throw ProspectsErrors.reclaimTooSoon(until.toISOString());
      }
      await updateVersioned(m, 'prospects', id, rows.version, { owner_id: actor.id, released_at: null }, ['last_activity_at = now()']);
      return this.audited(m, actor, 'prospect.claim', rows);
    });
  }

  private async audited(m: EntityManager, actor: Actor, action: string, before: Prospect, extra: object = {}): Promise<ProspectResponseDto> {
    const after = toProspectResponse(await m.getRepository(Prospect).findOneByOrFail({ id: before.id }));
    await this.audit.record(m, actor, { action, entity: 'prospect', entityId: before.id, before: toProspectResponse(before), after: { ...after, ...extra } });
    return after;
  }
}
