import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { grantFor } from '../access/policy';
import { DEPARTMENT_NAMES, isRole, ROLE_INFO, type Department, type RoleCode } from '../access/roles';
import { positionalScope, scopeCondition } from '../access/scope';
import { APP_CONFIG } from '../app.tokens';
import { REACH_WORDS, takesWork, withinReach } from '../assignments/assignment-rules';
import { ASSIGNMENT_SCOPE_COLUMNS, AssignmentsService, workDeadline, type Assigner } from '../assignments/assignments.service';
import { AuditService } from '../audit/audit.service';
import { AppError, CommonErrors } from '../common/app-error';
import { sortColumn, type Page } from '../common/pagination';
import { businessDate, startOfDayIn, toInstant } from '../common/time';
import { updateVersioned } from '../database/versioned-update';
import { escapeLike } from '../users/users.service';
import type { ActionItemDto, ActionItemInputDto, CreateMeetingDto, ListMeetingsQueryDto, MeetingDto, MeetingSummaryDto, UpdateMeetingDto } from './dto/meeting.dto';
import { mayChair, meetingTransition, type MeetingAction, type MeetingStatus } from './meeting-rules';
import { meetingReadScope, meetingRecordScope } from './meeting-scope';
import { MeetingsErrors } from './meetings.errors';

const SORTABLE: Record<string, string> = { heldAt: 'm.held_at', createdAt: 'm.created_at', updatedAt: 'm.updated_at', publishedAt: 'm.published_at' };
const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

interface Locked {
  id: string;
  department: Department;
  chairId: string;
  title: string;
  heldAt: Date;
  status: MeetingStatus;
  version: number;
}

/** An action item as saved: its deadline worked out as the 交办事项 will have it. */
interface Item {
  title: string;
  assigneeId: string;
  priority: string;
  due: { at: Date; date: string };
}

