/**
 * Statistics over the gadget's whole scope — the charts (Pareto by category and by root cause,
 * monthly trend), the monthly report (one month or a range: received, closed, closed late,
 * compliance, and the breakdowns) and the summary strip — counted exactly by Jira, as the
 * viewing user, one `approximate-count` per bucket (docs/decisions/0005-reporting-at-scale.md).
 *
 * The number of calls depends on the buckets shown (options × months), never on the number of
 * complaints; they run in bounded parallel batches so that a report stays inside the
 * resolver's 25 s. Single-valued fields make the "not set / other" bucket the difference
 * between the total and the named buckets, which saves a call per breakdown.
 */
import { z } from 'zod';
import type { FieldIds } from '../jira/fields';
import { DISPOSITIONS, formatInstant, type Policy, type PolicyOption } from '../rules';
import { activePolicy, allActivePolicies } from './policy-store';
import { mergePolicyOptions, scopePolicy } from './policy-read';
import { countEach } from './counts';
import { scopeJql, type ListQuery } from './tracking';

type Scope = Pick<ListQuery, 'config' | 'filters'>;

/** The most months one call may cover (a trend or a report range): 3 calls a month. */
export const MAX_MONTHS = 36;

// ── months ──────────────────────────────────────────────────────────────────────────────────

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'a month such as 2026-11' });

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

const monthIndex = (month: string): number => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y * 12 + m - 1;
};

/** The months from `from` to `to`, both included (at most MAX_MONTHS). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < MAX_MONTHS; m = nextMonth(m)) out.push(m);
  return out;
}

/** The current month in a time zone, 'YYYY-MM'. */
export function monthIn(timeZone: string, now: number = Date.now()): string {
  return formatInstant(now, timeZone).slice(0, 7);
}

/** The month `n` months before `month`. */
export function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) - n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

// ── buckets ─────────────────────────────────────────────────────────────────────────────────

const quote = (s: string): string => JSON.stringify(s);

function cf(ids: FieldIds, key: string): string {
  const m = /^customfield_(\d+)$/.exec(ids[key] ?? '');
  if (!m) throw new Error(`the app field ${key} is not on this site (run setup)`);
  return `cf[${m[1]}]`;
}

/**
 * JQL conditions of the buckets, on top of the scope. A complaint is received in the month of its
 * 投诉日期, or — when nobody typed one (the field is optional) — of its registration (立案日期,
 * which the app always sets), so that no complaint is left out of the received counts.
 */
export function bucketJql(ids: FieldIds) {
  const date = cf(ids, 'complaint-date');
  const registered = cf(ids, 'complaint-registered');
  const between = (from: string, until: string): string =>
    `(${date} >= ${quote(from)} AND ${date} < ${quote(until)} OR ${date} IS EMPTY AND ${registered} >= ${quote(from)} AND ${registered} < ${quote(until)})`;
  return {
    received: (month: string) => between(`${month}-01`, `${nextMonth(month)}-01`),
    receivedIn: (from: string, to: string) => between(`${from}-01`, `${nextMonth(to)}-01`),
    closed: (month: string) => `statusCategory = Done AND resolved >= ${quote(`${month}-01`)} AND resolved < ${quote(`${nextMonth(month)}-01`)}`,
    late: 'complaintLateDays > 0',
    breached: 'complaintSlaState = "breached"',
    option: (key: string, id: string) => `${cf(ids, key)} = ${quote(id)}`,
  };
}

export interface Count {
  /** Option id; '' for "not set" (or an option no policy in scope names). */
  key: string;
  count: number;
}

/** Named buckets with a count, largest first, then the rest (total − named) under ''. */
function breakdown(keys: string[], counts: number[], total: number): Count[] {
  const named = keys.map((key, i) => ({ key, count: counts[i] ?? 0 }));
  const rest = total - named.reduce((s, c) => s + c.count, 0);
  return [...named.filter((c) => c.count > 0), ...(rest > 0 ? [{ key: '', count: rest }] : [])].sort(
    (a, b) => b.count - a.count || (a.key === '' ? 1 : b.key === '' ? -1 : a.key.localeCompare(b.key)),
  );
}

// ── the option lists of the scope ───────────────────────────────────────────────────────────

export interface ScopeOptions {
  categories: PolicyOption[];
  rootCauses: PolicyOption[];
  timeZone: string;
}

/**
 * The category and cause options of every policy governing the scope: the configured projects'
 * policies, or — without projects — every policy saved on the site (read from storage, no Jira
 * call; an option no visible complaint uses only counts 0).
 */
export async function scopeOptions(projects: string[] | undefined): Promise<ScopeOptions> {
  const base = await activePolicy(null);
  let policy: Policy;
  if (projects?.length) {
    policy = (await scopePolicy(projects)).policy;
  } else {
    const saved = await allActivePolicies();
    policy = mergePolicyOptions(base.policy, saved);
  }
  return { categories: policy.categories, rootCauses: policy.rootCauses, timeZone: base.policy.timeZone };
}

// ── the charts ──────────────────────────────────────────────────────────────────────────────

export interface TrendPoint {
  month: string;
  /** By complaint date. */
  received: number;
  /** By Jira's resolution date. */
  closed: number;
  /** Received that month and breached (worst clock). */
  breached: number;
}

export interface ChartStats {
  total: number;
  byCategory: Count[];
  byCause: Count[];
  trend: TrendPoint[];
  /** Approximate-count calls made. */
  calls: number;
}

