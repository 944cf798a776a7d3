/**
 * The Jira Cloud stand-in's state: site configuration (users, projects, issue types and schemes,
 * statuses, workflows, fields, screens) and issues with comments, changelog and properties.
 *
 * Persistence: `<dataDir>/site.json` and one `<dataDir>/issues/<id>.json` per issue, each written
 * atomically (temp file + rename) after every change; a new store on the same directory sees the
 * same data. `reset()` restores the seed (seed.ts).
 *
 * Mutations validate like Jira and throw JiraHttpError with Jira's status and error shape; the
 * HTTP layer (server.ts) only parses requests, checks who is calling and renders answers.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JiraHttpError, MSG, badRequest, conflict, fieldErrors, forbidden, notFound } from './errors';
import type {
  ChangeItem,
  ChangelogRecord,
  CommentRecord,
  FieldRecord,
  ForgeRuleRecord,
  IssueDocument,
  IssueTypeRecord,
  IssueTypeSchemeRecord,
  ProjectRecord,
  ScreenRecord,
  SiteState,
  StatusCategoryKey,
  StatusRecord,
  TransitionRecord,
  WorkflowBinding,
  WorkflowSchemeRecord,
  PrecomputationRecord,
  WorkflowRecord,
  WorkflowRuleConfiguration,
} from './model';
import { type Actor, actorAccountId, actorUser, canBrowse, hasProjectPermission, isAdmin } from './permissions';
import {
  DEFAULT_SITE_URL,
  appUserDetails,
  issueTypeDetails,
  isCalendarDate,
  jiraDateTime,
  parseJiraDateTime,
  priorityRef,
  projectRef,
  resolutionRef,
  statusDetails,
  userDetails,
} from './render';
import { APP_USER, DEFAULT_PRIORITY_ID, PRIORITIES, RESOLUTIONS, SEED_ISSUES, buildSeedState } from './seed';
import type { FieldDefinition, FieldSearchAlias, JqlContext, PropertyAlias, SandboxUser, StoredIssue } from './types';

/** A transition of a workflows create/update request (WorkflowTransitions / TransitionUpdateDTO). */
type WorkflowTransitionInput = {
  id?: string;
  name?: string;
  description?: string;
  type?: TransitionRecord['type'];
  toStatusReference?: string;
  links?: ({ fromStatusReference?: string | null } | null)[];
  validators?: (WorkflowRuleConfiguration | null)[];
  conditions?: { conditions?: (WorkflowRuleConfiguration | null)[] } | null;
  actions?: (WorkflowRuleConfiguration | null)[];
  properties?: Record<string, string>;
  transitionScreen?: WorkflowRuleConfiguration | null;
};

/** What the transition validator hook is told. */
export interface TransitionHookArgs {
  /** The issue before the transition (a copy). */
  issue: StoredIssue;
  transition: {
    id: string;
    name: string;
    type: TransitionRecord['type'];
    from: { id: string; name: string };
    to: { id: string; name: string };
    /** Validator rule configurations on this transition (e.g. forge:expression-validator with the extension ARI). */
    validators: WorkflowRuleConfiguration[];
  };
  workflow: { id: string; name: string };
  /** The acting user; null when the app itself transitions (asApp()). */
  user: SandboxUser | null;
  /** Fields the request sets, REST-shaped (Forge's `modifiedFields`). */
  fields: Record<string, unknown>;
}

export type TransitionHookResult = { ok: true } | { ok: false; errorMessage: string };
export type TransitionHook = (args: TransitionHookArgs) => Promise<TransitionHookResult>;

export interface StoreOptions {
  /** Directory for the JSON files; created when missing. */
  dataDir: string;
  /** Clock (epoch ms); defaults to Date.now. */
  now?: () => number;
  /** Base URL used in `self` links. */
  siteUrl?: string;
  /** Time zone for JQL when the caller is the app (a user's own zone otherwise). */
  siteTimeZone?: string;
}

export interface RegisterAppFieldOptions {
  appId: string;
  environmentId: string;
  /** The module key of the `jira:customField`. */
  key: string;
  name: string;
  /** Forge field type: string | number | datetime | date | user | group | object. */
  type: 'string' | 'number' | 'datetime' | 'date' | 'user' | 'group' | 'object';
  /** `collection: list` in the manifest. */
  collection?: 'none' | 'list';
  description?: string;
  searchable?: boolean;
  /** Put the field on the default screen (settable via create/edit). Default true. */
  onScreen?: boolean;
  /** The manifest's `readOnly: true`: only the app writes it (through /app/field/value). */
  readOnly?: boolean;
  /** `object` fields: the schema properties with a `searchAlias` (see FieldDefinition.searchAliases). */
  searchAliases?: FieldSearchAlias[];
}

export interface AppFieldUpdate {
  customField: string;
  issueIds: number[];
  value: unknown;
}

/** Body of POST /issue and PUT /issue (IssueUpdateDetails). */
export interface IssueUpdateBody {
  fields?: Record<string, unknown>;
  update?: Record<string, { set?: unknown; add?: unknown; remove?: unknown; edit?: unknown }[]>;
  properties?: { key?: string; value?: unknown }[];
  transition?: { id?: string };
}

const PROPERTY_MAX = 32768;

