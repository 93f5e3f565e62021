import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { grantFor } from '../access/policy';
import type { Permission } from '../access/duty.types';
import { DEPARTMENT_NAMES, isRole, ROLE_INFO, type Department, type RoleCode } from '../access/roles';
import { positionalScope, scopeCondition, type ScopeCondition } from '../access/scope';
import { APP_CONFIG } from '../app.tokens';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { Page, paginateJoined } from '../common/pagination';
import { businessDate, DATE_ONLY, startOfDayIn } from '../common/time';
import { complaintReadScope } from '../complaints/complaint-scope';
import { findOneInScope } from '../database/find-in-scope';
import { updateVersioned } from '../database/versioned-update';
import { TasksService, type NewTask } from '../tasks/tasks.service';
import { escapeLike } from '../users/users.service';
import {
  ASSIGNMENT_TRANSITIONS,
  assignmentTransition,
  OPEN_STATUSES,
  REACH_WORDS,
  takesWork,
  withinReach,
  type AssignmentAction,
  type AssignmentPriority,
  type AssignmentStatus,
} from './assignment-rules';
import { Assignment, type LinkEntity, type SourceEntity } from './assignment.entity';
import { AssignmentsErrors } from './assignments.errors';
import type {
  AssignmentDetailDto,
  AssignmentDto,
  AssignmentEventDto,
  CreateAssignmentDto,
  CreateRequestDto,
  ListAssignmentsQueryDto,
  UpdateAssignmentDto,
} from './dto/assignment.dto';

/** The scope columns: an assignment belongs to its assignee, in the assignee's department. */
export const ASSIGNMENT_SCOPE_COLUMNS = { owner: 'a.assignee_id', department: 'a.department' };

/** What a linked record is read under: the same scope rule as its own routes. */
const LINKS: Record<LinkEntity, { table: string; name: string; permission: Permission; owner: string }> = {
  customer: { table: 'customers', name: '客户', permission: 'customer.read', owner: 'owner_id' },
  prospect: { table: 'prospects', name: '潜在客户', permission: 'prospect.read', owner: 'owner_id' },
  contract: { table: 'contracts', name: '合同', permission: 'contract.read', owner: 'owner_id' },
  complaint: { table: 'complaints', name: '投诉', permission: 'complaint.read', owner: 'owner_id' },
  visit: { table: 'visits', name: '拜访记录', permission: 'visit.read', owner: 'visitor_id' },
};