export async function chartStats(
  scope: Scope,
  ids: FieldIds,
  issueTypeNames: string[],
  options: Pick<ScopeOptions, 'categories' | 'rootCauses'>,
  months: string[],
): Promise<ChartStats> {
  const base = scopeJql(scope, ids, issueTypeNames);
  const b = bucketJql(ids);
  const cats = options.categories.map((o) => o.id);
  const causes = options.rootCauses.map((o) => o.id);
  const jqls = [
    base,
    ...cats.map((id) => `${base} AND ${b.option('complaint-category', id)}`),
    ...causes.map((id) => `${base} AND ${b.option('complaint-root-cause', id)}`),
    ...months.flatMap((m) => [`${base} AND ${b.received(m)}`, `${base} AND ${b.closed(m)}`, `${base} AND ${b.received(m)} AND ${b.breached}`]),
  ];
  const counts = await countEach(jqls);
  const total = counts[0] ?? 0;
  const catCounts = counts.slice(1, 1 + cats.length);
  const causeCounts = counts.slice(1 + cats.length, 1 + cats.length + causes.length);
  const monthCounts = counts.slice(1 + cats.length + causes.length);
  return {
    total,
    byCategory: breakdown(cats, catCounts, total),
    byCause: breakdown(causes, causeCounts, total),
    trend: months.map((month, i) => ({ month, received: monthCounts[3 * i] ?? 0, closed: monthCounts[3 * i + 1] ?? 0, breached: monthCounts[3 * i + 2] ?? 0 })),
    calls: new Set(jqls).size,
  };
}

// ── the monthly report ──────────────────────────────────────────────────────────────────────

export interface ReportMonth {
  month: string;
  received: number;
  closed: number;
  /** Closed that month with late days (a breached clock). */
  closedLate: number;
  /** (closed − closed late) / closed; null when nothing closed. */
  compliance: number | null;
}

export interface MonthlyReport {
  from: string;
  to: string;
  months: ReportMonth[];
  total: ReportMonth;
  /** Over the complaints received in the range. */
  byCategory: Count[];
  byCause: Count[];
  byDisposition: Count[];
  calls: number;
}

const compliance = (closed: number, late: number): number | null => (closed > 0 ? (closed - late) / closed : null);

export async function monthlyReport(
  scope: Scope,
  ids: FieldIds,
  issueTypeNames: string[],
  options: Pick<ScopeOptions, 'categories' | 'rootCauses'>,
  from: string,
  to: string,
): Promise<MonthlyReport> {
  const months = monthsBetween(from, to);
  const base = scopeJql(scope, ids, issueTypeNames);
  const b = bucketJql(ids);
  const inRange = `${base} AND ${b.receivedIn(from, to)}`;
  const cats = options.categories.map((o) => o.id);
  const causes = options.rootCauses.map((o) => o.id);
  const disps = [...DISPOSITIONS];
  const jqls = [
    ...months.flatMap((m) => [`${base} AND ${b.received(m)}`, `${base} AND ${b.closed(m)}`, `${base} AND ${b.closed(m)} AND ${b.late}`]),
    ...cats.map((id) => `${inRange} AND ${b.option('complaint-category', id)}`),
    ...causes.map((id) => `${inRange} AND ${b.option('complaint-root-cause', id)}`),
    ...disps.map((id) => `${inRange} AND ${b.option('complaint-disposition', id)}`),
  ];
  const counts = await countEach(jqls);
  const rows: ReportMonth[] = months.map((month, i) => {
    const [received = 0, closed = 0, closedLate = 0] = counts.slice(3 * i, 3 * i + 3);
    return { month, received, closed, closedLate, compliance: compliance(closed, closedLate) };
  });
  const sum = (k: 'received' | 'closed' | 'closedLate'): number => rows.reduce((s, r) => s + r[k], 0);
  const total: ReportMonth = { month: from === to ? from : `${from}…${to}`, received: sum('received'), closed: sum('closed'), closedLate: sum('closedLate'), compliance: compliance(sum('closed'), sum('closedLate')) };
  let at = 3 * months.length;
  const take = (n: number): number[] => {
    const part = counts.slice(at, at + n);
    at += n;
    return part;
  };
  return {
    from,
    to,
    months: rows,
    total,
    byCategory: breakdown(cats, take(cats.length), total.received),
    byCause: breakdown(causes, take(causes.length), total.received),
    byDisposition: breakdown(disps, take(disps.length), total.received),
    calls: new Set(jqls).size,
  };
}

// ── the resolvers' payloads ─────────────────────────────────────────────────────────────────

export const rangeSchema = z
  .strictObject({ from: monthSchema.optional(), to: monthSchema.optional() })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'from must not be after to', path: ['from'] })
  .refine((r) => !r.from || !r.to || monthIndex(r.to) - monthIndex(r.from) < MAX_MONTHS, {
    message: `at most ${MAX_MONTHS} months`,
    path: ['to'],
  });

/** The range asked for, or the `months` months up to the current one in the policy's zone. */
export function resolveRange(range: { from?: string; to?: string }, timeZone: string, months: number, now: number = Date.now()): { from: string; to: string } {
  const to = range.to ?? (range.from ? monthsBefore(range.from, -(months - 1)) : monthIn(timeZone, now));
  const from = range.from ?? monthsBefore(to, months - 1);
  return { from, to };
}
