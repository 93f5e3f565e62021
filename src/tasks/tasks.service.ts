import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { paginate, Page } from '../common/pagination';
import { OutboxService } from '../notifications/outbox.service';
import type { ListTasksQueryDto, TaskDto } from './dto/task.dto';
import { Task } from './task.entity';

export interface NewTask {
  assigneeId: string;
  kind: string;
  title: string;
  entity?: string;
  entityId?: string;
  /** Unique per cause: a second task for the same cause is silently not created. */
  causeKey: string;
  dueAt?: Date | null;
}

export function toTaskResponse(t: Task): TaskDto {
  return {
    id: t.id,
    kind: t.kind,
    title: t.title,
    entity: t.entity,
    entityId: t.entityId,
    dueAt: t.dueAt ? t.dueAt.toISOString() : null,
    status: t.status,
    doneAt: t.doneAt ? t.doneAt.toISOString() : null,
    createdAt: t.createdAt.toISOString(),
  };
}

@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Creates the tasks that do not exist yet (by cause key) in the caller's transaction, and their
   * notifications in the same transaction (the outbox); returns how many were new.
   */
  async createMany(m: EntityManager, tasks: NewTask[]): Promise<number> {
    const created: string[] = [];
    for (const t of tasks) {
      const rows: { id: string }[] = await m.query(
        `INSERT INTO tasks (assignee_id, kind, title, entity, entity_id, cause_key, due_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (cause_key) DO NOTHING RETURNING id`,
        [t.assigneeId, t.kind, t.title, t.entity ?? null, t.entityId ?? null, t.causeKey, t.dueAt ?? null],
      );
      created.push(...rows.map((r) => r.id));
    }
    await this.outbox.enqueueTasks(m, created);
    return created.length;
  }

  /** Closes the open tasks whose cause key starts with `prefix` (the step they were for is decided). */
  async closeByCause(m: EntityManager, prefix: string): Promise<void> {
    await m.query(`UPDATE tasks SET status = 'done', done_at = now() WHERE status = 'open' AND cause_key LIKE $1`, [
      `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    ]);
  }

  async mine(actor: Actor, query: ListTasksQueryDto): Promise<Page<TaskDto>> {
    const qb = this.ds.getRepository(Task).createQueryBuilder('t').where('t.assignee_id = :me', { me: actor.id });
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    return paginate(qb, query, { createdAt: 't.created_at', dueAt: 't.due_at' }, '-createdAt', toTaskResponse);
  }

  async done(actor: Actor, id: string): Promise<TaskDto> {
    return this.ds.transaction(async (m) => {
      const task = await m.getRepository(Task).createQueryBuilder('t').where('t.id = :id AND t.assignee_id = :me', { id, me: actor.id }).setLock('pessimistic_write').getOne();
      if (!task) throw CommonErrors.notFound('待办');
      if (task.status === 'open') {
        await m.query(`UPDATE tasks SET status = 'done', done_at = now() WHERE id = $1`, [id]);
        await this.audit.record(m, actor, { action: 'task.done', entity: 'task', entityId: id });
      }
      return toTaskResponse(await m.getRepository(Task).findOneByOrFail({ id }));
    });
  }
}
