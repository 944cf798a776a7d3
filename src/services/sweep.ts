/**
 * The hourly sweep: finds the complaints whose state may need the app — those LACKING the
 * app's state (no number in the `complaint` property: a trigger that failed after all its
 * retries), those with an announcement in progress, and those whose next deadline is near or
 * past — and runs the lifecycle on each.
 *
 * - Isolation: one complaint's failure is logged (`sweep.item-failed`) and left to the next
 *   run; the others proceed.
 * - Time limit: the sweep stops starting complaints well before its function's
 *   `timeoutSeconds` (manifest) and remembers which ones this pass already did (a KVS cursor),
 *   so the next run resumes instead of redoing the same first page.
 * - More than one invocation's worth: the rest is handed to the `complaint-sweep` queue
 *   (@forge/events), whose consumer processes batches with the same isolation.
 *
 * Platform facts relied on (Forge docs): a scheduled trigger's function may run up to
 * `timeoutSeconds` (≤ 900 s; default 55 s) and its errors are not retried
 * (manifest-reference/modules/scheduled-trigger); a queue push takes ≤ 50 events and ≤ 200 KB,
 * and a consumer answering `InvocationError` is retried (runtime-reference/async-events-api).
 */
import { route } from '@forge/api';
import { Queue } from '@forge/events';
import { kvs } from '@forge/kvs';
import { jira } from '../jira/port';
import { processComplaint } from './lifecycle';
import { errorFields, logger } from './log';
import { transientCode } from './retry';
import { complaintTypesJql } from './setup';

const log = logger('sweep');

/** Complaints that lack the app's state, have an announcement pending, or a deadline within a day. */
export async function sweepJql(): Promise<string> {
  return (
    `(${await complaintTypesJql()} AND (complaintNumber IS EMPTY OR complaintPending IS NOT EMPTY)) ` +
    `OR (complaintNextDue <= "1d" AND statusCategory != Done) ORDER BY created ASC`
  );
}

export const SWEEP_QUEUE = 'complaint-sweep';
const CURSOR_KEY = 'sweep:cursor';
/** Issues one sweep invocation processes itself; more go to the queue. */
export const INLINE_LIMIT = 40;
/** Issues per queue event (each ~5 Jira calls: well inside a consumer's time limit). */
export const BATCH_SIZE = 10;
/** The sweep looks at no more than this many issues per run (the rest next hour). */
const MAX_ISSUES = 5000;

export interface SweepOptions {
  /** Stop starting complaints after this many ms (default 240 s of the 300 s timeoutSeconds). */
  budgetMs?: number;
  inlineLimit?: number;
  now?: () => number;
}

export interface SweepResult {
  found: number;
  processed: number;
  failed: number;
  escalated: number;
  warned: number;
  /** Issues handed to the queue. */
  queued: number;
  /** True when the run stopped at its time budget (the cursor holds where it got to). */
  resumable: boolean;
}

interface Cursor {
  /** Issue ids this pass already processed. */
  done: string[];
  startedAt: string;
}

interface SearchPage {
  issues: { id: string }[];
  nextPageToken?: string;
}

async function matchingIds(): Promise<string[]> {
  const jql = await sweepJql();
  const out: string[] = [];
  let token: string | undefined;
  do {
    const page: SearchPage = await jira<SearchPage>('app', route`/rest/api/3/search/jql`, {
      method: 'POST',
      retry: 'none',
      body: { jql, fields: ['id'], maxResults: 100, ...(token ? { nextPageToken: token } : {}) },
    });
    for (const issue of page.issues) if (out.length < MAX_ISSUES) out.push(issue.id);
    token = out.length < MAX_ISSUES ? page.nextPageToken : undefined;
  } while (token);
  return out;
}

interface ItemTally {
  processed: number;
  failed: number;
  escalated: number;
  warned: number;
  /** Ids that failed transiently (worth another attempt soon). */
  retry: string[];
}

/** Runs the lifecycle on each issue, isolating failures; stops starting new ones at the deadline. */
export async function processEach(ids: string[], deadline: number, now: () => number, onDone?: (id: string) => void): Promise<ItemTally & { rest: string[] }> {
  const tally: ItemTally = { processed: 0, failed: 0, escalated: 0, warned: 0, retry: [] };
  for (const [i, id] of ids.entries()) {
    if (now() >= deadline) return { ...tally, rest: ids.slice(i) };
    try {
      const r = await processComplaint(id);
      tally.processed++;
      tally.escalated += r.escalated?.length ?? 0;
      tally.warned += r.warned?.length ?? 0;
      onDone?.(id);
    } catch (e) {
      tally.failed++;
      const code = transientCode(e);
      if (code) tally.retry.push(id);
      log.warn('sweep.item-failed', { issueId: id, ...errorFields(e), ...(code ? { code } : {}) });
    }
  }
  return { ...tally, rest: [] };
}

export async function runSweep(options: SweepOptions = {}): Promise<SweepResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const deadline = started + (options.budgetMs ?? 240_000);
  const inlineLimit = options.inlineLimit ?? INLINE_LIMIT;
  const cursor = (await kvs.get<Cursor>(CURSOR_KEY)) ?? { done: [], startedAt: new Date(started).toISOString() };
  const done = new Set(cursor.done);
  const found = await matchingIds();
  const todo = found.filter((id) => !done.has(id));
  log.info('sweep.started', { found: found.length, todo: todo.length, resumed: cursor.done.length > 0 });

  const result: SweepResult = { found: found.length, processed: 0, failed: 0, escalated: 0, warned: 0, queued: 0, resumable: false };
  const inline = todo.slice(0, inlineLimit);
  const overflow = todo.slice(inlineLimit);
  if (overflow.length > 0) {
    // More than one invocation's worth: the queue's consumers take the rest, in batches.
    const queue = new Queue({ key: SWEEP_QUEUE });
    const events = [];
    for (let i = 0; i < overflow.length; i += BATCH_SIZE) events.push({ body: { issueIds: overflow.slice(i, i + BATCH_SIZE) } });
    for (let i = 0; i < events.length; i += 50) await queue.push(events.slice(i, i + 50)); // ≤ 50 events per push
    result.queued = overflow.length;
    log.info('sweep.queued', { issues: overflow.length, events: events.length });
  }
  const tally = await processEach(inline, deadline, now, (id) => done.add(id));
  Object.assign(result, { processed: tally.processed, failed: tally.failed, escalated: tally.escalated, warned: tally.warned });
  if (tally.rest.length > 0) {
    // Out of time: the next run resumes after what this pass did (the queued ones are the queue's).
    for (const id of overflow) done.add(id);
    await kvs.set(CURSOR_KEY, { done: [...done], startedAt: cursor.startedAt } satisfies Cursor);
    result.resumable = true;
    log.warn('sweep.out-of-time', { left: tally.rest.length, code: 'time-budget' });
  } else if (cursor.done.length > 0) {
    await kvs.delete(CURSOR_KEY); // the pass is complete; failures are retried from the start next run
  }
  log.info('sweep.finished', { ...result, ms: now() - started });
  return result;
}

/** Queue consumer: one batch of the sweep; transient failures are retried by the queue. */
export async function runSweepBatch(issueIds: string[], budgetMs = 240_000): Promise<{ processed: number; failed: number; retry: string[] }> {
  const tally = await processEach(issueIds, Date.now() + budgetMs, Date.now);
  const retry = [...tally.retry, ...tally.rest];
  log.info('sweep.batch-finished', { processed: tally.processed, failed: tally.failed, retry: retry.length });
  return { processed: tally.processed, failed: tally.failed, retry };
}
