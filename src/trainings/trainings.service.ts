import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { grantFor } from '../access/policy';
import { isRole, ROLE_INFO, type RoleCode } from '../access/roles';
import { positionalScope } from '../access/scope';
import { APP_CONFIG } from '../app.tokens';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { sortColumn, type Page } from '../common/pagination';
import { startOfDayIn, toInstant } from '../common/time';
import { updateVersioned } from '../database/versioned-update';
import { TasksService } from '../tasks/tasks.service';
import { escapeLike } from '../users/users.service';
import type { CreateTrainingDto, HoldTrainingDto, ListTrainingsQueryDto, TrainingDto, TrainingSummaryDto, UpdateTrainingDto } from './dto/training.dto';
import { INVITE_WORDS, KIND_NAMES, mayInvite, trainingFigures, trainingTransition, type TrainingAction, type TrainingStatus } from './training-rules';
import { trainingManageScope, trainingReadScope } from './training-scope';
import { TrainingsErrors } from './trainings.errors';

const SORTABLE: Record<string, string> = { heldAt: 't.held_at', createdAt: 't.created_at', updatedAt: 't.updated_at' };
const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const roleName = (role: string) => (isRole(role) ? ROLE_INFO[role].name : role);

interface Locked {
  id: string;
  organiserId: string;
  title: string;
  kind: keyof typeof KIND_NAMES;
  heldAt: Date;
  status: TrainingStatus;
  version: number;
}

/** The invitation tasks of a session all carry this cause-key prefix. */
const invitePrefix = (id: string) => `training:${id}:invite:`;

/**
 * 培训 (MKT-4.4, MKT-5.7, SAL-5.5, KA-4.7): a 主管 trains the team, a 经理 the department —
 * 入职培训 or 业务培训, with trainer, time, hours and material. The invitees get a task; after the
 * session the organiser records who came, their scores and feedback, and evaluates the effect: the
 * figures are computed from that record, the organiser's assessment is kept beside them.
 */
