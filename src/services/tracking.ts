/**
 * The 客诉追踪总览表 behind the gadget: a JQL search run as the viewing user (so the list shows
 * only what they may see in Jira), one page at a time with Jira's nextPageToken, fields
 * restricted to what the rows need, rows built by src/rules.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { complaintFromFields, type FieldIds } from '../jira/fields';
import { jira } from '../jira/port';
import { countEach } from './counts';
import {
  TRACKING_COLUMN_IDS,
  evaluateClocks,
  statusIdFromName,
  trackingRow,
  type Locale,
  type Milestones,
  type Policy,
  type TrackingRow,
} from '../rules';

export const gadgetConfigSchema = z.strictObject({
  title: z.string().trim().max(100).optional(),
  projects: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/, { message: 'a project key such as QC' })).max(50).optional(),
  jql: z
    .string()
    .max(2000)
    .refine((j) => !/\border\s+by\b/i.test(j), { message: 'the filter must not contain ORDER BY (the list sorts itself)' })
    .optional(),
  columns: z.array(z.enum(TRACKING_COLUMN_IDS as [string, ...string[]])).min(1).optional(),
  refresh: z.number().int().min(0).max(1440).optional(),
});
export type GadgetConfig = z.infer<typeof gadgetConfigSchema>;

export const listQuerySchema = z.strictObject({
  config: gadgetConfigSchema.default({}),
  filters: z
    .strictObject({
      statuses: z.array(z.string().max(60)).max(20).optional(),
      categories: z.array(z.string().max(40)).max(50).optional(),
      severities: z.array(z.string().max(40)).max(20).optional(),
      departments: z.array(z.string().max(40)).max(100).optional(),
      from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
      to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
      overdueOnly: z.boolean().optional(),
    })
    .default({}),
  sort: z.strictObject({ by: z.enum(['complaintNumber', 'complaintAt', 'status', 'nextDue', 'customer']), dir: z.enum(['ASC', 'DESC']) }).optional(),
  pageSize: z.number().int().min(1).max(100).default(25),
  nextPageToken: z.string().max(2000).optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

const quote = (s: string): string => JSON.stringify(s);
const cf = (ids: FieldIds, key: string): string | null => {
  const id = ids[key];
  const m = id ? /^customfield_(\d+)$/.exec(id) : null;
  return m ? `cf[${m[1]}]` : null;
};

/** Builds the list's JQL from the (server-validated) gadget configuration and filters. */
export function buildListJql(q: ListQuery, ids: FieldIds, issueTypeNames: string[]): string {
  const sortField: Record<NonNullable<ListQuery['sort']>['by'], string | null> = {
    complaintNumber: 'complaintNumber',
    complaintAt: cf(ids, 'complaint-date'),
    status: 'status',
    nextDue: 'complaintNextDue',
    customer: cf(ids, 'complaint-customer'),
  };
  const by = q.sort ? sortField[q.sort.by] : null;
  return `${scopeJql(q, ids, issueTypeNames)} ORDER BY ${by ? `${by} ${q.sort!.dir}, ` : ''}created DESC`;
}

/** The list's scope as a JQL condition (configuration and filters, no ORDER BY). */
export function scopeJql(q: Pick<ListQuery, 'config' | 'filters'>, ids: FieldIds, issueTypeIds: string[]): string {
  // Complaint types by the ids recorded at setup (a renamed type still counts; none recorded: nothing is a complaint).
  const typeIds = issueTypeIds.filter((id) => /^\d+$/.test(id));
  const clauses: string[] = [typeIds.length ? `issuetype in (${typeIds.join(', ')})` : 'issuetype IS EMPTY'];
  if (q.config.projects?.length) clauses.push(`project in (${q.config.projects.map(quote).join(', ')})`);
  if (q.config.jql?.trim()) clauses.push(`(${q.config.jql.trim()})`);
  const f = q.filters;
  if (f.statuses?.length) clauses.push(`complaintStatus in (${f.statuses.map(quote).join(', ')})`);
  const opt = (key: string, values: string[] | undefined): void => {
    const field = cf(ids, key);
    if (field && values?.length) clauses.push(`${field} in (${values.map(quote).join(', ')})`);
  };
  opt('complaint-category', f.categories);
  opt('complaint-department', f.departments);
  if (f.severities?.length) {
    const sev = cf(ids, 'complaint-severity');
    const cls = cf(ids, 'complaint-class');
    const parts = [sev, cls].filter((x): x is string => x !== null).map((x) => `${x} in (${f.severities!.map(quote).join(', ')})`);
    if (parts.length) clauses.push(`(${parts.join(' OR ')})`);
  }
  const date = cf(ids, 'complaint-date');
  if (date && f.from) clauses.push(`${date} >= ${quote(f.from)}`);
  if (date && f.to) clauses.push(`${date} <= ${quote(`${f.to} 23:59`)}`);
  if (f.overdueOnly) clauses.push('complaintSlaState = "breached"');
  return clauses.join(' AND ');
}

