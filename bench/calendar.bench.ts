/**
 * `npm run bench` — due-date computation on the Chinese working calendar.
 *
 * For spans of 1, 5, 20 and 60 working days, on the same random starts (2025–2026), it
 * measures: our `computeDue` (instant in → instant out, per-year working-day arrays searched
 * by binary search), `chinese-days`' own `findWorkday`, and a naive day-by-day loop over the
 * same holiday data. Then working-hours spans against a naive day-by-day loop. Prints
 * operations per second and ratios. A script that prints figures, not a timed test.
 *
 * `npm run bench` pins TZ=Asia/Shanghai: `findWorkday` reads its date argument in the process
 * time zone (under America/New_York it answers for the previous day), and the agreement check
 * below must compare like with like. Our own code gives the same answers under any TZ.
 */
import { findWorkday } from 'chinese-days';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { computeDue, presetPolicy, calendarFor } from '../src/rules';
import { dayToIso, fromLocal, parseInstant, toLocal, weekdayOfDay } from '../src/rules/time';

const policy = presetPolicy('general');
const zone = policy.timeZone;
const data = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };

// Deterministic starts: a small LCG, 4,096 instants in 2025-01-01 … 2026-10-31.
let seed = 20261123;
const rand = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const from = parseInstant('2025-01-01T00:00:00+08:00')!;
const to = parseInstant('2026-10-31T00:00:00+08:00')!;
const starts = Array.from({ length: 4096 }, () => Math.floor(from + rand() * (to - from)));
const startDates = starts.map((s) => dayToIso(toLocal(s, zone).day));

function naiveIsWorkday(day: number): boolean {
  const iso = dayToIso(day);
  if (data.holidays[iso] !== undefined) return false;
  if (data.workdays[iso] !== undefined) return true;
  const wd = weekdayOfDay(day);
  return wd !== 0 && wd !== 6;
}

/** What a hand-written implementation does: step one day at a time. */
function naiveWorkingDays(start: number, n: number): number {
  let day = toLocal(start, zone).day;
  let left = n;
  while (left > 0) {
    day += 1;
    if (naiveIsWorkday(day)) left -= 1;
  }
  return fromLocal(day, 18 * 60, zone);
}

function naiveWorkingMinutes(start: number, minutes: number): number {
  const intervals = [
    [540, 720],
    [780, 1080],
  ] as const;
  const local = toLocal(start, zone);
  let day = local.day;
  let minute = local.minute;
  let left = minutes;
  for (;;) {
    if (naiveIsWorkday(day)) {
      for (const [s, e] of intervals) {
        const from = Math.max(s, minute);
        if (from >= e) continue;
        if (e - from >= left) return fromLocal(day, from + left, zone);
        left -= e - from;
      }
    }
    day += 1;
    minute = 0;
  }
}

let sink = 0;
function measure(name: string, fn: (i: number) => number): number {
  // Warm up, then run for ~400 ms.
  for (let i = 0; i < 2000; i++) sink ^= fn(i & 4095);
  let ops = 0;
  const t0 = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < 400) {
    for (let i = 0; i < 1000; i++) sink ^= fn((ops + i) & 4095);
    ops += 1000;
    elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  const perSec = (ops / elapsed) * 1000;
  console.log(`  ${name.padEnd(34)} ${Math.round(perSec).toLocaleString('en-US').padStart(14)} ops/s`);
  return perSec;
}

// Sanity: the three agree on the due date before anything is timed.
for (const n of [1, 5, 20, 60]) {
  for (let i = 0; i < 200; i++) {
    const ours = computeDue(policy, starts[i]!, { amount: n, unit: 'workingDays' }).due;
    const naive = naiveWorkingDays(starts[i]!, n);
    const theirs = findWorkday(n, startDates[i]!);
    if (ours !== naive || dayToIso(toLocal(ours, zone).day) !== theirs) {
      throw new Error(`disagreement at n=${n}, start ${startDates[i]}: ours ${dayToIso(toLocal(ours, zone).day)}, findWorkday ${theirs}`);
    }
  }
}
calendarFor(policy); // built once, like the app does per policy

console.log('Working-day due dates (same 4,096 starts, 2025–2026)');
const rows: string[] = [];
for (const n of [1, 5, 20, 60]) {
  console.log(`span ${n} working day(s):`);
  const ours = measure('computeDue (ours)', (i) => computeDue(policy, starts[i]!, { amount: n, unit: 'workingDays' }).due);
  const cd = measure('chinese-days findWorkday', (i) => findWorkday(n, startDates[i]!).length);
  const naive = measure('naive day-by-day loop', (i) => naiveWorkingDays(starts[i]!, n));
  rows.push(`  ${String(n).padStart(2)} working days: ${(ours / cd).toFixed(1)}× findWorkday, ${(ours / naive).toFixed(1)}× naive loop`);
}
console.log('\nWorking-hours due moments');
for (const h of [2, 8, 40]) {
  console.log(`span ${h} working hour(s):`);
  const ours = measure('computeDue (ours)', (i) => computeDue(policy, starts[i]!, { amount: h, unit: 'workingHours' }).due);
  const naive = measure('naive day-by-day loop', (i) => naiveWorkingMinutes(starts[i]!, h * 60));
  rows.push(`  ${String(h).padStart(2)} working hours: ${(ours / naive).toFixed(1)}× naive loop`);
}
console.log('\nSpeed-up of ours:');
for (const r of rows) console.log(r);
if (sink === 42) console.log('');
