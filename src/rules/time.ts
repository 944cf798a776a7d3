/**
 * Instants, local dates and time zones — without depending on the server's own time zone.
 *
 * An instant is epoch milliseconds. A local date is an "epoch day" (days since 1970-01-01 of
 * the local calendar date). Conversions use `Intl` for the offset of an IANA zone; zones whose
 * offset has been fixed since 1992 (Asia/Shanghai and most of Asia) are detected once and then
 * cost a multiplication, so the hot paths of due-date computation never call `Intl`.
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;
export const MINUTES_PER_DAY = 1440;

/**
 * The years the rules accept: four-digit years, 1000–9999. Earlier or later instants are refused
 * on input (parseInstant → null) and a computed instant outside them is an error (sla.ts), so no
 * output ever shows a five-digit or 19xx-for-00xx year.
 */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;

/**
 * Epoch ms of a UTC calendar moment, for every year — `Date.UTC` maps years 0–99 to 1900–1999.
 * Month is 1–12.
 */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

/** Whether a year is one the rules accept (MIN_YEAR–MAX_YEAR). */
export function yearInRange(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** ISO-8601 instant with a mandatory offset or Z. */
const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses an ISO-8601 instant that carries an offset (or Z); returns epoch ms or null. */
export function parseInstant(text: string): number | null {
  const m = INSTANT_RE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, off] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (!yearInRange(year)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  let offsetMinutes = 0;
  if (off !== undefined && off !== 'Z') {
    const sign = off.startsWith('-') ? -1 : 1;
    const digits = off.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 23 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  return utcMs(year, month, day, hour, minute, second, ms) - offsetMinutes * MS_PER_MINUTE;
}

export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== null;
}

/** 'YYYY-MM-DD' → epoch day, or null when not a real date. */
export function parseIsoDate(text: string): number | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!yearInRange(year)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return utcMs(year, month, day) / MS_PER_DAY;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0)).getUTCDate();
}

/** Epoch day → 'YYYY-MM-DD'. */
export function dayToIso(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function dayFromYmd(year: number, month: number, date: number): number {
  return utcMs(year, month, date) / MS_PER_DAY;
}

export function ymdOfDay(day: number): { year: number; month: number; date: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

export function yearOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

// ---------------------------------------------------------------------------------------------
// Zones

interface ZoneInfo {
  /** The offset in minutes when it has not changed since FIXED_SINCE; null otherwise. */
  fixedOffset: number | null;
  formatter: Intl.DateTimeFormat;
  cache: Map<number, number>;
}

const FIXED_SINCE = Date.UTC(1992, 0, 1);
const FIXED_UNTIL = Date.UTC(2101, 0, 1);
const zones = new Map<string, ZoneInfo>();

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function zoneInfo(zone: string): ZoneInfo {
  let info = zones.get(zone);
  if (info) return info;
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  info = { fixedOffset: null, formatter, cache: new Map() };
  // Sample four points a year: a zone with one offset throughout has no DST to worry about.
  const first = intlOffset(formatter, FIXED_SINCE);
  let fixed = true;
  for (let y = 1992; y <= 2100 && fixed; y++) {
    for (const m of [0, 3, 6, 9]) {
      if (intlOffset(formatter, Date.UTC(y, m, 1)) !== first) {
        fixed = false;
        break;
      }
    }
  }
  info.fixedOffset = fixed ? first : null;
  zones.set(zone, info);
  return info;
}

function intlOffset(formatter: Intl.DateTimeFormat, epochMs: number): number {
  const parts = formatter.formatToParts(new Date(epochMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const truncated = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return Math.round((asUtc - truncated) / MS_PER_MINUTE);
}

/** Offset of `zone` from UTC at the instant, in minutes (Shanghai: +480). */
export function zoneOffsetMinutes(zone: string, epochMs: number): number {
  const info = zoneInfo(zone);
  if (info.fixedOffset !== null && epochMs >= FIXED_SINCE && epochMs < FIXED_UNTIL) return info.fixedOffset;
  // Offsets change on quarter-hour boundaries at the finest: cache per quarter hour.
  const bucket = Math.floor(epochMs / (15 * MS_PER_MINUTE));
  let offset = info.cache.get(bucket);
  if (offset === undefined) {
    offset = intlOffset(info.formatter, epochMs);
    if (info.cache.size > 50_000) info.cache.clear();
    info.cache.set(bucket, offset);
  }
  return offset;
}

export interface LocalMoment {
  /** Epoch day of the local date. */
  day: number;
  /** Minutes since local midnight, fractional (seconds and ms kept). */
  minute: number;
}

export function toLocal(epochMs: number, zone: string): LocalMoment {
  const local = epochMs + zoneOffsetMinutes(zone, epochMs) * MS_PER_MINUTE;
  const day = Math.floor(local / MS_PER_DAY);
  return { day, minute: (local - day * MS_PER_DAY) / MS_PER_MINUTE };
}

/** The instant of a local wall-clock moment. In a DST gap the later offset wins. */
export function fromLocal(day: number, minute: number, zone: string): number {
  const wall = day * MS_PER_DAY + minute * MS_PER_MINUTE;
  const first = wall - zoneOffsetMinutes(zone, wall) * MS_PER_MINUTE;
  const second = wall - zoneOffsetMinutes(zone, first) * MS_PER_MINUTE;
  return second;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Formats an instant in `zone` as `2026-10-10T18:00:00+08:00` (seconds, no milliseconds). */
export function formatInstant(epochMs: number, zone: string): string {
  const truncated = Math.floor(epochMs / 1000) * 1000;
  const offset = zoneOffsetMinutes(zone, truncated);
  const local = new Date(truncated + offset * MS_PER_MINUTE);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** 'HH:MM' → minutes since midnight, or null. '24:00' is allowed as an end of day. */
export function parseHhMm(text: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (mi > 59 || h > 24 || (h === 24 && mi !== 0)) return null;
  return h * 60 + mi;
}