export function forgeFieldAri(appId: string, environmentId: string, key: string): string {
  return `ari:cloud:ecosystem::extension/${appId}/${environmentId}/static/${key}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isAdf(v: unknown): boolean {
  return isObject(v) && v.type === 'doc' && Array.isArray(v.content);
}

function adfText(v: unknown): string {
  if (!isObject(v)) return typeof v === 'string' ? v : '';
  const own = typeof v.text === 'string' ? v.text : '';
  const kids = Array.isArray(v.content) ? v.content.map(adfText).join(v.type === 'doc' ? '\n' : '') : '';
  return own + kids;
}

function writeJsonAtomic(file: string, data: unknown): void {
  const tmp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  writeFileSync(tmp, JSON.stringify(data, null, 1));
  renameSync(tmp, file);
}

/** The payload of a Jira issue event, as Forge triggers receive it. */
export interface IssueEvent {
  eventType: 'avi:jira:created:issue' | 'avi:jira:updated:issue';
  /** True when the app's own call caused it (the trigger's ignoreSelf drops these). */
  selfGenerated: boolean;
  atlassianId: string;
  issue: { id: string; key: string; fields: Record<string, unknown> };
  changelog?: { items: { field: string; fieldId?: string; from: string | null; fromString: string | null; to: string | null; toString: string | null }[] };
}

export class JiraStore {
  readonly dataDir: string;
  readonly siteUrl: string;
  readonly siteTimeZone: string;
  readonly appAccountId = APP_USER.accountId;
  /** Transition validator hook (set by the Forge shim): runs before every transition completes. */
  onTransition: TransitionHook | undefined;
  /**
   * Product-event hook (set by the Forge host): called after an issue is created or updated,
   * with the payload Jira sends to `avi:jira:created:issue` / `avi:jira:updated:issue` triggers.
   */
  onIssueEvent: ((event: IssueEvent) => void) | undefined;

  private readonly clock: () => number;
  private state!: SiteState;
  private readonly docs = new Map<string, IssueDocument>();
  private readonly keyIndex = new Map<string, string>();
  /** When false, changes are not written (used while seeding; one write at the end). */
  private persist = true;
  /** Counts changes to issues: a search result cached for paging is valid while it stands still. */
  private changes = 0;

  constructor(opts: StoreOptions) {
    this.dataDir = resolve(opts.dataDir);
    this.clock = opts.now ?? Date.now;
    this.siteUrl = opts.siteUrl ?? DEFAULT_SITE_URL;
    this.siteTimeZone = opts.siteTimeZone ?? 'Asia/Shanghai';
    this.load();
  }

  now(): number {
    return this.clock();
  }

  // ───────────────────────────── persistence ─────────────────────────────

  private get siteFile(): string {
    return join(this.dataDir, 'site.json');
  }

  private get issuesDir(): string {
    return join(this.dataDir, 'issues');
  }

  private load(): void {
    mkdirSync(this.issuesDir, { recursive: true });
    if (!existsSync(this.siteFile)) {
      this.reset();
      return;
    }
    this.state = JSON.parse(readFileSync(this.siteFile, 'utf8')) as SiteState;
    // Data written before workflow schemes were modelled: a project with bindings had its own scheme (id = project id).
    for (const p of this.state.projects) {
      if (p.workflowSchemeId || !this.state.workflowBindings.some((b) => b.projectId === p.id)) continue;
      const own = this.state.workflowBindings.filter((b) => b.projectId === p.id);
      this.workflowSchemeRecords().push({
        id: p.id,
        name: `${p.key}: Workflow Scheme`,
        description: '',
        defaultWorkflowId: own.find((b) => b.issueTypeId === undefined)?.workflowId ?? this.state.defaultWorkflowId,
        mappings: Object.fromEntries(own.filter((b) => b.issueTypeId !== undefined).map((b) => [b.issueTypeId, b.workflowId])),
      });
      p.workflowSchemeId = p.id;
    }
    this.docs.clear();
    this.keyIndex.clear();
    for (const name of readdirSync(this.issuesDir)) {
      if (!name.endsWith('.json')) continue;
      const doc = JSON.parse(readFileSync(join(this.issuesDir, name), 'utf8')) as IssueDocument;
      this.index(doc);
    }
    // Counters can never be behind what is on disk (e.g. after a crash between two writes).
    for (const doc of this.docs.values()) {
      this.state.counters.issueId = Math.max(this.state.counters.issueId, Number(doc.issue.id));
      const [pkey, num] = doc.issue.key.split('-');
      const project = this.state.projects.find((p) => p.key === pkey);
      if (project && num) project.lastIssueNumber = Math.max(project.lastIssueNumber, Number(num));
    }
  }

  /** Moves on with every change to an issue (searches cache their result per revision). */
  get revision(): number {
    return this.changes;
  }

  private index(doc: IssueDocument): void {
    this.changes++;
    this.docs.set(doc.issue.id, doc);
    this.keyIndex.set(doc.issue.key.toUpperCase(), doc.issue.id);
  }

  private saveSite(): void {
    if (this.persist) writeJsonAtomic(this.siteFile, this.state);
  }

  private saveIssue(doc: IssueDocument): void {
    this.changes++;
    if (this.persist) writeJsonAtomic(join(this.issuesDir, `${doc.issue.id}.json`), doc);
  }

  /** Restores the seed: seed configuration, demo users and SEED_ISSUES; all other data is dropped. */
  reset(): void {
    rmSync(this.issuesDir, { recursive: true, force: true });
    mkdirSync(this.issuesDir, { recursive: true });
    this.state = buildSeedState();
    this.docs.clear();
    this.keyIndex.clear();
    this.persist = false;
    try {
      for (const seed of SEED_ISSUES) {
        const user = this.userById(seed.as);
        const actor: Actor = user ? { kind: 'user', user, viaApp: false } : { kind: 'app' };
        const created = this.createIssue({ fields: seed.fields }, actor);
        for (const [k, v] of Object.entries(seed.properties ?? {})) this.setProperty(created.id, k, v);
        for (const t of seed.transitions ?? []) this.applyTransition(created.id, t, {}, actor);
      }
    } finally {
      this.persist = true;
    }
    this.saveSite();
    for (const doc of this.docs.values()) this.saveIssue(doc);
  }

  // ───────────────────────────── users ─────────────────────────────

  users(): SandboxUser[] {
    return this.state.users;
  }

  userById(accountId: string): SandboxUser | undefined {
    return this.state.users.find((u) => u.accountId === accountId);
  }

  userByEmail(email: string): SandboxUser | undefined {
    const e = email.toLowerCase();
    return this.state.users.find((u) => u.emailAddress.toLowerCase() === e);
  }

  addUser(user: SandboxUser): void {
    if (this.userById(user.accountId) || this.userByEmail(user.emailAddress)) throw new Error(`user exists: ${user.emailAddress}`);
    this.state.users.push(structuredClone(user));
    this.saveSite();
  }

  /** REST user details for an accountId (the app's user for the app's accountId); null when unknown. */
  userRef(accountId: string | null | undefined): Record<string, unknown> | null {
    if (!accountId) return null;
    if (accountId === this.appAccountId) return appUserDetails(this.siteUrl);
    const u = this.userById(accountId);
    return u ? userDetails(this.siteUrl, u) : null;
  }

  // ───────────────────────────── projects, types, statuses ─────────────────────────────

  projects(): ProjectRecord[] {
    return this.state.projects;
  }

  project(idOrKey: string): ProjectRecord | undefined {
    const k = idOrKey.toUpperCase();
    return this.state.projects.find((p) => p.id === idOrKey || p.key === k);
  }

  /**
   * Project entity properties (GET/PUT/DELETE /rest/api/3/project/{key}/properties/{propertyKey}):
   * reading needs Browse projects, writing Administer projects (or the app). Jira expressions
   * read them as `project.properties` (docs: jira-entity-properties; jira-custom-field
   * "Formatter example 2").
   */
  projectProperty(idOrKey: string, key: string, actor: Actor): unknown {
    const p = this.project(idOrKey);
    if (!p || !canBrowse(actor, p.key)) throw notFound(`No project could be found with key '${idOrKey}'.`);
    const props = this.state.projectProperties?.[p.id] ?? {};
    if (!(key in props)) throw notFound(`The property with key '${key}' does not exist.`);
    return props[key];
  }

  /** All properties of a project, for Jira expressions (no permission check: the caller's). */
  projectProperties(idOrKey: string): Record<string, unknown> {
    const p = this.project(idOrKey);
    return p ? (this.state.projectProperties?.[p.id] ?? {}) : {};
  }

  /** Sets a project property; true when it was created. */
  setProjectProperty(idOrKey: string, key: string, value: unknown, actor: Actor): boolean {
    const p = this.project(idOrKey);
    if (!p || !canBrowse(actor, p.key)) throw notFound(`No project could be found with key '${idOrKey}'.`);
    if (actor.kind !== 'app' && !isAdmin(actor) && !hasProjectPermission(actor, 'ADMINISTER_PROJECTS', p.key)) {
      throw forbidden('You do not have permission to edit the properties of this project.');
    }
    this.checkProperty(key, value);
    const all = (this.state.projectProperties ??= {});
    const props = (all[p.id] ??= {});
    const created = !(key in props);
    props[key] = structuredClone(value);
    this.saveSite();
    return created;
  }

  issueTypes(): IssueTypeRecord[] {
    return this.state.issueTypes;
  }

  issueType(id: string): IssueTypeRecord | undefined {
    return this.state.issueTypes.find((t) => t.id === id);
  }

  issueTypeSchemes(): IssueTypeSchemeRecord[] {
    return this.state.issueTypeSchemes;
  }

  issueTypeScheme(id: string): IssueTypeSchemeRecord | undefined {
    return this.state.issueTypeSchemes.find((s) => s.id === id);
  }

  /** Issue types usable in a project (its issue type scheme's). */
  projectIssueTypes(project: ProjectRecord): IssueTypeRecord[] {
    const scheme = this.issueTypeScheme(project.issueTypeSchemeId) ?? this.state.issueTypeSchemes.find((s) => s.isDefault);
    return (scheme?.issueTypeIds ?? []).map((id) => this.issueType(id)).filter((t): t is IssueTypeRecord => !!t);
  }

  statuses(): StatusRecord[] {
    return this.state.statuses;
  }

  status(id: string): StatusRecord | undefined {
    return this.state.statuses.find((s) => s.id === id);
  }

  createIssueType(input: { name: string; description?: string; type?: 'standard' | 'subtask'; hierarchyLevel?: number }): IssueTypeRecord {
    const name = input.name.trim();
    if (!name) throw fieldErrors({ name: 'The issue type name must not be empty.' });
    if (name.length > 60) throw fieldErrors({ name: 'The issue type name must not exceed 60 characters.' });
    if (this.state.issueTypes.some((t) => t.name.toLowerCase() === name.toLowerCase())) {
      throw conflict([], { name: 'An issue type with this name already exists.' });
    }
    const hierarchyLevel = input.hierarchyLevel ?? (input.type === 'subtask' ? -1 : 0);
    if (![-1, 0].includes(hierarchyLevel)) throw fieldErrors({ hierarchyLevel: 'The hierarchy level must be 0 (standard) or -1 (subtask).' });
    const rec: IssueTypeRecord = {
      id: String(++this.state.counters.issueTypeId),
      name,
      description: input.description ?? '',
      hierarchyLevel,
      subtask: hierarchyLevel === -1,
      avatarId: 10318,
    };
    this.state.issueTypes.push(rec);
    this.state.issueTypeSchemes.find((s) => s.isDefault)?.issueTypeIds.push(rec.id);
    this.saveSite();
    return rec;
  }

  addIssueTypesToScheme(schemeId: string, issueTypeIds: string[]): void {
    const scheme = this.issueTypeScheme(schemeId);
    if (!scheme) throw notFound(`The issue type scheme with ID ${schemeId} was not found.`);
    const missing = issueTypeIds.filter((id) => !this.issueType(id));
    if (missing.length) throw notFound(`These issue types were not found: ${missing.join(', ')}`);
    const present = issueTypeIds.filter((id) => scheme.issueTypeIds.includes(id));
    if (present.length) throw badRequest(`These issue types were not added because they are already present in the issue type scheme: ${present.join(', ')}`);
    scheme.issueTypeIds.push(...new Set(issueTypeIds));
    this.saveSite();
  }

  assignIssueTypeScheme(schemeId: string, projectId: string): void {
    const scheme = this.issueTypeScheme(schemeId);
    if (!scheme) throw notFound(`The issue type scheme with ID ${schemeId} was not found.`);
    const project = this.state.projects.find((p) => p.id === projectId);
    if (!project) throw notFound(`The project with ID ${projectId} was not found.`);
    project.issueTypeSchemeId = schemeId;
    this.saveSite();
  }

  // ───────────────────────────── fields ─────────────────────────────

  fields(): FieldRecord[] {
    return this.state.fields;
  }

  field(idOrKey: string): FieldRecord | undefined {
    return this.state.fields.find((f) => f.id === idOrKey || f.key === idOrKey);
  }

  screenFieldIds(): Set<string> {
    return new Set(this.state.screens.flatMap((s) => s.fieldIds));
  }

  /** Registers a Forge `jira:customField` (idempotent per extension ARI). */
  registerAppField(opts: RegisterAppFieldOptions): FieldRecord {
    const ari = forgeFieldAri(opts.appId, opts.environmentId, opts.key);
    const existing = this.state.fields.find((f) => f.schema.custom === ari);
    if (existing) {
      // A redeploy may change `readOnly`; the site follows the manifest.
      if (opts.readOnly) existing.readOnly = true;
      else delete existing.readOnly;
      if (opts.searchAliases?.length) existing.searchAliases = opts.searchAliases;
      else delete existing.searchAliases;
      return existing;
    }
    const base = opts.type === 'object' ? 'any' : opts.type;
    const schema: FieldDefinition['schema'] =
      opts.collection === 'list' ? { type: 'array', items: base, custom: ari } : { type: base, custom: ari };
    const rec = this.addField({ name: opts.name, description: opts.description, schema, searchable: opts.searchable ?? true, onScreen: opts.onScreen, appId: opts.appId });
    if (opts.readOnly) rec.readOnly = true;
    if (opts.searchAliases?.length) rec.searchAliases = opts.searchAliases;
    return rec;
  }

  /** Adds an ordinary (non-app) custom field, e.g. `schema: {type:'string', custom:'com.atlassian.jira.plugin.system.customfieldtypes:textfield'}`. */
  addCustomField(opts: { name: string; description?: string; schema: FieldDefinition['schema']; searchable?: boolean; onScreen?: boolean }): FieldRecord {
    return this.addField(opts);
  }

  private addField(opts: {
    name: string;
    description?: string;
    schema: FieldDefinition['schema'];
    searchable?: boolean;
    onScreen?: boolean;
    appId?: string;
  }): FieldRecord {
    const num = ++this.state.counters.customFieldId;
    const id = `customfield_${num}`;
    const rec: FieldRecord = {
      id,
      key: id,
      name: opts.name,
      custom: true,
      orderable: true,
      navigable: true,
      searchable: opts.searchable ?? true,
      clauseNames: [`cf[${num}]`, opts.name],
      schema: { ...opts.schema, customId: num },
      ...(opts.description !== undefined ? { description: opts.description } : {}),
      ...(opts.appId !== undefined ? { appId: opts.appId } : {}),
    };
    this.state.fields.push(rec);
    if (opts.onScreen ?? true) this.state.screens[0]?.fieldIds.push(id);
    this.saveSite();
    return rec;
  }

  screens(): ScreenRecord[] {
    return this.state.screens;
  }

  /** POST /rest/api/3/screens/addToDefault/{fieldId}: 404 when the field is unknown or already there. */
  addFieldToDefaultScreen(fieldId: string): void {
    const field = this.field(fieldId);
    if (!field) throw notFound(`The field with ID ${fieldId} was not found.`);
    if (this.state.screens[0]?.fieldIds.includes(field.id)) throw notFound(`The field ${field.id} is already present on the default screen.`);
    this.setOnScreen(field.id, true);
  }

  /** Puts a field on / takes it off the default screen. */
  setOnScreen(fieldId: string, on: boolean): void {
    const screen = this.state.screens[0];
    if (!screen) return;
    screen.fieldIds = screen.fieldIds.filter((f) => f !== fieldId);
    if (on) screen.fieldIds.push(fieldId);
    this.saveSite();
  }

  propertyAliases(): PropertyAlias[] {
    return this.state.propertyAliases;
  }

  /** Registers a `jira:entityProperty` JQL alias. */
  registerPropertyAlias(alias: PropertyAlias): void {
    this.state.propertyAliases = this.state.propertyAliases.filter((a) => a.alias !== alias.alias);
    this.state.propertyAliases.push({ ...alias });
    this.saveSite();
  }

  // ───────────────────────────── workflows ─────────────────────────────

  workflows(): WorkflowRecord[] {
    return this.state.workflows;
  }

  workflow(idOrName: string): WorkflowRecord | undefined {
    return this.state.workflows.find((w) => w.id === idOrName || w.name === idOrName);
  }

  forgeRules(): ForgeRuleRecord[] {
    return this.state.forgeRules;
  }

  /** Makes a Forge workflow rule module known (listed by /workflows/capabilities). */
  registerForgeRule(opts: { appId: string; environmentId: string; moduleKey: string; name: string; ruleType: ForgeRuleRecord['ruleType'] }): ForgeRuleRecord {
    const id = forgeFieldAri(opts.appId, opts.environmentId, opts.moduleKey);
    const ruleKey = { Validator: 'forge:expression-validator', Condition: 'forge:expression-condition', Function: 'forge:workflow-post-function' }[opts.ruleType];
    const rec: ForgeRuleRecord = { id, name: opts.name, ruleKey, ruleType: opts.ruleType };
    this.state.forgeRules = this.state.forgeRules.filter((r) => r.id !== id);
    this.state.forgeRules.push(rec);
    this.saveSite();
    return rec;
  }

  /** Binds a workflow to a project and/or issue type (what a workflow scheme does in Jira). */
  bindWorkflow(binding: WorkflowBinding): void {
    if (!this.workflow(binding.workflowId)) throw notFound(`Workflow ${binding.workflowId} not found.`);
    const wf = this.workflow(binding.workflowId);
    this.state.workflowBindings = this.state.workflowBindings.filter(
      (b) => !(b.projectId === binding.projectId && b.issueTypeId === binding.issueTypeId),
    );
    this.state.workflowBindings.push({ ...binding, workflowId: wf?.id ?? binding.workflowId });
    this.saveSite();
  }

  /**
   * The project's workflow scheme. A project that was never given one uses Jira's `Default
   * Workflow Scheme`, which has no id: "If the project is associated with the `Default Workflow
   * Scheme` no ID is returned. This is because the way the `Default Workflow Scheme` is stored
   * means it has no ID." (GET /rest/api/3/workflowscheme/project, jira-platform-v3.json). Its
   * mappings are the project's bindings.
   */
  workflowScheme(projectId: string): {
    id: string | null;
    name: string;
    description: string;
    version: { id: string; versionNumber: number };
    defaultWorkflow: WorkflowRecord;
    mappings: { issueTypeIds: string[]; workflow: WorkflowRecord }[];
  } | undefined {
    const project = this.state.projects.find((p) => p.id === projectId);
    if (!project) return undefined;
    const record = project.workflowSchemeId ? this.workflowSchemeRecords().find((r) => r.id === project.workflowSchemeId) : undefined;
    const def = this.state.workflowBindings.find((b) => b.projectId === projectId && b.issueTypeId === undefined);
    const defaultWorkflow = (def && this.workflow(def.workflowId)) || this.workflow(this.state.defaultWorkflowId);
    if (!defaultWorkflow) throw new Error('no default workflow');
    const byWf = new Map<string, string[]>();
    for (const b of this.state.workflowBindings) {
      if (b.projectId === projectId && b.issueTypeId !== undefined) byWf.set(b.workflowId, [...(byWf.get(b.workflowId) ?? []), b.issueTypeId]);
    }
    const mappings = [...byWf.entries()].flatMap(([wid, ids]) => {
      const workflow = this.workflow(wid);
      return workflow ? [{ issueTypeIds: ids, workflow }] : [];
    });
    if (!record) {
      return { id: null, name: 'Default Workflow Scheme', description: 'Default Workflow Scheme', version: { id: 'default', versionNumber: 0 }, defaultWorkflow, mappings };
    }
    const versionNumber = this.state.workflowSchemeVersions?.[record.id] ?? 0;
    return { id: record.id, name: record.name, description: record.description, version: { id: `wfs-${record.id}-v${versionNumber}`, versionNumber }, defaultWorkflow, mappings };
  }

  workflowSchemeRecords(): WorkflowSchemeRecord[] {
    return (this.state.workflowSchemes ??= []);
  }

  /** A workflow scheme by id, as the first project using it sees it (or as created, when unused). */
  workflowSchemeById(id: string): ReturnType<JiraStore['workflowScheme']> {
    const record = this.workflowSchemeRecords().find((r) => r.id === id);
    if (!record) return undefined;
    const user = this.state.projects.find((p) => p.workflowSchemeId === id);
    if (user) return this.workflowScheme(user.id);
    const defaultWorkflow = this.workflow(record.defaultWorkflowId) ?? this.workflow(this.state.defaultWorkflowId);
    if (!defaultWorkflow) throw new Error('no default workflow');
    const byWf = new Map<string, string[]>();
    for (const [t, w] of Object.entries(record.mappings)) byWf.set(w, [...(byWf.get(w) ?? []), t]);
    const versionNumber = this.state.workflowSchemeVersions?.[id] ?? 0;
    return {
      id,
      name: record.name,
      description: record.description,
      version: { id: `wfs-${id}-v${versionNumber}`, versionNumber },
      defaultWorkflow,
      mappings: [...byWf.entries()].flatMap(([w, ids]) => {
        const workflow = this.workflow(w);
        return workflow ? [{ issueTypeIds: ids, workflow }] : [];
      }),
    };
  }

  /** POST /rest/api/3/workflowscheme: workflows are named (defaultWorkflow, issueTypeMappings values). */
  createWorkflowScheme(req: { name?: unknown; description?: unknown; defaultWorkflow?: unknown; issueTypeMappings?: unknown }): WorkflowSchemeRecord {
    const name = typeof req.name === 'string' ? req.name.trim() : '';
    if (!name) throw fieldErrors({ name: 'The workflow scheme name must not be empty.' });
    if (name === 'Default Workflow Scheme' || this.workflowSchemeRecords().some((r) => r.name === name)) {
      throw badRequest(`A workflow scheme with the name '${name}' already exists.`);
    }
    const byName = (n: unknown, field: string): WorkflowRecord => {
      const wf = typeof n === 'string' ? this.state.workflows.find((w) => w.name === n) : undefined;
      if (!wf) throw fieldErrors({ [field]: `The workflow '${String(n)}' does not exist.` });
      return wf;
    };
    // "If `defaultWorkflow` is not specified when creating a workflow scheme, it is set to *Jira Workflow (jira)*."
    const defaultWorkflowId = req.defaultWorkflow === undefined ? this.state.defaultWorkflowId : byName(req.defaultWorkflow, 'defaultWorkflow').id;
    const mappings: Record<string, string> = {};
    if (req.issueTypeMappings !== undefined) {
      if (!isObject(req.issueTypeMappings)) throw badRequest("'issueTypeMappings' must be an object of issue type id → workflow name.");
      for (const [t, w] of Object.entries(req.issueTypeMappings)) {
        if (!this.issueType(t)) throw fieldErrors({ issueTypeMappings: `Issue type ${t} does not exist.` });
        mappings[t] = byName(w, 'issueTypeMappings').id;
      }
    }
    this.state.counterWorkflowSchemeId = (this.state.counterWorkflowSchemeId ?? 10100) + 1;
    const rec: WorkflowSchemeRecord = {
      id: String(this.state.counterWorkflowSchemeId),
      name,
      description: typeof req.description === 'string' ? req.description : '',
      defaultWorkflowId,
      mappings,
    };
    this.workflowSchemeRecords().push(rec);
    this.saveSite();
    return rec;
  }

  /**
   * PUT /rest/api/3/workflowscheme/project: "This operation is performed only when there are no
   * issues in the project." A null scheme id assigns the default workflow scheme.
   */
  assignWorkflowScheme(projectId: string, schemeId: string | null): void {
    const project = this.state.projects.find((p) => p.id === projectId);
    if (!project) throw notFound(`The project with ID ${projectId} was not found.`);
    const record = schemeId === null ? null : this.workflowSchemeRecords().find((r) => r.id === schemeId);
    if (record === undefined) throw notFound(`The workflow scheme with ID ${String(schemeId)} was not found.`);
    if ((project.workflowSchemeId ?? null) === schemeId) return;
    if ([...this.docs.values()].some((d) => d.issue.key.startsWith(`${project.key}-`))) {
      throw badRequest(`The workflow scheme of project ${project.key} can only be changed while it has no issues; switch it instead.`);
    }
    const others = this.state.workflowBindings.filter((b) => b.projectId !== projectId);
    const bindings: WorkflowBinding[] = record
      ? [
          ...Object.entries(record.mappings).map(([issueTypeId, workflowId]) => ({ projectId, issueTypeId, workflowId })),
          ...(record.defaultWorkflowId !== this.state.defaultWorkflowId ? [{ projectId, workflowId: record.defaultWorkflowId }] : []),
        ]
      : [];
    this.state.workflowBindings = [...others, ...bindings];
    if (record) project.workflowSchemeId = record.id;
    else delete project.workflowSchemeId;
    this.saveSite();
  }

  /** POST /rest/api/3/workflowscheme/update: every project using the scheme follows it. */
  updateWorkflowScheme(req: {
    id?: unknown;
    version?: { versionNumber?: unknown } | null;
    defaultWorkflowId?: unknown;
    workflowsForIssueTypes?: unknown;
  }): void {
    const id = typeof req.id === 'string' ? req.id : '';
    const scheme = this.workflowSchemeById(id);
    const record = this.workflowSchemeRecords().find((r) => r.id === id);
    if (!scheme || !record) throw notFound(`The workflow scheme with ID ${id} was not found.`);
    if (req.version?.versionNumber !== scheme.version.versionNumber) {
      throw conflict([`The workflow scheme was updated by someone else (version ${scheme.version.versionNumber}); read it again.`]);
    }
    const list = req.workflowsForIssueTypes ?? [];
    if (!Array.isArray(list)) throw badRequest("'workflowsForIssueTypes' must be an array.");
    const mappings: Record<string, string> = {};
    for (const [i, m] of list.entries()) {
      if (!isObject(m) || typeof m.workflowId !== 'string' || !Array.isArray(m.issueTypeIds)) {
        throw badRequest(`workflowsForIssueTypes[${i}] needs 'workflowId' (string) and 'issueTypeIds' (array).`);
      }
      if (!this.workflow(m.workflowId)) throw badRequest(`Workflow ${m.workflowId} does not exist.`);
      for (const t of m.issueTypeIds) {
        if (typeof t !== 'string' || !this.issueType(t)) throw badRequest(`Issue type ${String(t)} does not exist.`);
        if (t in mappings) throw badRequest(`Issue type ${t} is mapped more than once.`);
        mappings[t] = m.workflowId;
      }
    }
    if (req.defaultWorkflowId !== undefined) {
      if (typeof req.defaultWorkflowId !== 'string' || !this.workflow(req.defaultWorkflowId)) throw badRequest(`Workflow ${String(req.defaultWorkflowId)} does not exist.`);
      record.defaultWorkflowId = req.defaultWorkflowId;
    }
    record.mappings = mappings;
    const users = new Set(this.state.projects.filter((p) => p.workflowSchemeId === id).map((p) => p.id));
    const bindings = [...users].flatMap((projectId) => [
      ...Object.entries(mappings).map(([issueTypeId, workflowId]) => ({ projectId, issueTypeId, workflowId })),
      ...(record.defaultWorkflowId !== this.state.defaultWorkflowId ? [{ projectId, workflowId: record.defaultWorkflowId }] : []),
    ]);
    this.state.workflowBindings = [...this.state.workflowBindings.filter((b) => !b.projectId || !users.has(b.projectId)), ...bindings];
    this.state.workflowSchemeVersions = { ...(this.state.workflowSchemeVersions ?? {}), [id]: scheme.version.versionNumber + 1 };
    this.saveSite();
  }

  workflowFor(projectId: string, issueTypeId: string): WorkflowRecord {
    const rank = (b: WorkflowBinding): number =>
      (b.projectId === undefined || b.projectId === projectId) && (b.issueTypeId === undefined || b.issueTypeId === issueTypeId)
        ? (b.projectId ? 2 : 0) + (b.issueTypeId ? 1 : 0)
        : -1;
    const best = [...this.state.workflowBindings].map((b) => [rank(b), b] as const).filter(([r]) => r >= 0).sort((a, b) => b[0] - a[0])[0];
    const wf = (best && this.workflow(best[1].workflowId)) ?? this.workflow(this.state.defaultWorkflowId);
    if (!wf) throw new Error('no default workflow');
    return wf;
  }

  /**
   * POST /rest/api/3/workflows/create/validation: the errors a create would meet. Statuses of
   * company-managed (GLOBAL) workflows are global and their names unique: a new status (no `id`)
   * named like an existing one is refused with NON_UNIQUE_STATUS_NAME, "You must use a unique
   * status name." (the documented example answer of the validation operation, jira-platform-v3.json);
   * an existing status is reused by giving its `id`.
   */
  validateWorkflowCreate(req: Parameters<JiraStore['createWorkflows']>[0]): { code: string; level: 'ERROR' | 'WARNING'; message: string; type: string; elementReference?: { statusReference?: string } }[] {
    const errors: ReturnType<JiraStore['validateWorkflowCreate']> = [];
    const seen = new Set<string>();
    for (const st of req.statuses ?? []) {
      const name = (st.name ?? '').trim().toLowerCase();
      if (st.id) {
        if (!this.status(st.id)) errors.push({ code: 'INVALID_STATUS_ID', level: 'ERROR', message: `Status with ID ${st.id} does not exist.`, type: 'STATUS', elementReference: { statusReference: st.statusReference } });
      } else if (this.state.statuses.some((x) => x.name.toLowerCase() === name) || seen.has(name)) {
        errors.push({ code: 'NON_UNIQUE_STATUS_NAME', level: 'ERROR', message: `You must use a unique status name ('${st.name}' exists).`, type: 'STATUS', elementReference: { statusReference: st.statusReference } });
      }
      seen.add(name);
    }
    for (const w of req.workflows ?? []) {
      if (this.state.workflows.some((x) => x.name === w.name)) errors.push({ code: 'NON_UNIQUE_WORKFLOW_NAME', level: 'ERROR', message: `A workflow with the name '${w.name}' already exists.`, type: 'WORKFLOW' });
    }
    return errors;
  }

  // ───────────────────────────── JQL function precomputations ─────────────────────────────

  precomputations(): PrecomputationRecord[] {
    return (this.state.precomputations ??= []);
  }

  /** The stored result for one clause (field, operator, arguments) of a function; marks it used. */
  findPrecomputation(functionKey: string, field: string, operator: string, args: string[]): PrecomputationRecord | undefined {
    const rec = this.precomputations().find(
      (p) => p.functionKey === functionKey && p.field.toLowerCase() === field.toLowerCase() && p.operator === operator && JSON.stringify(p.arguments) === JSON.stringify(args),
    );
    if (rec) rec.used = jiraDateTime(this.now());
    return rec;
  }

  addPrecomputation(input: Pick<PrecomputationRecord, 'functionKey' | 'functionName' | 'field' | 'operator' | 'arguments' | 'value' | 'error'>): PrecomputationRecord {
    const ts = jiraDateTime(this.now());
    const rec: PrecomputationRecord = { ...input, id: randomUUID(), created: ts, updated: ts, used: ts };
    this.precomputations().push(rec);
    this.saveSite();
    return rec;
  }

  /** POST /rest/api/3/jql/function/computation: new values (or errors) for stored precomputations. */
  updatePrecomputations(values: { id: string; value?: string; error?: string }[], skipNotFound: boolean): string[] {
    const missing = values.filter((v) => !this.precomputations().some((p) => p.id === v.id)).map((v) => v.id);
    if (missing.length && !skipNotFound) throw notFound(`Precomputations not found: ${missing.join(', ')}`);
    const ts = jiraDateTime(this.now());
    for (const v of values) {
      const rec = this.precomputations().find((p) => p.id === v.id);
      if (!rec) continue;
      rec.value = v.value ?? null;
      rec.error = v.error ?? null;
      rec.updated = ts;
    }
    this.saveSite();
    return missing;
  }

  /** Adds a company-managed project (what an admin does in Jira's UI); it starts on the Default Workflow Scheme. */
  addProject(input: { key: string; name: string; leadAccountId?: string }): ProjectRecord {
    const key = input.key.toUpperCase();
    if (this.project(key)) throw badRequest(`A project with key '${key}' already exists.`);
    const defaultScheme = this.state.issueTypeSchemes.find((x) => x.isDefault);
    const rec: ProjectRecord = {
      id: String(++this.state.counters.projectId),
      key,
      name: input.name,
      description: '',
      projectTypeKey: 'business',
      style: 'classic',
      leadAccountId: input.leadAccountId ?? this.state.users[0]?.accountId ?? '',
      issueTypeSchemeId: defaultScheme?.id ?? '10000',
      lastIssueNumber: 0,
    };
    this.state.projects.push(rec);
    this.saveSite();
    return rec;
  }

  /** POST /rest/api/3/workflows/create. */
  createWorkflows(req: {
    scope?: { type?: 'GLOBAL' | 'PROJECT'; project?: { id: string } | null };
    statuses?: { id?: string; name: string; statusCategory: StatusCategoryKey; statusReference: string; description?: string }[];
    workflows?: {
      name: string;
      description?: string;
      statuses: { statusReference: string; properties?: Record<string, string> }[];
      transitions: WorkflowTransitionInput[];
    }[];
  }): { statuses: Record<string, unknown>[]; workflows: Record<string, unknown>[] } {
    const scopeType = req.scope?.type ?? 'GLOBAL';
    if (scopeType === 'PROJECT') {
      throw badRequest('Team-managed (PROJECT-scoped) workflows are not supported: the sandbox projects are company-managed.');
    }
    const invalid = this.validateWorkflowCreate(req).filter((e) => e.level === 'ERROR' && e.type === 'STATUS');
    if (invalid.length) throw badRequest(invalid.map((e) => e.message));
    const refToStatus = new Map<string, StatusRecord>();
    const newStatuses: StatusRecord[] = [];
    for (const s of req.statuses ?? []) {
      const existing = s.id ? this.status(s.id) : undefined;
      if (existing) {
        refToStatus.set(s.statusReference, existing);
      } else {
        if (s.id) throw badRequest(`Status with ID ${s.id} does not exist.`);
        const rec: StatusRecord = { id: String(++this.state.counters.statusId), name: s.name, description: s.description ?? '', statusCategory: s.statusCategory };
        newStatuses.push(rec);
        refToStatus.set(s.statusReference, rec);
      }
    }
    const created: WorkflowRecord[] = [];
    for (const w of req.workflows ?? []) {
      if (!w.name?.trim()) throw badRequest('A workflow name is required.');
      if (this.state.workflows.some((x) => x.name === w.name) || created.some((x) => x.name === w.name)) {
        throw conflict([`A workflow with the name '${w.name}' already exists.`]);
      }
      const statusOf = (ref: string | null | undefined): StatusRecord => {
        const s = ref ? refToStatus.get(ref) : undefined;
        if (!s) throw badRequest(`Status reference '${String(ref)}' is not defined in the request's statuses.`);
        return s;
      };
      const statuses = w.statuses.map((s) => ({ statusId: statusOf(s.statusReference).id, properties: s.properties ?? {} }));
      const transitions = this.buildTransitions(w.name, w.transitions, statuses, statusOf);
      if (!transitions.some((t) => t.type === 'INITIAL')) throw badRequest(`Workflow '${w.name}' needs an INITIAL transition.`);
      const ids = transitions.map((t) => t.id);
      if (new Set(ids).size !== ids.length) throw badRequest(`Workflow '${w.name}' has duplicate transition ids.`);
      const ts = jiraDateTime(this.now());
      created.push({
        id: randomUUID(),
        name: w.name,
        description: w.description ?? '',
        scope: { type: 'GLOBAL' },
        statuses,
        transitions,
        version: { id: randomUUID(), versionNumber: 0 },
        created: ts,
        updated: ts,
      });
    }
    this.state.statuses.push(...newStatuses);
    this.state.workflows.push(...created);
    this.saveSite();
    const statusRef = new Map([...refToStatus.entries()].map(([ref, s]) => [s.id, ref]));
    return {
      statuses: [...new Set(refToStatus.values())].map((s) => ({
        id: s.id,
        name: s.name,
        statusCategory: s.statusCategory,
        statusReference: statusRef.get(s.id) ?? s.id,
        scope: { type: 'GLOBAL' },
        description: s.description,
      })),
      workflows: created.map((w) => this.workflowJson(w, statusRef)),
    };
  }

  /** `transitionScreen` of a transition in a workflows request → the screen id (default screen when unspecified). */
  private transitionScreen(ts: WorkflowRuleConfiguration | null | undefined): { screenId?: string } {
    if (!ts) return {};
    const screenId = ts.parameters?.screenId ?? '1';
    if (!this.state.screens.some((sc) => sc.id === screenId)) throw badRequest(`Screen ${screenId} does not exist.`);
    return { screenId };
  }

  /** The transitions of a workflows create/update request (shared by both). */
  private buildTransitions(
    workflowName: string,
    list: WorkflowTransitionInput[],
    statuses: { statusId: string }[],
    statusOf: (ref: string | null | undefined) => StatusRecord,
  ): TransitionRecord[] {
    let nextId = 1;
    return list.map((t) => {
      const type = t.type ?? 'DIRECTED';
      const to = statusOf(t.toStatusReference);
      if (!statuses.some((s) => s.statusId === to.id)) throw badRequest(`Transition '${t.name ?? ''}' goes to a status that is not in workflow '${workflowName}'.`);
      const from = type === 'DIRECTED' ? (t.links ?? []).filter((l) => l?.fromStatusReference).map((l) => statusOf(l?.fromStatusReference).id) : [];
      if (type === 'DIRECTED' && from.length === 0) throw badRequest(`Directed transition '${t.name ?? ''}' needs at least one link with fromStatusReference.`);
      const id = t.id ?? String(type === 'INITIAL' ? 1 : (nextId += 10));
      const rules = (xs: (WorkflowRuleConfiguration | null)[] | undefined): WorkflowRuleConfiguration[] =>
        (xs ?? []).filter((r): r is WorkflowRuleConfiguration => !!r).map((r) => ({ id: r.id ?? randomUUID(), ruleKey: r.ruleKey, parameters: { ...(r.parameters ?? {}) } }));
      return {
        id,
        name: t.name ?? to.name,
        description: t.description ?? '',
        type,
        from,
        to: to.id,
        validators: rules(t.validators),
        conditions: rules(t.conditions?.conditions),
        actions: rules(t.actions),
        properties: t.properties ?? {},
        ...this.transitionScreen(t.transitionScreen),
      };
    });
  }

  /**
   * POST /rest/api/3/workflows/update (WorkflowUpdateRequest, jira-platform-v3 OpenAPI): replaces
   * a workflow's statuses and transitions (validators, transition screens…). `version` must be
   * the workflow's current one (else 409, as a stale update); status references are the
   * request's `statuses` references or existing status ids. Status migrations are not modelled.
   */
  updateWorkflows(req: {
    statuses?: { id?: string; name?: string; statusReference: string }[];
    workflows?: {
      id: string;
      description?: string;
      version?: { id?: string; versionNumber?: number };
      statuses: { statusReference: string; properties?: Record<string, string> }[];
      transitions: WorkflowTransitionInput[];
    }[];
  }): { statuses: Record<string, unknown>[]; workflows: Record<string, unknown>[] } {
    const refToStatus = new Map<string, StatusRecord>();
    for (const s of req.statuses ?? []) {
      const existing = (s.id && this.status(s.id)) || (s.name ? this.state.statuses.find((x) => x.name.toLowerCase() === s.name!.toLowerCase()) : undefined);
      if (!existing) throw badRequest(`Status '${s.id ?? s.name ?? s.statusReference}' does not exist; the stand-in's update does not create statuses.`);
      refToStatus.set(s.statusReference, existing);
    }
    const statusOf = (ref: string | null | undefined): StatusRecord => {
      const s = ref ? (refToStatus.get(ref) ?? this.status(ref)) : undefined;
      if (!s) throw badRequest(`Status reference '${String(ref)}' is not defined in the request's statuses.`);
      return s;
    };
    const updated: WorkflowRecord[] = [];
    for (const w of req.workflows ?? []) {
      const current = this.state.workflows.find((x) => x.id === w.id);
      if (!current) throw notFound(`Workflow ${w.id} was not found.`);
      if (w.version?.versionNumber !== current.version.versionNumber) {
        throw conflict([`The workflow '${current.name}' was updated by someone else (version ${current.version.versionNumber}); read it again.`]);
      }
      const statuses = w.statuses.map((s) => ({ statusId: statusOf(s.statusReference).id, properties: s.properties ?? {} }));
      const transitions = this.buildTransitions(current.name, w.transitions, statuses, statusOf);
      if (!transitions.some((t) => t.type === 'INITIAL')) throw badRequest(`Workflow '${current.name}' needs an INITIAL transition.`);
      if (new Set(transitions.map((t) => t.id)).size !== transitions.length) throw badRequest(`Workflow '${current.name}' has duplicate transition ids.`);
      updated.push({ ...current, statuses, transitions });
    }
    for (const u of updated) {
      const current = this.state.workflows.find((x) => x.id === u.id)!;
      Object.assign(current, {
        statuses: u.statuses,
        transitions: u.transitions,
        version: { id: randomUUID(), versionNumber: current.version.versionNumber + 1 },
        updated: jiraDateTime(this.now()),
      });
    }
    this.saveSite();
    return { statuses: [], workflows: updated.map((w) => this.workflowJson(this.state.workflows.find((x) => x.id === w.id)!)) };
  }

  // ── screens, their tab and its fields (the stand-in models one tab per screen) ──

  /** The id of a screen's one tab (stable, derived from the screen id). */
  screenTabId(screen: ScreenRecord): number {
    return 10_000 + Number(screen.id);
  }

  /** POST /rest/api/3/screens: the name must be unique. */
  createScreen(name: string, description = ''): ScreenRecord {
    const n = name.trim();
    if (!n || n.length > 255) throw fieldErrors({ name: 'The screen name must be between 1 and 255 characters.' });
    if (this.state.screens.some((sc) => sc.name.toLowerCase() === n.toLowerCase())) throw fieldErrors({ name: `A screen with name '${n}' already exists.` });
    const id = String(Math.max(0, ...this.state.screens.map((sc) => Number(sc.id) || 0)) + 1);
    const rec: ScreenRecord = { id, name: n, fieldIds: [], ...(description ? { description } : {}) };
    this.state.screens.push(rec);
    this.saveSite();
    return rec;
  }

  screenOr404(screenId: string): ScreenRecord {
    const sc = this.state.screens.find((x) => x.id === screenId);
    if (!sc) throw notFound(`The screen with id ${screenId} does not exist.`);
    return sc;
  }

  /** POST /rest/api/3/screens/{id}/tabs: names the screen's one tab (a second tab is not modelled). */
  addScreenTab(screenId: string, name: string): { id: number; name: string } {
    const sc = this.screenOr404(screenId);
    if (sc.tabName && sc.tabName !== name) throw badRequest(`The stand-in supports one tab per screen; screen ${screenId} has '${sc.tabName}'.`);
    sc.tabName = name;
    this.saveSite();
    return { id: this.screenTabId(sc), name };
  }

  private tabOr404(screenId: string, tabId: string): ScreenRecord {
    const sc = this.screenOr404(screenId);
    if (String(this.screenTabId(sc)) !== tabId) throw notFound(`The screen tab with id ${tabId} does not exist.`);
    return sc;
  }

  /** POST /rest/api/3/screens/{id}/tabs/{tabId}/fields. */
  addTabField(screenId: string, tabId: string, fieldId: string): { id: string; name: string } {
    const sc = this.tabOr404(screenId, tabId);
    const f = this.field(fieldId);
    if (!f) throw badRequest(`The field with id ${fieldId} does not exist.`);
    if (sc.fieldIds.includes(f.id)) throw badRequest(`The field ${f.id} is already present on the screen.`);
    sc.fieldIds.push(f.id);
    this.saveSite();
    return { id: f.id, name: f.name };
  }

  /** DELETE /rest/api/3/screens/{id}/tabs/{tabId}/fields/{fieldId}. */
  removeTabField(screenId: string, tabId: string, fieldId: string): void {
    const sc = this.tabOr404(screenId, tabId);
    if (!sc.fieldIds.includes(fieldId)) throw notFound(`The field ${fieldId} is not on the screen tab.`);
    sc.fieldIds = sc.fieldIds.filter((x) => x !== fieldId);
    this.saveSite();
  }

  /** GET /rest/api/3/screens/{id}/tabs/{tabId}/fields. */
  tabFields(screenId: string, tabId: string): { id: string; name: string }[] {
    const sc = this.tabOr404(screenId, tabId);
    return sc.fieldIds.map((id) => ({ id, name: this.field(id)?.name ?? id }));
  }

  /** A workflow as JiraWorkflow (statusReference = the request's reference when known, else the status id). */
  workflowJson(w: WorkflowRecord, refs: Map<string, string> = new Map()): Record<string, unknown> {
    const ref = (id: string): string => refs.get(id) ?? id;
    return {
      id: w.id,
      name: w.name,
      description: w.description,
      scope: w.scope,
      version: w.version,
      created: w.created,
      updated: w.updated,
      isEditable: true,
      statuses: w.statuses.map((s) => ({ statusReference: ref(s.statusId), properties: s.properties, deprecated: false })),
      transitions: w.transitions.map((t) => ({
        id: t.id,
        name: t.name,
        description: t.description,
        type: t.type,
        toStatusReference: ref(t.to),
        links: t.from.map((f) => ({ fromStatusReference: ref(f), fromPort: 0, toPort: 0 })),
        validators: t.validators,
        conditions: { operation: 'ALL', conditions: t.conditions, conditionGroups: [] },
        actions: t.actions,
        triggers: [],
        properties: t.properties,
        ...(t.screenId ? { transitionScreen: { ruleKey: 'system:transition-screen', parameters: { screenId: t.screenId } } } : {}),
      })),
    };
  }

  // ───────────────────────────── issues: reads ─────────────────────────────

  allIssues(): StoredIssue[] {
    return [...this.docs.values()].map((d) => d.issue);
  }

  private snapshot: { revision: number; issues: readonly StoredIssue[]; visible: Map<string, Uint8Array> } | null = null;

  /**
   * Every issue as of this revision, one array shared by the searches until the next change
   * (the JQL index is kept per array); with who may see which, per actor.
   */
  universe(): readonly StoredIssue[] {
    if (!this.snapshot || this.snapshot.revision !== this.changes) {
      this.snapshot = { revision: this.changes, issues: this.allIssues(), visible: new Map() };
    }
    return this.snapshot.issues;
  }

  /** `visible[i]` = 1 when the actor may browse `universe()[i]`. */
  visibility(actor: Actor): Uint8Array {
    const issues = this.universe();
    const who = actor.kind === 'app' ? 'app' : actor.user.accountId;
    let mask = this.snapshot!.visible.get(who);
    if (!mask) {
      mask = new Uint8Array(issues.length);
      const byProject = new Map<string, boolean>();
      for (let i = 0; i < issues.length; i++) {
        const key = this.issueProjectKey(issues[i]!);
        let ok = byProject.get(key);
        if (ok === undefined) byProject.set(key, (ok = canBrowse(actor, key)));
        mask[i] = ok ? 1 : 0;
      }
      this.snapshot!.visible.set(who, mask);
    }
    return mask;
  }

  /** The issue document by id or key (case-insensitive key), regardless of permissions. */
  doc(idOrKey: string): IssueDocument | undefined {
    const id = /^\d+$/.test(idOrKey) ? idOrKey : this.keyIndex.get(idOrKey.toUpperCase());
    return id ? this.docs.get(id) : undefined;
  }

  issueProjectKey(issue: StoredIssue): string {
    const p = issue.fields.project;
    return isObject(p) && typeof p.key === 'string' ? p.key : '';
  }

  /** The issue if the actor may browse it; 404 as Jira answers otherwise. */
  visibleDoc(idOrKey: string, actor: Actor): IssueDocument {
    const doc = this.doc(idOrKey);
    if (!doc || !canBrowse(actor, this.issueProjectKey(doc.issue))) throw notFound(MSG.issueNotFound);
    return doc;
  }

  visibleIssues(actor: Actor): StoredIssue[] {
    return this.allIssues().filter((i) => canBrowse(actor, this.issueProjectKey(i)));
  }

  jqlContext(actor: Actor): JqlContext {
    const user = actorUser(actor);
    return {
      universe: this.universe(),
      fields: this.state.fields,
      propertyAliases: this.state.propertyAliases,
      currentUser: user,
      users: this.state.users,
      now: this.now(),
      timeZone: user?.timeZone ?? this.siteTimeZone,
    };
  }

  /** Status record of an issue. */
  issueStatus(issue: StoredIssue): StatusRecord | undefined {
    const s = issue.fields.status;
    return isObject(s) && typeof s.id === 'string' ? this.status(s.id) : undefined;
  }

  private issueWorkflow(issue: StoredIssue): WorkflowRecord {
    const p = issue.fields.project;
    const t = issue.fields.issuetype;
    return this.workflowFor(isObject(p) ? String(p.id) : '', isObject(t) ? String(t.id) : '');
  }

  /** Transitions available from the issue's current status. */
  availableTransitions(issue: StoredIssue): TransitionRecord[] {
    const wf = this.issueWorkflow(issue);
    const current = this.issueStatus(issue)?.id ?? '';
    return wf.transitions.filter(
      (t) => (t.type === 'GLOBAL' && t.to !== current) || (t.type === 'DIRECTED' && t.from.includes(current)),
    );
  }

  // ───────────────────────────── issues: writes ─────────────────────────────

  private requireDocForWrite(idOrKey: string, actor: Actor, permission: string): IssueDocument {
    const doc = this.visibleDoc(idOrKey, actor);
    if (!hasProjectPermission(actor, permission, this.issueProjectKey(doc.issue))) {
      throw forbidden('You do not have permission to edit issues in this project.');
    }
    return doc;
  }

  /**
   * Turns a value from a request into the REST shape stored in `issue.fields`, or an error message.
   * `current` is the current value (for add/remove on arrays).
   */
  private coerce(field: FieldRecord, value: unknown): { ok: true; value: unknown } | { ok: false; error: string } {
    const fail = (error: string) => ({ ok: false as const, error });
    if (value === null || value === undefined) {
      if (field.id === 'summary') return fail('You must specify a summary of the issue.');
      return { ok: true, value: field.schema.type === 'array' ? [] : null };
    }
    const sys = field.schema.system;
    if (sys === 'summary') {
      if (typeof value !== 'string') return fail('Operation value must be a string');
      if (!value.trim()) return fail('You must specify a summary of the issue.');
      if (value.length > 255) return fail('Summary must be less than 255 characters.');
      if (/[\r\n]/.test(value)) return fail('The summary is invalid because it contains newline characters.');
      return { ok: true, value };
    }
    if (sys === 'description' || sys === 'environment') {
      return isAdf(value) ? { ok: true, value } : fail('Operation value must be an Atlassian Document (see the Atlassian Document Format)');
    }
    if (sys === 'labels') {
      if (!Array.isArray(value)) return fail('Operation value must be an array');
      for (const l of value) {
        if (typeof l !== 'string') return fail('Operation value must be a string');
        if (/\s/.test(l)) return fail(`The label '${l}' contains spaces which is invalid.`);
        if (l.length > 255) return fail('The label must not exceed 255 characters.');
      }
      return { ok: true, value: [...new Set(value as string[])] };
    }
    if (sys === 'priority') {
      const p = isObject(value) ? PRIORITIES.find((x) => x.id === value.id || x.name === value.name) : undefined;
      return p ? { ok: true, value: priorityRef(this.siteUrl, p) } : fail('Specify a valid value for priority');
    }
    if (sys === 'issuetype') {
      return fail('Issue type can be set only when the issue is created.');
    }
    const t = field.schema.type;
    if (t === 'array') {
      if (!Array.isArray(value)) return fail('Operation value must be an array');
      const itemField: FieldRecord = { ...field, schema: { type: field.schema.items ?? 'any', ...(field.schema.custom ? { custom: field.schema.custom } : {}) } };
      const out: unknown[] = [];
      for (const v of value) {
        const r = this.coerce(itemField, v);
        if (!r.ok) return r;
        out.push(r.value);
      }
      return { ok: true, value: out };
    }
    switch (t) {
      case 'string':
        if (field.custom && field.schema.custom?.endsWith(':textarea')) {
          return isAdf(value) ? { ok: true, value } : fail('Operation value must be an Atlassian Document (see the Atlassian Document Format)');
        }
        return typeof value === 'string' ? { ok: true, value } : fail('Operation value must be a string');
      case 'number':
        return typeof value === 'number' && Number.isFinite(value) ? { ok: true, value } : fail('Operation value must be a number');
      case 'date':
        return typeof value === 'string' && isCalendarDate(value)
          ? { ok: true, value }
          : fail(`Error parsing date string: ${String(value)}`);
      case 'datetime': {
        const ms = typeof value === 'string' ? parseJiraDateTime(value) : NaN;
        return Number.isNaN(ms) ? fail(`Error parsing date string: ${String(value)}`) : { ok: true, value: jiraDateTime(ms) };
      }
      case 'user': {
        const id = isObject(value) ? value.accountId : undefined;
        const ref = typeof id === 'string' ? this.userRef(id) : null;
        return ref ? { ok: true, value: ref } : fail(`Specify a valid value for ${field.name}`);
      }
      case 'group':
      case 'option':
        return isObject(value) ? { ok: true, value } : fail(`Specify a valid value for ${field.name}`);
      default:
        return { ok: true, value };
    }
  }

  private changeItem(field: FieldRecord, before: unknown, after: unknown): ChangeItem | null {
    if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) return null;
    const idOf = (v: unknown): string | null => {
      if (isObject(v)) return typeof v.accountId === 'string' ? v.accountId : typeof v.id === 'string' ? v.id : null;
      return null;
    };
    const str = (v: unknown): string | null => {
      if (v === null || v === undefined) return null;
      if (Array.isArray(v)) return v.map((x) => str(x) ?? '').join(' ');
      if (isAdf(v)) return adfText(v);
      if (isObject(v)) return String(v.displayName ?? v.name ?? v.value ?? JSON.stringify(v));
      return String(v);
    };
    return {
      field: field.custom ? field.name : field.id,
      fieldtype: field.custom ? 'custom' : 'jira',
      fieldId: field.id,
      from: idOf(before),
      fromString: str(before),
      to: idOf(after),
      toString: str(after),
    };
  }

  /**
   * Computes new field values from `fields` and `update` (validated against screen and types).
   * `allowed` = field ids that may be set. Returns the new values; throws 400 with field errors.
   */
  private computeFieldChanges(issueFields: Record<string, unknown>, body: IssueUpdateBody, allowed: Set<string>): Map<string, unknown> {
    const errors: Record<string, string> = {};
    const out = new Map<string, unknown>();
    const fields = isObject(body.fields) ? body.fields : {};
    const update = isObject(body.update) ? body.update : {};
    // A Forge field declared `readOnly: true` "can't be edited by users" (Forge docs,
    // manifest-reference/modules/jira-custom-field, property `readOnly`): create, edit and
    // transition screens refuse it like a field that is not on the screen; only the app sets it,
    // through PUT/POST /rest/api/3/app/field/value. (The exact answer: docs/unverified.md.)
    const settable = (f: FieldRecord | undefined): f is FieldRecord => f !== undefined && allowed.has(f.id) && f.readOnly !== true;
    for (const [id, value] of Object.entries(fields)) {
      const f = this.field(id);
      if (!settable(f)) {
        errors[id] = MSG.notOnScreen(id);
        continue;
      }
      if (id in update) {
        errors[id] = `Field '${id}' cannot be set in both the fields and update parameters.`;
        continue;
      }
      const r = this.coerce(f, value);
      if (r.ok) out.set(f.id, r.value);
      else errors[id] = r.error;
    }
    for (const [id, ops] of Object.entries(update)) {
      if (id in fields) continue;
      const f = this.field(id);
      if (!settable(f)) {
        errors[id] = MSG.notOnScreen(id);
        continue;
      }
      if (!Array.isArray(ops)) {
        errors[id] = 'Operations must be an array.';
        continue;
      }
      let cur: unknown = out.has(f.id) ? out.get(f.id) : issueFields[f.id];
      for (const op of ops as Record<string, unknown>[]) {
        if (!isObject(op)) continue;
        if ('set' in op) {
          const r = this.coerce(f, op.set);
          if (!r.ok) {
            errors[id] = r.error;
            break;
          }
          cur = r.value;
        } else if ('add' in op || 'remove' in op) {
          if (f.schema.type !== 'array') {
            errors[id] = `Field '${id}' does not support the operation '${'add' in op ? 'add' : 'remove'}'.`;
            break;
          }
          const r = this.coerce(f, ['add' in op ? op.add : op.remove]);
          if (!r.ok) {
            errors[id] = r.error;
            break;
          }
          const item = (r.value as unknown[])[0];
          const list = Array.isArray(cur) ? [...(cur as unknown[])] : [];
          const same = (x: unknown) => JSON.stringify(x) === JSON.stringify(item);
          cur = 'add' in op ? (list.some(same) ? list : [...list, item]) : list.filter((x) => !same(x));
        } else {
          errors[id] = `Field '${id}' does not support the operation '${Object.keys(op)[0] ?? ''}'.`;
          break;
        }
      }
      if (!errors[id]) out.set(f.id, cur);
    }
    if (Object.keys(errors).length) throw fieldErrors(errors);
    return out;
  }

  private propertyList(body: IssueUpdateBody): [string, unknown][] {
    const list = Array.isArray(body.properties) ? body.properties : [];
    return list.map((p) => {
      if (!isObject(p) || typeof p.key !== 'string' || !p.key) throw badRequest('The property key cannot be empty.');
      this.checkProperty(p.key, p.value);
      return [p.key, p.value] as [string, unknown];
    });
  }

  private checkProperty(key: string, value: unknown): void {
    if (!key || key.length > 255) throw badRequest('The property key must be between 1 and 255 characters.');
    if (value === undefined) throw badRequest('The property value cannot be empty.');
    if (JSON.stringify(value).length > PROPERTY_MAX) throw badRequest(`The property '${key}' is too large. The maximum length is ${PROPERTY_MAX} characters.`);
  }

  /** POST /rest/api/3/issue. */
  createIssue(body: IssueUpdateBody, actor: Actor): StoredIssue {
    const fields = isObject(body.fields) ? body.fields : {};
    const errors: Record<string, string> = {};
    const pv = fields.project;
    const project = isObject(pv)
      ? this.state.projects.find((p) => (typeof pv.id === 'string' && p.id === pv.id) || (typeof pv.key === 'string' && p.key === pv.key.toUpperCase()))
      : undefined;
    if (!project || !canBrowse(actor, project.key)) errors.project = 'Specify a valid project ID or key';
    const tv = fields.issuetype;
    let issueType: IssueTypeRecord | undefined;
    if (!isObject(tv)) errors.issuetype = 'Specify an issue type';
    else if (project) {
      const allowed = this.projectIssueTypes(project);
      issueType = allowed.find((t) => (typeof tv.id === 'string' && t.id === tv.id) || (typeof tv.name === 'string' && t.name === tv.name));
      if (!issueType) errors.issuetype = 'The issue type selected is invalid.';
      else if (issueType.subtask) errors.issuetype = 'Sub-tasks need a parent; the sandbox does not support sub-tasks.';
    }
    if (typeof fields.summary !== 'string' || !fields.summary.trim()) errors.summary = 'You must specify a summary of the issue.';
    const rest: IssueUpdateBody = { ...body, fields: Object.fromEntries(Object.entries(fields).filter(([k]) => k !== 'project' && k !== 'issuetype')) };
    let changes = new Map<string, unknown>();
    try {
      changes = this.computeFieldChanges({}, rest, this.screenFieldIds());
    } catch (e) {
      if (!(e instanceof JiraHttpError)) throw e;
      Object.assign(errors, e.body.errors, errors);
    }
    if (Object.keys(errors).length || !project || !issueType) throw fieldErrors(errors);
    if (!hasProjectPermission(actor, 'CREATE_ISSUES', project.key)) {
      throw fieldErrors({ project: 'You do not have permission to create issues in this project.' });
    }
    const props = this.propertyList(body);

    const wf = this.workflowFor(project.id, issueType.id);
    const initial = wf.transitions.find((t) => t.type === 'INITIAL');
    const status = initial && this.status(initial.to);
    if (!status) throw new JiraHttpError(422, { errorMessages: [`Workflow '${wf.name}' has no initial status.`], errors: {} });

    const now = jiraDateTime(this.now());
    const me = actorAccountId(actor, this.appAccountId);
    const prio = PRIORITIES.find((p) => p.id === DEFAULT_PRIORITY_ID);
    const issueFields: Record<string, unknown> = {
      summary: '',
      description: null,
      environment: null,
      project: projectRef(this.siteUrl, project),
      issuetype: issueTypeDetails(this.siteUrl, issueType),
      status: statusDetails(this.siteUrl, status),
      priority: prio ? priorityRef(this.siteUrl, prio) : null,
      assignee: null,
      reporter: this.userRef(me),
      creator: this.userRef(me),
      created: now,
      updated: now,
      resolution: null,
      resolutiondate: null,
      statuscategorychangedate: now,
      duedate: null,
      labels: [],
    };
    for (const [k, v] of changes) issueFields[k] = v;
    project.lastIssueNumber += 1;
    const issue: StoredIssue = {
      id: String(++this.state.counters.issueId),
      key: `${project.key}-${project.lastIssueNumber}`,
      fields: issueFields,
      properties: Object.fromEntries(props),
    };
    const doc: IssueDocument = { issue, comments: [], changelog: [] };
    this.index(doc);
    this.saveSite();
    this.saveIssue(doc);
    this.emit('avi:jira:created:issue', doc, actor);
    return issue;
  }

  /**
   * Runs the validators of the create (INITIAL) transition before POST /issue stores anything,
   * as Jira runs a workflow validator on the initial transition ("originalIssue … is not
   * available when validator is defined for the initial transition",
   * https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/).
   * The issue does not exist yet: the hook gets no key; `modifiedFields` carries the request's
   * fields with `project` (docs/unverified.md). A request createIssue would refuse anyway
   * (no project, no issue type) is left to createIssue's own errors.
   */
  async validateCreate(body: IssueUpdateBody, actor: Actor): Promise<void> {
    if (!this.onTransition) return;
    const fields = isObject(body.fields) ? body.fields : {};
    const pv = fields.project;
    const project = isObject(pv)
      ? this.state.projects.find((p) => (typeof pv.id === 'string' && p.id === pv.id) || (typeof pv.key === 'string' && p.key === pv.key.toUpperCase()))
      : undefined;
    const tv = fields.issuetype;
    const issueType =
      project && isObject(tv)
        ? this.projectIssueTypes(project).find((t) => (typeof tv.id === 'string' && t.id === tv.id) || (typeof tv.name === 'string' && t.name === tv.name))
        : undefined;
    if (!project || !issueType) return;
    const wf = this.workflowFor(project.id, issueType.id);
    const initial = wf.transitions.find((t) => t.type === 'INITIAL');
    if (!initial || initial.validators.length === 0) return;
    let changes: Map<string, unknown>;
    try {
      const rest: IssueUpdateBody = { ...body, fields: Object.fromEntries(Object.entries(fields).filter(([k]) => k !== 'project' && k !== 'issuetype')) };
      changes = this.computeFieldChanges({}, rest, this.screenFieldIds());
    } catch {
      return; // createIssue answers the field errors
    }
    const to = this.status(initial.to);
    let result: TransitionHookResult;
    try {
      result = await this.onTransition({
        issue: { id: '', key: '', fields: {}, properties: {} },
        transition: {
          id: initial.id,
          name: initial.name,
          type: initial.type,
          from: { id: '', name: '' },
          to: { id: to?.id ?? initial.to, name: to?.name ?? '' },
          validators: structuredClone(initial.validators),
        },
        workflow: { id: wf.id, name: wf.name },
        user: actorUser(actor),
        fields: { ...Object.fromEntries(changes), project: { id: project.id, key: project.key } },
      });
    } catch (e) {
      throw new JiraHttpError(500, { errorMessages: [`Transition validator failed: ${e instanceof Error ? e.message : String(e)}`], errors: {} });
    }
    if (!result.ok) throw badRequest(result.errorMessage);
  }

  /**
   * Bulk import of history (bench/scale.ts, large demo sites): `build` makes the issue document
   * from the next id and key of the project; it is indexed but neither written to disk nor
   * announced to the product-event hook (a loader of history, not a user's change). Call
   * `saveSite()` through `flushImports()` once afterwards to keep the counters.
   */
  importIssue(projectKey: string, build: (id: string, key: string) => IssueDocument): StoredIssue {
    const project = this.project(projectKey);
    if (!project) throw notFound(MSG.noProject(projectKey));
    project.lastIssueNumber += 1;
    const doc = build(String(++this.state.counters.issueId), `${project.key}-${project.lastIssueNumber}`);
    this.index(doc);
    return doc.issue;
  }

  /** Writes the site state after `importIssue` calls (the imported issues stay in memory only). */
  flushImports(): void {
    this.changes++;
    this.saveSite();
  }

  /** PUT /rest/api/3/issue/{id}. */
  editIssue(idOrKey: string, body: IssueUpdateBody, actor: Actor): StoredIssue {
    const doc = this.requireDocForWrite(idOrKey, actor, 'EDIT_ISSUES');
    const allowed = this.screenFieldIds();
    allowed.delete('issuetype');
    const changes = this.computeFieldChanges(doc.issue.fields, body, allowed);
    const props = this.propertyList(body);
    const before = doc.changelog.length;
    this.applyChanges(doc, changes, actor, []);
    for (const [k, v] of props) doc.issue.properties[k] = v;
    this.saveIssue(doc);
    if (doc.changelog.length > before) this.emit('avi:jira:updated:issue', doc, actor);
    return doc.issue;
  }

  /** Applies computed changes, bumps `updated` and records one changelog entry (when anything changed). */
  private applyChanges(doc: IssueDocument, changes: Map<string, unknown>, actor: Actor, extra: ChangeItem[], log = true): void {
    const items: ChangeItem[] = [...extra];
    for (const [id, value] of changes) {
      const f = this.field(id);
      if (!f) continue;
      const item = this.changeItem(f, doc.issue.fields[id], value);
      doc.issue.fields[id] = value;
      if (item) items.push(item);
    }
    if (items.length === 0) return;
    const now = this.now();
    doc.issue.fields.updated = jiraDateTime(now);
    if (log) {
      doc.changelog.push({ id: String(++this.state.counters.changelogId), authorId: actorAccountId(actor, this.appAccountId), created: jiraDateTime(now), items });
      this.saveSite();
    }
  }

  deleteIssue(idOrKey: string, actor: Actor): void {
    const doc = this.visibleDoc(idOrKey, actor);
    if (!hasProjectPermission(actor, 'DELETE_ISSUES', this.issueProjectKey(doc.issue))) {
      throw forbidden('You do not have permission to delete issues in this project.');
    }
    this.changes++;
    this.docs.delete(doc.issue.id);
    this.keyIndex.delete(doc.issue.key.toUpperCase());
    rmSync(join(this.issuesDir, `${doc.issue.id}.json`), { force: true });
  }

  /** POST /rest/api/3/issue/{id}/transitions: checks, runs the validator hook, applies. */
  async transitionIssue(idOrKey: string, body: IssueUpdateBody, actor: Actor): Promise<void> {
    const doc = this.visibleDoc(idOrKey, actor);
    const tid = isObject(body.transition) ? body.transition.id : undefined;
    if (typeof tid !== 'string' || !tid) throw badRequest("Missing 'transition' identifier");
    if (!hasProjectPermission(actor, 'TRANSITION_ISSUES', this.issueProjectKey(doc.issue))) {
      throw badRequest('You do not have permission to transition this issue.');
    }
    const transition = this.availableTransitions(doc.issue).find((t) => t.id === tid);
    if (!transition) throw badRequest(`Transition id '${tid}' is not valid for this issue.`);
    const screen = transition.screenId ? this.state.screens.find((sc) => sc.id === transition.screenId) : undefined;
    const changes = this.computeFieldChanges(doc.issue.fields, { fields: body.fields, update: body.update }, new Set(screen?.fieldIds ?? []));
    const props = this.propertyList(body);
    if (this.onTransition) {
      const wf = this.issueWorkflow(doc.issue);
      const from = this.issueStatus(doc.issue);
      const to = this.status(transition.to);
      let result: TransitionHookResult;
      try {
        result = await this.onTransition({
          issue: structuredClone(doc.issue),
          transition: {
            id: transition.id,
            name: transition.name,
            type: transition.type,
            from: { id: from?.id ?? '', name: from?.name ?? '' },
            to: { id: to?.id ?? transition.to, name: to?.name ?? '' },
            validators: structuredClone(transition.validators),
          },
          workflow: { id: wf.id, name: wf.name },
          user: actorUser(actor),
          fields: Object.fromEntries(changes),
        });
      } catch (e) {
        throw new JiraHttpError(500, { errorMessages: [`Transition validator failed: ${e instanceof Error ? e.message : String(e)}`], errors: {} });
      }
      if (!result.ok) throw badRequest(result.errorMessage);
      // The hook may be slow: re-read the issue (it could have been deleted meanwhile).
      if (!this.docs.has(doc.issue.id)) throw notFound(MSG.issueNotFound);
    }
    this.applyTransition(doc.issue.id, transition.id, Object.fromEntries(changes), actor);
    for (const [k, v] of props) doc.issue.properties[k] = v;
    this.saveIssue(doc);
  }

  /** Moves the issue along a transition (no checks beyond the transition being available). */
  private applyTransition(issueId: string, transitionId: string, values: Record<string, unknown>, actor: Actor): void {
    const doc = this.docs.get(issueId);
    if (!doc) throw notFound(MSG.issueNotFound);
    const transition = this.availableTransitions(doc.issue).find((t) => t.id === transitionId);
    if (!transition) throw badRequest(`Transition id '${transitionId}' is not valid for this issue.`);
    const from = this.issueStatus(doc.issue);
    const to = this.status(transition.to);
    if (!to) throw new JiraHttpError(422, { errorMessages: [`Status ${transition.to} does not exist.`], errors: {} });
    const extra: ChangeItem[] = [
      { field: 'status', fieldtype: 'jira', fieldId: 'status', from: from?.id ?? null, fromString: from?.name ?? null, to: to.id, toString: to.name },
    ];
    const changes = new Map(Object.entries(values));
    const now = jiraDateTime(this.now());
    doc.issue.fields.status = statusDetails(this.siteUrl, to);
    if (from?.statusCategory !== to.statusCategory) doc.issue.fields.statuscategorychangedate = now;
    const res = RESOLUTIONS[0];
    if (to.statusCategory === 'DONE' && !doc.issue.fields.resolution && res) {
      changes.set('resolution', resolutionRef(this.siteUrl, res));
      doc.issue.fields.resolutiondate = now;
    } else if (to.statusCategory !== 'DONE' && doc.issue.fields.resolution) {
      changes.set('resolution', null);
      doc.issue.fields.resolutiondate = null;
    }
    this.applyChanges(doc, changes, actor, extra);
    this.saveIssue(doc);
    this.emit('avi:jira:updated:issue', doc, actor);
  }

  /** Tells the product-event hook (never while seeding). */
  private emit(eventType: IssueEvent['eventType'], doc: IssueDocument, actor: Actor): void {
    if (!this.onIssueEvent || !this.persist) return;
    const last = eventType === 'avi:jira:updated:issue' ? doc.changelog[doc.changelog.length - 1] : undefined;
    const event: IssueEvent = {
      eventType,
      selfGenerated: actor.kind === 'app' || (actor.kind === 'user' && actor.viaApp),
      atlassianId: actorAccountId(actor, this.appAccountId),
      issue: structuredClone({ id: doc.issue.id, key: doc.issue.key, fields: doc.issue.fields }),
      ...(last
        ? {
            changelog: {
              items: last.items.map((i) => ({ field: i.field, fieldId: i.fieldId, from: i.from ?? null, fromString: i.fromString ?? null, to: i.to ?? null, toString: i.toString ?? null })),
            },
          }
        : {}),
    };
    this.onIssueEvent(event);
  }

  // ───────────────────────────── comments, properties, app fields ─────────────────────────────

  comments(idOrKey: string, actor: Actor): CommentRecord[] {
    return this.visibleDoc(idOrKey, actor).comments;
  }

  addComment(idOrKey: string, body: Record<string, unknown>, actor: Actor): CommentRecord {
    const doc = this.requireDocForWrite(idOrKey, actor, 'ADD_COMMENTS');
    if (body.body === undefined || body.body === null || (isAdf(body.body) && adfText(body.body).trim() === '' && (body.body as { content: unknown[] }).content.length === 0)) {
      throw fieldErrors({ comment: 'Comment body can not be empty!' });
    }
    if (!isAdf(body.body)) throw fieldErrors({ comment: 'Comment body must be an Atlassian Document (see the Atlassian Document Format)' });
    const now = jiraDateTime(this.now());
    const me = actorAccountId(actor, this.appAccountId);
    const rec: CommentRecord = {
      id: String(++this.state.counters.commentId),
      authorId: me,
      updateAuthorId: me,
      body: body.body,
      created: now,
      updated: now,
      ...(isObject(body.visibility) ? { visibility: body.visibility as CommentRecord['visibility'] } : {}),
      ...(Array.isArray(body.properties) ? { properties: body.properties as CommentRecord['properties'] } : {}),
    };
    doc.comments.push(rec);
    doc.issue.fields.updated = now;
    this.saveSite();
    this.saveIssue(doc);
    return rec;
  }

  getProperty(idOrKey: string, key: string, actor: Actor): unknown {
    const doc = this.visibleDoc(idOrKey, actor);
    if (!(key in doc.issue.properties)) throw notFound(`The property with key '${key}' does not exist.`);
    return doc.issue.properties[key];
  }

  /** Sets an issue property; true when it was created (201), false when updated (200). */
  setProperty(idOrKey: string, key: string, value: unknown, actor: Actor = { kind: 'app' }): boolean {
    const doc = this.requireDocForWrite(idOrKey, actor, 'EDIT_ISSUES');
    this.checkProperty(key, value);
    const created = !(key in doc.issue.properties);
    doc.issue.properties[key] = structuredClone(value);
    this.saveIssue(doc);
    return created;
  }

  deleteProperty(idOrKey: string, key: string, actor: Actor): void {
    const doc = this.requireDocForWrite(idOrKey, actor, 'EDIT_ISSUES');
    if (!(key in doc.issue.properties)) throw notFound(`The property with key '${key}' does not exist.`);
    delete doc.issue.properties[key];
    this.saveIssue(doc);
  }

  /** PUT/POST /rest/api/3/app/field…/value: only the app may write its own fields. */
  setAppFieldValues(updates: AppFieldUpdate[], actor: Actor, generateChangelog: boolean): void {
    if (actor.kind !== 'app') throw forbidden('Only the app that provided the field can update its values.');
    const seen = new Set<string>();
    const planned: { doc: IssueDocument; field: FieldRecord; value: unknown }[] = [];
    for (const u of updates) {
      const field = this.field(u.customField);
      if (!field) throw notFound(`The custom field ${u.customField} was not found.`);
      if (!field.schema.custom?.startsWith('ari:cloud:ecosystem::extension/')) {
        throw forbidden(`The app is not allowed to update the field ${field.id}: it is not provided by the app.`);
      }
      const r = this.coerce(field, u.value);
      if (!r.ok) throw fieldErrors({ [field.id]: r.error });
      for (const issueId of u.issueIds) {
        const pair = `${field.id}/${issueId}`;
        if (seen.has(pair)) throw badRequest(`The combination of field ${field.id} and issue ${issueId} appears more than once.`);
        seen.add(pair);
        const doc = this.docs.get(String(issueId));
        if (!doc) throw notFound(`Issue ${issueId} was not found.`);
        planned.push({ doc, field, value: r.value });
      }
    }
    const touched = new Set<IssueDocument>();
    const byDoc = new Map<IssueDocument, Map<string, unknown>>();
    for (const p of planned) {
      const m = byDoc.get(p.doc) ?? new Map<string, unknown>();
      m.set(p.field.id, p.value);
      byDoc.set(p.doc, m);
    }
    for (const [doc, changes] of byDoc) {
      this.applyChanges(doc, changes, actor, [], generateChangelog);
      touched.add(doc);
    }
    for (const doc of touched) this.saveIssue(doc);
  }

  recordNotification(idOrKey: string, notification: Record<string, unknown>, actor: Actor): void {
    const doc = this.visibleDoc(idOrKey, actor);
    this.state.notifications.push({
      issueId: doc.issue.id,
      issueKey: doc.issue.key,
      senderId: actorAccountId(actor, this.appAccountId),
      at: jiraDateTime(this.now()),
      notification: structuredClone(notification),
    });
    if (this.state.notifications.length > 500) this.state.notifications.splice(0, this.state.notifications.length - 500);
    this.saveSite();
  }

  notifications(): SiteState['notifications'] {
    return this.state.notifications;
  }

  changelog(idOrKey: string, actor: Actor): ChangelogRecord[] {
    return this.visibleDoc(idOrKey, actor).changelog;
  }

  requireAdmin(actor: Actor, message: string = MSG.adminOnly): void {
    if (!isAdmin(actor)) throw forbidden(message);
  }
}