@Injectable()
export class TrainingsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreateTrainingDto): Promise<TrainingDto> {
    const attendees = this.unique(dto.attendeeIds);
    const heldAt = toInstant(dto.heldAt, this.config.businessTz);
    return this.ds.transaction(async (m) => {
      await this.checkInvitees(m, actor, attendees);
      const [{ id }] = await m.query(
        `INSERT INTO trainings (organiser_id, department, title, kind, trainer_name, held_at, hours, material, material_links)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [actor.id, actor.department, dto.title, dto.kind, dto.trainerName, heldAt, dto.hours, dto.material ?? null, JSON.stringify(dto.materialLinks ?? [])],
      );
      await this.invite(m, actor, { id, title: dto.title, kind: dto.kind, heldAt }, attendees);
      const out = await this.read(m, id);
      await this.audit.record(m, actor, { action: 'training.create', entity: 'training', entityId: id, after: out });
      return out;
    });
  }

  async list(actor: Actor, q: ListTrainingsQueryDto): Promise<Page<TrainingSummaryDto>> {
    const tz = this.config.businessTz;
    const params: unknown[] = [];
    const where = [positionalScope(trainingReadScope(actor), params)];
    if (q.status) where.push(`t.status = $${params.push(q.status)}`);
    if (q.kind) where.push(`t.kind = $${params.push(q.kind)}`);
    if (q.organiserId) where.push(`t.organiser_id = $${params.push(q.organiserId)}`);
    if (q.department) where.push(`t.department = $${params.push(q.department)}`);
    if (q.attendeeId) where.push(`EXISTS (SELECT 1 FROM training_attendees fa WHERE fa.training_id = t.id AND fa.user_id = $${params.push(q.attendeeId)})`);
    if (q.from) where.push(`t.held_at >= $${params.push(startOfDayIn(q.from, tz))}`);
    if (q.to) where.push(`t.held_at < $${params.push(startOfDayIn(nextDay(q.to), tz))}`);
    if (q.q) where.push(`t.title ILIKE $${params.push(`%${escapeLike(q.q)}%`)} ESCAPE '\\'`);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const { column, dir } = sortColumn(q.sort ?? '-heldAt', SORTABLE);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM trainings t WHERE ${where.join(' AND ')}`, params);
    const ids: { id: string }[] = await this.ds.query(
      `SELECT t.id FROM trainings t WHERE ${where.join(' AND ')} ORDER BY ${column} ${dir}, t.id ${dir} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return { items: await this.summaries(this.ds.manager, ids.map((r) => r.id)), total, totalExact: true, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<TrainingDto> {
    const params: unknown[] = [id];
    const [found] = await this.ds.query(`SELECT t.id FROM trainings t WHERE t.id = $1 AND ${positionalScope(trainingReadScope(actor), params)}`, params);
    if (!found) throw CommonErrors.notFound('培训');
    const out = await this.read(this.ds.manager, id);
    // a trainee reading at own scope sees the figures, but only their own score and feedback
    if (grantFor(actor.role, 'training.read')?.scope !== 'own' || out.organiserId === actor.id) return out;
    return { ...out, attendees: out.attendees.map((a) => (a.userId === actor.id ? a : { ...a, score: null, feedback: null })) };
  }

  /** PATCH while planned, with the version read; new invitees get a task, those left out lose theirs. */
  async update(actor: Actor, id: string, dto: UpdateTrainingDto): Promise<TrainingDto> {
    const attendees = dto.attendeeIds && this.unique(dto.attendeeIds);
    const heldAt = dto.heldAt !== undefined ? toInstant(dto.heldAt, this.config.businessTz) : undefined;
    return this.change(actor, id, 'edit', 'training.update', async (m, t) => {
      if (t.version !== dto.version) throw CommonErrors.staleVersion();
      const set: Record<string, unknown> = {};
      if (dto.title !== undefined) set.title = dto.title;
      if (dto.kind !== undefined) set.kind = dto.kind;
      if (dto.trainerName !== undefined) set.trainer_name = dto.trainerName;
      if (heldAt) set.held_at = heldAt;
      if (dto.hours !== undefined) set.hours = dto.hours;
      if (dto.material !== undefined) set.material = dto.material;
      if (dto.materialLinks !== undefined) set.material_links = JSON.stringify(dto.materialLinks);
      await updateVersioned(m, 'trainings', id, dto.version, set);
      if (attendees) {
        await this.checkInvitees(m, actor, attendees);
        const before: string[] = (await m.query(`SELECT user_id FROM training_attendees WHERE training_id = $1`, [id])).map((r: { user_id: string }) => r.user_id);
        const gone = before.filter((u) => !attendees.includes(u));
        await m.query(`DELETE FROM training_attendees WHERE training_id = $1 AND user_id = ANY($2::uuid[])`, [id, gone]);
        for (const u of gone) await this.tasks.closeByCause(m, `${invitePrefix(id)}${u}`);
        const session = { id, title: dto.title ?? t.title, kind: dto.kind ?? t.kind, heldAt: heldAt ?? t.heldAt };
        await this.invite(m, actor, session, attendees.filter((u) => !before.includes(u)));
      }
      // the invitations still open follow the new time
      if (heldAt) await m.query(`UPDATE tasks SET due_at = $2 WHERE status = 'open' AND cause_key LIKE $1`, [`${invitePrefix(id)}%`, heldAt]);
    });
  }

  /**
   * 记录培训情况: every invitee once — attended or not, a score (0–100) only for those who came,
   * their feedback. May be corrected until the evaluation. The invitations are closed.
   */
  async hold(actor: Actor, id: string, dto: HoldTrainingDto): Promise<TrainingDto> {
    return this.change(actor, id, 'hold', 'training.hold', async (m, t, to) => {
      const invited: string[] = (await m.query(`SELECT user_id FROM training_attendees WHERE training_id = $1`, [id])).map((r: { user_id: string }) => r.user_id);
      const seen = new Set<string>();
      dto.attendance.forEach((a, i) => {
        if (seen.has(a.userId)) throw TrainingsErrors.attendanceInvalid(`attendance.${i}.userId`, '同一人只能记录一次');
        seen.add(a.userId);
        if (!invited.includes(a.userId)) throw TrainingsErrors.attendanceInvalid(`attendance.${i}.userId`, '此人不在本次培训的受训人员名单中');
        if (!a.attended && a.score !== undefined && a.score !== null) throw TrainingsErrors.attendanceInvalid(`attendance.${i}.score`, '未参加的人员不能有成绩');
      });
      const missing = invited.filter((u) => !seen.has(u));
      if (missing.length) throw TrainingsErrors.attendanceInvalid('attendance', `还有 ${missing.length} 位受训人员未记录是否参加`);
      for (const a of dto.attendance) {
        await m.query(`UPDATE training_attendees SET attended = $3, score = $4, feedback = $5 WHERE training_id = $1 AND user_id = $2`, [
          id,
          a.userId,
          a.attended,
          a.attended ? (a.score ?? null) : null,
          a.feedback ?? null,
        ]);
      }
      await updateVersioned(m, 'trainings', id, t.version, { status: to, held_recorded_at: new Date() });
      await this.tasks.closeByCause(m, invitePrefix(id));
    });
  }

  /** 评估效果: the organiser's assessment beside the computed figures; the record is final then. */
  async evaluate(actor: Actor, id: string, assessment: string): Promise<TrainingDto> {
    return this.change(actor, id, 'evaluate', 'training.evaluate', async (m, t, to) => {
      await updateVersioned(m, 'trainings', id, t.version, { status: to, assessment, evaluated_by: actor.id, evaluated_at: new Date() });
    });
  }

  async cancel(actor: Actor, id: string, reason: string | null): Promise<TrainingDto> {
    return this.change(actor, id, 'cancel', 'training.cancel', async (m, t, to) => {
      await updateVersioned(m, 'trainings', id, t.version, { status: to, cancelled_at: new Date(), cancel_reason: reason });
      await this.tasks.closeByCause(m, invitePrefix(id));
    });
  }

  // ── the machinery ─────────────────────────────────────────────────────

  /** One audited change of a session in the caller's training.manage scope, under a row lock (404 outside it). */
  private async change(
    actor: Actor,
    id: string,
    action: TrainingAction,
    audit: string,
    apply: (m: EntityManager, t: Locked, to: TrainingStatus) => Promise<void>,
  ): Promise<TrainingDto> {
    return this.ds.transaction(async (m) => {
      const params: unknown[] = [id];
      const [r] = await m.query(
        `SELECT t.id, t.organiser_id, t.title, t.kind, t.held_at, t.status, t.version FROM trainings t WHERE t.id = $1 AND ${positionalScope(trainingManageScope(actor), params)} FOR UPDATE`,
        params,
      );
      if (!r) throw CommonErrors.notFound('培训');
      const t: Locked = { id: r.id, organiserId: r.organiser_id, title: r.title, kind: r.kind, heldAt: new Date(r.held_at), status: r.status, version: r.version };
      const to = trainingTransition(t.status, action);
      const before = await this.read(m, id);
      await apply(m, t, to);
      const after = await this.read(m, id);
      await this.audit.record(m, actor, { action: audit, entity: 'training', entityId: id, before, after });
      return after;
    });
  }

  private unique(ids: string[]): string[] {
    const seen = new Set<string>();
    ids.forEach((u, i) => {
      if (seen.has(u)) throw TrainingsErrors.duplicate(`attendeeIds.${i}`, '受训人员重复');
      seen.add(u);
    });
    return ids;
  }

  /** Every invitee is active staff within the caller's training.manage reach (team: direct reports; department: the department), else 422. */
  private async checkInvitees(m: EntityManager, actor: Actor, ids: string[]): Promise<void> {
    const grant = grantFor(actor.role, 'training.manage');
    const rows: { id: string; role: string; department: string; supervisor_id: string | null; active: boolean; display_name: string }[] = await m.query(
      `SELECT id, role, department, supervisor_id, active, display_name FROM users WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    ids.forEach((uid, i) => {
      const u = byId.get(uid);
      const words = INVITE_WORDS[grant?.scope ?? 'own'];
      if (!u || !u.active || !isRole(u.role)) throw TrainingsErrors.attendeeOutOfScope(i, `受训人员第 ${i + 1} 位不存在或已停用`, grant?.clauses ?? []);
      const person = { id: u.id, role: u.role as RoleCode, department: u.department, supervisorId: u.supervisor_id };
      if (!mayInvite(grant?.scope, actor, person)) throw TrainingsErrors.attendeeOutOfScope(i, `${words}：${u.display_name}（${roleName(u.role)}）不在您的培训范围内`, grant?.clauses ?? []);
    });
  }

  /** The invitees' rows and their tasks (待办): one per person and session. */
  private async invite(m: EntityManager, actor: Actor, t: { id: string; title: string; kind: keyof typeof KIND_NAMES; heldAt: Date }, userIds: string[]): Promise<void> {
    if (!userIds.length) return;
    await m.query(`INSERT INTO training_attendees (training_id, user_id) SELECT $1, unnest($2::uuid[])`, [t.id, userIds]);
    const title = `${KIND_NAMES[t.kind]}邀请（${actor.displayName}）：${t.title.length > 120 ? `${t.title.slice(0, 120)}…` : t.title}`;
    await this.tasks.createMany(
      m,
      userIds.map((u) => ({ assigneeId: u, kind: 'training.invited', title, entity: 'training', entityId: t.id, causeKey: `${invitePrefix(t.id)}${u}`, dueAt: t.heldAt })),
    );
  }

  /** The list's rows with their figures: two queries, whatever the page size. */
  private async summaries(m: EntityManager, ids: string[]): Promise<TrainingSummaryDto[]> {
    if (!ids.length) return [];
    const rows: Record<string, any>[] = await m.query(
      `SELECT t.*, o.display_name AS organiser_name FROM trainings t JOIN users o ON o.id = t.organiser_id WHERE t.id = ANY($1::uuid[])`,
      [ids],
    );
    const marks: { training_id: string; attended: boolean | null; score: number | null }[] = await m.query(
      `SELECT training_id, attended, score FROM training_attendees WHERE training_id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    return ids.map((id) => {
      const r = byId.get(id)!;
      const recorded = r.status === 'held' || r.status === 'evaluated';
      return {
        id: r.id,
        organiserId: r.organiser_id,
        organiserName: r.organiser_name,
        department: r.department,
        title: r.title,
        kind: r.kind,
        trainerName: r.trainer_name,
        heldAt: iso(r.held_at)!,
        hours: Number(r.hours),
        status: r.status,
        figures: recorded ? trainingFigures(marks.filter((x) => x.training_id === id)) : null,
        version: r.version,
        createdAt: iso(r.created_at)!,
        updatedAt: iso(r.updated_at)!,
      };
    });
  }

  private async read(m: EntityManager, id: string): Promise<TrainingDto> {
    const [summary] = await this.summaries(m, [id]);
    const [r] = await m.query(
      `SELECT material, material_links, held_recorded_at, assessment, evaluated_by, evaluated_at, cancelled_at, cancel_reason FROM trainings WHERE id = $1`,
      [id],
    );
    const attendees: Record<string, any>[] = await m.query(
      `SELECT a.user_id, u.display_name, u.role, a.attended, a.score, a.feedback FROM training_attendees a JOIN users u ON u.id = a.user_id
       WHERE a.training_id = $1 ORDER BY u.display_name, u.id`,
      [id],
    );
    return {
      ...summary,
      material: r.material,
      materialLinks: r.material_links,
      attendees: attendees.map((a) => ({ userId: a.user_id, displayName: a.display_name, roleName: roleName(a.role), attended: a.attended, score: a.score, feedback: a.feedback })),
      heldRecordedAt: iso(r.held_recorded_at),
      assessment: r.assessment,
      evaluatedBy: r.evaluated_by,
      evaluatedAt: iso(r.evaluated_at),
      cancelledAt: iso(r.cancelled_at),
      cancelReason: r.cancel_reason,
    };
  }
}
