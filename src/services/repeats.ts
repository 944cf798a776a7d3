/**
 * Repeat complaints: how many complaints of the same project share a part number and category
 * (the `complaint` property's `repeatKey`). The count is kept on every complaint in its own issue
 * property `complaint-repeat` (`{count}`), exposed to JQL as `complaintRepeatCount`, so that
 * `complaintRepeats(n)` answers with a constant fragment (`complaintRepeatCount >= n`) that Jira
 * evaluates as the searching user, at any number of complaints and within its 25 s limit.
 *
 * Counting is per project: a complaint's count never includes complaints of a project whose
 * issues a user may not browse (a user who sees a complaint may browse its project).
 *
 * The count lives apart from the `complaint` property because the recount writes it on the
 * other complaints of the group, whose `complaint` property their own trigger runs may be
 * rewriting at the same moment: separate properties cannot overwrite each other's fields.
 *
 * The issue trigger queues a recount when a complaint's repeat key is new or changes (a queue
 * event, no Jira call in the trigger); the consumer counts the group with one search (paged) and
 * writes the count where it differs. Recounting from the search is idempotent, so duplicate or
 * late events converge on the same counts.
 */
import { route } from '@forge/api';
import { Queue } from '@forge/events';
import { z } from 'zod';
import { jira } from '../jira/port';
import type { Localized } from '../rules';

export const REPEAT_QUEUE = 'complaint-repeats';
export const REPEAT_PROPERTY = 'complaint-repeat';
export const REPEAT_FUNCTION_NAME = 'complaintRepeats';
/** Complaints a group is counted up to (beyond, the count is a lower bound). */
const MAX_GROUP = 5000;
/** Property writes sent at once. */
const WRITE_CHUNK = 10;

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,19}$/;

/** Queues a recount of the groups a complaint left and joined (nothing when its key is unchanged). */
export async function queueRepeatRecount(projectKey: string | null | undefined, repeatKey: string | null | undefined, previousKey: string | null | undefined): Promise<void> {
  if (!projectKey || !PROJECT_KEY.test(projectKey) || (repeatKey ?? null) === (previousKey ?? null)) return;
  const keys = [...new Set([repeatKey, previousKey].filter((k): k is string => !!k))];
  if (keys.length === 0) return;
  await new Queue({ key: REPEAT_QUEUE }).push(keys.map((k) => ({ body: { projectKey, repeatKey: k } })));
}

const recountSchema = z.object({ body: z.object({ projectKey: z.string().regex(PROJECT_KEY), repeatKey: z.string().min(1).max(500) }) });
const backfillSchema = z.object({ body: z.object({ backfill: z.literal(true), round: z.number().int().min(0).max(10_000).optional() }) });
/** Complaints with a repeat key but no count yet (written before counts existed). */
const UNCOUNTED_JQL = 'complaintRepeatKey IS NOT EMPTY AND complaintRepeatCount IS EMPTY';

/** Queues the counting of complaints that have none (after an upgrade from a version without counts). */
export async function queueRepeatBackfill(): Promise<void> {
  await new Queue({ key: REPEAT_QUEUE }).push([{ body: { backfill: true, round: 0 } }]);
}

/**
 * One round of the backfill: the groups of up to 100 uncounted complaints are recounted (which
 * gives each of them a count), then the next round is queued while any were found. Each round
 * searches from the start, so it progresses whatever the search index returns next.
 */
async function backfillRound(round: number): Promise<{ groups: number; next: boolean }> {
  const page = await jira<{ issues: { id: string; fields?: { project?: { key?: string } }; properties?: { complaint?: { repeatKey?: string | null } } }[] }>(
    'app',
    route`/rest/api/3/search/jql`,
    { method: 'POST', retry: 'none', body: { jql: UNCOUNTED_JQL, fields: ['project'], properties: ['complaint'], maxResults: 100 } },
  );
  const groups = new Map<string, { projectKey: string; repeatKey: string }>();
  for (const i of page.issues) {
    const projectKey = i.fields?.project?.key;
    const repeatKey = i.properties?.complaint?.repeatKey;
    if (projectKey && repeatKey) groups.set(`${projectKey}\u0000${repeatKey}`, { projectKey, repeatKey });
  }
  for (const g of groups.values()) await recountRepeatGroup({ body: g });
  const next = page.issues.length > 0 && round < 1000;
  if (next) await new Queue({ key: REPEAT_QUEUE }).push([{ body: { backfill: true, round: round + 1 } }]);
  return { groups: groups.size, next };
}

interface SearchPage {
  issues: { id: string; properties?: Record<string, { count?: unknown } | undefined> }[];
  nextPageToken?: string;
}

