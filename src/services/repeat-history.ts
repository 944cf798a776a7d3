/**
 * The 004 repeat rule's history: earlier complaints with the same part number and category
 * within the policy's window, found with ONE JQL search (the `complaintRepeatKey` alias of the
 * `complaint` issue property that the lifecycle trigger writes). Used by the trigger and the
 * validator (as the app) and by the issue panel (as the user). (The counts behind the
 * `complaintRepeats()` JQL function are kept apart, in ./repeats.ts.)
 */
import { route } from '@forge/api';
import { complaintFromFields, type FieldIds } from '../jira/fields';
import { jira, type Actor } from '../jira/port';
import { formatInstant, parseInstant, repeatKey, repeatWindowStart, type Complaint, type HistoryEntry, type Policy } from '../rules';
import { appFieldIds } from './site';

/** Enough for any threshold an admin can set (at most 100): the rule needs a count, not all. */
const MAX_HISTORY = 100;

interface SearchAnswer {
  issues: { key: string; fields: Record<string, unknown> }[];
}

/** JQL string literal: quotes and backslashes escaped. */
function jqlString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Earlier complaints of the same repeat group (part number + category) registered within the
 * policy's window before this one, excluding `selfKey`. Empty when the complaint has no part
 * number or category (no search is made then).
 */
export async function repeatHistory(
  policy: Policy,
  complaint: Complaint,
  selfKey: string | null,
  actor: Actor = 'app',
  now: number = Date.now(),
  knownIds?: FieldIds,
): Promise<HistoryEntry[]> {
  const key = repeatKey(complaint.partNumber, complaint.category);
  if (!key) return [];
  const ids = knownIds ?? (await appFieldIds());
  const at = (complaint.registeredAt ? parseInstant(complaint.registeredAt) : null) ?? now;
  const since = formatInstant(repeatWindowStart(at, policy.classification.repeatWindowMonths), policy.timeZone).slice(0, 10);
  // Per project, like the repeat counts (src/services/repeats.ts): another company's complaints
  // on the same site do not make this one a repeat.
  const project = selfKey?.split('-')[0] ?? '';
  const scope = /^[A-Z][A-Z0-9_]{0,19}$/.test(project) ? `project = ${jqlString(project)} AND ` : '';
  const jql = `${scope}complaintRepeatKey = ${jqlString(key)} AND created >= ${jqlString(since)}${selfKey ? ` AND key != ${jqlString(selfKey)}` : ''} ORDER BY created ASC`;
  const wanted = ['complaint-number', 'complaint-part-number', 'complaint-category', 'complaint-class', 'complaint-registered'];
  const answer = await jira<SearchAnswer>(actor, route`/rest/api/3/search/jql`, {
    method: 'POST',
    body: { jql, fields: wanted.map((k) => ids[k]).filter((x): x is string => !!x), maxResults: MAX_HISTORY },
  });
  return answer.issues.map((issue) => {
    const c = complaintFromFields(issue.fields, ids);
    return {
      key: issue.key,
      number: c.complaintNumber ?? null,
      partNumber: c.partNumber ?? null,
      category: c.category ?? null,
      class: c.class ?? null,
      registeredAt: c.registeredAt ?? null,
    };
  });
}
