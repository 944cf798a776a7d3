/**
 * What the gadget asks of its resolver: one page of the list, the scope's figures (summary
 * strip, charts, monthly report — counted by Jira on the server, never from loaded rows), and
 * the list page by page for an export.
 */
import { call } from '../shared/bridge';
import type { ListSummary } from '../../services/tracking';
import type { ChartStats, MonthlyReport } from '../../services/stats';
import type { ListPage, ListQuery, TrackingRow } from '../shared/types';

/** What the browser sends as `query` (the server fills its defaults). */
export type QueryInput = Omit<Partial<ListQuery>, 'filters'> & { filters?: ListQuery['filters'] };

const scopeOf = (query: QueryInput): { config: QueryInput['config']; filters: QueryInput['filters'] } => ({ config: query.config ?? {}, filters: query.filters ?? {} });

export function fetchPage(query: QueryInput, offset: number): Promise<ListPage> {
  return call('tracking/page', { query, offset });
}

/** The summary strip's figures over the whole scope, counted by Jira as the user. */
export function fetchSummary(query: QueryInput): Promise<ListSummary> {
  return call('tracking/summary', { query: scopeOf(query) });
}

/** How many complaints the scope holds (the export's progress bar). */
export function fetchCount(query: QueryInput): Promise<number> {
  return call('tracking/count', { query: scopeOf(query) }).then((r) => r.total);
}

export interface MonthRange {
  from?: string;
  to?: string;
}

export type ChartAnswer = ChartStats & { from: string; to: string };

export function fetchCharts(query: QueryInput, range: MonthRange = {}): Promise<ChartAnswer> {
  return call('stats/charts', { query: scopeOf(query), range });
}

export function fetchReport(query: QueryInput, range: MonthRange): Promise<MonthlyReport> {
  return call('stats/report', { query: scopeOf(query), range });
}

/** Rows per resolver call when reading the whole list (Jira's page limit with fields). */
export const EXPORT_PAGE_SIZE = 100;

/**
 * The list's rows page by page (nextPageToken), for an export: the caller handles each page
 * before the next is asked for, so nothing holds more than a page; `signal.cancelled` stops
 * after the page in flight.
 */
export async function* pagesOf(query: QueryInput, signal: { cancelled: boolean } = { cancelled: false }): AsyncGenerator<TrackingRow[]> {
  let token: string | undefined;
  let read = 0;
  const { nextPageToken: _ignored, ...base } = query;
  while (!signal.cancelled) {
    const page = await fetchPage({ ...base, pageSize: EXPORT_PAGE_SIZE, ...(token ? { nextPageToken: token } : {}) }, read);
    if (signal.cancelled) return;
    read += page.rows.length;
    yield page.rows;
    if (!page.nextPageToken || page.rows.length === 0) return;
    token = page.nextPageToken;
  }
}
