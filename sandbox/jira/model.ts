/**
 * Records the Jira stand-in keeps (site configuration, issue documents). REST shapes are made
 * from them by render.ts; the shared shapes (users, fields, issues) come from types.ts.
 */
import type { FieldDefinition, PropertyAlias, SandboxUser, StoredIssue } from './types';

export type StatusCategoryKey = 'TODO' | 'IN_PROGRESS' | 'DONE';

export interface ProjectRecord {
  id: string;
  key: string;
  name: string;
  description: string;
  projectTypeKey: 'software' | 'business' | 'service_desk';
  style: 'classic';
  leadAccountId: string;
  issueTypeSchemeId: string;
  /**
   * The workflow scheme the project uses; absent = Jira's `Default Workflow Scheme`, which has no
   * id (GET /rest/api/3/workflowscheme/project: "If the project is associated with the
   * `Default Workflow Scheme` no ID is returned", jira-platform-v3.json).
   */
  workflowSchemeId?: string;
  /** Counter for issue keys (KEY-n). */
  lastIssueNumber: number;
}

export interface IssueTypeRecord {
  id: string;
  name: string;
  description: string;
  hierarchyLevel: number;
  subtask: boolean;
  avatarId: number;
}

export interface IssueTypeSchemeRecord {
  id: string;
  name: string;
  description: string;
  isDefault: boolean;
  defaultIssueTypeId?: string;
  issueTypeIds: string[];
}

export interface StatusRecord {
  id: string;
  name: string;
  description: string;
  statusCategory: StatusCategoryKey;
}

/** A workflow rule as the workflows API carries it (validators, conditions, post functions). */
export interface WorkflowRuleConfiguration {
  id?: string | null;
  ruleKey: string;
  parameters?: Record<string, string>;
}

export interface TransitionRecord {
  id: string;
  name: string;
  description: string;
  type: 'INITIAL' | 'GLOBAL' | 'DIRECTED';
  /** Status ids the transition leaves from (DIRECTED only). */
  from: string[];
  to: string;
  validators: WorkflowRuleConfiguration[];
  conditions: WorkflowRuleConfiguration[];
  actions: WorkflowRuleConfiguration[];
  properties: Record<string, string>;
  /**
   * Screen shown on the transition (from `transitionScreen.parameters.screenId`). Without one,
   * the transition accepts no `fields`/`update`, as in Jira.
   */
  screenId?: string;
}

export interface WorkflowRecord {
  id: string;
  name: string;
  description: string;
  scope: { type: 'GLOBAL' | 'PROJECT'; project?: { id: string } };
  statuses: { statusId: string; properties: Record<string, string> }[];
  transitions: TransitionRecord[];
  version: { id: string; versionNumber: number };
  created: string;
  updated: string;
}

/** Which workflow an issue uses: the most specific binding wins, else the site default workflow. */
/**
 * A workflow scheme created through REST. Its mappings are copied into the bindings of every
 * project it is assigned to (the stand-in resolves workflows from bindings); `mappings` and
 * `defaultWorkflowId` hold what it maps while no project uses it.
 */
export interface WorkflowSchemeRecord {
  id: string;
  name: string;
  description: string;
  defaultWorkflowId: string;
  /** issue type id → workflow id */
  mappings: Record<string, string>;
}

/**
 * A JQL function precomputation: the fragment Jira stored for one clause of an app's JQL
 * function, used instead of calling the app until the app updates it (JqlFunctionPrecomputationBean,
 * GET/POST /rest/api/3/jql/function/computation, jira-platform-v3.json).
 */
export interface PrecomputationRecord {
  id: string;
  functionKey: string;
  functionName: string;
  field: string;
  operator: string;
  arguments: string[];
  value: string | null;
  error: string | null;
  created: string;
  updated: string;
  used: string;
}

export interface WorkflowBinding {
  projectId?: string;
  issueTypeId?: string;
  workflowId: string;
}

/** A field definition plus what the stand-in needs to know beyond /rest/api/3/field. */
export interface FieldRecord extends FieldDefinition {
  description?: string;
  /** For Forge app fields: the owning app id (from the extension ARI). */
  appId?: string;
  /** Forge `readOnly: true`: users cannot set it through create/edit/transition (see store.computeFieldChanges). */
  readOnly?: boolean;
}

export interface ScreenRecord {
  id: string;
  name: string;
  /** Field ids that may be set on create/edit. */
  fieldIds: string[];
  description?: string;
  /** The name of the screen's one tab (POST /screens/{id}/tabs); absent: Jira's default "Field Tab". */
  tabName?: string;
}

/** A Forge workflow rule module (validator/condition/post function) the site knows about. */
export interface ForgeRuleRecord {
  /** The extension ARI: ari:cloud:ecosystem::extension/<app>/<env>/static/<moduleKey>. */
  id: string;
  name: string;
  ruleKey: string;
  ruleType: 'Condition' | 'Validator' | 'Function';
}

export interface CommentRecord {
  id: string;
  /** accountId of the author (the app's accountId for asApp calls). */
  authorId: string;
  updateAuthorId: string;
  body: unknown;
  created: string;
  updated: string;
  visibility?: { type: string; value?: string; identifier?: string };
  properties?: { key: string; value: unknown }[];
}

export interface ChangeItem {
  field: string;
  fieldtype: string;
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface ChangelogRecord {
  id: string;
  authorId: string;
  created: string;
  items: ChangeItem[];
}

export interface NotificationRecord {
  issueId: string;
  issueKey: string;
  senderId: string;
  at: string;
  notification: Record<string, unknown>;
}

/** One persisted issue file. */
export interface IssueDocument {
  issue: StoredIssue;
  comments: CommentRecord[];
  changelog: ChangelogRecord[];
}

/** The persisted site (everything but issues). */
export interface SiteState {
  schemaVersion: 1;
  counters: {
    issueId: number;
    customFieldId: number;
    issueTypeId: number;
    statusId: number;
    commentId: number;
    changelogId: number;
    issueTypeSchemeId: number;
    projectId: number;
  };
  users: SandboxUser[];
  projects: ProjectRecord[];
  issueTypes: IssueTypeRecord[];
  issueTypeSchemes: IssueTypeSchemeRecord[];
  statuses: StatusRecord[];
  workflows: WorkflowRecord[];
  defaultWorkflowId: string;
  workflowBindings: WorkflowBinding[];
  /** Version numbers of the workflow schemes, by scheme id (absent = 0). */
  workflowSchemeVersions?: Record<string, number>;
  /** Jira's cache of app JQL function results (absent on old data). */
  precomputations?: PrecomputationRecord[];
  /** Workflow schemes created through POST /rest/api/3/workflowscheme (absent on old data). */
  workflowSchemes?: WorkflowSchemeRecord[];
  counterWorkflowSchemeId?: number;
  fields: FieldRecord[];
  screens: ScreenRecord[];
  propertyAliases: PropertyAlias[];
  /** Project entity properties: project id → property key → value. */
  projectProperties?: Record<string, Record<string, unknown>>;
  forgeRules: ForgeRuleRecord[];
  notifications: NotificationRecord[];
}
