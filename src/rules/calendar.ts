/**
 * The working calendar: national holidays and 调休 make-up working days (from the
 * `chinese-days` data package), company overrides, and working hours.
 *
 * Each year's working days are computed once into a sorted array of epoch days; "the N-th
 * working day after D" is then a binary search plus an index, not a walk over the days.
 * Everything works on local dates (epoch days), so the server's time zone never matters.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { RulesError, issue } from './errors';
import {
  MAX_YEAR,
  dayFromYmd,
  dayToIso,
  fromLocal,
  parseHhMm,
  parseIsoDate,
  toLocal,
  weekdayOfDay,
  yearOfDay,
} from './time';

export interface WorkingInterval {
  start: string; // 'HH:MM'
  end: string; // 'HH:MM'
}

export interface CalendarConfig {
  /** `CN`: mainland China public holidays and 调休 from `chinese-days`; `none`: weekends only. */
  country: 'CN' | 'none';
  extraHolidays: string[];
  extraWorkingDays: string[];
  shutdowns: { from: string; to: string; label?: string }[];
}

export type DayKind =
  | 'workday'
  | 'weekend'
  | 'holiday'
  | 'makeup-workday'
  | 'company-holiday'
  | 'company-workday'
  | 'shutdown';

export interface DayInfo {
  date: string;
  working: boolean;
  kind: DayKind;
  /** Holiday name from the national data ("National Day,国庆节,…" → both names) or the override label. */
  name?: { 'zh-CN': string; en: string };
  /** True when the national data does not cover this date's year (weekends only assumed). */
  provisional: boolean;
}

interface NationalData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const national = chineseDays as NationalData;

/** Years the national data covers, read from the data itself. */
export const NATIONAL_COVERAGE: { minYear: number; maxYear: number } = (() => {
  const years = Object.keys(national.holidays).map((d) => Number(d.slice(0, 4)));
  return { minYear: Math.min(...years), maxYear: Math.max(...years) };
})();

function splitName(raw: string | undefined): { 'zh-CN': string; en: string } | undefined {
  if (!raw) return undefined;
  const [en, zh] = raw.split(',');
  return { 'zh-CN': zh ?? en ?? raw, en: en ?? raw };
}

interface YearTable {
  year: number;
  /** Sorted epoch days that are working days. */
  workdays: Int32Array;
  covered: boolean;
}

export interface NthResult {
  day: number;
  provisional: boolean;
}

export class WorkingCalendar {
  private readonly years = new Map<number, YearTable>();
  private readonly extraHolidays: Set<number>;
  private readonly extraWorkingDays: Set<number>;
  private readonly shutdowns: { from: number; to: number; label?: string }[];
  /** Working intervals in minutes since midnight, sorted, non-overlapping. */
  readonly intervals: ReadonlyArray<readonly [number, number]>;
  /** Working minutes in one working day. */
  readonly dayMinutes: number;
  /** End of the last working interval (minutes since midnight). */
  readonly endOfDayMinute: number;

  constructor(
    readonly config: CalendarConfig,
    workingHours: WorkingInterval[],
    readonly zone: string,
  ) {
    this.extraHolidays = new Set(config.extraHolidays.map(requireDay));
    this.extraWorkingDays = new Set(config.extraWorkingDays.map(requireDay));
    this.shutdowns = config.shutdowns.map((s) => ({ from: requireDay(s.from), to: requireDay(s.to), label: s.label }));
    const intervals = workingHours
      .map((w) => [parseHhMmStrict(w.start), parseHhMmStrict(w.end)] as const)
      .sort((a, b) => a[0] - b[0]);
    if (intervals.length === 0) throw new Error('workingHours: at least one interval is required');
    this.intervals = intervals;
    this.dayMinutes = intervals.reduce((sum, [s, e]) => sum + (e - s), 0);
    this.endOfDayMinute = intervals[intervals.length - 1]![1];
  }

  /** Whether the national data covers the year (always true without a country calendar). */
  isCovered(year: number): boolean {
    if (this.config.country === 'none') return true;
    return year >= NATIONAL_COVERAGE.minYear && year <= NATIONAL_COVERAGE.maxYear;
  }

