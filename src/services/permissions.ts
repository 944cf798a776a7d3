/**
 * Server-side permission checks, asked of Jira as the calling user (a claim from the browser
 * is never enough).
 */
import { route } from '@forge/api';
import { jira } from '../jira/port';

/** Whether the calling user is a Jira administrator (global ADMINISTER permission). */
export async function isJiraAdmin(): Promise<boolean> {
  const r = await jira<{ permissions: Record<string, { havePermission: boolean }> }>('user', route`/rest/api/3/mypermissions?permissions=ADMINISTER`);
  return r.permissions.ADMINISTER?.havePermission === true;
}
