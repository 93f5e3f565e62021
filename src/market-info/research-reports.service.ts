import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../access/actor';
import { grantingRoles } from '../access/policy';
import { positionalScope, scopeCondition, type ScopeCondition } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { Page, paginateJoined } from '../common/pagination';
import { findOneInScope } from '../database/find-in-scope';
import { updateVersioned } from '../database/versioned-update';
import { TasksService } from '../tasks/tasks.service';
import type {
  CreateResearchReportDto,
  ListResearchReportsQueryDto,
  ResearchReportDetailDto,
  ResearchReportDto,
  UpdateResearchReportDto,
} from './dto/research-report.dto';
import { containsPattern, MAX_SEARCH_TERMS, searchTerms } from './market-info-rules';
import { MarketInfoErrors } from './market-info.errors';
import { MARKET_INFO_SCOPE_COLUMNS } from './market-info.service';
import { missingForSubmit, RESEARCH_TRANSITIONS, researchTransition, type ResearchAction, type ResearchStatus } from './research-report-rules';
import { ResearchReport } from './research-report.entity';

/** The scope columns: a report belongs to its writer (owner), in the writer's department. */
export const RESEARCH_SCOPE_COLUMNS = { owner: 'r.owner_id', department: 'r.department' };
const SEARCH_TEXT = `(r.title || ' ' || r.topic || ' ' || coalesce(r.body, ''))`;
/** The tasks (待办) of a report carry this cause-key prefix. */
export const researchTaskPrefix = (id: string) => `research-report:${id}:`;
/** Who reviews a department's reports: research.review at department scope (the 经理). */
const REVIEWER_ROLES = grantingRoles('research.review')
  .filter((g) => g.scope === 'department')
  .map((g) => g.role);