  dayInfo(day: number): DayInfo {
    const date = dayToIso(day);
    const provisional = !this.isCovered(yearOfDay(day));
    const shutdown = this.shutdowns.find((s) => day >= s.from && day <= s.to);
    if (shutdown) {
      const name = shutdown.label ? { 'zh-CN': shutdown.label, en: shutdown.label } : undefined;
      return { date, working: false, kind: 'shutdown', name, provisional };
    }
    if (this.extraHolidays.has(day)) return { date, working: false, kind: 'company-holiday', provisional };
    if (this.extraWorkingDays.has(day)) return { date, working: true, kind: 'company-workday', provisional };
    if (this.config.country === 'CN') {
      const holiday = national.holidays[date];
      if (holiday !== undefined) return { date, working: false, kind: 'holiday', name: splitName(holiday), provisional };
      const makeup = national.workdays[date];
      if (makeup !== undefined) return { date, working: true, kind: 'makeup-workday', name: splitName(makeup), provisional };
    }
    const wd = weekdayOfDay(day);
    if (wd === 0 || wd === 6) return { date, working: false, kind: 'weekend', provisional };
    return { date, working: true, kind: 'workday', provisional };
  }

  isWorkingDay(day: number): boolean {
    const table = this.yearTable(yearOfDay(day));
    return binarySearch(table.workdays, day) >= 0;
  }

  private yearTable(year: number): YearTable {
    let table = this.years.get(year);
    if (table) return table;
    const first = dayFromYmd(year, 1, 1);
    const last = dayFromYmd(year, 12, 31);
    const list: number[] = [];
    for (let d = first; d <= last; d++) if (this.dayInfo(d).working) list.push(d);
    table = { year, workdays: Int32Array.from(list), covered: this.isCovered(year) };
    this.years.set(year, table);
    return table;
  }

  /**
   * The n-th working day strictly after `day` (n ≥ 1). `provisional` is true when a year the
   * national data does not cover was consulted.
   */
  nthWorkingDayAfter(day: number, n: number): NthResult {
    if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a positive integer');
    let year = yearOfDay(day);
    let table = this.yearTable(year);
    let provisional = !table.covered;
    let index = upperBound(table.workdays, day);
    let remaining = n;
    const startYear = year;
    // At most a few iterations: each one consumes a whole year of working days.
    while (index + remaining > table.workdays.length) {
      if (year + 1 - startYear > MAX_SPAN_YEARS || year + 1 > MAX_YEAR) throw spanError(startYear);
      remaining -= table.workdays.length - index;
      year += 1;
      table = this.yearTable(year);
      provisional ||= !table.covered;
      index = 0;
    }
    return { day: table.workdays[index + remaining - 1]!, provisional };
  }

  /** Number of working days d with from < d < to. */
  workingDaysBetween(from: number, to: number): number {
    if (to - from <= 1) return 0;
    let count = 0;
    const lastYear = yearOfDay(to - 1);
    if (lastYear - yearOfDay(from + 1) > MAX_SPAN_YEARS) throw spanError(yearOfDay(from + 1));
    for (let year = yearOfDay(from + 1); year <= lastYear; year++) {
      const table = this.yearTable(year);
      const lo = upperBound(table.workdays, from);
      const hi = lowerBound(table.workdays, to);
      count += Math.max(0, hi - lo);
    }
    return count;
  }

  /** Working minutes of `day` before the local minute `minute` (0 on a rest day). */
  private workedBefore(minute: number): number {
    let sum = 0;
    for (const [s, e] of this.intervals) {
      if (minute <= s) break;
      sum += Math.min(minute, e) - s;
    }
    return sum;
  }

  /** The local minute at which `worked` working minutes of a working day have elapsed. */
  private minuteAfterWorked(worked: number): number {
    let left = worked;
    for (const [s, e] of this.intervals) {
      const len = e - s;
      if (left <= len) return s + left;
      left -= len;
    }
    return this.endOfDayMinute;
  }

