/**
 * Seed data of the Jira stand-in: what `store.reset()` restores. Two company-managed projects
 * (QC 客诉质量, SV 客诉服务), three demo users, Jira's usual issue types, statuses and a
 * simplified default workflow (global transitions to every status).
 *
 * Demo issues (complaints) go in SEED_ISSUES; they are created through the store's normal
 * create path (so they get keys, status, changelog like any other issue).
 */
import type { FieldRecord, ScreenRecord, SiteState, WorkflowRecord } from './model';
import type { SandboxUser } from './types';

export const SEED_TIME = '2026-01-05T09:00:00.000+0800';

export const DEMO_USERS = {
  admin: {
    accountId: '5b10a2844c20165700ede21a',
    emailAddress: 'admin@example.com',
    displayName: 'Site Admin',
    locale: 'en_US',
    timeZone: 'Asia/Shanghai',
    admin: true,
    browse: '*',
    active: true,
  },
  qe: {
    accountId: '5b10a2844c20165700ede21b',
    emailAddress: 'qe@example.com',
    displayName: '王敏 (质量工程师)',
    locale: 'zh_CN',
    timeZone: 'Asia/Shanghai',
    admin: false,
    browse: ['QC', 'SV'],
    active: true,
  },
  sales: {
    accountId: '5b10a2844c20165700ede21c',
    emailAddress: 'sales@example.com',
    displayName: '李娜 (销售)',
    locale: 'zh_CN',
    timeZone: 'Asia/Shanghai',
    admin: false,
    browse: ['SV'],
    active: true,
  },
} satisfies Record<string, SandboxUser>;

/** The app's own user (what asApp() calls act as; author of app-made comments/changes). */
export const APP_USER = {
  accountId: '557058:sandbox-forge-app',
  displayName: '客诉 Complaints (app)',
};

/** A demo issue created on reset: `fields` as a POST /rest/api/3/issue body would carry them. */
export interface SeedIssue {
  /** accountId of the creator (reporter defaults to it). */
  as: string;
  fields: Record<string, unknown>;
  properties?: Record<string, unknown>;
  /** Transition ids to run after create (validators are not consulted during seeding). */
  transitions?: string[];
}

/** Demo complaints — filled in by the lead. */
export const SEED_ISSUES: SeedIssue[] = [];

export const PRIORITIES = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
];
export const DEFAULT_PRIORITY_ID = '3';

export const RESOLUTIONS = [
  { id: '10000', name: 'Done', description: 'Work has been completed on this issue.' },
  { id: '10001', name: "Won't Do", description: 'This issue won\'t be actioned.' },
];

const sys = (
  id: string,
  name: string,
  schema: FieldRecord['schema'] | null,
  clauseNames: string[],
  opts: { orderable?: boolean; navigable?: boolean; searchable?: boolean } = {},
): FieldRecord => ({
  id,
  key: id,
  name,
  custom: false,
  orderable: opts.orderable ?? true,
  navigable: opts.navigable ?? true,
  searchable: opts.searchable ?? true,
  clauseNames,
  schema: schema ?? { type: 'string', system: id },
});

export const SYSTEM_FIELDS: FieldRecord[] = [
  sys('issuekey', 'Key', { type: 'string', system: 'issuekey' }, ['id', 'issue', 'issuekey', 'key'], { orderable: false }),
  sys('summary', 'Summary', { type: 'string', system: 'summary' }, ['summary']),
  sys('description', 'Description', { type: 'string', system: 'description' }, ['description']),
  sys('environment', 'Environment', { type: 'string', system: 'environment' }, ['environment']),
  sys('project', 'Project', { type: 'project', system: 'project' }, ['project']),
  sys('issuetype', 'Issue Type', { type: 'issuetype', system: 'issuetype' }, ['issuetype', 'type']),
  sys('status', 'Status', { type: 'status', system: 'status' }, ['status'], { orderable: false }),
  sys('statusCategory', 'Status Category', { type: 'statusCategory', system: 'statusCategory' }, ['statusCategory'], { orderable: false, navigable: false }),
  sys('priority', 'Priority', { type: 'priority', system: 'priority' }, ['priority']),
  sys('assignee', 'Assignee', { type: 'user', system: 'assignee' }, ['assignee']),
  sys('reporter', 'Reporter', { type: 'user', system: 'reporter' }, ['reporter']),
  sys('creator', 'Creator', { type: 'user', system: 'creator' }, ['creator'], { orderable: false }),
  sys('created', 'Created', { type: 'datetime', system: 'created' }, ['created', 'createdDate'], { orderable: false }),
  sys('updated', 'Updated', { type: 'datetime', system: 'updated' }, ['updated', 'updatedDate'], { orderable: false }),
  sys('resolution', 'Resolution', { type: 'resolution', system: 'resolution' }, ['resolution']),
  sys('resolutiondate', 'Resolved', { type: 'datetime', system: 'resolutiondate' }, ['resolutiondate', 'resolved'], { orderable: false }),
  sys('statuscategorychangedate', 'Status Category Changed', { type: 'datetime', system: 'statuscategorychangedate' }, ['statusCategoryChangedDate'], { orderable: false }),
  sys('duedate', 'Due date', { type: 'date', system: 'duedate' }, ['due', 'duedate']),
  sys('labels', 'Labels', { type: 'array', items: 'string', system: 'labels' }, ['labels']),
  sys('comment', 'Comment', { type: 'comments-page', system: 'comment' }, ['comment'], { navigable: false }),
];

