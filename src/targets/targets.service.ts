import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { grantFor } from '../access/policy';
import type { Permission } from '../access/duty.types';
import { DEPARTMENT_NAMES, isRole } from '../access/roles';
import type { Department } from '../access/roles';
import { positionalScope, scopeCondition } from '../access/scope';
import { APP_CONFIG } from '../app.tokens';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { sortColumn, type Page } from '../common/pagination';
import { businessDate } from '../common/time';
import { updateVersioned } from '../database/versioned-update';
import { targetsAttainment, type TargetLike } from './attainment';
import type {
  CreateTargetDto,
  DeletedTargetsDto,
  ListTargetsQueryDto,
  MyTargetPeriodDto,
  MyTargetsDto,
  TargetDetailDto,
  TargetDto,
  TargetVersionDto,
  UpdateTargetDto,
} from './dto/target.dto';
import {
  formatUnits,
  formatValue,
  isMoneyMeasure,
  Measure,
  MEASURES,
  meanRate,
  PART_LEVELS,
  periodOf,
  periodStart,
  splitCheck,
  TargetLevel,
  TargetPeriodType,
  targetBounds,
  valueUnits,
} from './target-rules';
import { TargetsErrors } from './targets.errors';

/** The scope columns of a target: its person (or team's supervisor) and its department. */
const SCOPE = { owner: 't.owner_id', department: 't.department' };

/** A stored target row, as read by `SELECT_TARGET`. */
interface TargetRow {
  id: string;
  level: TargetLevel;
  department: Department;
  owner_id: string | null;
  owner_name: string | null;
  parent_id: string | null;
  period_type: TargetPeriodType;
  period: string;
  measure: Measure;
  value: string;
  over_parent: boolean;
  note: string | null;
  version: number;
  created_by: string;
  updated_by: string;
  updated_by_name: string;
  created_at: Date;
  updated_at: Date;
  parts_count: number;
  parts_sum: string;
}

const SELECT_TARGET = `SELECT t.id, t.level, t.department, t.owner_id, o.display_name AS owner_name, t.parent_id, t.period_type, t.period, t.measure,
    t.value::text AS value, t.over_parent, t.note, t.version, t.created_by, t.updated_by, ub.display_name AS updated_by_name, t.created_at, t.updated_at,
    (SELECT count(*)::int FROM targets c WHERE c.parent_id = t.id) AS parts_count,
    (SELECT COALESCE(sum(c.value), 0)::text FROM targets c WHERE c.parent_id = t.id) AS parts_sum
  FROM targets t LEFT JOIN users o ON o.id = t.owner_id JOIN users ub ON ub.id = t.updated_by`;

const SORTABLE: Record<string, string> = {
  period: 't.period_from',
  measure: 't.measure',
  level: "array_position(ARRAY['department','team','person']::varchar[], t.level)",
  value: 't.value',
  createdAt: 't.created_at',
  updatedAt: 't.updated_at',
};

const asLike = (r: TargetRow): TargetLike => ({
  level: r.level,
  ownerId: r.owner_id,
  department: r.department,
  periodType: r.period_type,
  period: r.period,
  measure: r.measure,
  value: r.value,
});

/**
 * 计划与指标 (KA-4.1, MKT-4.2, SAL-4.8, SAL-4.7, SAL-5.3, MKT-5.1): the 经理 sets the department's
 * targets and splits them to teams and people; a 主管 splits the team's share to their reports. The
 * parts never add up to more than the whole unless the setter says so (`overParent`, kept on the
 * part and in the audit). Attainment is always computed from the records.
 */
