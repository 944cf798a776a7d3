/**
 * Test helpers. Nothing here uses local-time Date methods: the suites run under TZ=UTC,
 * Asia/Shanghai and America/New_York and must give the same answers.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { presetPolicy, type Policy, type PresetId } from '../../src/rules';

const national = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };

/** Epoch ms of an ISO instant with an offset (Date.parse is TZ-independent for these). */
export function ms(iso: string): number {
  const v = Date.parse(iso);
  if (Number.isNaN(v)) throw new Error(`bad instant in test: ${iso}`);
  return v;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A mutable deep copy of a preset, for building custom policies. */
export function presetCopy(id: PresetId): Policy {
  return JSON.parse(JSON.stringify(presetPolicy(id))) as Policy;
}

/** Weekday of a YYYY-MM-DD date, 0 = Sunday (computed in UTC). */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The date `n` days after a YYYY-MM-DD date. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/**
 * Oracle for the default Chinese calendar straight from the data package: 调休 days work,
 * public holidays rest, otherwise Mon–Fri work.
 */
export function isChineseWorkingDate(date: string): boolean {
  if (national.workdays[date] !== undefined) return true;
  if (national.holidays[date] !== undefined) return false;
  const wd = weekday(date);
  return wd !== 0 && wd !== 6;
}

/** Local date and minute-of-day (fractional) of an instant at a fixed offset (+08:00 → 480). */
export function localAt(epochMs: number, offsetMinutes = 480): { date: string; minute: number; msOfDay: number } {
  const local = epochMs + offsetMinutes * MINUTE;
  const date = new Date(local).toISOString().slice(0, 10);
  const msOfDay = ((local % DAY) + DAY) % DAY;
  return { date, minute: msOfDay / MINUTE, msOfDay };
}

/** Naive oracle: the N-th working day strictly after `date`, walking one day at a time. */
export function naiveNthWorkingDay(date: string, n: number, isWorking = isChineseWorkingDate): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorking(d)) left--;
  }
  return d;
}

/** Default working intervals in minutes of the day: 09:00–12:00, 13:00–18:00. */
export const DEFAULT_INTERVALS: [number, number][] = [
  [540, 720],
  [780, 1080],
];

/**
 * Naive oracle for workingHours in Asia/Shanghai: walks the working intervals of the days
 * after the start until `minutes` working minutes are used up.
 */
export function naiveAddWorkingMinutes(start: number, minutes: number): number {
  const { date: startDate, msOfDay: startMs } = localAt(start);
  let date = startDate;
  let left = minutes * MINUTE;
  for (let guard = 0; guard < 5000; guard++) {
    if (isChineseWorkingDate(date)) {
      for (const [s, e] of DEFAULT_INTERVALS) {
        const from = date === startDate ? Math.max(s * MINUTE, startMs) : s * MINUTE;
        const end = e * MINUTE;
        if (from >= end) continue;
        if (left <= end - from) return ms(`${date}T00:00:00+08:00`) + from + left;
        left -= end - from;
      }
    }
    date = addDays(date, 1);
  }
  throw new Error('oracle ran away');
}