export interface ListSummary {
  /** Open complaints in scope. */
  open: number;
  /** Open complaints with a breached clock. */
  overdue: number;
  /** Complaints with a clock in its at-risk window. */
  atRisk: number;
}

/**
 * The summary strip over the whole scope (not just the loaded page): three approximate counts
 * as the user, so the figures cover only what the user may see. The month's SLA compliance
 * needs two more counts (closed this month, and of those closed late); it lives in the monthly
 * report (src/services/stats.ts), where the month is the subject.
 */
export async function trackingSummary(q: Pick<ListQuery, 'config' | 'filters'>, ids: FieldIds, issueTypeNames: string[]): Promise<ListSummary> {
  const scope = scopeJql(q, ids, issueTypeNames);
  const [open = 0, overdue = 0, atRisk = 0] = await countEach([
    `${scope} AND statusCategory != Done`,
    `${scope} AND statusCategory != Done AND complaintSlaState = "breached"`,
    `${scope} AND complaintSlaState = "at-risk"`,
  ]);
  return { open, overdue, atRisk };
}

/** How many complaints the scope holds, as the user (one approximate count). */
export async function trackingCount(q: Pick<ListQuery, 'config' | 'filters'>, ids: FieldIds, issueTypeNames: string[]): Promise<{ total: number }> {
  const [total = 0] = await countEach([scopeJql(q, ids, issueTypeNames)]);
  return { total };
}

interface SearchAnswer {
  issues: {
    id: string;
    key: string;
    fields: Record<string, unknown> & { status?: { name?: string }; attachment?: unknown[]; project?: { key?: string } };
    properties?: { complaint?: { milestones?: Milestones } };
  }[];
  nextPageToken?: string;
  isLast?: boolean;
}

export interface ListPage {
  rows: TrackingRow[];
  nextPageToken: string | null;
  jql: string;
}

/** One page of the tracking list, searched as the user. `offset` numbers the rows (序号). */
export async function trackingPage(
  policyOf: (projectKey: string | null) => Promise<Policy>,
  ids: FieldIds,
  q: ListQuery,
  locale: Locale,
  issueTypeNames: string[],
  offset = 0,
  now: number = Date.now(),
): Promise<ListPage> {
  const jql = buildListJql(q, ids, issueTypeNames);
  const answer = await jira<SearchAnswer>('user', route`/rest/api/3/search/jql`, {
    method: 'POST',
    body: {
      jql,
      maxResults: q.pageSize,
      fields: ['status', 'attachment', 'project', ...Object.values(ids)],
      properties: ['complaint'],
      ...(q.nextPageToken ? { nextPageToken: q.nextPageToken } : {}),
    },
  });
  const policies = new Map<string, Policy>();
  for (const issue of answer.issues) {
    const key = issue.fields.project?.key ?? '';
    if (!policies.has(key)) policies.set(key, await policyOf(key || null));
  }
  const rows = answer.issues.map((issue, i) => {
    const policy = policies.get(issue.fields.project?.key ?? '')!;
    const complaint = complaintFromFields(issue.fields, ids);
    const status = statusIdFromName(issue.fields.status?.name) ?? 'registered';
    const milestones = issue.properties?.complaint?.milestones ?? (complaint.registeredAt ? { registered: complaint.registeredAt } : {});
    const clocks = evaluateClocks(policy, complaint, milestones, now);
    return trackingRow(
      policy,
      { no: offset + i + 1, complaint, status, clocks, pictures: Array.isArray(issue.fields.attachment) ? issue.fields.attachment.length : 0, issueKey: issue.key },
      locale,
    );
  });
  return { rows, nextPageToken: answer.nextPageToken ?? null, jql };
}
