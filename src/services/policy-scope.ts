/**
 * Policies read for the screens: one policy whose option lists are the union of the policies
 * governing several projects (the gadget's filters across projects running different presets).
 */
import { route } from '@forge/api';
import { jira } from '../jira/port';
import type { Policy } from '../rules';
import { activePolicy } from './policy-store';

const MERGED_LISTS = ['categories', 'severities', 'departments', 'rootCauses'] as const;

/** The projects the calling user may browse, asked of Jira as the user (at most 50). */
export async function browsableProjectKeys(): Promise<string[]> {
  const projects = await jira<{ key: string }[]>('user', route`/rest/api/3/project`);
  return projects.map((x) => x.key).slice(0, 50);
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
 * The union policy for `keys` (projects the caller may browse; the caller has checked), or, with
 * no keys, for every project the user may browse.
 */
export async function scopePolicy(keys: string[]): Promise<{ policy: Policy; version: number; scope: 'union' }> {
  const projects = keys.length > 0 ? keys : await browsableProjectKeys().catch((): string[] => []);
  const base = await activePolicy(null);
  const others = await Promise.all(projects.map(async (k) => (await activePolicy(k)).policy));
  return { policy: mergePolicyOptions(base.policy, others), version: base.version, scope: 'union' };
}