/** What an edit changed, in the history's words (by column). */
const EDITED: Record<string, string> = { title: '标题', description: '说明', priority: '优先级', due_at: '截止时间' };

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** A deadline as the API takes it: a date is the end of that business day (23:59:59 in `tz`), a timestamp is itself; with its business day. */
export function workDeadline(value: string, tz: string): { at: Date; date: string } {
  return DATE_ONLY.test(value)
    ? { at: new Date(startOfDayIn(nextDay(value), tz).getTime() - 1000), date: value }
    : { at: new Date(value), date: businessDate(new Date(value), tz) };
}
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const short = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n)}…` : s);

interface Person {
  id: string;
  role: RoleCode;
  department: Department;
  supervisorId: string | null;
  displayName: string;
}

/** Who hands work out: the caller, or the chair of a meeting whose minutes are published. */
export type Assigner = Pick<Actor, 'id' | 'role' | 'department' | 'displayName'>;

/** Work handed out by the product on someone's behalf (a meeting's action item), with the link back to its source. */
export interface HandedWork {
  title: string;
  description?: string | null;
  /** As the API takes it: YYYY-MM-DD (end of that business day) or a timestamp with offset. */
  dueAt: string;
  priority?: AssignmentPriority;
  assigneeId: string;
  entity?: SourceEntity;
  entityId?: string;
  /** Goes into the first step of the history (e.g. which meeting it came from). */
  note?: string | null;
}

/** The tasks (待办) of an assignment all carry this cause-key prefix; a step closes them together. */
export const taskPrefix = (id: string) => `assignment:${id}:`;

export function toAssignmentResponse(a: Assignment, raw: Record<string, unknown>, now = new Date()): AssignmentDto {
  return {
    id: a.id,
    kind: a.kind,
    title: a.title,
    description: a.description,
    priority: a.priority,
    dueAt: a.dueAt.toISOString(),
    dueDate: a.dueDate,
    status: a.status,
    overdue: OPEN_STATUSES.includes(a.status) && a.dueAt.getTime() < now.getTime(),
    assignerId: a.assignerId,
    assignerName: String(raw.assigner_name ?? ''),
    assignerDepartment: String(raw.assigner_department ?? ''),
    assigneeId: a.assigneeId,
    assigneeName: String(raw.assignee_name ?? ''),
    department: a.department,
    toDepartment: a.toDepartment,
    delegatedBy: a.delegatedBy,
    entity: a.entity,
    entityId: a.entityId,
    startedAt: iso(a.startedAt),
    completedAt: iso(a.completedAt),
    confirmedAt: iso(a.confirmedAt),
    cancelledAt: iso(a.cancelledAt),
    returnCount: a.returnCount,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/**
 * 交办事项 (MKT-4.9, MKT-5.8, MKT-6.7, SAL-4.11, SAL-5.8, SAL-6.7, SAL-7.7, SAL-8.7, KA-4.10,
 * KA-5.8, KA-6.7) and 协作请求 (MKT-4.8, SAL-5.1). A supervisor, manager or the 总经理 hands work
 * to someone within reach; the assignee starts and completes it; the assigner confirms it or
 * returns it with a comment, or cancels it while open. A request goes to the other department's
 * 经理, who may take it on or pass it on (转派). Every step is one row of the history, one audit
 * row and the tasks (待办) it opens or closes — in one transaction.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ── creating ──────────────────────────────────────────────────────────

  /** 交办: to someone within the caller's reach of assignment.assign. */
  async create(actor: Actor, dto: CreateAssignmentDto): Promise<AssignmentDetailDto> {
    const due = this.deadline(dto.dueAt);
    return this.ds.transaction(async (m) => {
      const assignee = await this.reachable(m, actor, dto.assigneeId);
      await this.checkLink(m, actor, dto.entity, dto.entityId);
      return this.handOut(m, actor, actor, assignee, dto, due, null);
    });
  }

  /**
   * 交办 on behalf of `assigner` inside the caller's transaction `m`: a meeting's action items,
   * handed out by its chair when the 助理 publishes the minutes (SAL-8.6). The same reach rule,
   * history, task for the assignee and audit row as POST /assignments — the audit names
   * `recordedBy`, who did it — and the same refusals (400/403 AppError) for the caller to report.
   * The link back (`entity`, `entityId`) is the product's own, so it is not checked here.
   */
  async assignOnBehalf(m: EntityManager, recordedBy: Actor, assigner: Assigner, work: HandedWork): Promise<AssignmentDetailDto> {
    const due = this.deadline(work.dueAt);
    const assignee = await this.reachable(m, assigner, work.assigneeId);
    return this.handOut(m, recordedBy, assigner, assignee, work, due, work.note ?? null);
  }

  /** The assignment row, its first step, the assignee's task and the audit row. */
  private async handOut(
    m: EntityManager,
    recordedBy: Actor,
    assigner: Assigner,
    assignee: Person,
    w: { title: string; description?: string | null; priority?: AssignmentPriority; entity?: SourceEntity; entityId?: string },
    due: { at: Date; date: string },
    note: string | null,
  ): Promise<AssignmentDetailDto> {
    const [{ id }] = await m.query(
      `INSERT INTO assignments (kind, title, description, priority, due_at, due_date, assigner_id, assignee_id, department, entity, entity_id)
       VALUES ('assignment', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [w.title, w.description ?? null, w.priority ?? 'normal', due.at, due.date, assigner.id, assignee.id, assignee.department, w.entity ?? null, w.entityId ?? null],
    );
    const event = await this.event(m, id, 'create', null, 'assigned', assigner.id, assignee.id, note);
    await this.tasks.createMany(m, [this.workTask(id, event, assignee.id, 'assignment.assigned', `交办事项（${assigner.displayName}）：${short(w.title)}`, due.at)]);
    const out = await this.read(m, id);
    await this.audit.record(m, recordedBy, { action: 'assignment.create', entity: 'assignment', entityId: id, after: out });
    return out;
  }

  /**
   * 协作请求 (MKT-4.8, SAL-5.1): to another department's 经理 — the one named, or else the first of
   * its active managers by name. The requester is the request's assigner: they see it move and
   * confirm it when done.
   */
  async request(actor: Actor, dto: CreateRequestDto): Promise<AssignmentDetailDto> {
    if (dto.toDepartment === actor.department) throw AssignmentsErrors.sameDepartment();
    const due = this.deadline(dto.dueAt);
    const deptName = DEPARTMENT_NAMES[dto.toDepartment];
    return this.ds.transaction(async (m) => {
      const role = `${dto.toDepartment}.manager`;
      const managers: { id: string }[] = dto.managerId
        ? await m.query(`SELECT id FROM users WHERE id = $1 AND role = $2 AND active`, [dto.managerId, role])
        : await m.query(`SELECT id FROM users WHERE role = $1 AND active ORDER BY display_name, id LIMIT 1`, [role]);
      if (!managers.length) throw dto.managerId ? AssignmentsErrors.managerInvalid(deptName) : AssignmentsErrors.noManager(deptName);
      const manager = managers[0].id;
      await this.checkLink(m, actor, dto.entity, dto.entityId);
      const [{ id }] = await m.query(
        `INSERT INTO assignments (kind, title, description, priority, due_at, due_date, assigner_id, assignee_id, department, to_department, entity, entity_id)
         VALUES ('request', $1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10) RETURNING id`,
        [dto.title, dto.description ?? null, dto.priority ?? 'normal', due.at, due.date, actor.id, manager, dto.toDepartment, dto.entity ?? null, dto.entityId ?? null],
      );
      const event = await this.event(m, id, 'request', null, 'assigned', actor.id, manager, null);
      const from = `${DEPARTMENT_NAMES[actor.department]} ${actor.displayName}`;
      await this.tasks.createMany(m, [this.workTask(id, event, manager, 'assignment.request', `协作请求（${from}）：${short(dto.title)}`, due.at)]);
      const out = await this.read(m, id);
      await this.audit.record(m, actor, { action: 'assignment.request', entity: 'assignment', entityId: id, after: out });
      return out;
    });
  }

  // ── reading ───────────────────────────────────────────────────────────

  /** assignment.read by the assignee's position (own / team / department / all), and always what I handed out. */
  async list(actor: Actor, q: ListAssignmentsQueryDto): Promise<Page<AssignmentDto>> {
    const scope = this.visible(actor, 'assignment.read');
    const qb = this.joined(this.ds.manager).where(scope.sql, scope.params);
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    if (q.kind) qb.andWhere('a.kind = :kind', { kind: q.kind });
    if (q.assigneeId) qb.andWhere('a.assignee_id = :assigneeId', { assigneeId: q.assigneeId });
    if (q.assignerId) qb.andWhere('a.assigner_id = :assignerId', { assignerId: q.assignerId });
    if (q.mine === 'assigned') qb.andWhere('a.assignee_id = :mine', { mine: actor.id });
    if (q.mine === 'created') qb.andWhere('a.assigner_id = :mine', { mine: actor.id });
    const late = `a.status IN ('assigned', 'in_progress') AND a.due_at < now()`;
    if (q.overdue === 'true') qb.andWhere(late);
    if (q.overdue === 'false') qb.andWhere(`NOT (${late})`);
    if (q.dueBefore) qb.andWhere('a.due_date < :dueBefore', { dueBefore: q.dueBefore });
    if (q.q) qb.andWhere("a.title ILIKE :q ESCAPE '\\'", { q: `%${escapeLike(q.q)}%` });
    const now = new Date();
    return paginateJoined(
      qb,
      q,
      { createdAt: 'a.created_at', updatedAt: 'a.updated_at', dueAt: 'a.due_at', priority: 'a.priority_rank', status: 'a.status' },
      '-createdAt',
      (a, raw) => toAssignmentResponse(a, raw, now),
    );
  }

  async get(actor: Actor, id: string): Promise<AssignmentDetailDto> {
    const scope = this.visible(actor, 'assignment.read');
    const found = await this.ds.getRepository(Assignment).createQueryBuilder('a').select('a.id').where('a.id = :id', { id }).andWhere(scope.sql, scope.params).getOne();
    if (!found) throw CommonErrors.notFound('交办事项');
    return this.read(this.ds.manager, id);
  }

  // ── changing ──────────────────────────────────────────────────────────

  /** PATCH by the assigner while the work is open: title, description, due date, priority. */
  async update(actor: Actor, id: string, dto: UpdateAssignmentDto): Promise<AssignmentDetailDto> {
    const due = dto.dueAt !== undefined ? this.deadline(dto.dueAt) : null;
    return this.change(actor, id, 'edit', async (m, a, to) => {
      if (a.version !== dto.version) throw CommonErrors.staleVersion();
      const set: Record<string, unknown> = {};
      if (dto.title !== undefined) set.title = dto.title;
      if (dto.description !== undefined) set.description = dto.description;
      if (dto.priority !== undefined) set.priority = dto.priority;
      if (due) Object.assign(set, { due_at: due.at, due_date: due.date });
      await updateVersioned(m, 'assignments', id, dto.version, set);
      const changed = Object.keys(set).flatMap((k) => EDITED[k] ?? []);
      await this.event(m, id, 'edit', a.status, to, actor.id, a.assigneeId, changed.length ? `修改了${changed.join('、')}` : null);
      // the assignee's open work task follows: its deadline, and the title at the end of its wording
      await m.query(
        `UPDATE tasks SET due_at = $2,
           title = CASE WHEN right(title, length($3::text)) = $3::text THEN left(left(title, length(title) - length($3::text)) || $4::text, 300) ELSE title END
         WHERE status = 'open' AND cause_key LIKE $1`,
        [`${taskPrefix(id)}work:%`, due?.at ?? a.dueAt, short(a.title), short(dto.title ?? a.title)],
      );
    });
  }

  /** 开始 (the assignee; a 协作请求's 经理 accepts it so). */
  async start(actor: Actor, id: string): Promise<AssignmentDetailDto> {
    return this.change(actor, id, 'start', async (m, a, to) => {
      await updateVersioned(m, 'assignments', id, a.version, { status: to, started_at: a.startedAt ?? new Date() });
      await this.event(m, id, 'start', a.status, to, actor.id, a.assigneeId, null);
    });
  }

  /** 完成 (the assignee): the assigner gets a task to confirm it. */
  async complete(actor: Actor, id: string, comment: string | null): Promise<AssignmentDetailDto> {
    return this.change(actor, id, 'complete', async (m, a, to) => {
      await updateVersioned(m, 'assignments', id, a.version, { status: to, completed_at: new Date() });
      const event = await this.event(m, id, 'complete', a.status, to, actor.id, a.assigneeId, comment);
      await this.tasks.closeByCause(m, taskPrefix(id));
      await this.tasks.createMany(m, [
        {
          assigneeId: a.assignerId,
          kind: 'assignment.confirm',
          title: `交办事项已完成待确认（${actor.displayName}）：${short(a.title)}`,
          entity: 'assignment',
          entityId: id,
          causeKey: `${taskPrefix(id)}confirm:${event}`,
        },
      ]);
    });
  }

  /** 退回 (the assigner, with a comment): back to the assignee, in progress again. */
  async returnWork(actor: Actor, id: string, comment: string): Promise<AssignmentDetailDto> {
    return this.change(actor, id, 'return', async (m, a, to) => {
      await updateVersioned(m, 'assignments', id, a.version, { status: to, completed_at: null }, ['return_count = return_count + 1']);
      const event = await this.event(m, id, 'return', a.status, to, actor.id, a.assigneeId, comment);
      await this.tasks.closeByCause(m, taskPrefix(id));
      await this.tasks.createMany(m, [this.workTask(id, event, a.assigneeId, 'assignment.returned', `交办事项被退回（${short(comment, 60)}）：${short(a.title)}`, a.dueAt)]);
    });
  }

  /** 确认完成 (the assigner). */
  async confirm(actor: Actor, id: string, comment: string | null): Promise<AssignmentDetailDto> {
    return this.change(actor, id, 'confirm', async (m, a, to) => {
      await updateVersioned(m, 'assignments', id, a.version, { status: to, confirmed_at: new Date() });
      await this.event(m, id, 'confirm', a.status, to, actor.id, a.assigneeId, comment);
      await this.tasks.closeByCause(m, taskPrefix(id));
    });
  }

  /** 取消 (the assigner) while the work is open. */
  async cancel(actor: Actor, id: string, comment: string | null): Promise<AssignmentDetailDto> {
    return this.change(actor, id, 'cancel', async (m, a, to) => {
      await updateVersioned(m, 'assignments', id, a.version, { status: to, cancelled_at: new Date() });
      await this.event(m, id, 'cancel', a.status, to, actor.id, a.assigneeId, comment);
      await this.tasks.closeByCause(m, taskPrefix(id));
    });
  }

  /**
   * 转派 (the assignee, holding assignment.assign): to someone within their own reach — a 协作请求's
   * 经理 passes it to their department, a 主管 to a direct report. The new assignee starts it.
   */
  async delegate(actor: Actor, id: string, assigneeId: string, comment: string | null): Promise<AssignmentDetailDto> {
    return this.change(actor, id, 'delegate', async (m, a, to) => {
      const next = await this.reachable(m, actor, assigneeId);
      if (next.id === a.assignerId) throw AssignmentsErrors.assigneeInvalid('不能转派给交办人本人；如需交回，请联系交办人取消');
      await updateVersioned(m, 'assignments', id, a.version, { status: to, assignee_id: next.id, department: next.department, delegated_by: actor.id, started_at: null });
      const event = await this.event(m, id, 'delegate', a.status, to, actor.id, next.id, comment);
      await this.tasks.closeByCause(m, taskPrefix(id));
      const what = a.kind === 'request' ? '协作请求' : '交办事项';
      await this.tasks.createMany(m, [this.workTask(id, event, next.id, a.kind === 'request' ? 'assignment.request' : 'assignment.assigned', `${what}（${actor.displayName} 转派）：${short(a.title)}`, a.dueAt)]);
    });
  }

  // ── the machinery ─────────────────────────────────────────────────────

  /**
   * One audited step, under a row lock. The assignee's steps find the record among those assigned
   * to the caller (404 otherwise); the assigner's steps among those the caller's assignment.assign
   * reaches or handed out (404 otherwise), and then only the assigner may take them (403).
   */
  private async change(
    actor: Actor,
    id: string,
    action: AssignmentAction,
    apply: (m: EntityManager, a: Assignment, to: AssignmentStatus) => Promise<void>,
  ): Promise<AssignmentDetailDto> {
    const by = ASSIGNMENT_TRANSITIONS[action].by;
    const scope: Pick<ScopeCondition, 'sql' | 'params'> =
      by === 'assignee' ? { sql: 'a.assignee_id = :me', params: { me: actor.id } } : this.visible(actor, 'assignment.assign');
    return this.ds.transaction(async (m) => {
      const a = await findOneInScope(m.getRepository(Assignment).createQueryBuilder('a'), scope, id, '交办事项', true);
      if (by === 'assigner' && a.assignerId !== actor.id) throw AssignmentsErrors.notAssigner();
      const to = assignmentTransition(a.status, action);
      const before = await this.read(m, id);
      await apply(m, a, to);
      const after = await this.read(m, id);
      await this.audit.record(m, actor, { action: `assignment.${action === 'edit' ? 'update' : action}`, entity: 'assignment', entityId: id, before, after });
      return after;
    });
  }

  /** The scope of `permission` over the assignee, or what the caller handed out. */
  private visible(actor: Actor, permission: Permission): ScopeCondition {
    const scope = scopeCondition(actor, permission, ASSIGNMENT_SCOPE_COLUMNS);
    return { scope: scope.scope, sql: `(${scope.sql} OR a.assigner_id = :assignerMe)`, params: { ...scope.params, assignerMe: actor.id } };
  }

  /** Whom the caller may hand work to: an active holder of assignment.work within reach, not oneself. */
  private async reachable(m: EntityManager, actor: Pick<Actor, 'id' | 'role' | 'department'>, userId: string): Promise<Person> {
    const rows: { id: string; role: string; department: Department; supervisor_id: string | null; active: boolean; display_name: string }[] = await m.query(
      'SELECT id, role, department, supervisor_id, active, display_name FROM users WHERE id = $1',
      [userId],
    );
    const u = rows[0];
    if (!u || !u.active || !isRole(u.role)) throw AssignmentsErrors.assigneeInvalid('承办人必须是一个已启用的用户');
    if (u.id === actor.id) throw AssignmentsErrors.assigneeInvalid('不能交办给自己');
    if (!takesWork(u.role, grantFor)) throw AssignmentsErrors.assigneeInvalid(`${ROLE_INFO[u.role].name}不承办交办事项`);
    const person: Person = { id: u.id, role: u.role, department: u.department, supervisorId: u.supervisor_id, displayName: u.display_name };
    const grant = grantFor(actor.role, 'assignment.assign');
    if (!withinReach(grant?.scope, actor, person)) {
      throw AssignmentsErrors.outOfReach(`${REACH_WORDS[grant?.scope ?? 'own']}：${u.display_name}（${ROLE_INFO[u.role].name}）不在您的交办范围内`, grant?.clauses ?? []);
    }
    return person;
  }

  /** The linked record must exist and be one the caller may read (else 404, as on its own route). */
  private async checkLink(m: EntityManager, actor: Actor, entity: LinkEntity | undefined, entityId: string | undefined): Promise<void> {
    if (entity === undefined && entityId === undefined) return;
    if (entity === undefined || entityId === undefined) throw AssignmentsErrors.linkIncomplete();
    const link = LINKS[entity];
    const cols = { owner: `x.${link.owner}`, department: 'x.department' };
    const scope = entity === 'complaint' ? complaintReadScope(actor, cols) : scopeCondition(actor, link.permission, cols);
    const params: unknown[] = [entityId];
    const rows = await m.query(`SELECT 1 FROM ${link.table} x WHERE x.id = $1 AND ${positionalScope(scope, params)}`, params);
    if (!rows.length) throw CommonErrors.notFound(`关联的${link.name}`);
  }

  /** A due date is the end of that business day; a timestamp is itself. Never before today. */
  private deadline(value: string): { at: Date; date: string } {
    const tz = this.config.businessTz;
    const today = businessDate(new Date(), tz);
    const due = workDeadline(value, tz);
    if (due.date < today) throw AssignmentsErrors.dueInPast(today);
    return due;
  }

  private async event(m: EntityManager, id: string, action: AssignmentAction | 'create' | 'request', from: AssignmentStatus | null, to: AssignmentStatus, actorId: string, assigneeId: string, comment: string | null): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO assignment_events (assignment_id, action, from_status, to_status, actor_id, assignee_id, comment) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [id, action, from, to, actorId, assigneeId, comment],
    );
    return String(row.id);
  }

  /** The assignee's task for a step of the work: one per step (the event), closed when the work moves on. */
  private workTask(id: string, event: string, assigneeId: string, kind: string, title: string, dueAt: Date): NewTask {
    return { assigneeId, kind, title, entity: 'assignment', entityId: id, causeKey: `${taskPrefix(id)}work:${event}`, dueAt };
  }

  private joined(m: EntityManager): SelectQueryBuilder<Assignment> {
    return m
      .getRepository(Assignment)
      .createQueryBuilder('a')
      .leftJoin('users', 'ar', 'ar.id = a.assigner_id')
      .leftJoin('users', 'ae', 'ae.id = a.assignee_id')
      .addSelect('ar.display_name', 'assigner_name')
      .addSelect('ar.department', 'assigner_department')
      .addSelect('ae.display_name', 'assignee_name');
  }

  /** The assignment with its names and its history. */
  private async read(m: EntityManager, id: string): Promise<AssignmentDetailDto> {
    const { entities, raw } = await this.joined(m).where('a.id = :id', { id }).getRawAndEntities();
    if (!entities.length) throw CommonErrors.notFound('交办事项');
    const events: Record<string, any>[] = await m.query(
      `SELECT e.id, e.action, e.from_status, e.to_status, e.actor_id, e.assignee_id, e.comment, e.at, ua.display_name AS actor_name, ue.display_name AS assignee_name
       FROM assignment_events e JOIN users ua ON ua.id = e.actor_id JOIN users ue ON ue.id = e.assignee_id
       WHERE e.assignment_id = $1 ORDER BY e.id`,
      [id],
    );
    const history: AssignmentEventDto[] = events.map((e) => ({
      id: Number(e.id),
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actorId: e.actor_id,
      actorName: e.actor_name,
      assigneeId: e.assignee_id,
      assigneeName: e.assignee_name,
      comment: e.comment,
      at: new Date(e.at).toISOString(),
    }));
    return { ...toAssignmentResponse(entities[0], raw[0]), history };
  }
}