/** What an edit changed, in the history's words (by column). */
const EDITED: Record<string, string> = { title: '标题', topic: '主题', region: '地区', body: '正文', conclusions: '结论与建议', entries: '依据的市场信息' };

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const short = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n)}…` : s);

export function toResearchReportResponse(r: ResearchReport, raw: Record<string, unknown>): ResearchReportDto {
  return {
    id: r.id,
    title: r.title,
    topic: r.topic,
    region: r.region,
    body: r.body,
    conclusions: r.conclusions,
    status: r.status,
    ownerId: r.ownerId,
    ownerName: String(raw.owner_name ?? ''),
    department: r.department,
    submissionRound: r.submissionRound,
    submittedAt: iso(r.submittedAt),
    decidedAt: iso(r.decidedAt),
    decidedBy: r.decidedBy,
    decidedByName: (raw.decider_name as string | null) ?? null,
    decisionComment: r.decisionComment,
    returnCount: r.returnCount,
    entryCount: Number(raw.entry_count ?? 0),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * 市场调查报告 (MKT-5.2, MKT-4.5, KA-5.5, KA-4.4): a 主管 or 专员 writes a report on what the market
 * information shows and submits it to the department's 经理, who accepts it or returns it with a
 * comment; a returned report is edited and submitted again. The 经理 gets a task (待办) on each
 * submission, the writer one on a return. Every step is one row of the history, one audit row and
 * the tasks it opens or closes — in one transaction.
 */
@Injectable()
export class ResearchReportsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateResearchReportDto): Promise<ResearchReportDetailDto> {
    return this.ds.transaction(async (m) => {
      const [{ id }] = await m.query(
        `INSERT INTO research_reports (title, topic, region, body, conclusions, owner_id, department) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [dto.title, dto.topic, dto.region ?? null, dto.body ?? null, dto.conclusions ?? null, actor.id, actor.department],
      );
      await this.linkEntries(m, actor, id, dto.entryIds ?? []);
      await this.event(m, id, 'create', null, 'draft', actor.id, null);
      const out = await this.read(m, actor, id);
      await this.audit.record(m, actor, { action: 'research-report.create', entity: 'research_report', entityId: id, after: out });
      return out;
    });
  }

  /** research.read by the writer's position (own / team / department / all); filters never widen it. */
  async list(actor: Actor, q: ListResearchReportsQueryDto): Promise<Page<ResearchReportDto>> {
    const terms = searchTerms(q.q);
    if (terms.length > MAX_SEARCH_TERMS) throw MarketInfoErrors.tooManyTerms();
    const scope = scopeCondition(actor, 'research.read', RESEARCH_SCOPE_COLUMNS);
    const qb = this.joined(this.ds.manager).where(scope.sql, scope.params);
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (q.ownerId) qb.andWhere('r.owner_id = :ownerId', { ownerId: q.ownerId });
    if (q.region) qb.andWhere('r.region = :region', { region: q.region });
    if (q.entryId) qb.andWhere('EXISTS (SELECT 1 FROM research_report_entries le WHERE le.report_id = r.id AND le.entry_id = :entryId)', { entryId: q.entryId });
    terms.forEach((term, i) => qb.andWhere(`${SEARCH_TEXT} ILIKE :term${i} ESCAPE '\\'`, { [`term${i}`]: containsPattern(term) }));
    return paginateJoined(
      qb,
      q,
      { updatedAt: 'r.updated_at', createdAt: 'r.created_at', submittedAt: 'r.submitted_at', title: 'r.title', status: 'r.status' },
      '-updatedAt',
      toResearchReportResponse,
    );
  }

  async get(actor: Actor, id: string): Promise<ResearchReportDetailDto> {
    const scope = scopeCondition(actor, 'research.read', RESEARCH_SCOPE_COLUMNS);
    await findOneInScope(this.ds.getRepository(ResearchReport).createQueryBuilder('r').select('r.id'), scope, id, '调查报告');
    return this.read(this.ds.manager, actor, id);
  }

  /** PATCH by the writer while a draft or returned; `entryIds`, when given, replaces the links. */
  async update(actor: Actor, id: string, dto: UpdateResearchReportDto): Promise<ResearchReportDetailDto> {
    return this.change(actor, id, 'edit', async (m, r, to) => {
      if (r.version !== dto.version) throw CommonErrors.staleVersion();
      // only what differs: the history says what the writer really changed
      const set: Record<string, unknown> = {};
      for (const k of ['title', 'topic', 'region', 'body', 'conclusions'] as const) if (dto[k] !== undefined && dto[k] !== r[k]) set[k] = dto[k];
      const changed = Object.keys(set);
      if (dto.entryIds !== undefined) {
        const linked: { entry_id: string }[] = await m.query(`SELECT entry_id FROM research_report_entries WHERE report_id = $1 ORDER BY seq`, [id]);
        if (linked.map((l) => l.entry_id).join() !== dto.entryIds.map((e) => e.toLowerCase()).join()) {
          await m.query(`DELETE FROM research_report_entries WHERE report_id = $1`, [id]);
          await this.linkEntries(m, actor, id, dto.entryIds);
          changed.push('entries');
        }
      }
      await updateVersioned(m, 'research_reports', id, dto.version, set);
      await this.event(m, id, 'edit', r.status, to, actor.id, changed.length ? `修改了${changed.map((k) => EDITED[k]).join('、')}` : null);
    });
  }

  /** 提交审核 (the writer): complete reports only; the department's 经理 each get a task. */
  async submit(actor: Actor, id: string): Promise<ResearchReportDetailDto> {
    return this.change(actor, id, 'submit', async (m, r, to) => {
      const missing = missingForSubmit(r);
      if (missing.length) throw MarketInfoErrors.reportIncomplete(missing);
      const round = r.submissionRound + 1;
      await updateVersioned(m, 'research_reports', id, r.version, {
        status: to,
        submission_round: round,
        submitted_at: new Date(),
        decided_at: null,
        decided_by: null,
        decision_comment: null,
      });
      await this.event(m, id, 'submit', r.status, to, actor.id, null);
      await this.tasks.closeByCause(m, researchTaskPrefix(id));
      const reviewers: { id: string }[] = await m.query(
        `SELECT id FROM users WHERE active AND department = $1 AND role = ANY($2) AND id <> $3 ORDER BY display_name, id`,
        [r.department, REVIEWER_ROLES, r.ownerId],
      );
      await this.tasks.createMany(
        m,
        reviewers.map((u) => ({
          assigneeId: u.id,
          kind: 'research-report.review',
          title: `调查报告待审核（${actor.displayName}${round > 1 ? `，第 ${round} 次提交` : ''}）：${short(r.title)}`,
          entity: 'research-report',
          entityId: id,
          causeKey: `${researchTaskPrefix(id)}r${round}:review:${u.id}`,
        })),
      );
    });
  }

  /** 审核通过 (the department's 经理). */
  async accept(actor: Actor, id: string, comment: string | null): Promise<ResearchReportDetailDto> {
    return this.change(actor, id, 'accept', async (m, r, to) => {
      await updateVersioned(m, 'research_reports', id, r.version, { status: to, decided_at: new Date(), decided_by: actor.id, decision_comment: comment });
      await this.event(m, id, 'accept', r.status, to, actor.id, comment);
      await this.tasks.closeByCause(m, researchTaskPrefix(id));
    });
  }

  /** 退回 (the department's 经理, with why): the writer gets a task to revise it. */
  async returnReport(actor: Actor, id: string, comment: string): Promise<ResearchReportDetailDto> {
    return this.change(actor, id, 'return', async (m, r, to) => {
      await updateVersioned(m, 'research_reports', id, r.version, { status: to, decided_at: new Date(), decided_by: actor.id, decision_comment: comment }, ['return_count = return_count + 1']);
      await this.event(m, id, 'return', r.status, to, actor.id, comment);
      await this.tasks.closeByCause(m, researchTaskPrefix(id));
      await this.tasks.createMany(m, [
        {
          assigneeId: r.ownerId,
          kind: 'research-report.returned',
          title: `调查报告被退回（${short(comment, 60)}）：${short(r.title)}`,
          entity: 'research-report',
          entityId: id,
          causeKey: `${researchTaskPrefix(id)}r${r.submissionRound}:returned`,
        },
      ]);
    });
  }

  // ── the machinery ─────────────────────────────────────────────────────

  /**
   * One audited step under a row lock. The writer's steps find the report among the caller's own
   * (research.write), the reviewer's among the department's (research.review) — 404 otherwise; a
   * state that does not allow the step is 409; nobody decides on their own report.
   */
  private async change(
    actor: Actor,
    id: string,
    action: ResearchAction,
    apply: (m: EntityManager, r: ResearchReport, to: ResearchStatus) => Promise<void>,
  ): Promise<ResearchReportDetailDto> {
    const by = RESEARCH_TRANSITIONS[action].by;
    const scope = scopeCondition(actor, by === 'writer' ? 'research.write' : 'research.review', RESEARCH_SCOPE_COLUMNS);
    return this.ds.transaction(async (m) => {
      const r = await findOneInScope(m.getRepository(ResearchReport).createQueryBuilder('r'), scope, id, '调查报告', true);
      if (by === 'reviewer' && r.ownerId === actor.id) throw MarketInfoErrors.selfReview();
      const to = researchTransition(r.status, action);
      const before = await this.read(m, actor, id);
      await apply(m, r, to);
      const after = await this.read(m, actor, id);
      await this.audit.record(m, actor, { action: `research-report.${action === 'edit' ? 'update' : action}`, entity: 'research_report', entityId: id, before, after });
      return after;
    });
  }

  /** The linked entries, in the order given: each one the writer may read (marketinfo.read), else 404. */
  private async linkEntries(m: EntityManager, actor: Actor, id: string, entryIds: string[]): Promise<void> {
    if (!entryIds.length) return;
    const ids = [...new Set(entryIds.map((e) => e.toLowerCase()))];
    if (ids.length !== entryIds.length) throw CommonErrors.validation([{ field: 'entryIds', message: 'entryIds 不能重复' }]);
    const scope: ScopeCondition = scopeCondition(actor, 'marketinfo.read', MARKET_INFO_SCOPE_COLUMNS);
    const params: unknown[] = [ids];
    const found: { id: string }[] = await m.query(`SELECT m.id FROM market_info m WHERE m.id = ANY($1::uuid[]) AND ${positionalScope(scope, params)}`, params);
    if (found.length !== ids.length) throw MarketInfoErrors.linkedEntry();
    await m.query(
      `INSERT INTO research_report_entries (report_id, entry_id, seq) SELECT $1, e.id, e.seq FROM unnest($2::uuid[]) WITH ORDINALITY AS e(id, seq)`,
      [id, ids],
    );
  }

  private async event(m: EntityManager, id: string, action: ResearchAction | 'create', from: ResearchStatus | null, to: ResearchStatus, actorId: string, comment: string | null): Promise<void> {
    await m.query(`INSERT INTO research_report_events (report_id, action, from_status, to_status, actor_id, comment) VALUES ($1, $2, $3, $4, $5, $6)`, [
      id,
      action,
      from,
      to,
      actorId,
      comment,
    ]);
  }

  private joined(m: EntityManager): SelectQueryBuilder<ResearchReport> {
    return m
      .getRepository(ResearchReport)
      .createQueryBuilder('r')
      .leftJoin('users', 'o', 'o.id = r.owner_id')
      .leftJoin('users', 'd', 'd.id = r.decided_by')
      .addSelect('o.display_name', 'owner_name')
      .addSelect('d.display_name', 'decider_name')
      .addSelect('(SELECT count(*)::int FROM research_report_entries ce WHERE ce.report_id = r.id)', 'entry_count');
  }

  /** The report with its names, its linked entries (those the reader may read) and its history. */
  private async read(m: EntityManager, actor: Actor, id: string): Promise<ResearchReportDetailDto> {
    const { entities, raw } = await this.joined(m).where('r.id = :id', { id }).getRawAndEntities();
    if (!entities.length) throw CommonErrors.notFound('调查报告');
    const readable = scopeCondition(actor, 'marketinfo.read', MARKET_INFO_SCOPE_COLUMNS);
    const params: unknown[] = [id];
    const links: { id: string; category: string; title: string; status: string; stale_since: Date | null; readable: boolean }[] = await m.query(
      `SELECT m.id, m.category, m.title, m.status, m.stale_since, (${positionalScope(readable, params)}) AS readable
       FROM research_report_entries e JOIN market_info m ON m.id = e.entry_id WHERE e.report_id = $1 ORDER BY e.seq`,
      params,
    );
    const events: Record<string, any>[] = await m.query(
      `SELECT e.id, e.action, e.from_status, e.to_status, e.actor_id, e.comment, e.at, u.display_name AS actor_name
       FROM research_report_events e JOIN users u ON u.id = e.actor_id WHERE e.report_id = $1 ORDER BY e.id`,
      [id],
    );
    return {
      ...toResearchReportResponse(entities[0], raw[0]),
      entryIds: links.map((l) => l.id),
      entries: links
        .filter((l) => l.readable)
        .map((l) => ({ id: l.id, category: l.category as never, title: l.title, status: l.status as never, stale: l.stale_since !== null })),
      history: events.map((e) => ({
        id: Number(e.id),
        action: e.action,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        actorId: e.actor_id,
        actorName: e.actor_name,
        comment: e.comment,
        at: new Date(e.at).toISOString(),
      })),
    };
  }
}
