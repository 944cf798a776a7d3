/**
 * Jira's approximate count (POST /rest/api/3/search/approximate-count) of many JQL queries, as
 * the viewing user (so each count covers only what the user may browse), in bounded parallel
 * batches; identical queries are asked once.
 */
import { route } from '@forge/api';
import { jira } from '../jira/port';

/** Counts in flight at once: Jira's rate limits favour a steady few over a burst. */
export const COUNT_CONCURRENCY = 8;

/** Jira's approximate count of each JQL, as the user, at most `concurrency` at a time. */
export async function countEach(jqls: string[], concurrency: number = COUNT_CONCURRENCY): Promise<number[]> {
  const out: number[] = new Array<number>(jqls.length).fill(0);
  const memo = new Map<string, Promise<number>>();
  let next = 0;
  const one = (jql: string): Promise<number> => {
    let p = memo.get(jql);
    if (!p) {
      p = jira<{ count: number }>('user', route`/rest/api/3/search/approximate-count`, { method: 'POST', body: { jql } }).then((r) => r.count);
      memo.set(jql, p);
    }
    return p;
  };
  const worker = async (): Promise<void> => {
    while (next < jqls.length) {
      const i = next++;
      out[i] = await one(jqls[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jqls.length) }, worker));
  return out;
}

