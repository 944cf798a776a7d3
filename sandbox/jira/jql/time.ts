/**
 * Date arithmetic in a named IANA time zone for JQL: the zone offsets come from the rules
 * engine (src/rules/time), Date.UTC does calendar overflow (month 13, day 0…).
 */
import { isValidTimeZone, zoneOffsetMinutes } from '../../../src/rules/time';

export interface LocalDateTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

/** Throws RangeError for an unknown zone. */
export function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Invalid time zone specified: ${timeZone}`);
}

/** Wall-clock fields of an instant in a zone (the zone arithmetic is the rules engine's). */
export function toLocal(ms: number, timeZone: string): LocalDateTime {
  const d = new Date(ms + zoneOffsetMinutes(timeZone, ms) * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
  };
}

function offsetAt(ms: number, timeZone: string): number {
  return zoneOffsetMinutes(timeZone, ms) * 60_000;
}

/** The instant of a wall-clock time in a zone (fields may overflow: month 13, day 0, …). */
export function fromLocal(l: Partial<LocalDateTime> & { year: number; month: number; day: number }, timeZone: string): number {
  const guess = Date.UTC(l.year, l.month - 1, l.day, l.hour ?? 0, l.minute ?? 0, l.second ?? 0, l.ms ?? 0);
  const first = guess - offsetAt(guess, timeZone);
  const second = guess - offsetAt(first, timeZone);
  return second;
}

const ABSOLUTE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parse an absolute date: Jira's JQL formats ('yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm',
 * 'yyyy/MM/dd', 'yyyy-MM-dd') and the REST ISO forms ('2026-10-10T18:00:00.000+0800',
 * '…+08:00', '…Z'). Without an offset the wall clock is read in `timeZone`.
 * Returns undefined when the text is not such a date.
 */
export function parseAbsoluteDate(text: string, timeZone: string): number | undefined {
  // The same stored dates are read by every search: remember what each text meant (bounded).
  let inZone = PARSED.get(timeZone);
  if (!inZone) PARSED.set(timeZone, (inZone = new Map()));
  if (inZone.has(text)) return inZone.get(text);
  if (inZone.size >= PARSED_MAX) inZone.clear();
  const value = parseAbsoluteDateOnce(text, timeZone);
  inZone.set(text, value);
  return value;
}

const PARSED = new Map<string, Map<string, number | undefined>>();
const PARSED_MAX = 1_000_000;

function parseAbsoluteDateOnce(text: string, timeZone: string): number | undefined {
  const m = ABSOLUTE.exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined; // 2026-02-30
  const zone = m[8];
  if (zone === undefined) return fromLocal({ year, month, day, hour, minute, second, ms }, timeZone);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (zone.toUpperCase() === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return utc - sign * offsetMin * 60_000;
}

const UNIT_MS: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

/**
 * Parse a relative period as JQL date values allow it: '-7d', '-2w', '4h', '-30m', '-1w 2d'
 * (one sign for the whole period; w/d/h/m; a day is 24 hours). Returns the offset in ms.
 */
export function parseRelativePeriod(text: string): number | undefined {
  const m = /^([+-]?)\s*((?:\d+\s*[wdhm]\s*)+)$/.exec(text.trim());
  if (!m || m[2] === undefined) return undefined;
  let total = 0;
  for (const part of m[2].matchAll(/(\d+)\s*([wdhm])/g)) {
    total += Number(part[1]) * (UNIT_MS[part[2] ?? ''] ?? 0);
  }
  return m[1] === '-' ? -total : total;
}

export type PeriodUnit = 'y' | 'M' | 'w' | 'd' | 'h' | 'm';

/** Increment argument of startOfDay("-1d") etc.: '(+|-)nn(y|M|w|d|h|m)'; unit defaults to the function's period. */
export function parseIncrement(text: string, defaultUnit: PeriodUnit): { n: number; unit: PeriodUnit } | undefined {
  const m = /^([+-]?)(\d+)([yMwdhm]?)$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  const unit = (m[3] === '' || m[3] === undefined ? defaultUnit : m[3]) as PeriodUnit;
  return { n, unit };
}

/** Add an increment to an instant in the zone's calendar (y/M/w/d keep the wall clock; h/m are exact). */
export function addIncrement(ms: number, inc: { n: number; unit: PeriodUnit }, timeZone: string): number {
  if (inc.unit === 'h') return ms + inc.n * 3_600_000;
  if (inc.unit === 'm') return ms + inc.n * 60_000;
  const l = toLocal(ms, timeZone);
  if (inc.unit === 'y') l.year += inc.n;
  else if (inc.unit === 'M') l.month += inc.n;
  else if (inc.unit === 'w') l.day += 7 * inc.n;
  else l.day += inc.n;
  // Keep month arithmetic inside the target month (Jan 31 + 1M → Feb 28/29).
  if (inc.unit === 'y' || inc.unit === 'M') {
    const lastDay = new Date(Date.UTC(l.year, l.month, 0)).getUTCDate();
    if (l.day > lastDay) l.day = lastDay;
  }
  return fromLocal(l, timeZone);
}

export type Period = 'day' | 'week' | 'month' | 'year';

/** Start of the day/week/month/year containing `ms`, in the zone. Weeks start on `weekStart` (0 = Sunday, 1 = Monday). */
export function startOf(period: Period, ms: number, timeZone: string, weekStart: 0 | 1): number {
  const l = toLocal(ms, timeZone);
  switch (period) {
    case 'day':
      return fromLocal({ year: l.year, month: l.month, day: l.day }, timeZone);
    case 'week': {
      const dow = new Date(Date.UTC(l.year, l.month - 1, l.day)).getUTCDay();
      const back = (dow - weekStart + 7) % 7;
      return fromLocal({ year: l.year, month: l.month, day: l.day - back }, timeZone);
    }
    case 'month':
      return fromLocal({ year: l.year, month: l.month, day: 1 }, timeZone);
    case 'year':
      return fromLocal({ year: l.year, month: 1, day: 1 }, timeZone);
  }
}

/** Last millisecond of the period containing `ms` (Jira's endOfDay() is 23:59:59.999). */
export function endOf(period: Period, ms: number, timeZone: string, weekStart: 0 | 1): number {
  const start = startOf(period, ms, timeZone, weekStart);
  const l = toLocal(start, timeZone);
  const next =
    period === 'day'
      ? { year: l.year, month: l.month, day: l.day + 1 }
      : period === 'week'
        ? { year: l.year, month: l.month, day: l.day + 7 }
        : period === 'month'
          ? { year: l.year, month: l.month + 1, day: 1 }
          : { year: l.year + 1, month: 1, day: 1 };
  return fromLocal(next, timeZone) - 1;
}