const DEFAULT_SCREEN: ScreenRecord = {
  id: '1',
  name: 'Default Screen',
  fieldIds: ['summary', 'description', 'environment', 'issuetype', 'priority', 'assignee', 'reporter', 'duedate', 'labels'],
};

const DEFAULT_WORKFLOW: WorkflowRecord = {
  id: 'b9ff2384-d3b6-4d4e-9509-3ee19f607168',
  name: 'Sandbox Simplified Workflow',
  description: 'To Do → In Progress → Done; every status reachable from every other (global transitions).',
  scope: { type: 'GLOBAL' },
  statuses: [
    { statusId: '10000', properties: {} },
    { statusId: '3', properties: {} },
    { statusId: '10001', properties: {} },
  ],
  transitions: [
    { id: '1', name: 'Create', description: '', type: 'INITIAL', from: [], to: '10000', validators: [], conditions: [], actions: [], properties: {} },
    { id: '11', name: 'To Do', description: '', type: 'GLOBAL', from: [], to: '10000', validators: [], conditions: [], actions: [], properties: {} },
    { id: '21', name: 'In Progress', description: '', type: 'GLOBAL', from: [], to: '3', validators: [], conditions: [], actions: [], properties: {} },
    { id: '31', name: 'Done', description: '', type: 'GLOBAL', from: [], to: '10001', validators: [], conditions: [], actions: [], properties: {} },
  ],
  version: { id: '0c4a3ee1-54a4-4e4b-8a47-8b2b1b2e55a1', versionNumber: 0 },
  created: '2026-01-05T01:00:00.000+0000',
  updated: '2026-01-05T01:00:00.000+0000',
};

export function buildSeedState(): SiteState {
  const users: SandboxUser[] = Object.values(DEMO_USERS).map((u) => ({ ...u, browse: u.browse === '*' ? '*' : [...u.browse] }));
  return {
    schemaVersion: 1,
    counters: {
      issueId: 10000,
      customFieldId: 10000,
      issueTypeId: 10004,
      statusId: 10001,
      commentId: 10000,
      changelogId: 10000,
      issueTypeSchemeId: 10002,
      projectId: 10001,
    },
    users,
    projects: [
      {
        id: '10000',
        key: 'QC',
        name: '客诉质量',
        description: '客户投诉 — 质量处理',
        projectTypeKey: 'business',
        style: 'classic',
        leadAccountId: DEMO_USERS.qe.accountId,
        issueTypeSchemeId: '10001',
        lastIssueNumber: 0,
      },
      {
        id: '10001',
        key: 'SV',
        name: '客诉服务',
        description: '客户投诉 — 服务受理',
        projectTypeKey: 'business',
        style: 'classic',
        leadAccountId: DEMO_USERS.admin.accountId,
        issueTypeSchemeId: '10002',
        lastIssueNumber: 0,
      },
    ],
    issueTypes: [
      { id: '10000', name: 'Epic', description: 'A big user story that needs to be broken down.', hierarchyLevel: 1, subtask: false, avatarId: 10307 },
      { id: '10001', name: 'Task', description: 'A small, distinct piece of work.', hierarchyLevel: 0, subtask: false, avatarId: 10318 },
      { id: '10002', name: 'Sub-task', description: 'A small piece of work that is part of a larger task.', hierarchyLevel: -1, subtask: true, avatarId: 10316 },
      { id: '10003', name: 'Bug', description: 'A problem or error.', hierarchyLevel: 0, subtask: false, avatarId: 10303 },
    ],
    issueTypeSchemes: [
      { id: '10000', name: 'Default Issue Type Scheme', description: 'Default issue type scheme is the list of global issue types. All newly created issue types will automatically be added to this scheme.', isDefault: true, defaultIssueTypeId: '10001', issueTypeIds: ['10000', '10001', '10002', '10003'] },
      { id: '10001', name: 'QC: 客诉质量 Issue Type Scheme', description: '', isDefault: false, defaultIssueTypeId: '10001', issueTypeIds: ['10001', '10002', '10003'] },
      { id: '10002', name: 'SV: 客诉服务 Issue Type Scheme', description: '', isDefault: false, defaultIssueTypeId: '10001', issueTypeIds: ['10001', '10002'] },
    ],
    statuses: [
      { id: '10000', name: 'To Do', description: '', statusCategory: 'TODO' },
      { id: '3', name: 'In Progress', description: 'This issue is being actively worked on at the moment by the assignee.', statusCategory: 'IN_PROGRESS' },
      { id: '10001', name: 'Done', description: '', statusCategory: 'DONE' },
      // Statuses every Jira Cloud site has from its built-in workflows; company-managed statuses
      // are global, so an app's workflow named 'Closed' must reuse this one.
      { id: '4', name: 'Reopened', description: 'This issue was once resolved, but the resolution was deemed incorrect.', statusCategory: 'IN_PROGRESS' },
      { id: '6', name: 'Closed', description: 'The issue is considered finished, the resolution is correct.', statusCategory: 'DONE' },
    ],
    workflows: [structuredClone(DEFAULT_WORKFLOW)],
    defaultWorkflowId: DEFAULT_WORKFLOW.id,
    workflowBindings: [],
    fields: SYSTEM_FIELDS.map((f) => structuredClone(f)),
    screens: [structuredClone(DEFAULT_SCREEN)],
    propertyAliases: [],
    forgeRules: [],
    notifications: [],
  };
}
