/**
 * Permission model of the stand-in. A user may browse the projects listed in `browse` ('*' = all);
 * in a project they may browse, a user holds the everyday project permissions (create, edit,
 * transition, comment…); administrators (and the app) hold everything, including delete and
 * the ADMINISTER global permission.
 */
import type { SandboxUser } from './types';

export interface PermissionInfo {
  id: string;
  key: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
}

const P = (id: string, key: string, name: string, type: 'GLOBAL' | 'PROJECT', description: string): PermissionInfo => ({ id, key, name, type, description });

export const PERMISSIONS: PermissionInfo[] = [
  P('0', 'ADMINISTER', 'Administer Jira', 'GLOBAL', 'Create and administer projects, issue types, fields, workflows, and schemes for all projects.'),
  P('44', 'SYSTEM_ADMIN', 'Administer Jira system', 'GLOBAL', 'Configure Jira system settings.'),
  P('27', 'USER_PICKER', 'Browse users and groups', 'GLOBAL', 'View and select users or groups from the user picker.'),
  P('10', 'BROWSE_PROJECTS', 'Browse Projects', 'PROJECT', 'Ability to browse projects and the issues within them.'),
  P('11', 'CREATE_ISSUES', 'Create Issues', 'PROJECT', 'Ability to create issues.'),
  P('12', 'EDIT_ISSUES', 'Edit Issues', 'PROJECT', 'Ability to edit issues.'),
  P('13', 'ASSIGN_ISSUES', 'Assign Issues', 'PROJECT', 'Ability to assign issues to other people.'),
  P('14', 'RESOLVE_ISSUES', 'Resolve Issues', 'PROJECT', 'Ability to resolve and reopen issues.'),
  P('15', 'ADD_COMMENTS', 'Add Comments', 'PROJECT', 'Ability to comment on issues.'),
  P('16', 'DELETE_ISSUES', 'Delete Issues', 'PROJECT', 'Ability to delete issues.'),
  P('17', 'ASSIGNABLE_USER', 'Assignable User', 'PROJECT', 'Users with this permission may be assigned to issues.'),
  P('18', 'CLOSE_ISSUES', 'Close Issues', 'PROJECT', 'Ability to close issues.'),
  P('20', 'WORK_ON_ISSUES', 'Work On Issues', 'PROJECT', 'Ability to log work done against an issue.'),
  P('23', 'ADMINISTER_PROJECTS', 'Administer Projects', 'PROJECT', 'Ability to administer a project in Jira.'),
  P('28', 'SCHEDULE_ISSUES', 'Schedule Issues', 'PROJECT', 'Ability to view or edit an issue\'s due date.'),
  P('34', 'EDIT_ALL_COMMENTS', 'Edit All Comments', 'PROJECT', 'Ability to edit all comments made on issues.'),
  P('35', 'EDIT_OWN_COMMENTS', 'Edit Own Comments', 'PROJECT', 'Ability to edit own comments made on issues.'),
  P('36', 'DELETE_ALL_COMMENTS', 'Delete All Comments', 'PROJECT', 'Ability to delete all comments made on issues.'),
  P('37', 'DELETE_OWN_COMMENTS', 'Delete Own Comments', 'PROJECT', 'Ability to delete own comments made on issues.'),
  P('46', 'TRANSITION_ISSUES', 'Transition Issues', 'PROJECT', 'Ability to transition issues.'),
];

export const PERMISSION_BY_KEY = new Map(PERMISSIONS.map((p) => [p.key, p]));

/** Project permissions only administrators hold. */
const ADMIN_ONLY = new Set(['DELETE_ISSUES', 'ADMINISTER_PROJECTS', 'EDIT_ALL_COMMENTS', 'DELETE_ALL_COMMENTS']);

/** Who is calling: a user (directly or through the app's asUser()), or the app itself (asApp()). */
export type Actor =
  | { kind: 'user'; user: SandboxUser; viaApp: boolean }
  | { kind: 'app' };

export function actorAccountId(actor: Actor, appAccountId: string): string {
  return actor.kind === 'app' ? appAccountId : actor.user.accountId;
}

export function actorUser(actor: Actor): SandboxUser | null {
  return actor.kind === 'app' ? null : actor.user;
}

export function userCanBrowse(user: SandboxUser, projectKey: string): boolean {
  return user.active && (user.admin || user.browse === '*' || user.browse.includes(projectKey));
}

export function canBrowse(actor: Actor, projectKey: string): boolean {
  return actor.kind === 'app' || userCanBrowse(actor.user, projectKey);
}

export function userHasProjectPermission(user: SandboxUser, key: string, projectKey: string): boolean {
  if (!userCanBrowse(user, projectKey)) return false;
  if (user.admin) return true;
  return !ADMIN_ONLY.has(key);
}

export function hasProjectPermission(actor: Actor, key: string, projectKey: string): boolean {
  return actor.kind === 'app' || userHasProjectPermission(actor.user, key, projectKey);
}

export function userHasGlobalPermission(user: SandboxUser, key: string): boolean {
  if (!user.active) return false;
  if (key === 'USER_PICKER') return true;
  return user.admin;
}

export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'app' || actor.user.admin;
}