@Injectable()
export class TargetsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get tz(): string {
    return this.config.businessTz;
  }

  async create(actor: Actor, dto: CreateTargetDto): Promise<TargetDto> {
    return this.ds
      .transaction(async (m) => {
        const scope = grantFor(actor.role, 'target.manage')?.scope;
        let row: { level: TargetLevel; department: Department; ownerId: string | null; parentId: string | null; period: string; measure: Measure };
        let exceeded: { parentValue: string; partsSum: string } | null = null;
        if (dto.level === 'department') {
          if (scope !== 'department' && scope !== 'all') throw TargetsErrors.departmentLevel();
          if (dto.parentId !== undefined) throw TargetsErrors.field('parentId', '部门指标没有上级指标，不能填写 parentId');
          if (dto.userId !== undefined) throw TargetsErrors.field('userId', '部门指标属于整个部门，不能填写 userId');
          if (dto.period === undefined) throw TargetsErrors.field('period', '部门指标必须填写 period');
          if (dto.measure === undefined) throw TargetsErrors.field('measure', '部门指标必须填写 measure');
          if (dto.overParent) throw TargetsErrors.field('overParent', '部门指标没有上级指标');
          this.checkValue(dto.measure, dto.value);
          row = { level: 'department', department: actor.department, ownerId: null, parentId: null, period: dto.period, measure: dto.measure };
        } else {
          if (dto.parentId === undefined) throw TargetsErrors.field('parentId', '团队和个人指标必须分解自一个上级指标（parentId）');
          if (dto.userId === undefined) throw TargetsErrors.field('userId', `${dto.level === 'team' ? '团队指标必须指定主管' : '个人指标必须指定本人'}（userId）`);
          // the whole is locked: two parts set at once cannot both pass the sum rule
          const parent = await this.findInScope(m, actor, dto.parentId, 'target.manage', true);
          if (!PART_LEVELS[parent.level].includes(dto.level)) throw TargetsErrors.notSplittable(parent.level, dto.level);
          if (dto.period !== undefined && dto.period !== parent.period) throw TargetsErrors.partMismatch('period', parent.period);
          if (dto.measure !== undefined && dto.measure !== parent.measure) throw TargetsErrors.partMismatch('measure', parent.measure);
          await this.checkSubject(m, dto.level, dto.userId, parent);
          this.checkValue(parent.measure, dto.value);
          const check = splitCheck(parent.value, valueUnits(parent.parts_sum), dto.value);
          if (check.exceeds) {
            const sums = { parentValue: formatValue(parent.measure, parent.value), partsSum: formatUnits(parent.measure, check.sum) };
            if (!dto.overParent) throw TargetsErrors.partsExceedParent({ ...this.parentInfo(parent), ...sums, remaining: formatUnits(parent.measure, check.remaining) });
            exceeded = sums;
          }
          row = { level: dto.level, department: parent.department, ownerId: dto.userId, parentId: parent.id, period: parent.period, measure: parent.measure };
        }
        const type = periodTypeOf(row.period);
        const [{ id }] = await m.query(
          `INSERT INTO targets (level, department, owner_id, parent_id, period_type, period, period_from, measure, value, over_parent, note, created_by, updated_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
          [row.level, row.department, row.ownerId, row.parentId, type, row.period, periodStart(type, row.period), row.measure, dto.value, !!dto.overParent, dto.note ?? null, actor.id],
        );
        await this.recordVersion(m, id, actor.id);
        const out = await this.readOne(m, id);
        await this.audit.record(m, actor, { action: 'target.create', entity: 'target', entityId: id, after: exceeded ? { ...out, exceedsParent: exceeded } : out });
        return out;
      })
      .catch(duplicate);
  }

  async update(actor: Actor, id: string, dto: UpdateTargetDto): Promise<TargetDto> {
    return this.ds.transaction(async (m) => {
      // the whole first, then the part (as a removal takes them): two writers never wait on each other crosswise
      const [link] = await m.query(`SELECT parent_id FROM targets WHERE id = $1`, [id]);
      if (link?.parent_id) await m.query(`SELECT id FROM targets WHERE id = $1 FOR UPDATE`, [link.parent_id]);
      const t = await this.findInScope(m, actor, id, 'target.manage', true);
      await this.checkSplitter(m, actor, t);
      if (dto.version !== t.version) throw CommonErrors.staleVersion();
      const value = dto.value ?? t.value;
      const overParent = dto.overParent ?? t.over_parent;
      this.checkValue(t.measure, value);
      if (valueUnits(value) < valueUnits(t.parts_sum)) throw TargetsErrors.belowParts(formatValue(t.measure, value), formatValue(t.measure, t.parts_sum));
      let exceeded: { parentValue: string; partsSum: string } | null = null;
      if (t.parent_id) {
        const parent = await this.readRow(m, t.parent_id);
        const check = splitCheck(parent.value, valueUnits(parent.parts_sum) - valueUnits(t.value), value);
        if (check.exceeds) {
          const sums = { parentValue: formatValue(parent.measure, parent.value), partsSum: formatUnits(parent.measure, check.sum) };
          if (!overParent) throw TargetsErrors.partsExceedParent({ ...this.parentInfo(parent), ...sums, remaining: formatUnits(parent.measure, check.remaining) });
          exceeded = sums;
        }
      } else if (dto.overParent) {
        throw TargetsErrors.field('overParent', '部门指标没有上级指标');
      }
      const before = await this.readOne(m, id);
      await updateVersioned(m, 'targets', id, dto.version, {
        value,
        over_parent: t.parent_id ? overParent : false,
        note: dto.note !== undefined ? dto.note : t.note,
        updated_by: actor.id,
      });
      await this.recordVersion(m, id, actor.id);
      const after = await this.readOne(m, id);
      await this.audit.record(m, actor, { action: 'target.update', entity: 'target', entityId: id, before, after: exceeded ? { ...after, exceedsParent: exceeded } : after });
      return after;
    });
  }

  /**
   * A target with parts is removed only when the caller says so (`withParts`): then its parts go
   * with it, each audited. Without it: 409 TARGET_HAS_PARTS, nothing removed.
   */
  async remove(actor: Actor, id: string, withParts: boolean): Promise<DeletedTargetsDto> {
    return this.ds.transaction(async (m) => {
      const t = await this.findInScope(m, actor, id, 'target.manage', true);
      await this.checkSplitter(m, actor, t);
      const tree: Array<{ id: string; depth: number }> = await m.query(
        `WITH RECURSIVE tree AS (SELECT id, 0 AS depth FROM targets WHERE id = $1
           UNION ALL SELECT c.id, tree.depth + 1 FROM targets c JOIN tree ON c.parent_id = tree.id)
         SELECT id, depth FROM tree ORDER BY depth DESC, id`,
        [id],
      );
      if (tree.length > 1 && !withParts) throw TargetsErrors.hasParts(tree.length - 1);
      // deepest first; every removed target is one audit row
      await m.query(`SELECT id FROM targets WHERE id = ANY($1) FOR UPDATE`, [tree.map((r) => r.id)]);
      const rows = await this.readMany(m, tree.map((r) => r.id));
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const { id: gone } of tree) {
        await m.query(`DELETE FROM targets WHERE id = $1`, [gone]);
        await this.audit.record(m, actor, { action: 'target.delete', entity: 'target', entityId: gone, before: byId.get(gone)!, after: gone === id ? null : { removedWith: id } });
      }
      return { deletedIds: tree.map((r) => r.id) };
    });
  }

  async list(actor: Actor, q: ListTargetsQueryDto): Promise<Page<TargetDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const params: unknown[] = [];
    const where = [positionalScope(scopeCondition(actor, 'target.read', SCOPE), params)];
    if (q.periodType) where.push(`t.period_type = $${params.push(q.periodType)}`);
    if (q.period) where.push(`t.period = $${params.push(q.period)}`);
    if (q.measure) where.push(`t.measure = $${params.push(q.measure)}`);
    if (q.level) where.push(`t.level = $${params.push(q.level)}`);
    if (q.userId) where.push(`t.owner_id = $${params.push(q.userId)}`);
    if (q.department) where.push(`t.department = $${params.push(q.department)}`);
    if (q.parentId) where.push(`t.parent_id = $${params.push(q.parentId)}`);
    const { column, dir } = sortColumn(q.sort ?? '-period', SORTABLE);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM targets t WHERE ${where.join(' AND ')}`, params);
    const rows: TargetRow[] = await this.ds.query(
      `${SELECT_TARGET} WHERE ${where.join(' AND ')}
       ORDER BY ${column} ${dir}, array_position(ARRAY['department','team','person']::varchar[], t.level), t.measure, o.display_name, t.id ${dir}
       LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return { items: await this.toDtos(this.ds.manager, rows), total, totalExact: true, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<TargetDetailDto> {
    const m = this.ds.manager;
    const t = await this.findInScope(m, actor, id, 'target.read');
    const params: unknown[] = [id];
    const scope = positionalScope(scopeCondition(actor, 'target.read', SCOPE), params);
    const parts: TargetRow[] = await m.query(`${SELECT_TARGET} WHERE t.parent_id = $1 AND ${scope} ORDER BY array_position(ARRAY['department','team','person']::varchar[], t.level), o.display_name, t.id`, params);
    let parent: TargetDetailDto['parent'] = null;
    if (t.parent_id) {
      const pp: unknown[] = [t.parent_id];
      const [p] = await m.query(
        `SELECT t.id, t.level, t.measure, t.value::text AS value, o.display_name AS owner_name FROM targets t LEFT JOIN users o ON o.id = t.owner_id
         WHERE t.id = $1 AND ${positionalScope(scopeCondition(actor, 'target.read', SCOPE), pp)}`,
        pp,
      );
      if (p) parent = { id: p.id, level: p.level, userName: p.owner_name, value: formatValue(p.measure, p.value) };
    }
    const versions: Array<Record<string, any>> = await m.query(
      `SELECT v.version, v.value::text AS value, v.over_parent, v.note, v.changed_by, u.display_name AS changed_by_name, v.changed_at
       FROM target_versions v JOIN users u ON u.id = v.changed_by WHERE v.target_id = $1 ORDER BY v.version`,
      [id],
    );
    const [self, ...partDtos] = await this.toDtos(m, [t, ...parts]);
    return {
      ...self,
      parent,
      parts: partDtos,
      versions: versions.map(
        (v): TargetVersionDto => ({
          version: v.version,
          value: formatValue(t.measure, v.value),
          overParent: v.over_parent,
          note: v.note,
          changedBy: v.changed_by,
          changedByName: v.changed_by_name,
          changedAt: new Date(v.changed_at).toISOString(),
        }),
      ),
    };
  }

  /**
   * 我的指标 (SAL-7.2, MKT-6.3, KA-6.4): the targets whose subject is the caller — set for them in
   * person, or for the team they lead — for one period, or by default this month, quarter and year.
   */
  async mine(actor: Actor, period?: string): Promise<MyTargetsDto> {
    const today = businessDate(new Date(), this.tz);
    const periods: Array<[TargetPeriodType, string]> = period
      ? [[periodTypeOf(period), period]]
      : (['month', 'quarter', 'year'] as const).map((type) => [type, periodOf(type, today)]);
    const params: unknown[] = [actor.id, periods.map((p) => p[1])];
    const scope = positionalScope(scopeCondition(actor, 'target.read', SCOPE), params);
    const order = params.push([...MEASURES]);
    const rows: TargetRow[] = await this.ds.query(
      `${SELECT_TARGET} WHERE t.owner_id = $1 AND t.period = ANY($2) AND ${scope}
       ORDER BY array_position(ARRAY['team','person']::varchar[], t.level), array_position($${order}::varchar[], t.measure), t.id`,
      params,
    );
    const dtos = await this.toDtos(this.ds.manager, rows);
    return {
      periods: periods.map(([type, p]): MyTargetPeriodDto => {
        const b = targetBounds(type, p, this.tz);
        const items = dtos.filter((d) => d.period === p);
        return { periodType: type, period: p, from: b.from, to: lastDay(b.until), items, rate: meanRate(items.map((i) => i.rate)) };
      }),
    };
  }

  // ── rules ───────────────────────────────────────────────────────────

  /** Counts are whole numbers; nothing is zero. */
  private checkValue(measure: Measure, value: string): void {
    const units = valueUnits(value);
    if (units <= 0n) throw TargetsErrors.zeroValue();
    if (!isMoneyMeasure(measure) && units % 100n !== 0n) throw TargetsErrors.countValue(measure);
  }

  /**
   * Whom a part may be set for: a team target names a 主管 of the parent's department; a person
   * target names a 业务员 or 专员 (those who read their own targets) of that department — under a
   * team target, one of that 主管's direct reports.
   */
  private async checkSubject(m: EntityManager, level: TargetLevel, userId: string, parent: TargetRow): Promise<void> {
    const [u]: Array<{ role: string; department: string; active: boolean; supervisor_id: string | null }> = await m.query(
      `SELECT role, department, active, supervisor_id FROM users WHERE id = $1`,
      [userId],
    );
    if (!u || !u.active || !isRole(u.role)) throw TargetsErrors.subjectInvalid('指标只能设定给已启用的员工');
    if (u.department !== parent.department) throw TargetsErrors.subjectInvalid(`只能分解给${DEPARTMENT_NAMES[parent.department]}的人员`);
    if (level === 'team' && !u.role.endsWith('.supervisor')) throw TargetsErrors.subjectInvalid('团队指标只能设定给主管（按主管及其直接下属的记录统计）');
    if (level === 'person' && grantFor(u.role, 'target.read')?.scope !== 'own') throw TargetsErrors.subjectInvalid('个人指标只能设定给业务员或专员');
    if (parent.level === 'team' && u.supervisor_id !== parent.owner_id) throw TargetsErrors.subjectInvalid(`团队指标只能分解给该团队主管（${parent.owner_name ?? ''}）的直接下属`);
  }

  /**
   * A 主管 (target.manage at team scope) changes only what they split: person targets under their
   * own team target. The team's own target and targets the 经理 set directly stay the 经理's.
   */
  private async checkSplitter(m: EntityManager, actor: Actor, t: TargetRow): Promise<void> {
    if (grantFor(actor.role, 'target.manage')?.scope !== 'team') return;
    if (t.level !== 'person' || !t.parent_id) throw TargetsErrors.notTheSplitter();
    const [p] = await m.query(`SELECT level, owner_id FROM targets WHERE id = $1`, [t.parent_id]);
    if (!p || p.level !== 'team' || p.owner_id !== actor.id) throw TargetsErrors.notTheSplitter();
  }

  private parentInfo(parent: TargetRow) {
    return {
      parentId: parent.id,
      parentLevel: parent.level,
      parentName: parent.level === 'department' ? DEPARTMENT_NAMES[parent.department] : (parent.owner_name ?? ''),
      measure: parent.measure,
    };
  }

  // ── reads ───────────────────────────────────────────────────────────

  private async findInScope(m: EntityManager, actor: Actor, id: string, permission: Permission, lock = false): Promise<TargetRow> {
    const params: unknown[] = [id];
    const scope = positionalScope(scopeCondition(actor, permission, SCOPE), params);
    if (lock) {
      const locked = await m.query(`SELECT t.id FROM targets t WHERE t.id = $1 AND ${scope} FOR UPDATE`, params);
      if (!locked.length) throw CommonErrors.notFound('指标');
      return this.readRow(m, id);
    }
    const [row] = await m.query(`${SELECT_TARGET} WHERE t.id = $1 AND ${scope}`, params);
    if (!row) throw CommonErrors.notFound('指标');
    return row;
  }

  private async readRow(m: EntityManager, id: string): Promise<TargetRow> {
    const [row] = await m.query(`${SELECT_TARGET} WHERE t.id = $1`, [id]);
    if (!row) throw CommonErrors.notFound('指标');
    return row;
  }

  private async readMany(m: EntityManager, ids: string[]): Promise<TargetDto[]> {
    const rows: TargetRow[] = await m.query(`${SELECT_TARGET} WHERE t.id = ANY($1)`, [ids]);
    return this.toDtos(m, rows);
  }

  private async readOne(m: EntityManager, id: string): Promise<TargetDto> {
    return (await this.toDtos(m, [await this.readRow(m, id)]))[0];
  }

  private async recordVersion(m: EntityManager, id: string, by: string): Promise<void> {
    await m.query(
      `INSERT INTO target_versions (target_id, version, value, over_parent, note, changed_by) SELECT id, version, value, over_parent, note, $2 FROM targets WHERE id = $1`,
      [id, by],
    );
  }

  /** Rows to responses, with every actual computed in one query. */
  private async toDtos(m: EntityManager, rows: TargetRow[]): Promise<TargetDto[]> {
    const results = await targetsAttainment(m, rows.map(asLike), this.tz);
    return rows.map((r, i) => {
      const b = targetBounds(r.period_type, r.period, this.tz);
      const person = r.level === 'person';
      return {
        id: r.id,
        level: r.level,
        department: r.department,
        departmentName: DEPARTMENT_NAMES[r.department] ?? r.department,
        userId: r.owner_id,
        userName: r.owner_name,
        parentId: r.parent_id,
        periodType: r.period_type,
        period: r.period,
        from: b.from,
        to: lastDay(b.until),
        measure: r.measure,
        value: formatValue(r.measure, r.value),
        actual: results[i].actual,
        rate: results[i].rate,
        partsCount: r.parts_count,
        partsSum: person ? null : formatValue(r.measure, r.parts_sum),
        remaining: person ? null : formatUnits(r.measure, valueUnits(r.value) - valueUnits(r.parts_sum)),
        overParent: r.over_parent,
        note: r.note,
        version: r.version,
        createdBy: r.created_by,
        updatedBy: r.updated_by,
        updatedByName: r.updated_by_name,
        createdAt: new Date(r.created_at).toISOString(),
        updatedAt: new Date(r.updated_at).toISOString(),
      };
    });
  }
}

/** `2026` → year, `2026-Q4` → quarter, `2026-12` → month (the DTO checked the form). */
export function periodTypeOf(period: string): TargetPeriodType {
  return period.includes('Q') ? 'quarter' : period.length === 4 ? 'year' : 'month';
}

function lastDay(until: string): string {
  return new Date(Date.parse(`${until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function duplicate(err: unknown): never {
  if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '23505') throw TargetsErrors.exists();
  throw err;
}
