/** Keys of the Postgres advisory locks the app takes; one place so no two uses collide. */
export enum AdvisoryLock {
  Migrations = 7_100_001,
  AdminBootstrap = 7_100_002,
  ContractNumbering = 7_100_010,
  JobRunBase = 7_200_000,
}