  /** Working minutes between two instants (0 when b ≤ a). */
  workingMinutesBetween(a: number, b: number): number {
    if (b <= a) return 0;
    const la = toLocal(a, this.zone);
    const lb = toLocal(b, this.zone);
    if (la.day === lb.day) {
      if (!this.isWorkingDay(la.day)) return 0;
      return this.workedBefore(lb.minute) - this.workedBefore(la.minute);
    }
    const head = this.isWorkingDay(la.day) ? this.dayMinutes - this.workedBefore(la.minute) : 0;
    const tail = this.isWorkingDay(lb.day) ? this.workedBefore(lb.minute) : 0;
    return head + tail + this.workingDaysBetween(la.day, lb.day) * this.dayMinutes;
  }

  /**
   * The instant when `minutes` working minutes have elapsed after `start`. A start outside
   * working hours counts from the next working moment.
   */
  addWorkingMinutes(start: number, minutes: number): { due: number; provisional: boolean } {
    const local = toLocal(start, this.zone);
    let provisional = !this.isCovered(yearOfDay(local.day));
    if (minutes <= 0) return { due: start, provisional };
    const available = this.isWorkingDay(local.day) ? this.dayMinutes - this.workedBefore(local.minute) : 0;
    if (minutes <= available) {
      const worked = this.workedBefore(local.minute) + minutes;
      return { due: fromLocal(local.day, this.minuteAfterWorked(worked), this.zone), provisional };
    }
    const rest = minutes - available;
    const k = Math.ceil(rest / this.dayMinutes);
    const within = rest - (k - 1) * this.dayMinutes;
    const nth = this.nthWorkingDayAfter(local.day, k);
    provisional ||= nth.provisional;
    return { due: fromLocal(nth.day, this.minuteAfterWorked(within), this.zone), provisional };
  }

  /** End of working hours on the n-th working day after the local date of `start`. */
  addWorkingDays(start: number, n: number): { due: number; provisional: boolean } {
    const local = toLocal(start, this.zone);
    const nth = this.nthWorkingDayAfter(local.day, n);
    const provisional = nth.provisional || !this.isCovered(yearOfDay(local.day));
    return { due: fromLocal(nth.day, this.endOfDayMinute, this.zone), provisional };
  }

  /** Every day of a month, for the admin page's calendar. */
  month(year: number, month: number): DayInfo[] {
    const out: DayInfo[] = [];
    const first = dayFromYmd(year, month, 1);
    const next = month === 12 ? dayFromYmd(year + 1, 1, 1) : dayFromYmd(year, month + 1, 1);
    for (let d = first; d < next; d++) out.push(this.dayInfo(d));
    return out;
  }
}

/**
 * The longest span, in years, one working-time computation may walk (each year costs a table of
 * its working days): a due date or a working-time difference further apart is refused with a
 * translated error instead of running for seconds (09:00–09:01 working hours and 100,000
 * working hours would reach year 20000).
 */
export const MAX_SPAN_YEARS = 100;

function spanError(fromYear: number): RulesError {
  return new RulesError('out-of-range', [
    issue('duration', 'range', {
      'zh-CN': `按工作日历计算的时间跨度超过 ${MAX_SPAN_YEARS} 年（自 ${fromYear} 年起，且不能晚于 ${MAX_YEAR} 年），请缩短时限或检查工作时间与停产日期（规则：range）`,
      en: `the working-time computation spans more than ${MAX_SPAN_YEARS} years (from ${fromYear}, and cannot go past ${MAX_YEAR}); shorten the duration or check the working hours and shutdowns (rule: range)`,
    }),
  ]);
}

function requireDay(text: string): number {
  const day = parseIsoDate(text);
  if (day === null) throw new Error(`not a date: ${text}`);
  return day;
}

function parseHhMmStrict(text: string): number {
  const m = parseHhMm(text);
  if (m === null) throw new Error(`not a time of day: ${text}`);
  return m;
}

/** First index with a[i] > x. */
export function upperBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with a[i] >= x. */
export function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function binarySearch(a: Int32Array, x: number): number {
  const i = lowerBound(a, x);
  return i < a.length && a[i] === x ? i : -1;
}
