/**
 * Policies read for the screens: one policy whose option lists are the union of the policies
 * governing several projects (the gadget's filters across projects running different presets),
 * and a scope's history with the savers' display names (never their account ids).
 */
import { route } from '@forge/api';
import { jira } from '../jira/port';
import type { Policy } from '../rules';
import { activePolicy, policyHistory } from './policy-store';

const MERGED_LISTS = ['channels', 'categories', 'severities', 'departments', 'rootCauses'] as const;

/**
 * The projects the calling user may browse, asked of Jira as the user (at most 50): among
 * `keys` when given (each one asked for, so a user with many projects loses none), else the
 * first 50.
 */
export async function browsableProjectKeys(keys: string[] = []): Promise<string[]> {
  // GET /rest/api/3/project is deprecated: /project/search pages the projects the user may
  // browse, and takes up to 50 `keys` (keys=PA&keys=PB).
  const query = new URLSearchParams([['maxResults', '50'], ['orderBy', 'key'], ...keys.slice(0, 50).map((k): [string, string] => ['keys', k])]);
  const page = await jira<{ values: { key: string }[] }>('user', route`/rest/api/3/project/search?${query}`);
  return page.values.map((x) => x.key).slice(0, 50);
}

/** Merges the option lists of `others` into a copy of `base`; first occurrence of an id wins. */
export function mergePolicyOptions(base: Policy, others: Policy[]): Policy {
  const merged = structuredClone(base);
  for (const policy of others) {
    for (const list of MERGED_LISTS) {
      const target = merged[list] as { id: string }[];
      const seen = new Set(target.map((x) => x.id));
      for (const o of policy[list]) {
        if (seen.has(o.id)) continue;
        seen.add(o.id);
        target.push(structuredClone(o));
      }
    }
  }
  return merged;
}

/**
 * The union policy for the projects among `keys` that the user may browse (asked of Jira as the
 * user, one call), or, with no keys, for every project the user may browse. A project the user
 * may not see adds nothing, so its option lists are never revealed.
 */
export async function scopePolicy(keys: string[]): Promise<{ policy: Policy; version: number; scope: 'union' }> {
  const browsable = await browsableProjectKeys(keys).catch((): string[] => []);
  const projects = keys.length > 0 ? keys.filter((k) => browsable.includes(k)) : browsable;
  const base = await activePolicy(null);
  const others = await Promise.all(projects.map(async (k) => (await activePolicy(k)).policy));
  return { policy: mergePolicyOptions(base.policy, others), version: base.version, scope: 'union' };
}

export interface HistoryEntry {
  version: number;
  savedAt: string;
  /** The saver's display name ('' when Jira no longer knows the account). */
  savedBy: string;
  policy: Policy;
}

/** The saved versions of a scope, newest first, with display names looked up once per saver. */
export async function historyWithNames(projectKey: string | null): Promise<HistoryEntry[]> {
  const entries = await policyHistory(projectKey);
  const ids = [...new Set(entries.map((e) => e.savedBy).filter((id) => id !== ''))];
  const names = new Map<string, string>();
  await Promise.all(
    ids.map(async (accountId) => {
      const user = await jira<{ displayName?: string }>('user', route`/rest/api/3/user?accountId=${accountId}`).catch(() => ({ displayName: undefined }));
      if (user.displayName) names.set(accountId, user.displayName);
    }),
  );
  return entries.map((e) => ({ version: e.version, savedAt: e.savedAt, savedBy: names.get(e.savedBy) ?? '', policy: e.policy }));
}
