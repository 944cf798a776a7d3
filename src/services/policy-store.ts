/**
 * Policies in Forge storage: a site-wide default and, optionally, one per project (a bearing
 * plant's quality project and a food company's service project run different presets). Each
 * is versioned with its history. Reads validate what storage holds (a policy written by an
 * older version still has to pass today's schema); writes keep the history.
 */
import { kvs, WhereConditions } from '@forge/kvs';
import { parsePolicy, presetPolicy, type Policy } from '../rules';

export const DEFAULT_SCOPE = 'default';

export interface PolicyVersion {
  version: number;
  savedAt: string;
  savedBy: string;
  policy: Policy;
}

const activeKey = (scope: string): string => `policy:active:${scope}`;
const historyKey = (scope: string, version: number): string => `policy:history:${scope}:${String(version).padStart(6, '0')}`;

function scopeOf(projectKey?: string | null): string {
  return projectKey && /^[A-Z][A-Z0-9_]{0,19}$/.test(projectKey) ? `project-${projectKey}` : DEFAULT_SCOPE;
}

/**
 * The policy that governs a project: its own if an admin assigned one, else the site default,
 * else the `general` preset.
 */
export async function activePolicy(projectKey?: string | null): Promise<{ policy: Policy; version: number; scope: string }> {
  const scopes = projectKey ? [scopeOf(projectKey), DEFAULT_SCOPE] : [DEFAULT_SCOPE];
  for (const scope of scopes) {
    const stored = await kvs.get<PolicyVersion>(activeKey(scope));
    if (stored) return { policy: parsePolicy(stored.policy), version: stored.version, scope };
  }
  return { policy: presetPolicy('general'), version: 0, scope: DEFAULT_SCOPE };
}

/**
 * Every active policy on the site (the default and each project's), read from storage; one that
 * today's schema refuses is left out.
 */
export async function allActivePolicies(): Promise<Policy[]> {
  const out: Policy[] = [];
  let cursor: string | undefined;
  do {
    let q = kvs.query().where('key', WhereConditions.beginsWith(activeKey(''))).limit(20);
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany<PolicyVersion>();
    for (const r of page.results) {
      try {
        out.push(parsePolicy(r.value.policy));
      } catch {
        // saved by older code and refused by today's schema: not a policy to read options from
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Validates and saves a policy as the next version of its scope. The caller has checked admin rights. */
export async function savePolicy(input: unknown, accountId: string, projectKey?: string | null, now: Date = new Date()): Promise<PolicyVersion> {
  const policy = parsePolicy(input);
  const scope = scopeOf(projectKey);
  const current = await kvs.get<PolicyVersion>(activeKey(scope));
  const entry: PolicyVersion = { version: (current?.version ?? 0) + 1, savedAt: now.toISOString(), savedBy: accountId, policy };
  // History first: a failure between the two writes leaves the old version active, not a gap.
  await kvs.set(historyKey(scope, entry.version), entry);
  await kvs.set(activeKey(scope), entry);
  return entry;
}

/** The saved versions of a scope, newest first (at most `limit`). */
export async function policyHistory(projectKey?: string | null, limit = 50): Promise<PolicyVersion[]> {
  const scope = scopeOf(projectKey);
  const current = await kvs.get<PolicyVersion>(activeKey(scope));
  if (!current) return [];
  const out: PolicyVersion[] = [];
  for (let v = current.version; v >= 1 && out.length < limit; v--) {
    const entry = await kvs.get<PolicyVersion>(historyKey(scope, v));
    if (entry) out.push(entry);
  }
  return out;
}
