import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { resolveAssignee } from '../access/assignee';
import type { Permission } from '../access/duty.types';
import { scopeCondition } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { ListQueryDto, paginate, Page } from '../common/pagination';
import { LedgerService } from '../ledger/ledger.service';
import { updateVersioned } from '../database/versioned-update';
import { DuplicatesService, PartyErrors } from '../parties/duplicates.service';
import { companyNameKey, phoneKey } from '../parties/party-keys';
import { escapeLike } from '../users/users.service';
import { Customer } from './customer.entity';
import type { AssignDto, CreateCustomerDto, CustomerLedgerDto, CustomerResponseDto, ListCustomersQueryDto, UpdateCustomerDto } from './dto/customer.dto';
import { findOneInScope } from '../database/find-in-scope';

export const CUSTOMER_SCOPE_COLUMNS = { owner: 'c.owner_id', department: 'c.department' };

export function toCustomerResponse(c: Customer): CustomerResponseDto {
  return {
    id: c.id,
    name: c.name,
    uscc: c.uscc,
    contactName: c.contactName,
    contactPhone: c.contactPhone,
    address: c.address,
    region: c.region,
    industry: c.industry,
    isKeyAccount: c.isKeyAccount,
    tierCode: c.tierCode,
    ownerId: c.ownerId,
    department: c.department,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export interface NewCustomer {
  name: string;
  uscc: string | null;
  contactName: string;
  contactPhone: string;
  address?: string | null;
  region?: string | null;
  industry?: string | null;
  ownerId: string;
  department: Customer['department'];
}

@Injectable()
export class CustomersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly duplicates: DuplicatesService,
    private readonly ledgerService: LedgerService,
  ) {}

  /** 建立客户档案 (SAL-6.3): the clerk who files it owns it until a manager assigns it (责任分区). */
  async create(actor: Actor, dto: CreateCustomerDto): Promise<CustomerResponseDto> {
    if (!companyNameKey(dto.name)) throw PartyErrors.nameWithoutLetters('name');
    return this.ds.transaction(async (m) => {
      await this.duplicates.lockAndAssertUnique(m, { companyName: dto.name, uscc: dto.uscc, contactPhone: dto.contactPhone });
      const customer = await this.insert(m, actor, { ...dto, uscc: dto.uscc ?? null, ownerId: actor.id, department: actor.department });
      return customer;
    });
  }

  /** Inserts a customer and its audit row in the caller's transaction (create, and prospect conversion). */
  async insert(m: EntityManager, actor: Actor, c: NewCustomer, action = 'customer.create'): Promise<CustomerResponseDto> {
    const entity = this.newEntity(m, actor, c);
    await m.save(entity);
    const out = toCustomerResponse(entity);
    await this.audit.record(m, actor, { action, entity: 'customer', entityId: entity.id, after: out });
    return out;
  }

  /**
   * Inserts many customers and their audit rows in the caller's transaction, in two statements
   * whatever the count (an import's batch, after its duplicate check). In the order given.
   */
  async insertMany(m: EntityManager, actor: Actor, list: NewCustomer[], action: string): Promise<CustomerResponseDto[]> {
    if (!list.length) return [];
    const entities = list.map((c) => this.newEntity(m, actor, c));
    await m.getRepository(Customer).insert(entities);
    const out = entities.map(toCustomerResponse);
    await this.audit.recordMany(m, actor, out.map((o) => ({ action, entity: 'customer', entityId: o.id, after: o })));
    return out;
  }

  private newEntity(m: EntityManager, actor: Actor, c: NewCustomer): Customer {
    return m.create(Customer, {
      name: c.name,
      nameKey: companyNameKey(c.name),
      uscc: c.uscc,
      contactName: c.contactName,
      contactPhone: c.contactPhone,
      phoneKey: phoneKey(c.contactPhone),
      address: c.address ?? null,
      region: c.region ?? null,
      industry: c.industry ?? null,
      tierCode: null,
      keyAccountSince: null,
      ownerId: c.ownerId,
      department: c.department,
      createdBy: actor.id,
    });
  }

  async list(actor: Actor, query: ListCustomersQueryDto): Promise<Page<CustomerResponseDto>> {
    const scope = scopeCondition(actor, 'customer.read', CUSTOMER_SCOPE_COLUMNS);
    const qb = this.ds.getRepository(Customer).createQueryBuilder('c').where(scope.sql, scope.params);
    if (query.ownerId) qb.andWhere('c.owner_id = :ownerId', { ownerId: query.ownerId });
    if (query.region) qb.andWhere('c.region = :region', { region: query.region });
    if (query.industry) qb.andWhere('c.industry = :industry', { industry: query.industry });
    if (query.department) qb.andWhere('c.department = :department', { department: query.department });
    if (query.isKeyAccount) qb.andWhere('c.is_key_account = :ka', { ka: query.isKeyAccount === 'true' });
    if (query.tierCode) qb.andWhere('c.tier_code = :tier', { tier: query.tierCode });
    if (query.q) {
      qb.andWhere("(c.name ILIKE :q ESCAPE '\\' OR c.contact_name ILIKE :q ESCAPE '\\')", { q: `%${escapeLike(query.q)}%` });
    }
    return paginate(qb, query, { name: 'c.name', createdAt: 'c.created_at', updatedAt: 'c.updated_at', region: 'c.region' }, '-createdAt', toCustomerResponse);
  }

  /** A customer inside the caller's scope for `permission`, or 404 — never a hint that it exists. */
  async findInScope(m: EntityManager, actor: Actor, id: string, permission: Permission = 'customer.read', lock = false): Promise<Customer> {
    return findOneInScope(m.getRepository(Customer).createQueryBuilder('c'), scopeCondition(actor, permission, CUSTOMER_SCOPE_COLUMNS), id, '客户', lock);
  }

  async get(actor: Actor, id: string): Promise<CustomerResponseDto> {
    return toCustomerResponse(await this.findInScope(this.ds.manager, actor, id));
  }

  async update(actor: Actor, id: string, dto: UpdateCustomerDto): Promise<CustomerResponseDto> {
    if (dto.name !== undefined && !companyNameKey(dto.name)) throw PartyErrors.nameWithoutLetters('name');
    return this.ds.transaction(async (m) => {
      const before = await this.findInScope(m, actor, id, 'customer.update', true);
      if (before.version !== dto.version) throw CommonErrors.staleVersion();
      const set: Record<string, unknown> = {};
      if (dto.name !== undefined) Object.assign(set, { name: dto.name, name_key: companyNameKey(dto.name) });
      if (dto.uscc !== undefined) set.uscc = dto.uscc;
      if (dto.contactName !== undefined) set.contact_name = dto.contactName;
      if (dto.contactPhone !== undefined) Object.assign(set, { contact_phone: dto.contactPhone, phone_key: phoneKey(dto.contactPhone) });
      for (const k of ['address', 'region', 'industry'] as const) if (dto[k] !== undefined) set[k] = dto[k];
      if (dto.name !== undefined || dto.uscc !== undefined || dto.contactPhone !== undefined) {
        await this.duplicates.lockAndAssertUnique(m, { companyName: dto.name, uscc: dto.uscc ?? undefined, contactPhone: dto.contactPhone }, { customerId: id, prospectId: await this.sourceProspect(m, id) });
      }
      await updateVersioned(m, 'customers', id, dto.version, set);
      const after = toCustomerResponse(await m.getRepository(Customer).findOneByOrFail({ id }));
      await this.audit.record(m, actor, { action: 'customer.update', entity: 'customer', entityId: id, before: toCustomerResponse(before), after });
      return after;
    });
  }

  /** 责任分区 (SAL-4.7 and peers): a new owner; the customer moves to the owner's department. */
  async assign(actor: Actor, id: string, dto: AssignDto): Promise<CustomerResponseDto> {
    return this.ds.transaction(async (m) => {
      const before = await this.findInScope(m, actor, id, 'customer.assign', true);
      const owner = await resolveAssignee(m, actor, 'customer.assign', 'customer.read', dto.ownerId);
      await updateVersioned(m, 'customers', id, before.version, { owner_id: owner.id, department: owner.department });
      const after = toCustomerResponse(await m.getRepository(Customer).findOneByOrFail({ id }));
      await this.audit.record(m, actor, { action: 'customer.assign', entity: 'customer', entityId: id, before: toCustomerResponse(before), after });
      return after;
    });
  }

  /**
   * The customer's sales ledger (销售台账) with running balance: the entries the caller may see
   * under receivable.read, for a customer inside their customer.read scope.
   */
  async ledger(actor: Actor, id: string, page: ListQueryDto): Promise<CustomerLedgerDto> {
    const customer = await this.findInScope(this.ds.manager, actor, id);
    const entries = await this.ledgerService.list(actor, { customerId: id, page: page.page, pageSize: page.pageSize });
    return { customerId: customer.id, customerName: customer.name, balance: await this.ledgerService.balance(actor, id), ...entries };
  }

  private async sourceProspect(m: EntityManager, customerId: string): Promise<string | undefined> {
    const rows: { id: string }[] = await m.query('SELECT id FROM prospects WHERE customer_id = $1', [customerId]);
    return rows[0]?.id;
  }
}
