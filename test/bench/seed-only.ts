import { freshDatabase } from './database';
import { seedBench } from './seed';

/** `node dist/test/bench/seed-only.js`: seed the benchmark data set and leave the database for inspection. */
async function main() {
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const t0 = Date.now();
  const url = await freshDatabase(server, process.env.BENCH_DATABASE_NAME ?? 'zhize_bench');
  await seedBench(url, (s) => console.log(s));
  console.log(`seeded ${url} in ${Date.now() - t0} ms`);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
