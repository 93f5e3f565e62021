import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { resolveAssignee } from '../access/assignee';
import { grantFor } from '../access/policy';
import type { Permission } from '../access/duty.types';
import type { Department } from '../access/roles';
import { positionalScope, scopeCondition } from '../access/scope';
import { APP_CONFIG } from '../app.tokens';
import { AuditService } from '../audit/audit.service';
import { AppError, CommonErrors, FieldError } from '../common/app-error';
import { normaliseMoney } from '../common/money';
import { sortColumn, type Page } from '../common/pagination';
import { updateVersioned } from '../database/versioned-update';
import { subjectActuals } from './attainment';
import type { CreateWorkPlanDto, ListWorkPlansQueryDto, UpdateWorkPlanDto, WorkPlanDto, WorkPlanItemDto, WorkPlanItemInputDto } from './dto/work-plan.dto';
import { formatValue, isMoneyMeasure, Measure, periodStart, TargetPeriodType, targetBounds, valueUnits } from './target-rules';
import { periodTypeOf } from './targets.service';
import { assertEditable, WorkPlanStatus, workPlanTransition } from './work-plan-rules';

const SCOPE = { owner: 'w.owner_id', department: 'w.department' };

interface StoredItem {
  content: string;
  measure: Measure | null;
  plannedValue: string | null;
  dueDate: string | null;
}

interface WorkPlanRow {
  id: string;
  owner_id: string;
  owner_name: string;
  department: Department;
  author_id: string;
  author_name: string;
  period_type: TargetPeriodType;
  period: string;
  title: string;
  status: WorkPlanStatus;
  items: StoredItem[];
  version: number;
  updated_by: string;
  created_at: Date;
  updated_at: Date;
}

const SELECT_PLAN = `SELECT w.id, w.owner_id, o.display_name AS owner_name, w.department, w.author_id, a.display_name AS author_name, w.period_type, w.period,
    w.title, w.status, w.items, w.version, w.updated_by, w.created_at, w.updated_at
  FROM work_plans w JOIN users o ON o.id = w.owner_id JOIN users a ON a.id = w.author_id`;

const SORTABLE: Record<string, string> = { period: 'w.period_from', createdAt: 'w.created_at', updatedAt: 'w.updated_at', status: 'w.status' };

/**
 * 工作计划: a 专员's own plan (MKT-6.3) and the plans a 主管 drafts for the team (SAL-5.3, MKT-5.1),
 * read by the person and up the line (workplan.read). Items may name a measure and a planned
 * figure; the actual beside it is computed from the person's records in the plan's period.
 */
