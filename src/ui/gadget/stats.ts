/**
 * Figures computed in the browser from the rows it has loaded: the summary strip, the Pareto
 * chart, the monthly trend and the monthly report. The server sends each row rendered for the
 * user's locale, so the status is recognised from its label in either language.
 */
import { STATUS_IDS, STATUS_LABELS } from '../../rules/messages';
import type { Locale, Policy, PolicyOption, StatusId, TrackingRow } from '../shared/types';

/**
 * Option ids a row may carry beyond the §6 cells. `tracking/page` does not send them yet; the
 * category / cause / disposition breakdowns light up once it does.
 */
export interface RowFacets {
  category?: string | null;
  severity?: string | null;
  rootCauseCategory?: string | null;
  disposition?: string | null;
}
export type LoadedRow = TrackingRow & { facets?: RowFacets };

const STATUS_BY_LABEL = new Map<string, StatusId>();
for (const id of STATUS_IDS) {
  STATUS_BY_LABEL.set(STATUS_LABELS[id]['zh-CN'], id);
  STATUS_BY_LABEL.set(STATUS_LABELS[id].en, id);
}

export function rowStatus(row: TrackingRow): StatusId | null {
  return STATUS_BY_LABEL.get(row.cells.status) ?? null;
}

export function isClosed(row: TrackingRow): boolean {
  return rowStatus(row) === 'closed';
}

/** 'YYYY-MM' of a cell holding 'YYYY-MM-DD…', or null. */
export function monthOf(cell: string): string | null {
  const m = /^(\d{4})-(\d{2})/.exec(cell);
  return m ? `${m[1]}-${m[2]}` : null;
}

export function currentMonth(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

export interface Summary {
  rows: number;
  open: number;
  overdue: number;
  atRisk: number;
  /** Share of this month's complaints with a clock whose worst clock is not breached; null when none. */
  compliance: number | null;
}

/** Rows whose SLA counts toward compliance: they have a clock. */
function hasClock(row: TrackingRow): boolean {
  return row.sla.status !== 'none';
}

export function compliance(rows: TrackingRow[]): number | null {
  const counted = rows.filter(hasClock);
  if (!counted.length) return null;
  return counted.filter((r) => r.sla.status !== 'breached').length / counted.length;
}

export function summarize(rows: TrackingRow[], now: Date = new Date()): Summary {
  const month = currentMonth(now);
  const open = rows.filter((r) => !isClosed(r));
  return {
    rows: rows.length,
    open: open.length,
    overdue: open.filter((r) => r.sla.status === 'breached').length,
    atRisk: open.filter((r) => r.sla.status === 'at-risk').length,
    compliance: compliance(rows.filter((r) => monthOf(r.cells.complaintAt) === month)),
  };
}

export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 1000) / 10}%`;
}

export interface ParetoBar {
  name: string;
  count: number;
  /** Cumulative share in percent, 0–100. */
  cumulative: number;
}

/** Counts per key, largest first, with the cumulative share; the tail beyond `top` is one bar. */
export function pareto(keys: (string | null)[], otherLabel: string, top = 10): ParetoBar[] {
  const counts = new Map<string, number>();
  for (const k of keys) {
    if (!k) continue;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const head = sorted.slice(0, top);
  const rest = sorted.slice(top).reduce((s, [, n]) => s + n, 0);
  if (rest > 0) head.push([otherLabel, rest]);
  const total = head.reduce((s, [, n]) => s + n, 0);
  let run = 0;
  return head.map(([name, count]) => {
    run += count;
    return { name, count, cumulative: total ? Math.round((run / total) * 1000) / 10 : 0 };
  });
}

export interface TrendPoint {
  month: string;
  received: number;
  closed: number;
  breached: number;
}

/** Received by complaint month, closed by actual-completion month, breached by complaint month. */
export function monthlyTrend(rows: TrackingRow[]): TrendPoint[] {
  const by = new Map<string, TrendPoint>();
  const point = (m: string): TrendPoint => {
    let p = by.get(m);
    if (!p) by.set(m, (p = { month: m, received: 0, closed: 0, breached: 0 }));
    return p;
  };
  for (const r of rows) {
    const received = monthOf(r.cells.complaintAt);
    if (received) {
      point(received).received++;
      if (r.sla.status === 'breached') point(received).breached++;
    }
    const closedMonth = isClosed(r) ? monthOf(r.cells.actualCompletion) : null;
    if (closedMonth) point(closedMonth).closed++;
  }
  return [...by.values()].sort((a, b) => a.month.localeCompare(b.month));
}

export interface Count {
  key: string;
  label: string;
  count: number;
}

export interface MonthReport {
  month: string;
  received: number;
  closed: number;
  compliance: number | null;
  byCategory: Count[] | null;
  byCause: Count[] | null;
  byDisposition: Count[] | null;
}

function countBy(rows: LoadedRow[], pick: (f: RowFacets) => string | null | undefined, label: (id: string) => string, unknown: string): Count[] | null {
  if (!rows.some((r) => r.facets)) return null;
  const m = new Map<string, number>();
  for (const r of rows) {
    const id = (r.facets && pick(r.facets)) || '';
    m.set(id, (m.get(id) ?? 0) + 1);
  }
  return [...m.entries()]
    .map(([key, count]) => ({ key, label: key ? label(key) : unknown, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

function optionLabel(options: PolicyOption[] | undefined, id: string, locale: Locale): string {
  return options?.find((o) => o.id === id)?.label[locale] ?? id;
}

/** The monthly report (客户投诉处理月报表): one entry per month, newest first. */
export function monthlyReport(
  rows: LoadedRow[],
  policy: Policy | null,
  locale: Locale,
  labels: { unknown: string; disposition: (id: string) => string },
): MonthReport[] {
  const months = new Set<string>();
  for (const r of rows) {
    const m = monthOf(r.cells.complaintAt);
    if (m) months.add(m);
    const c = isClosed(r) ? monthOf(r.cells.actualCompletion) : null;
    if (c) months.add(c);
  }
  return [...months]
    .sort((a, b) => b.localeCompare(a))
    .map((month) => {
      const received = rows.filter((r) => monthOf(r.cells.complaintAt) === month);
      return {
        month,
        received: received.length,
        closed: rows.filter((r) => isClosed(r) && monthOf(r.cells.actualCompletion) === month).length,
        compliance: compliance(received),
        byCategory: countBy(received, (f) => f.category, (id) => optionLabel(policy?.categories, id, locale), labels.unknown),
        byCause: countBy(received, (f) => f.rootCauseCategory, (id) => optionLabel(policy?.rootCauses, id, locale), labels.unknown),
        byDisposition: countBy(received, (f) => f.disposition, labels.disposition, labels.unknown),
      };
    });
}
