/**
 * Dates as people read and type them: in the viewer's time zone and language
 * (zh-CN `2026-12-03 15:03`, en `3 Dec 2026, 15:03`), while storage stays ISO 8601 with an
 * offset. Shared by the Custom UI screens and the sandbox shell (which renders what Jira would).
 */
import { MS_PER_DAY, formatInstant, fromLocal, isValidTimeZone, parseInstant, toLocal } from '../../rules/time';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number): string => String(n).padStart(2, '0');

/** The zone to use: the viewer's when valid, else the fallback (the policy's or Asia/Shanghai). */
export function viewerZone(zone: string | null | undefined, fallback = 'Asia/Shanghai'): string {
  return zone && isValidTimeZone(zone) ? zone : fallback;
}

interface Wall {
  year: number;
  month: number;
  date: number;
  hour: number;
  minute: number;
}

function wallOf(ms: number, zone: string): Wall {
  const { day, minute } = toLocal(ms, zone);
  const d = new Date(day * MS_PER_DAY);
  const m = Math.floor(minute);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate(), hour: Math.floor(m / 60), minute: m % 60 };
}

/** An ISO instant shown in `zone`: zh-CN `2026-12-03 15:03`, en `3 Dec 2026, 15:03`. Not an instant: as given. */
export function displayDateTime(iso: string | null | undefined, zone: string, locale: 'zh-CN' | 'en'): string {
  if (!iso) return '';
  const ms = parseInstant(iso);
  if (ms === null) return displayDate(iso, locale);
  const w = wallOf(ms, zone);
  const time = `${pad(w.hour)}:${pad(w.minute)}`;
  return locale === 'zh-CN' ? `${w.year}-${pad(w.month)}-${pad(w.date)} ${time}` : `${w.date} ${MONTHS_EN[w.month - 1]} ${w.year}, ${time}`;
}

/** A calendar date `YYYY-MM-DD` shown: zh-CN as is, en `3 Dec 2026`. */
export function displayDate(text: string, locale: 'zh-CN' | 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m || locale === 'zh-CN') return text;
  return `${Number(m[3])} ${MONTHS_EN[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/**
 * What a date-time input shows for an ISO instant, in `zone`: `2026-12-03 15:03` (typed the same
 * way; a text input, so the format does not depend on the browser's own date picker locale).
 */
export function toInputValue(iso: string | null | undefined, zone: string): string {
  const ms = iso ? parseInstant(iso) : null;
  if (ms === null) return '';
  const w = wallOf(ms, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.date)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * What a person typed (`2026-12-03T15:03` from a datetime-local input, or `2026-12-03 15:03`)
 * as an ISO instant with the offset of `zone` at that moment; null when it is not a real
 * date and time (`2026-02-30 10:00`).
 */
export function fromInputValue(text: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [year, month, date, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const utc = Date.UTC(year, month - 1, date);
  const d = new Date(utc);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== date || hour > 23 || minute > 59) return null;
  return formatInstant(fromLocal(utc / MS_PER_DAY, hour * 60 + minute + Number(m[6] ?? 0) / 60, zone), zone);
}