/** Queue consumer: counts one group (project + repeat key) and writes the count where it differs. */
export async function recountRepeatGroup(event: unknown): Promise<{ count: number; updated: number } | { groups: number; next: boolean } | { skipped: string }> {
  const backfill = backfillSchema.safeParse(event);
  if (backfill.success) return backfillRound(backfill.data.body.round ?? 0);
  const parsed = recountSchema.safeParse(event);
  if (!parsed.success) return { skipped: 'invalid event' };
  const { projectKey, repeatKey } = parsed.data.body;
  const jql = `project = ${JSON.stringify(projectKey)} AND complaintRepeatKey = ${JSON.stringify(repeatKey)}`;
  const members: SearchPage['issues'] = [];
  let token: string | undefined;
  do {
    const page: SearchPage = await jira<SearchPage>('app', route`/rest/api/3/search/jql`, {
      method: 'POST',
      retry: 'none',
      body: { jql, fields: ['id'], properties: [REPEAT_PROPERTY], maxResults: 100, ...(token ? { nextPageToken: token } : {}) },
    });
    members.push(...page.issues);
    token = page.nextPageToken;
  } while (token && members.length < MAX_GROUP);
  const count = members.length;
  const stale = members.filter((m) => m.properties?.[REPEAT_PROPERTY]?.count !== count);
  for (let i = 0; i < stale.length; i += WRITE_CHUNK) {
    await Promise.all(
      stale.slice(i, i + WRITE_CHUNK).map((m) =>
        jira('app', route`/rest/api/3/issue/${m.id}/properties/${REPEAT_PROPERTY}`, { method: 'PUT', retry: 'none', body: { count } }),
      ),
    );
  }
  return { count, updated: stale.length };
}

const invalidN: Localized = {
  'zh-CN': 'complaintRepeats(n)：n 必须是 2 到 1000 之间的整数',
  en: 'complaintRepeats(n): n must be a whole number from 2 to 1000',
};

/**
 * The JQL fragment for `issue in complaintRepeats(n)` / `issue not in complaintRepeats(n)`: the
 * fragment replaces the whole clause, so it answers for the operator itself (Forge
 * jira:jqlFunction docs, "Function implementation example"). The two fragments partition every
 * issue: a complaint counted n or more times, or anything else (fewer, or no count at all).
 */
export function repeatsFragment(operator: string | undefined, args: string[]): { jql: string } | { error: string } {
  const n = Number(args[0]);
  if (args.length !== 1 || !/^\d+$/.test(String(args[0]).trim()) || !Number.isInteger(n) || n < 2 || n > 1000) return { error: `${invalidN['zh-CN']} / ${invalidN.en}` };
  const op = (operator ?? 'in').trim().toLowerCase();
  if (op === 'in') return { jql: `complaintRepeatCount >= ${n}` };
  if (op === 'not in') return { jql: `(complaintRepeatCount < ${n} OR complaintRepeatCount IS EMPTY)` };
  return { error: `complaintRepeats(n) 只支持 in 与 not in / complaintRepeats(n) supports only in and not in (got '${operator ?? ''}')` };
}

interface Precomputation {
  id: string;
  functionName?: string;
  operator?: string;
  arguments?: string[];
  value?: string;
  error?: string;
}

/**
 * Jira caches a JQL function's fragment (a precomputation) and reuses it until the app updates
 * it (GET/POST /rest/api/3/jql/function/computation). The fragment of complaintRepeats depends
 * only on the clause, not on the complaints (those are counted in the property), so complaint
 * changes need no refresh; an app version whose fragments differ does: this rewrites every
 * stored complaintRepeats precomputation whose value is not the current one.
 */
export async function refreshRepeatPrecomputations(): Promise<{ checked: number; updated: number }> {
  let checked = 0;
  const updates: { id: string; value?: string; error?: string }[] = [];
  for (let startAt = 0, page = 0; page < 50; page++) {
    const r = await jira<{ values?: Precomputation[]; isLast?: boolean }>('app', route`/rest/api/3/jql/function/computation?startAt=${startAt}&maxResults=100`);
    const values = r.values ?? [];
    for (const p of values) {
      if ((p.functionName ?? '').toLowerCase() !== REPEAT_FUNCTION_NAME.toLowerCase()) continue;
      checked++;
      const now = repeatsFragment(p.operator, p.arguments ?? []);
      if ('jql' in now) {
        if (now.jql !== p.value || p.error) updates.push({ id: p.id, value: now.jql });
      } else if (now.error !== p.error) updates.push({ id: p.id, error: now.error });
    }
    if (r.isLast !== false || values.length === 0) break;
    startAt += values.length;
  }
  for (let i = 0; i < updates.length; i += 100) {
    await jira('app', route`/rest/api/3/jql/function/computation?skipNotFoundPrecomputations=true`, { method: 'POST', body: { values: updates.slice(i, i + 100) } });
  }
  return { checked, updated: updates.length };
}
