import type { EntityManager } from 'typeorm';

export interface JobContext {
  /** The business date (YYYY-MM-DD in BUSINESS_TZ) the run is for. */
  asOf: string;
  /** The slot this run holds; one run per (job, slot). */
  slot: string;
  tz: string;
  /** The run's transaction: everything a job writes commits or rolls back with its job-run row. */
  manager: EntityManager;
}

export interface JobDefinition {
  /** `<feature>.<job>`, e.g. receivables.overdue-scan */
  name: string;
  description: string;
  /** Cron expression, evaluated in BUSINESS_TZ. */
  cron: string;
  /** The slot a run at `now` (or as of a business date) belongs to; by default the business date. */
  slotFor?: (asOf: string, now: Date, tz: string) => string;
  run(ctx: JobContext): Promise<Record<string, unknown>>;
}
