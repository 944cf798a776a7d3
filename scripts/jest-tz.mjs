#!/usr/bin/env node
/**
 * Runs the whole jest suite under TZ=UTC, then the time-sensitive suites (calendar, SLA,
 * numbering, CLI examples) again under TZ=Asia/Shanghai and TZ=America/New_York: the rules
 * must give the same answers whatever the server's time zone; then the app's end-to-end suite
 * once more on the handlers Forge would run (SANDBOX_HANDLERS=bundle: the package built by Forge's
 * own bundler, see docs/decisions/0004-offline-packaging.md). Prints the totals of all runs as a
 * last line `N passed, N failed`. Extra arguments go to every jest run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const extra = process.argv.slice(2);
const jestBin = join('node_modules', 'jest', 'bin', 'jest.js');
const dir = mkdtempSync(join(tmpdir(), 'jest-tz-'));
const runs = [
  { tz: 'UTC', args: [] },
  { tz: 'Asia/Shanghai', args: ['test/rules', 'test/cli'] },
  { tz: 'America/New_York', args: ['test/rules', 'test/cli'] },
  { tz: 'UTC', args: ['test/sandbox/app.test.ts'], env: { SANDBOX_HANDLERS: 'bundle' } },
];

let passed = 0;
let failed = 0;
let ok = true;
for (const [i, run] of runs.entries()) {
  const out = join(dir, `run-${i}.json`);
  const env = run.env ?? {};
  const label = Object.entries(env).map(([k, v]) => `${k}=${v} `).join('');
  console.log(`\n=== jest under TZ=${run.tz} ${label}${run.args.join(' ')}`);
  const r = spawnSync(process.execPath, [jestBin, '--ci', '--json', `--outputFile=${out}`, ...run.args, ...extra], {
    stdio: 'inherit',
    env: { ...process.env, ...env, TZ: run.tz },
  });
  let summary;
  try {
    summary = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    summary = null;
  }
  if (summary) {
    passed += summary.numPassedTests;
    failed += summary.numFailedTests;
    if (summary.numTotalTests === 0) ok = false;
  }
  if (r.status !== 0 || !summary) ok = false;
}
rmSync(dir, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
