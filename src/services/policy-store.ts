/**
 * The active policy, versioned, in Forge storage. Reads validate what storage holds (a policy
 * written by an older version still has to pass today's schema); writes keep the history.
 */
import { kvs } from '@forge/kvs';
import { parsePolicy, presetPolicy, type Policy } from '../rules';

const ACTIVE = 'policy:active';
const HISTORY_PREFIX = 'policy:history:';

export interface PolicyVersion {
  version: number;
  savedAt: string;
  savedBy: string;
  policy: Policy;
}

/** The active policy; the `general` preset until an admin saves one. */
export async function activePolicy(): Promise<{ policy: Policy; version: number }> {
  const stored = await kvs.get<PolicyVersion>(ACTIVE);
  if (!stored) return { policy: presetPolicy('general'), version: 0 };
  return { policy: parsePolicy(stored.policy), version: stored.version };
}

/** Validates and saves a policy as the next version. The caller has checked admin rights. */
export async function savePolicy(input: unknown, accountId: string, now: Date = new Date()): Promise<PolicyVersion> {
  const policy = parsePolicy(input);
  const current = await kvs.get<PolicyVersion>(ACTIVE);
  const entry: PolicyVersion = { version: (current?.version ?? 0) + 1, savedAt: now.toISOString(), savedBy: accountId, policy };
  // History first: a failure between the two writes leaves the old version active, not a gap.
  await kvs.set(`${HISTORY_PREFIX}${String(entry.version).padStart(6, '0')}`, entry);
  await kvs.set(ACTIVE, entry);
  return entry;
}
