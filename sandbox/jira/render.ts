/**
 * REST shapes of the stand-in's records (Jira Cloud platform v3): users, projects, statuses,
 * issue types… Nested objects embedded into issue fields are built here too, so the store keeps
 * them in the form the REST API answers (and the JQL engine reads).
 */
import type { IssueTypeRecord, ProjectRecord, StatusCategoryKey, StatusRecord } from './model';
import type { SandboxUser } from './types';
import { APP_USER } from './seed';

export const DEFAULT_SITE_URL = 'https://kesu-sandbox.atlassian.net';

/** Jira's datetime format: `2026-01-05T01:00:00.000+0000`. */
export function jiraDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** Parses what Jira accepts for datetimes (ISO 8601, offsets with or without a colon). NaN when invalid. */
/**
 * A real calendar date (`2026-02-30` is not: Date.parse would roll it over to 2 March). Jira
 * answers "Error parsing date string" for such a value; see docs/unverified.md.
 */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

export function parseJiraDateTime(s: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m || !isCalendarDate(m[1]!.slice(0, 10))) return NaN;
  let off = m[2] ?? 'Z';
  if (/^[+-]\d{4}$/.test(off)) off = `${off.slice(0, 3)}:${off.slice(3)}`;
  return Date.parse(`${m[1]}${off}`);
}

export function avatarUrls(site: string, kind: 'user' | 'project' | 'issuetype', id: string): Record<string, string> {
  const path = kind === 'user' ? 'secure/useravatar' : kind === 'project' ? 'secure/projectavatar' : 'rest/api/2/universal_avatar/view/type/issuetype/avatar';
  const sep = path.includes('?') ? '&' : '?';
  return Object.fromEntries(
    ([['16x16', 'xsmall'], ['24x24', 'small'], ['32x32', 'medium'], ['48x48', 'large']] as const).map(([k, size]) => [
      k,
      `${site}/${path}${sep}size=${size}&${kind === 'user' ? 'ownerId' : 'avatarId'}=${encodeURIComponent(id)}`,
    ]),
  );
}

/** A user as UserDetails (nested in issues, comments, changelog). */
export function userDetails(site: string, u: SandboxUser): Record<string, unknown> {
  return {
    self: `${site}/rest/api/3/user?accountId=${u.accountId}`,
    accountId: u.accountId,
    emailAddress: u.emailAddress,
    avatarUrls: avatarUrls(site, 'user', u.accountId),
    displayName: u.displayName,
    active: u.active,
    timeZone: u.timeZone,
    accountType: 'atlassian',
  };
}

/** The app's user as UserDetails. */
export function appUserDetails(site: string): Record<string, unknown> {
  return {
    self: `${site}/rest/api/3/user?accountId=${encodeURIComponent(APP_USER.accountId)}`,
    accountId: APP_USER.accountId,
    avatarUrls: avatarUrls(site, 'user', APP_USER.accountId),
    displayName: APP_USER.displayName,
    active: true,
    timeZone: 'UTC',
    accountType: 'app',
  };
}

/** A user as the User schema (/myself, /user/bulk). */
export function userFull(site: string, u: SandboxUser, withLocale: boolean): Record<string, unknown> {
  const base: Record<string, unknown> = { ...userDetails(site, u) };
  if (withLocale) base.locale = u.locale;
  return base;
}

const CATEGORY: Record<StatusCategoryKey, { id: number; key: string; colorName: string; name: string }> = {
  TODO: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  IN_PROGRESS: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  DONE: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
};

export function statusCategory(site: string, key: StatusCategoryKey): Record<string, unknown> {
  const c = CATEGORY[key];
  return { self: `${site}/rest/api/3/statuscategory/${c.id}`, ...c };
}

export function statusDetails(site: string, s: StatusRecord): Record<string, unknown> {
  return {
    self: `${site}/rest/api/3/status/${s.id}`,
    description: s.description,
    iconUrl: `${site}/images/icons/statuses/generic.png`,
    name: s.name,
    id: s.id,
    statusCategory: statusCategory(site, s.statusCategory),
  };
}

export function issueTypeDetails(site: string, t: IssueTypeRecord): Record<string, unknown> {
  return {
    self: `${site}/rest/api/3/issuetype/${t.id}`,
    id: t.id,
    description: t.description,
    iconUrl: `${site}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${t.avatarId}?size=medium`,
    name: t.name,
    subtask: t.subtask,
    avatarId: t.avatarId,
    hierarchyLevel: t.hierarchyLevel,
  };
}

/** A project as embedded in issue fields. */
export function projectRef(site: string, p: ProjectRecord): Record<string, unknown> {
  return {
    self: `${site}/rest/api/3/project/${p.id}`,
    id: p.id,
    key: p.key,
    name: p.name,
    projectTypeKey: p.projectTypeKey,
    simplified: false,
    avatarUrls: avatarUrls(site, 'project', p.id),
  };
}

export function priorityRef(site: string, p: { id: string; name: string }): Record<string, unknown> {
  return { self: `${site}/rest/api/3/priority/${p.id}`, iconUrl: `${site}/images/icons/priorities/${p.name.toLowerCase()}.svg`, name: p.name, id: p.id };
}

export function resolutionRef(site: string, r: { id: string; name: string; description: string }): Record<string, unknown> {
  return { self: `${site}/rest/api/3/resolution/${r.id}`, id: r.id, description: r.description, name: r.name };
}
