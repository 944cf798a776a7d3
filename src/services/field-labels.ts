/**
 * Publishes the labels of a project's option fields (from the policy that governs it) to the
 * project property LABELS_PROPERTY, where the fields' formatters read them: Jira shows the
 * label in the issue view, the navigator, list views, notifications and CSV export without
 * calling the app (docs: manifest-reference/modules/jira-custom-field, "Formatter example 2").
 * Idempotent and cheap on the hot path: what was last published is remembered in the app's
 * storage, so Jira is written (one PUT) only when the labels changed — no Jira call otherwise.
 */
import { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { LABELS_PROPERTY, fieldLabelMap } from '../jira/fields';
import { jira } from '../jira/port';
import type { Policy } from '../rules';
import { DEFAULT_SCOPE, activePolicy } from './policy-store';
import { setupIndex } from './setup';

const key = (projectKey: string): string => `field-labels:${projectKey}`;

/** True when the property was (re)written. */
export async function publishFieldLabels(projectKey: string, policy: Policy): Promise<boolean> {
  const wanted = JSON.stringify(fieldLabelMap(policy));
  if ((await kvs.get<string>(key(projectKey))) === wanted) return false;
  await jira('app', route`/rest/api/3/project/${projectKey}/properties/${LABELS_PROPERTY}`, { method: 'PUT', retry: 'none', body: JSON.parse(wanted) as unknown });
  await kvs.set(key(projectKey), wanted);
  return true;
}

/**
 * After a policy save: the labels of the projects that policy governs — the project's own, or,
 * for the site default, every set-up project without a policy of its own.
 */
export async function republishAfterSave(projectKey: string | null): Promise<string[]> {
  const keys = projectKey ? [projectKey] : Object.values((await setupIndex()).projects).map((p) => p.key);
  const done: string[] = [];
  for (const key of keys) {
    const { policy, scope } = await activePolicy(key);
    if (!projectKey && scope !== DEFAULT_SCOPE) continue;
    await publishFieldLabels(key, policy);
    done.push(key);
  }
  return done;
}
