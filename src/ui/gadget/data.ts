/** Loading the tracking list from the resolver: one page, or every page (export, charts, report). */
import { call } from '../shared/bridge';
import type { ListSummary } from '../../services/tracking';
import type { ListPage, ListQuery } from '../shared/types';
import type { LoadedRow } from './stats';

/** What the browser sends as `query` (the server fills its defaults). */
export type QueryInput = Omit<Partial<ListQuery>, 'filters'> & { filters?: ListQuery['filters'] };

export function fetchPage(query: QueryInput, offset: number): Promise<ListPage> {
  return call('tracking/page', { query, offset });
}

/** The summary strip's figures over the whole scope, counted by Jira as the user. */
export function fetchSummary(query: QueryInput): Promise<ListSummary> {
  return call('tracking/summary', { query: { config: query.config ?? {}, filters: query.filters ?? {} } });
}

export const ALL_PAGE_SIZE = 100;
export const ALL_ROWS_LIMIT = 5000;

/** Every row of the query, page by page with nextPageToken, up to `limit` rows. */
export async function fetchAllRows(
  query: QueryInput,
  onProgress?: (rows: number) => void,
  limit: number = ALL_ROWS_LIMIT,
): Promise<{ rows: LoadedRow[]; truncated: boolean }> {
  const rows: LoadedRow[] = [];
  let token: string | undefined;
  const { nextPageToken: _ignored, ...base } = query;
  for (;;) {
    const page = await fetchPage({ ...base, pageSize: ALL_PAGE_SIZE, ...(token ? { nextPageToken: token } : {}) }, rows.length);
    rows.push(...page.rows);
    onProgress?.(rows.length);
    if (!page.nextPageToken || page.rows.length === 0) return { rows, truncated: false };
    if (rows.length >= limit) return { rows: rows.slice(0, limit), truncated: true };
    token = page.nextPageToken;
  }
}
