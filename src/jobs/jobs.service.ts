import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { CronJob } from 'cron';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { APP_CONFIG } from '../app.tokens';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { businessDate } from '../common/time';
import { AdvisoryLock } from '../database/advisory-locks';
import { JobRun } from './job-run.entity';
import type { JobsOverviewDto, RunOutcomeDto } from './dto/job.dto';
import type { JobDefinition } from './job.types';

/** What a run came to (RunOutcomeDto documents it). */
export type RunOutcome = RunOutcomeDto;

/** Advisory-lock key of a job: a fixed base plus a stable hash of the name, so no two jobs share one. */
export function jobLockKey(name: string): number {
  return AdvisoryLock.JobRunBase + (createHash('sha256').update(name).digest().readUInt32BE(0) % 100_000);
}

/**
 * The job runner every scheduled job uses (SPEC §7, §9). A run takes a transaction-scoped advisory
 * lock (`pg_try_advisory_xact_lock`: a crashed instance leaves no lock), claims its (job, slot) row
 * — unique, so a slot runs once across instances — and does its work in the same transaction.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly jobs = new Map<string, JobDefinition>();
  /** Runs in progress, awaited on shutdown: each one commits or rolls back, never half-done. */
  private readonly running = new Set<Promise<RunOutcome>>();
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scheduler: SchedulerRegistry,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(def: JobDefinition): void {
    if (this.jobs.has(def.name)) throw new Error(`job ${def.name} registered twice`);
    this.jobs.set(def.name, def);
  }

  definitions(): JobDefinition[] {
    return [...this.jobs.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    for (const def of this.jobs.values()) {
      const cron = CronJob.from({
        cronTime: def.cron,
        timeZone: this.config.businessTz,
        start: true,
        onTick: () => {
          if (this.stopping) return;
          void this.run(def.name, null, 'schedule').catch((err: unknown) => this.logger.error(`${def.name}: ${(err as Error).message}`));
        },
      });
      this.scheduler.addCronJob(def.name, cron as never);
    }
    this.logger.log(`已调度 ${this.jobs.size} 个定时任务（时区 ${this.config.businessTz}）`);
  }

  /** Shutdown: no new scheduled run, and the runs in progress finish (or roll back) first. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const job of this.scheduler.getCronJobs().values()) void job.stop();
    if (this.running.size === 0) return;
    this.logger.log(`等待 ${this.running.size} 个正在运行的定时任务结束…`);
    await Promise.allSettled([...this.running]);
  }

  /** Runs `name` for the business date `asOf` (default: today in BUSINESS_TZ). */
  run(name: string, asOf: string | null, trigger: 'schedule' | 'manual', triggeredBy: string | null = null): Promise<RunOutcome> {
    const p = this.execute(name, asOf, trigger, triggeredBy);
    this.running.add(p);
    p.then(
      () => this.running.delete(p),
      () => this.running.delete(p),
    );
    return p;
  }

  private async execute(name: string, asOf: string | null, trigger: 'schedule' | 'manual', triggeredBy: string | null): Promise<RunOutcome> {
    const def = this.jobs.get(name);
    if (!def) throw CommonErrors.notFound('定时任务');
    const now = new Date();
    const date = asOf ?? businessDate(now, this.config.businessTz);
    const slot = def.slotFor ? def.slotFor(date, now, this.config.businessTz) : date;
    const base = { job: name, slot, asOf: date };
    try {
      return await this.ds.transaction(async (m) => {
        // One lock per (job, slot): another slot of the same job is not held up by this one.
        const [{ locked }] = await m.query('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked', [jobLockKey(name), slot]);
        if (!locked) return { ...base, status: 'skipped' as const, reason: 'locked' as const };
        const claimed: { id: string }[] = await m.query(
          `INSERT INTO job_runs (job, slot, as_of, status, trigger, triggered_by) VALUES ($1, $2, $3, 'running', $4, $5)
           ON CONFLICT (job, slot) DO UPDATE SET status = 'running', trigger = EXCLUDED.trigger, triggered_by = EXCLUDED.triggered_by,
             started_at = clock_timestamp(), error = NULL, finished_at = NULL
           WHERE job_runs.status = 'failed'
           RETURNING id`,
          [name, slot, date, trigger, triggeredBy],
        );
        if (!claimed.length) return { ...base, status: 'skipped' as const, reason: 'already_ran' as const };
        const summary = await def.run({ asOf: date, slot, tz: this.config.businessTz, manager: m });
        await m.query(`UPDATE job_runs SET status = 'succeeded', summary = $2, finished_at = clock_timestamp() WHERE id = $1`, [claimed[0].id, JSON.stringify(summary)]);
        this.logger.log(`${name} [${slot}] 完成: ${JSON.stringify(summary)}`);
        return { ...base, status: 'succeeded' as const, summary };
      });
    } catch (err) {
      // The work rolled back; keep the failure on record (the slot may be run again).
      const message = (err as Error).message?.slice(0, 2000) ?? String(err);
      this.logger.error(`${name} [${slot}] 失败: ${message}`);
      await this.ds.query(
        `INSERT INTO job_runs (job, slot, as_of, status, trigger, triggered_by, error, finished_at)
         VALUES ($1, $2, $3, 'failed', $4, $5, $6, clock_timestamp())
         ON CONFLICT (job, slot) DO UPDATE SET status = 'failed', error = EXCLUDED.error, finished_at = EXCLUDED.finished_at
         WHERE job_runs.status <> 'succeeded'`,
        [name, slot, date, trigger, triggeredBy, message],
      );
      return { ...base, status: 'failed', error: '任务执行失败，详情见服务器日志' };
    }
  }

  /** `POST /jobs/:name/run`: a run on an operator's word, audited. */
  async runManually(actor: Actor, name: string, asOf: string | null): Promise<RunOutcome> {
    const outcome = await this.run(name, asOf, 'manual', actor.id);
    await this.audit.record(this.ds.manager, actor, { action: 'job.run', entity: 'job', entityId: name, after: outcome });
    return outcome;
  }

  async overview(): Promise<JobsOverviewDto> {
    const last: JobRun[] = await this.ds
      .getRepository(JobRun)
      .createQueryBuilder('r')
      .distinctOn(['r.job'])
      .orderBy('r.job')
      .addOrderBy('r.started_at', 'DESC')
      .getMany();
    const byJob = new Map(last.map((r) => [r.job, r]));
    return {
      timeZone: this.config.businessTz,
      schedulerEnabled: this.config.schedulerEnabled,
      items: this.definitions().map((d) => {
        const r = byJob.get(d.name);
        return {
          name: d.name,
          description: d.description,
          schedule: d.cron,
          lastRun: r
            ? { slot: r.slot, asOf: r.asOf, status: r.status, trigger: r.trigger, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null, summary: r.summary, error: r.error }
            : null,
        };
      }),
    };
  }
}