/**
 * 部门会议记录 (SAL-8.6): the 助理 records the minutes of her department's meetings — who chaired
 * and attended, the decisions and the action items — as a draft, and publishes them. Publishing
 * turns every action item into a 交办事项 handed out by the chair (the 助理 only records), in the
 * same transaction: all of them or, naming the item that cannot be handed out, none.
 */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly assignments: AssignmentsService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreateMeetingDto): Promise<MeetingDto> {
    const attendees = this.attendeeIds(dto.attendeeIds ?? []);
    const items = this.items(dto.actionItems ?? []);
    return this.ds.transaction(async (m) => {
      await this.chair(m, actor.department, dto.chairId);
      await this.checkPeople(m, attendees, items);
      const [{ id }] = await m.query(
        `INSERT INTO meetings (department, recorder_id, chair_id, title, kind, held_at, location, agenda, minutes, decisions)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [actor.department, actor.id, dto.chairId, dto.title, dto.kind, toInstant(dto.heldAt, this.config.businessTz), dto.location ?? null, dto.agenda ?? null, dto.minutes ?? null, JSON.stringify(dto.decisions ?? [])],
      );
      await this.writeAttendees(m, id, attendees);
      await this.writeItems(m, id, items);
      const out = await this.read(m, actor, id);
      await this.audit.record(m, actor, { action: 'meeting.create', entity: 'meeting', entityId: id, after: out });
      return out;
    });
  }

  async list(actor: Actor, q: ListMeetingsQueryDto): Promise<Page<MeetingSummaryDto>> {
    const tz = this.config.businessTz;
    const params: unknown[] = [];
    const where = [positionalScope(meetingReadScope(actor), params)];
    if (q.status) where.push(`m.status = $${params.push(q.status)}`);
    if (q.kind) where.push(`m.kind = $${params.push(q.kind)}`);
    if (q.chairId) where.push(`m.chair_id = $${params.push(q.chairId)}`);
    if (q.department) where.push(`m.department = $${params.push(q.department)}`);
    if (q.attendeeId) where.push(`EXISTS (SELECT 1 FROM meeting_attendees fa WHERE fa.meeting_id = m.id AND fa.user_id = $${params.push(q.attendeeId)})`);
    if (q.from) where.push(`m.held_at >= $${params.push(startOfDayIn(q.from, tz))}`);
    if (q.to) where.push(`m.held_at < $${params.push(startOfDayIn(nextDay(q.to), tz))}`);
    if (q.q) where.push(`m.title ILIKE $${params.push(`%${escapeLike(q.q)}%`)} ESCAPE '\\'`);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const { column, dir } = sortColumn(q.sort ?? '-heldAt', SORTABLE);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM meetings m WHERE ${where.join(' AND ')}`, params);
    const ids: { id: string }[] = await this.ds.query(
      `SELECT m.id FROM meetings m WHERE ${where.join(' AND ')} ORDER BY ${column} ${dir} NULLS LAST, m.id ${dir} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return { items: await this.summaries(this.ds.manager, ids.map((r) => r.id)), total, totalExact: true, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<MeetingDto> {
    const params: unknown[] = [id];
    const [found] = await this.ds.query(`SELECT m.id FROM meetings m WHERE m.id = $1 AND ${positionalScope(meetingReadScope(actor), params)}`, params);
    if (!found) throw CommonErrors.notFound('会议纪要');
    return this.read(this.ds.manager, actor, id);
  }

  /** PATCH a draft (the version read): the fields given; attendees, decisions and action items given replace the old lists. */
  async update(actor: Actor, id: string, dto: UpdateMeetingDto): Promise<MeetingDto> {
    const attendees = dto.attendeeIds && this.attendeeIds(dto.attendeeIds);
    const items = dto.actionItems && this.items(dto.actionItems);
    return this.change(actor, id, 'edit', 'meeting.update', async (m, row) => {
      if (row.version !== dto.version) throw CommonErrors.staleVersion();
      if (dto.chairId !== undefined) await this.chair(m, row.department, dto.chairId);
      await this.checkPeople(m, attendees ?? [], items ?? []);
      const set: Record<string, unknown> = {};
      if (dto.title !== undefined) set.title = dto.title;
      if (dto.kind !== undefined) set.kind = dto.kind;
      if (dto.heldAt !== undefined) set.held_at = toInstant(dto.heldAt, this.config.businessTz);
      if (dto.location !== undefined) set.location = dto.location;
      if (dto.chairId !== undefined) set.chair_id = dto.chairId;
      if (dto.agenda !== undefined) set.agenda = dto.agenda;
      if (dto.minutes !== undefined) set.minutes = dto.minutes;
      if (dto.decisions !== undefined) set.decisions = JSON.stringify(dto.decisions);
      await updateVersioned(m, 'meetings', id, dto.version, set);
      if (attendees) {
        await m.query(`DELETE FROM meeting_attendees WHERE meeting_id = $1`, [id]);
        await this.writeAttendees(m, id, attendees);
      }
      if (items) {
        await m.query(`DELETE FROM meeting_action_items WHERE meeting_id = $1`, [id]);
        await this.writeItems(m, id, items);
      }
    });
  }

  /**
   * 发布: every action item becomes a 交办事项 of the chair — within the chair's reach of
   * assignment.assign, as when the chair hands out work in person — with the assignee's task and
   * its audit row; an item that cannot be handed out is a 422 naming it, and then nothing is.
   */
  async publish(actor: Actor, id: string): Promise<MeetingDto> {
    const tz = this.config.businessTz;
    return this.change(actor, id, 'publish', 'meeting.publish', async (m, row, to) => {
      const chair = await this.chair(m, row.department, row.chairId);
      const items: Record<string, any>[] = await m.query(
        `SELECT i.id, i.seq, i.title, i.assignee_id, i.due_at, to_char(i.due_date, 'YYYY-MM-DD') AS due_date, i.priority,
                u.role, u.department, u.supervisor_id, u.active, u.display_name
         FROM meeting_action_items i JOIN users u ON u.id = i.assignee_id WHERE i.meeting_id = $1 ORDER BY i.seq`,
        [id],
      );
      const today = businessDate(new Date(), tz);
      const heldOn = businessDate(row.heldAt, tz);
      const scope = grantFor(chair.role, 'assignment.assign')?.scope;
      for (const it of items) {
        const ref = { seq: Number(it.seq), title: String(it.title) };
        const who = `${it.display_name}（${isRole(it.role) ? ROLE_INFO[it.role].name : it.role}）`;
        const person = { id: String(it.assignee_id), role: it.role as RoleCode, department: String(it.department), supervisorId: it.supervisor_id as string | null };
        if (!it.active) throw MeetingsErrors.itemUnassignable(ref, `承办人 ${who} 已停用`, 'ASSIGNEE_INACTIVE');
        if (person.id === chair.id) throw MeetingsErrors.itemUnassignable(ref, `承办人是主持人 ${chair.displayName} 本人，不能交办给自己`, 'ASSIGNEE_IS_CHAIR');
        if (!isRole(person.role) || !takesWork(person.role, grantFor)) throw MeetingsErrors.itemUnassignable(ref, `${who}不承办交办事项`, 'ASSIGNEE_TAKES_NO_WORK');
        if (!withinReach(scope, chair, person)) {
          throw MeetingsErrors.itemUnassignable(ref, `${who}不在主持人 ${chair.displayName} 的交办范围内（${REACH_WORDS[scope ?? 'own']}）`, 'OUT_OF_CHAIR_REACH');
        }
        if (it.due_date < today) throw MeetingsErrors.itemUnassignable(ref, `截止日期 ${it.due_date} 已过`, 'DUE_IN_PAST');
        let assignmentId: string;
        try {
          const a = await this.assignments.assignOnBehalf(m, actor, chair, {
            title: ref.title,
            description: `会议纪要「${row.title}」（${heldOn}，主持人 ${chair.displayName}）的行动项 ${ref.seq}`,
            dueAt: new Date(it.due_at).toISOString(),
            priority: it.priority,
            assigneeId: person.id,
            entity: 'meeting',
            entityId: id,
            note: `会议纪要发布时生成（记录人 ${actor.displayName}）`,
          });
          assignmentId = a.id;
        } catch (err) {
          // whatever else the 交办 rules refuse, said of the item (the transaction rolls back)
          if (err instanceof AppError && err.status < 500) throw MeetingsErrors.itemUnassignable(ref, err.detail ?? err.title, err.code);
          throw err;
        }
        await m.query(`UPDATE meeting_action_items SET assignment_id = $2 WHERE id = $1`, [it.id, assignmentId]);
      }
      await updateVersioned(m, 'meetings', id, row.version, { status: to, published_at: new Date(), published_by: actor.id });
    });
  }

  // ── the machinery ─────────────────────────────────────────────────────

  /** One audited change of a draft in the caller's meeting.record scope, under a row lock (404 outside it). */
  private async change(
    actor: Actor,
    id: string,
    action: MeetingAction,
    audit: string,
    apply: (m: EntityManager, row: Locked, to: MeetingStatus) => Promise<void>,
  ): Promise<MeetingDto> {
    return this.ds.transaction(async (m) => {
      const params: unknown[] = [id];
      const [r] = await m.query(
        `SELECT m.id, m.department, m.chair_id, m.title, m.held_at, m.status, m.version FROM meetings m WHERE m.id = $1 AND ${positionalScope(meetingRecordScope(actor), params)} FOR UPDATE`,
        params,
      );
      if (!r) throw CommonErrors.notFound('会议纪要');
      const row: Locked = { id: r.id, department: r.department, chairId: r.chair_id, title: r.title, heldAt: new Date(r.held_at), status: r.status, version: r.version };
      const to = meetingTransition(row.status, action);
      const before = await this.read(m, actor, id);
      await apply(m, row, to);
      const after = await this.read(m, actor, id);
      await this.audit.record(m, actor, { action: audit, entity: 'meeting', entityId: id, before, after });
      return after;
    });
  }

  /** The chair: an active 经理 or 主管 of the meeting's department (422 otherwise). */
  private async chair(m: EntityManager, department: Department, id: string): Promise<Assigner> {
    const [u] = await m.query(`SELECT id, role, department, display_name, active FROM users WHERE id = $1`, [id]);
    if (!u || !u.active || !isRole(u.role) || !mayChair(u.role, department)) throw MeetingsErrors.chairInvalid(DEPARTMENT_NAMES[department]);
    return { id: u.id, role: u.role, department: u.department, displayName: u.display_name };
  }

  private attendeeIds(ids: string[]): string[] {
    const seen = new Set<string>();
    ids.forEach((a, i) => {
      if (seen.has(a)) throw MeetingsErrors.duplicate(`attendeeIds.${i}`, '参会人员重复');
      seen.add(a);
    });
    return ids;
  }

  /** The action items with their deadlines (a date: the end of that business day); none before today. */
  private items(items: ActionItemInputDto[]): Item[] {
    const tz = this.config.businessTz;
    const today = businessDate(new Date(), tz);
    return items.map((it, i) => {
      const due = workDeadline(it.dueAt, tz);
      if (due.date < today) throw MeetingsErrors.dueInPast(i + 1, today);
      return { title: it.title, assigneeId: it.assigneeId, priority: it.priority ?? 'normal', due };
    });
  }

  /** Attendees and assignees are active staff (never the admin); who may be handed what is decided on publishing. */
  private async checkPeople(m: EntityManager, attendees: string[], items: Item[]): Promise<void> {
    const ids = [...new Set([...attendees, ...items.map((i) => i.assigneeId)])];
    if (!ids.length) return;
    const rows: { id: string }[] = await m.query(`SELECT id FROM users WHERE id = ANY($1::uuid[]) AND active AND role <> 'admin'`, [ids]);
    const known = new Set(rows.map((r) => r.id));
    attendees.forEach((a, i) => {
      if (!known.has(a)) throw MeetingsErrors.personInvalid(`attendeeIds.${i}`, `参会人员第 ${i + 1} 位不存在或已停用`);
    });
    items.forEach((it, i) => {
      if (!known.has(it.assigneeId)) throw MeetingsErrors.personInvalid(`actionItems.${i}.assigneeId`, `行动项 ${i + 1} 的承办人不存在或已停用`);
    });
  }

  private async writeAttendees(m: EntityManager, id: string, attendees: string[]): Promise<void> {
    if (!attendees.length) return;
    await m.query(`INSERT INTO meeting_attendees (meeting_id, user_id) SELECT $1, unnest($2::uuid[])`, [id, attendees]);
  }

  private async writeItems(m: EntityManager, id: string, items: Item[]): Promise<void> {
    for (const [i, it] of items.entries()) {
      await m.query(`INSERT INTO meeting_action_items (meeting_id, seq, title, assignee_id, due_at, due_date, priority) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        id,
        i + 1,
        it.title,
        it.assigneeId,
        it.due.at,
        it.due.date,
        it.priority,
      ]);
    }
  }

  /** The list's rows: one query, whatever the page size. */
  private async summaries(m: EntityManager, ids: string[]): Promise<MeetingSummaryDto[]> {
    if (!ids.length) return [];
    const rows: Record<string, any>[] = await m.query(
      `SELECT m.*, c.display_name AS chair_name, r.display_name AS recorder_name,
              (SELECT count(*)::int FROM meeting_attendees ma WHERE ma.meeting_id = m.id) AS attendee_count,
              (SELECT count(*)::int FROM meeting_action_items ai WHERE ai.meeting_id = m.id) AS action_item_count
       FROM meetings m JOIN users c ON c.id = m.chair_id JOIN users r ON r.id = m.recorder_id
       WHERE m.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    return ids.map((id) => toSummary(byId.get(id)!));
  }

  /** The minutes in full, with each action item's 交办事项 and whether the reader may open it. */
  private async read(m: EntityManager, actor: Actor, id: string): Promise<MeetingDto> {
    const [summary] = await this.summaries(m, [id]);
    const [row] = await m.query(`SELECT agenda, minutes, decisions, published_by FROM meetings WHERE id = $1`, [id]);
    const attendees: Record<string, any>[] = await m.query(
      `SELECT u.id, u.display_name, u.role FROM meeting_attendees ma JOIN users u ON u.id = ma.user_id WHERE ma.meeting_id = $1 ORDER BY u.display_name, u.id`,
      [id],
    );
    const scope = scopeCondition(actor, 'assignment.read', ASSIGNMENT_SCOPE_COLUMNS);
    const params: unknown[] = [id, actor.id];
    const readable = `(a.id IS NOT NULL AND (a.assigner_id = $2 OR ${positionalScope(scope, params)}))`;
    const items: Record<string, any>[] = await m.query(
      `SELECT i.seq, i.title, i.assignee_id, u.display_name AS assignee_name, i.due_at, to_char(i.due_date, 'YYYY-MM-DD') AS due_date, i.priority,
              i.assignment_id, a.status AS assignment_status, ${readable} AS readable
       FROM meeting_action_items i JOIN users u ON u.id = i.assignee_id LEFT JOIN assignments a ON a.id = i.assignment_id
       WHERE i.meeting_id = $1 ORDER BY i.seq`,
      params,
    );
    return {
      ...summary,
      agenda: row.agenda,
      minutes: row.minutes,
      decisions: row.decisions,
      attendees: attendees.map((u) => ({ id: u.id, displayName: u.display_name, roleName: isRole(u.role) ? ROLE_INFO[u.role].name : u.role })),
      actionItems: items.map(
        (i): ActionItemDto => ({
          seq: Number(i.seq),
          title: i.title,
          assigneeId: i.assignee_id,
          assigneeName: i.assignee_name,
          dueAt: iso(i.due_at)!,
          dueDate: i.due_date,
          priority: i.priority,
          assignmentId: i.assignment_id,
          assignmentStatus: i.assignment_status ?? null,
          assignmentReadable: i.readable === true,
        }),
      ),
      publishedBy: row.published_by,
    };
  }
}

function toSummary(r: Record<string, any>): MeetingSummaryDto {
  return {
    id: r.id,
    department: r.department,
    title: r.title,
    kind: r.kind,
    heldAt: iso(r.held_at)!,
    location: r.location,
    chairId: r.chair_id,
    chairName: r.chair_name,
    recorderId: r.recorder_id,
    recorderName: r.recorder_name,
    status: r.status,
    attendeeCount: r.attendee_count,
    actionItemCount: r.action_item_count,
    publishedAt: iso(r.published_at),
    version: r.version,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}
