/**
 * Server-side permission checks, asked of Jira as the calling user (a claim from the browser
 * is never enough).
 */
import { route } from '@forge/api';
import { JiraError, jira } from '../jira/port';

/** Whether the calling user is a Jira administrator (global ADMINISTER permission). */
export async function isJiraAdmin(): Promise<boolean> {
  const r = await jira<{ permissions: Record<string, { havePermission: boolean }> }>('user', route`/rest/api/3/mypermissions?permissions=ADMINISTER`);
  return r.permissions.ADMINISTER?.havePermission === true;
}

/**
 * Whether Jira lets the calling user browse a project: `GET /rest/api/3/project/{key}` as the
 * user needs *Browse projects* and answers 404 "if the project is not found or the user does
 * not have permission to view it" (Jira REST v3, Get project).
 */
export async function canBrowseProject(projectKey: string): Promise<boolean> {
  try {
    await jira<unknown>('user', route`/rest/api/3/project/${projectKey}`);
    return true;
  } catch (e) {
    if (e instanceof JiraError && (e.status === 404 || e.status === 403 || e.status === 401)) return false;
    throw e;
  }
}
