import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { normaliseMoney } from '../common/money';
import type { CreateTierDto, TierDto, TierListDto, UpdateTierDto } from './dto/key-account.dto';
import { KeyAccountTier } from './key-account.entities';
import { KeyAccountsErrors } from './key-accounts.errors';

export function toTierResponse(t: KeyAccountTier): TierDto {
  return {
    code: t.code,
    name: t.name,
    rank: t.rank,
    minAnnualAmount: t.minAnnualAmount,
    visitIntervalDays: t.visitIntervalDays,
    complaintResponseHours: t.complaintResponseHours,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** 大客户等级 (KA-4.3, KA-4.9), managed by the 大客户经理. */
@Injectable()
export class TiersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<TierListDto> {
    const tiers = await this.ds.getRepository(KeyAccountTier).find({ order: { rank: 'ASC' } });
    return { items: tiers.map(toTierResponse), total: tiers.length };
  }

  async all(m: EntityManager = this.ds.manager): Promise<KeyAccountTier[]> {
    return m.getRepository(KeyAccountTier).find({ order: { rank: 'ASC' } });
  }

  async create(actor: Actor, dto: CreateTierDto): Promise<TierDto> {
    return this.ds
      .transaction(async (m) => {
        if (await m.getRepository(KeyAccountTier).existsBy({ code: dto.code })) throw KeyAccountsErrors.tierExists(dto.code);
        const tier = m.create(KeyAccountTier, { ...dto, minAnnualAmount: normaliseMoney(dto.minAnnualAmount), version: 1 });
        await m.save(tier);
        const out = toTierResponse(tier);
        await this.audit.record(m, actor, { action: 'tier.create', entity: 'tier', entityId: tier.code, after: out });
        return out;
      })
      .catch(uniqueToConflict);
  }

  async update(actor: Actor, code: string, dto: UpdateTierDto): Promise<TierDto> {
    return this.ds
      .transaction(async (m) => {
        const before = await m.getRepository(KeyAccountTier).findOneBy({ code });
        if (!before) throw CommonErrors.notFound('等级');
        if (before.version !== dto.version) throw CommonErrors.staleVersion();
        const set: Record<string, unknown> = {};
        if (dto.name !== undefined) set.name = dto.name;
        if (dto.rank !== undefined) set.rank = dto.rank;
        if (dto.minAnnualAmount !== undefined) set.min_annual_amount = normaliseMoney(dto.minAnnualAmount);
        if (dto.visitIntervalDays !== undefined) set.visit_interval_days = dto.visitIntervalDays;
        if (dto.complaintResponseHours !== undefined) set.complaint_response_hours = dto.complaintResponseHours;
        // the primary key is the code: the versioned update goes by it
        const cols = Object.keys(set);
        const assignments = [...cols.map((c, i) => `${c} = $${i + 3}`), 'version = version + 1', 'updated_at = now()'];
        const [, n]: [unknown, number] = await m.query(`UPDATE key_account_tiers SET ${assignments.join(', ')} WHERE code = $1 AND version = $2`, [
          code,
          dto.version,
          ...cols.map((c) => set[c]),
        ]);
        if (n !== 1) throw CommonErrors.staleVersion();
        const after = toTierResponse(await m.getRepository(KeyAccountTier).findOneByOrFail({ code }));
        await this.audit.record(m, actor, { action: 'tier.update', entity: 'tier', entityId: code, before: toTierResponse(before), after });
        return after;
      })
      .catch(uniqueToConflict);
  }
}

function uniqueToConflict(err: unknown): never {
  const constraint = (err instanceof QueryFailedError && (err.driverError as { code?: string; constraint?: string })) || null;
  if (constraint && constraint.code === '23505') {
    throw KeyAccountsErrors.tierConflict(
      constraint.constraint === 'key_account_tiers_min_amount_uq' ? '已有等级使用相同的年度签约金额门槛' : '已有等级使用相同的排序 rank',
    );
  }
  throw err;
}