@Injectable()
export class WorkPlansService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreateWorkPlanDto): Promise<WorkPlanDto> {
    return this.ds.transaction(async (m) => {
      const owner = await this.ownerFor(m, actor, dto.ownerId ?? actor.id);
      const type = periodTypeOf(dto.period);
      const items = this.checkItems(dto.items, type, dto.period);
      const [{ id }] = await m.query(
        `INSERT INTO work_plans (owner_id, department, author_id, period_type, period, period_from, title, items, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $3) RETURNING id`,
        [owner.id, owner.department, actor.id, type, dto.period, periodStart(type, dto.period), dto.title, JSON.stringify(items)],
      );
      const out = await this.readOne(m, id);
      await this.audit.record(m, actor, { action: 'workplan.create', entity: 'work_plan', entityId: id, after: out });
      return out;
    });
  }

  async update(actor: Actor, id: string, dto: UpdateWorkPlanDto): Promise<WorkPlanDto> {
    return this.ds.transaction(async (m) => {
      const plan = await this.findInScope(m, actor, id, 'workplan.write', true);
      if (dto.version !== plan.version) throw CommonErrors.staleVersion();
      const set: Record<string, unknown> = { updated_by: actor.id };
      if (dto.title !== undefined || dto.items !== undefined) assertEditable(plan.status);
      if (dto.title !== undefined) set.title = dto.title;
      if (dto.items !== undefined) set.items = JSON.stringify(this.checkItems(dto.items, plan.period_type, plan.period));
      if (dto.status !== undefined) set.status = workPlanTransition(plan.status, dto.status);
      const before = await this.readOne(m, id);
      await updateVersioned(m, 'work_plans', id, dto.version, set);
      const after = await this.readOne(m, id);
      await this.audit.record(m, actor, { action: 'workplan.update', entity: 'work_plan', entityId: id, before, after });
      return after;
    });
  }

  async list(actor: Actor, q: ListWorkPlansQueryDto): Promise<Page<WorkPlanDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const params: unknown[] = [];
    const where = [positionalScope(scopeCondition(actor, 'workplan.read', SCOPE), params)];
    if (q.status) where.push(`w.status = $${params.push(q.status)}`);
    if (q.ownerId) where.push(`w.owner_id = $${params.push(q.ownerId)}`);
    if (q.periodType) where.push(`w.period_type = $${params.push(q.periodType)}`);
    if (q.period) where.push(`w.period = $${params.push(q.period)}`);
    const { column, dir } = sortColumn(q.sort ?? '-period', SORTABLE);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM work_plans w WHERE ${where.join(' AND ')}`, params);
    const rows: WorkPlanRow[] = await this.ds.query(
      `${SELECT_PLAN} WHERE ${where.join(' AND ')} ORDER BY ${column} ${dir}, w.created_at DESC, w.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return { items: await this.toDtos(this.ds.manager, rows), total, totalExact: true, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<WorkPlanDto> {
    const row = await this.findInScope(this.ds.manager, actor, id, 'workplan.read');
    return (await this.toDtos(this.ds.manager, [row]))[0];
  }

  /** Whose plan: one's own (own scope), or a direct report's (team scope) who can read it (SAL-5.3). */
  private async ownerFor(m: EntityManager, actor: Actor, ownerId: string): Promise<{ id: string; department: Department }> {
    if (ownerId === actor.id) return { id: actor.id, department: actor.department };
    if (grantFor(actor.role, 'workplan.write')?.scope === 'own') {
      throw new AppError(400, 'ASSIGNEE_INVALID', '负责人无效', '只能制订自己的工作计划', { errors: [{ field: 'ownerId', message: '只能制订自己的工作计划' }] });
    }
    const u = await resolveAssignee(m, actor, 'workplan.write', 'workplan.read', ownerId, 'ownerId');
    return { id: u.id, department: u.department };
  }

  /** A planned figure needs its measure (whole numbers for counts); a due date falls inside the plan's period. */
  private checkItems(items: WorkPlanItemInputDto[], type: TargetPeriodType, period: string): StoredItem[] {
    const b = targetBounds(type, period, this.config.businessTz);
    const errors: FieldError[] = [];
    const out = items.map((it, i): StoredItem => {
      if (it.plannedValue !== undefined && it.measure === undefined) errors.push({ field: `items.${i}.measure`, message: '填写计划数时必须选择考核项（measure）' });
      if (it.plannedValue !== undefined && it.measure !== undefined && !isMoneyMeasure(it.measure) && valueUnits(it.plannedValue) % 100n !== 0n) {
        errors.push({ field: `items.${i}.plannedValue`, message: '计数类的计划数必须是整数' });
      }
      if (it.dueDate !== undefined && (it.dueDate < b.from || it.dueDate >= b.until)) errors.push({ field: `items.${i}.dueDate`, message: `完成期限必须在计划期间内（${b.from} 起，${b.until} 之前）` });
      return {
        content: it.content,
        measure: it.measure ?? null,
        plannedValue: it.plannedValue !== undefined && it.measure !== undefined ? formatValue(it.measure, normaliseMoney(it.plannedValue)) : null,
        dueDate: it.dueDate ?? null,
      };
    });
    if (errors.length) throw CommonErrors.validation(errors);
    return out;
  }

  private async findInScope(m: EntityManager, actor: Actor, id: string, permission: Permission, lock = false): Promise<WorkPlanRow> {
    const params: unknown[] = [id];
    const scope = positionalScope(scopeCondition(actor, permission, SCOPE), params);
    const [row] = await m.query(`${SELECT_PLAN} WHERE w.id = $1 AND ${scope}${lock ? ' FOR UPDATE OF w' : ''}`, params);
    if (!row) throw CommonErrors.notFound('工作计划');
    return row;
  }

  private async readOne(m: EntityManager, id: string): Promise<WorkPlanDto> {
    const rows: WorkPlanRow[] = await m.query(`${SELECT_PLAN} WHERE w.id = $1`, [id]);
    return (await this.toDtos(m, rows))[0];
  }

  /** Rows to responses; the actuals of every plan's person and period in one query. */
  private async toDtos(m: EntityManager, rows: WorkPlanRow[]): Promise<WorkPlanDto[]> {
    const tz = this.config.businessTz;
    const measured = rows.filter((r) => r.items.some((i) => i.measure));
    const actuals = await subjectActuals(
      m,
      measured.map((r) => ({ level: 'person', ownerId: r.owner_id, department: r.department, periodType: r.period_type, period: r.period })),
      tz,
    );
    const actualOf = new Map(measured.map((r, i) => [r.id, actuals[i]]));
    return rows.map((r) => {
      const b = targetBounds(r.period_type, r.period, tz);
      return {
        id: r.id,
        ownerId: r.owner_id,
        ownerName: r.owner_name,
        department: r.department,
        authorId: r.author_id,
        authorName: r.author_name,
        periodType: r.period_type,
        period: r.period,
        from: b.from,
        to: new Date(Date.parse(`${b.until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10),
        title: r.title,
        status: r.status,
        items: r.items.map(
          (i): WorkPlanItemDto => ({
            content: i.content,
            measure: i.measure,
            plannedValue: i.plannedValue,
            actual: i.measure ? actualOf.get(r.id)![i.measure] : null,
            dueDate: i.dueDate,
          }),
        ),
        version: r.version,
        updatedBy: r.updated_by,
        createdAt: new Date(r.created_at).toISOString(),
        updatedAt: new Date(r.updated_at).toISOString(),
      };
    });
  }
}
