/** The Jira Cloud stand-in: server, store and the shapes they share. */
export { startJiraServer, DEFAULT_DATA_DIR, type JiraServer, type JiraServerOptions } from './server';
export {
  JiraStore,
  forgeFieldAri,
  type TransitionHook,
  type TransitionHookArgs,
  type TransitionHookResult,
  type RegisterAppFieldOptions,
  type StoreOptions,
} from './store';
export { Faults, Stats, type FaultKind, type FaultSpec, type LatencySpec, type InvocationStats } from './faults';
export { HEADER_APP, HEADER_ACCOUNT_ID, HEADER_SECRET, HEADER_INVOCATION } from './auth';
export { DEMO_USERS, APP_USER, SEED_ISSUES, type SeedIssue } from './seed';
export { JiraHttpError, type ErrorCollection } from './errors';
export type { Actor } from './permissions';
export type { CompileJql } from './routes';
