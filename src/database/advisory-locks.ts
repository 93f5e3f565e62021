/** Keys of the Postgres advisory locks the app takes; one place so no two uses collide. */
export enum AdvisoryLock {
  Migrations = 7_100_001,
  AdminBootstrap = 7_100_002,
  /** Changes that may remove an active admin (re-role, deactivate). */
  AdminRoster = 7_100_003,
  ContractNumbering = 7_100_010,
  JobRunBase = 7_200_000,
  /** Approving a department's review scheme; taken as a two-key lock with the department's hash. */
  ReviewSchemeApproval = 7_300_001,
  /** Writing a version of the duty rules (a release's new permissions, an approved revision). */
  DutyPolicy = 7_300_002,
}
