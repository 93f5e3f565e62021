#!/usr/bin/env node
// `npm test`: the unit and API suites first, two files at a time (each file has its own database,
// copied from a migrated template), then the browser journeys two suites at a time (each suite its
// own app, database copy and browser), and last the render-time budgets alone (they measure, so
// nothing else may share the cores). Given arguments, it runs Jest once with them, in band unless
// they ask for workers: `npm test -- test/e2e/visits`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const jest = createRequire(import.meta.url).resolve('jest/bin/jest');
const env = { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules'].filter(Boolean).join(' ') };
const run = (args) => spawnSync(process.execPath, [jest, ...args], { stdio: 'inherit', env }).status ?? 1;

const args = process.argv.slice(2);
if (args.length > 0) {
  const parallel = args.some((a) => a.startsWith('--maxWorkers') || a === '-w' || a === '--runInBand' || a === '-i');
  process.exit(run(parallel ? args : ['--runInBand', ...args]));
}
const api = run(['--selectProjects', 'unit', 'e2e', '--maxWorkers=2']);
const web = run(['--selectProjects', 'web', '--maxWorkers=2', '--testPathIgnorePatterns', 'budgets\\.web-spec']);
const budgets = run(['--selectProjects', 'web', '--runInBand', 'test/web/budgets']);
process.exit([api, web, budgets].find((s) => s !== 0) ?? 0);
