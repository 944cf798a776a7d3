/**
 * Figures shaped in the browser: the summary strip's fallback from the loaded page (when the
 * server's counts are not available), percentages, and Pareto bars from the counts the server
 * sends (src/services/stats.ts). The server renders each row for the user's locale, so a row's
 * status is recognised from its label in either language.
 */
import { STATUS_IDS, STATUS_LABELS } from '../../rules/messages';
import type { StatusId, TrackingRow } from '../shared/types';
import type { Count } from '../../services/stats';

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

export interface Summary {
  rows: number;
  open: number;
  overdue: number;
  atRisk: number;
}

/** The strip from the rows on screen only (the fallback when the scope's counts failed). */
export function summarize(rows: TrackingRow[]): Summary {
  const open = rows.filter((r) => !isClosed(r));
  return {
    rows: rows.length,
    open: open.length,
    overdue: open.filter((r) => r.sla.status === 'breached').length,
    atRisk: open.filter((r) => r.sla.status === 'at-risk').length,
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

/**
 * Pareto bars from the server's counts: largest first with the cumulative share; beyond `top`
 * the tail is one "other" bar; the not-set bucket (key '') is labelled by `label('')`.
 */
export function paretoBars(counts: Count[], label: (id: string) => string, otherLabel: string, top = 10): ParetoBar[] {
  const sorted = [...counts].filter((c) => c.count > 0).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  const head: [string, number][] = sorted.slice(0, top).map((c) => [label(c.key), c.count]);
  const rest = sorted.slice(top).reduce((s, c) => s + c.count, 0);
  if (rest > 0) head.push([otherLabel, rest]);
  const total = head.reduce((s, [, n]) => s + n, 0);
  let run = 0;
  return head.map(([name, count]) => {
    run += count;
    return { name, count, cumulative: total ? Math.round((run / total) * 1000) / 10 : 0 };
  });
}
