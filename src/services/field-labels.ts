/**
 * Publishes the labels of a project's option fields (from the policy that governs it) to the
 * project property LABELS_PROPERTY, where the fields' formatters read them: Jira shows the
 * label in the issue view, the navigator, list views, notifications and CSV export without
 * calling the app (docs: manifest-reference/modules/jira-custom-field, "Formatter example 2").
 * Idempotent: the property is written only when it differs from the policy.
 */
import { route } from '@forge/api';
import { LABELS_PROPERTY, fieldLabelMap } from '../jira/fields';
import { JiraError, jira } from '../jira/port';
import type { Policy } from '../rules';

/** True when the property was (re)written. */
export async function publishFieldLabels(projectKey: string, policy: Policy): Promise<boolean> {
  const wanted = fieldLabelMap(policy);
  const current = await jira<{ value?: unknown }>('app', route`/rest/api/3/project/${projectKey}/properties/${LABELS_PROPERTY}`, { retry: 'none' }).catch((e: unknown) => {
    if (e instanceof JiraError && e.status === 404) return { value: undefined };
    throw e;
  });
  if (JSON.stringify(current.value) === JSON.stringify(wanted)) return false;
  await jira('app', route`/rest/api/3/project/${projectKey}/properties/${LABELS_PROPERTY}`, { method: 'PUT', retry: 'none', body: wanted });
  return true;
}
