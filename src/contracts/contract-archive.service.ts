import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { scopeCondition } from '../access/scope';
import { APP_CONFIG } from '../app.tokens';
import { AuditService } from '../audit/audit.service';
import { Page, paginateJoined } from '../common/pagination';
import { toInstant } from '../common/time';
import { updateVersioned } from '../database/versioned-update';
import { escapeLike } from '../users/users.service';
import { Contract } from './contract.entity';
import { toContractSummary, ContractDetail } from './contract.mapper';
import { transition } from './contract-status';
import { CONTRACT_SCOPE_COLUMNS, ContractsService } from './contracts.service';
import { ContractsErrors } from './contracts.errors';
import type { ContractSummaryDto, ListArchiveQueryDto } from './dto/contract.dto';

/** 合同档案 (SAL-6.4, SAL-8.1): the 内勤 and 助理 file signed, completed and terminated contracts. */
@Injectable()
export class ContractArchiveService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly contracts: ContractsService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Files the contract at `location`; the archive number follows the contract number (HT-… → DA-…). */
  async archive(actor: Actor, id: string, location: string): Promise<ContractDetail> {
    return this.ds.transaction(async (m) => {
      const c = await this.contracts.findInScope(m, actor, id, 'contract.archive', true);
      if (c.archiveNo) throw ContractsErrors.alreadyArchived(c.archiveNo);
      transition(c.status, 'archive');
      const before = await this.contracts.detail(m, actor, id);
      await updateVersioned(
        m,
        'contracts',
        id,
        c.version,
        { archive_no: c.number.replace(/^HT-/, 'DA-'), archive_location: location, archived_by: actor.id },
        ['archived_at = now()'],
      );
      const after = await this.contracts.detail(m, actor, id);
      await this.audit.record(m, actor, { action: 'contract.archive', entity: 'contract', entityId: id, before, after });
      return after;
    });
  }

  async list(actor: Actor, query: ListArchiveQueryDto): Promise<Page<ContractSummaryDto>> {
    const scope = scopeCondition(actor, 'contract.read', CONTRACT_SCOPE_COLUMNS);
    const qb = this.ds
      .getRepository(Contract)
      .createQueryBuilder('k')
      .leftJoin('customers', 'cu', 'cu.id = k.customer_id')
      .addSelect('cu.name', 'customer_name')
      .where(scope.sql, scope.params)
      .andWhere('k.archived_at IS NOT NULL');
    if (query.q) {
      qb.andWhere("(k.archive_no ILIKE :q ESCAPE '\\' OR k.number ILIKE :q ESCAPE '\\' OR k.archive_location ILIKE :q ESCAPE '\\')", {
        q: `%${escapeLike(query.q)}%`,
      });
    }
    if (query.customerId) qb.andWhere('k.customer_id = :customerId', { customerId: query.customerId });
    if (query.status) qb.andWhere('k.status = :status', { status: query.status });
    if (query.archivedFrom) qb.andWhere('k.archived_at >= :af', { af: toInstant(query.archivedFrom, this.config.businessTz) });
    if (query.archivedTo) qb.andWhere('k.archived_at < :at', { at: toInstant(query.archivedTo, this.config.businessTz) });
    return paginateJoined(qb, query, { archivedAt: 'k.archived_at', archiveNo: 'k.archive_no', number: 'k.number' }, '-archivedAt', toContractSummary);
  }
}
