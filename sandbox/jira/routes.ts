/**
 * REST handlers of the Jira stand-in (Jira Cloud platform REST v3 paths). Each handler gets the
 * parsed request and the authenticated actor and returns status + JSON body; failures are thrown
 * as JiraHttpError (errors.ts) and answered in Jira's ErrorCollection shape by server.ts.
 */
import { createHash } from 'node:crypto';
import { JiraHttpError, MSG, badRequest, fieldErrors, forbidden, notFound } from './errors';
import {
  type FieldSelection,
  isIdKeyOnly,
  parseFields,
  parseProperties,
  renderChangelog,
  renderComment,
  renderIssue,
  renderTransition,
  splitList,
} from './issue-view';
import type { IssueDocument, IssueTypeSchemeRecord, PrecomputationRecord, ProjectRecord } from './model';
import {
  type Actor,
  PERMISSIONS,
  PERMISSION_BY_KEY,
  canBrowse,
  hasProjectPermission,
  isAdmin,
  userHasGlobalPermission,
  userHasProjectPermission,
} from './permissions';
import { appUserDetails, avatarUrls, issueTypeDetails, userFull } from './render';
import type { AppFieldUpdate, IssueUpdateBody, JiraStore } from './store';
import { type CompiledJql, type JqlContext, JqlError, type SandboxUser, type StoredIssue } from './types';

export type CompileJql = (jql: string, ctx: JqlContext) => CompiledJql;

export interface Req {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  actor: Actor;
  store: JiraStore;
  compileJql: CompileJql;
  /** Value suggestions an app field's `searchSuggestions` function gives (set by the Forge host). */
  suggest?: SuggestHook;
}

/**
 * Jira asks a Forge field's `searchSuggestions` function for values with the documented payload
 * (jira:customField "Search suggestions" → Input); it answers strings or {value, label}.
 */
export type SuggestHook = (field: { id: string; name: string; fieldType: string }, query: string, actor: Actor) => Promise<(string | { value: string; label: string })[] | null>;

export interface Res {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: Req) => Res | Promise<Res>;

export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  template: string;
  handler: Handler;
}

// ───────────────────────────── helpers ─────────────────────────────

function precomputationJson(p: PrecomputationRecord): Record<string, unknown> {
  return {
    id: p.id,
    functionKey: p.functionKey,
    functionName: p.functionName,
    field: p.field,
    operator: p.operator,
    arguments: p.arguments,
    ...(p.value !== null ? { value: p.value } : {}),
    ...(p.error !== null ? { error: p.error } : {}),
    created: p.created,
    updated: p.updated,
    used: p.used,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bodyObject(req: Req): Record<string, unknown> {
  if (req.body === undefined) throw badRequest('No content to map due to end-of-input');
  if (!isObject(req.body)) throw badRequest('Request body must be a JSON object.');
  return req.body;
}

function strList(v: unknown, name: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw badRequest(`'${name}' must be an array of strings.`);
  return v as string[];
}

function intParam(q: URLSearchParams, name: string, dflt: number): number {
  const v = q.get(name);
  if (v === null || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n)) throw badRequest(`The value '${v}' is not valid for the parameter '${name}'.`);
  return n;
}

function boolParam(q: URLSearchParams, name: string, dflt: boolean): boolean {
  const v = q.get(name);
  return v === null ? dflt : v === 'true';
}

function expandSet(v: string | string[] | null | undefined): Set<string> {
  return new Set(splitList(Array.isArray(v) ? v : [v ?? '']));
}

function page<T>(items: T[], startAt: number, maxResults: number, self: string): Record<string, unknown> {
  const start = Math.max(0, startAt);
  const max = Math.max(0, maxResults);
  const values = items.slice(start, start + max);
  const isLast = start + values.length >= items.length;
  return {
    self,
    ...(isLast ? {} : { nextPage: `${self.split('?')[0]}?startAt=${start + max}&maxResults=${max}` }),
    maxResults: max,
    startAt: start,
    total: items.length,
    isLast,
    values,
  };
}

function ok(body: unknown, status = 200): Res {
  return { status, body };
}

const noContent: Res = { status: 204 };

function requireAdmin(actor: Actor, message: string = MSG.adminOnly): void {
  if (!isAdmin(actor)) throw forbidden(message);
}

// ───────────────────────────── projects ─────────────────────────────

function projectJson(store: JiraStore, p: ProjectRecord, expand: Set<string>, full: boolean): Record<string, unknown> {
  const site = store.siteUrl;
  const out: Record<string, unknown> = {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${site}/rest/api/3/project/${p.id}`,
    id: p.id,
    key: p.key,
    name: p.name,
    avatarUrls: avatarUrls(site, 'project', p.id),
    projectTypeKey: p.projectTypeKey,
    simplified: false,
    style: p.style,
    isPrivate: false,
    properties: {},
  };
  if (full || expand.has('description')) out.description = p.description;
  if (full || expand.has('lead')) {
    const lead = store.userById(p.leadAccountId);
    if (lead) out.lead = userFull(site, lead, false);
  }
  if (full || expand.has('issueTypes')) out.issueTypes = store.projectIssueTypes(p).map((t) => issueTypeDetails(site, t));
  if (full) {
    out.components = [];
    out.versions = [];
    out.assigneeType = 'UNASSIGNED';
    out.roles = {};
  }
  return out;
}

function visibleProject(store: JiraStore, actor: Actor, idOrKey: string): ProjectRecord {
  const p = store.project(idOrKey);
  if (!p || !canBrowse(actor, p.key)) throw notFound(MSG.noProject(idOrKey));
  return p;
}

// ───────────────────────────── search ─────────────────────────────

interface SearchParams {
  jql: string;
  nextPageToken?: string;
  maxResults?: number;
  fields: string[];
  expand: Set<string>;
  properties: string[];
  reconcileIssues: number[];
}

function jqlHash(jql: string, actor: Actor): string {
  const who = actor.kind === 'app' ? 'app' : actor.user.accountId;
  return createHash('sha256').update(`${who}\n${jql}`).digest('base64url').slice(0, 16);
}

function encodeToken(offset: number, hash: string): string {
  return Buffer.from(JSON.stringify({ v: 1, o: offset, h: hash })).toString('base64url');
}

function decodeToken(token: string, hash: string): number {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v?: unknown; o?: unknown; h?: unknown };
    if (t.v === 1 && typeof t.o === 'number' && Number.isInteger(t.o) && t.o >= 0 && t.h === hash) return t.o;
  } catch {
    // fall through: not a token of ours
  }
  throw badRequest('The provided next page token is invalid or expired.');
}

function compile(req: Req, jql: string): CompiledJql {
  if (!jql.trim() || /^\s*order\s+by\b/i.test(jql)) throw badRequest(MSG.unbounded);
  try {
    return req.compileJql(jql, req.store.jqlContext(req.actor));
  } catch (e) {
    if (e instanceof JqlError) throw badRequest(e.errorMessages);
    if (isObject(e) && Array.isArray(e.errorMessages)) throw badRequest(e.errorMessages.map(String));
    throw e;
  }
}

/**
 * The sorted result of a search, kept for its next pages: a list read with nextPageToken (an
 * export, a job paging through its work) searches once, not once per page. Valid while the
 * store's revision stands still; a few recent searches are kept.
 */
const RESULTS = new Map<string, { revision: number; store: object; docs: IssueDocument[] }>();
const RESULTS_MAX = 16;

function matching(req: Req, jql: string): IssueDocument[] {
  const compiled = compile(req, jql);
  // A query relative to the clock (now(), startOfMonth(), "-30d") is kept for its minute only.
  const relative = /\(\s*\)|\(\s*["'-]|["'\s][-+]?\d+\s*[wdhm]\b/i.test(jql);
  const key = `${jqlHash(jql, req.actor)}${relative ? `@${Math.floor(req.store.now() / 60_000)}` : ''}`;
  const hit = RESULTS.get(key);
  if (hit && hit.store === req.store && hit.revision === req.store.revision) {
    RESULTS.delete(key);
    RESULTS.set(key, hit);
    return hit.docs;
  }
  const issues = compiled.sort(scan(req, compiled));
  const docs = issues.map((i) => req.store.doc(i.id)).filter((d): d is IssueDocument => !!d);
  RESULTS.set(key, { revision: req.store.revision, store: req.store, docs });
  while (RESULTS.size > RESULTS_MAX) RESULTS.delete(RESULTS.keys().next().value!);
  return docs;
}

/** The issues the actor may see that match, through the store's snapshot and the JQL index. */
function scan(req: Req, compiled: CompiledJql): StoredIssue[] {
  const universe = req.store.universe();
  const visible = req.store.visibility(req.actor);
  const out: StoredIssue[] = [];
  for (let i = 0; i < universe.length; i++) {
    const issue = universe[i]!;
    if (visible[i] === 1 && compiled.matchesAt(issue, i)) out.push(issue);
  }
  return out;
}

/** How many issues the user may see match (no sorting, nothing kept). */
function countMatching(req: Req, jql: string): number {
  const compiled = compile(req, jql);
  const universe = req.store.universe();
  const visible = req.store.visibility(req.actor);
  let n = 0;
  for (let i = 0; i < universe.length; i++) if (visible[i] === 1 && compiled.matchesAt(universe[i]!, i)) n++;
  return n;
}

function runSearch(req: Req, p: SearchParams): Res {
  const sel: FieldSelection = parseFields(p.fields, 'none');
  const properties = parseProperties(p.properties, 5);
  if (p.reconcileIssues.length > 50) throw badRequest('A maximum of 50 issues can be reconciled.');
  const cap = isIdKeyOnly(sel) && properties.length === 0 ? 5000 : 100;
  const max = Math.min(cap, Math.max(1, p.maxResults ?? 50));
  const hash = jqlHash(p.jql, req.actor);
  const offset = p.nextPageToken ? decodeToken(p.nextPageToken, hash) : 0;
  const docs = matching(req, p.jql);
  const slice = docs.slice(offset, offset + max);
  const perIssueExpand = new Set([...p.expand].filter((e) => e === 'changelog' || e === 'transitions'));
  const issues = slice.map((d) => renderIssue(req.store, d, { fields: sel, properties, expand: perIssueExpand }));
  const isLast = offset + slice.length >= docs.length;
  const body: Record<string, unknown> = { issues, isLast };
  if (!isLast) body.nextPageToken = encodeToken(offset + slice.length, hash);
  if (p.expand.has('names') || p.expand.has('schema')) {
    const ids = new Set<string>();
    for (const i of issues) if (isObject(i.fields)) for (const k of Object.keys(i.fields)) ids.add(k);
    if (p.expand.has('names')) body.names = Object.fromEntries([...ids].map((id) => [id, req.store.field(id)?.name ?? id]));
    if (p.expand.has('schema')) body.schema = Object.fromEntries([...ids].map((id) => [id, req.store.field(id)?.schema ?? { type: 'any' }]));
  }
  return ok(body);
}

// ───────────────────────────── permissions ─────────────────────────────

function checkPermissionKeys(keys: string[]): void {
  const bad = keys.filter((k) => !PERMISSION_BY_KEY.has(k));
  if (bad.length) throw new JiraHttpError(400, { errorMessages: [], errors: Object.fromEntries(bad.map((k) => [k, 'Unrecognized permission'])) });
}

function userHas(user: SandboxUser | null, key: string, projectKey: string | null, store: JiraStore): boolean {
  if (!user) return true; // the app
  const info = PERMISSION_BY_KEY.get(key);
  if (!info) return false;
  if (info.type === 'GLOBAL') return userHasGlobalPermission(user, key);
  if (projectKey !== null) return userHasProjectPermission(user, key, projectKey);
  return store.projects().some((p) => userHasProjectPermission(user, key, p.key));
}

// ───────────────────────────── app field values ─────────────────────────────

function parseUpdates(raw: unknown, fieldFromPath: string | null): AppFieldUpdate[] {
  if (!isObject(raw)) throw badRequest('Request body must be a JSON object.');
  const updates = raw.updates;
  if (!Array.isArray(updates)) throw badRequest("'updates' must be an array.");
  return updates.map((u, i) => {
    if (!isObject(u)) throw badRequest(`updates[${i}] must be an object.`);
    const customField = fieldFromPath ?? u.customField;
    if (typeof customField !== 'string' || !customField) throw fieldErrors({ [`updates[${i}].customField`]: 'The custom field id is required.' });
    if (!Array.isArray(u.issueIds) || u.issueIds.length === 0 || u.issueIds.some((x) => !Number.isInteger(x))) {
      throw fieldErrors({ [`updates[${i}].issueIds`]: 'issueIds must be a non-empty array of issue ids (integers).' });
    }
    if (!('value' in u)) throw fieldErrors({ [`updates[${i}].value`]: 'The value is required.' });
    return { customField, issueIds: u.issueIds as number[], value: u.value };
  });
}

// ───────────────────────────── routes ─────────────────────────────

const SYSTEM_RULES = [
  { ruleKey: 'system:restrict-issue-transition', ruleType: 'Condition', name: 'Restrict who can move an issue', description: 'Only people with the selected permission can transition the issue.' },
  { ruleKey: 'system:check-field-value', ruleType: 'Validator', name: 'Check a field value', description: 'Validate that a field has a value before the transition.' },
  { ruleKey: 'system:update-field', ruleType: 'Function', name: 'Update an issue field', description: 'Set a field value when the issue transitions.' },
].map((r) => ({ ...r, incompatibleRuleKeys: [], isAvailableForInitialTransition: true, isVisible: true }));

export const ROUTES: RouteDef[] = [
  // ── issues ──
  {
    method: 'POST',
    template: '/rest/api/3/issue',
    handler: async (req) => {
      const body = bodyObject(req) as IssueUpdateBody;
      // Validators on the workflow's create (initial) transition run before anything is stored.
      await req.store.validateCreate(body, req.actor);
      const issue = req.store.createIssue(body, req.actor);
      const out: Record<string, unknown> = { id: issue.id, key: issue.key, self: `${req.store.siteUrl}/rest/api/3/issue/${issue.id}` };
      const tid = isObject(body.transition) ? body.transition.id : undefined;
      if (typeof tid === 'string' && tid) {
        try {
          await req.store.transitionIssue(issue.id, { transition: { id: tid } }, req.actor);
          out.transition = { status: 204, errorCollection: { errorMessages: [], errors: {} } };
        } catch (e) {
          if (!(e instanceof JiraHttpError)) throw e;
          out.transition = { status: e.status, errorCollection: e.body };
        }
      }
      return ok(out, 201);
    },
  },
  {
    method: 'GET',
    template: '/rest/api/3/issue/{issueIdOrKey}',
    handler: (req) => {
      const doc = req.store.visibleDoc(req.params.issueIdOrKey ?? '', req.actor);
      return ok(
        renderIssue(req.store, doc, {
          fields: parseFields(splitList(req.query.getAll('fields')), 'all'),
          properties: parseProperties(splitList(req.query.getAll('properties')), null),
          expand: expandSet(req.query.getAll('expand')),
        }),
      );
    },
  },
  {
    method: 'PUT',
    template: '/rest/api/3/issue/{issueIdOrKey}',
    handler: (req) => {
      const issue = req.store.editIssue(req.params.issueIdOrKey ?? '', bodyObject(req) as IssueUpdateBody, req.actor);
      if (!boolParam(req.query, 'returnIssue', false)) return noContent;
      const doc = req.store.visibleDoc(issue.id, req.actor);
      return ok(renderIssue(req.store, doc, { fields: parseFields([], 'all'), properties: [], expand: expandSet(req.query.get('expand')) }));
    },
  },
  {
    method: 'DELETE',
    template: '/rest/api/3/issue/{issueIdOrKey}',
    handler: (req) => {
      req.store.deleteIssue(req.params.issueIdOrKey ?? '', req.actor);
      return noContent;
    },
  },
  {
    method: 'GET',
    template: '/rest/api/3/issue/{issueIdOrKey}/transitions',
    handler: (req) => {
      const doc = req.store.visibleDoc(req.params.issueIdOrKey ?? '', req.actor);
      const only = req.query.get('transitionId');
      const list = req.store.availableTransitions(doc.issue).filter((t) => !only || t.id === only);
      const withFields = (req.query.get('expand') ?? '').split(',').includes('transitions.fields');
      return ok({ expand: 'transitions', transitions: list.map((t) => renderTransition(req.store, t, withFields)) });
    },
  },
  {
    method: 'POST',
    template: '/rest/api/3/issue/{issueIdOrKey}/transitions',
    handler: async (req) => {
      await req.store.transitionIssue(req.params.issueIdOrKey ?? '', bodyObject(req) as IssueUpdateBody, req.actor);
      return noContent;
    },
  },
  {
    method: 'GET',
    template: '/rest/api/3/issue/{issueIdOrKey}/changelog',
    handler: (req) => {
      const doc = req.store.visibleDoc(req.params.issueIdOrKey ?? '', req.actor);
      const all = doc.changelog.map((h) => renderChangelog(req.store, h));
      return ok(page(all, intParam(req.query, 'startAt', 0), intParam(req.query, 'maxResults', 100), `${req.store.siteUrl}/rest/api/3/issue/${doc.issue.id}/changelog`));
    },
  },
  // ── comments, notify ──
  {
    method: 'GET',
    template: '/rest/api/3/issue/{issueIdOrKey}/comment',
    handler: (req) => {
      const doc = req.store.visibleDoc(req.params.issueIdOrKey ?? '', req.actor);
      const order = req.query.get('orderBy') ?? 'created';
      let list = [...doc.comments];
      if (order === '-created') list = list.reverse();
      const startAt = Math.max(0, intParam(req.query, 'startAt', 0));
      const maxResults = Math.min(5000, Math.max(0, intParam(req.query, 'maxResults', 5000)));
      const slice = list.slice(startAt, startAt + maxResults);
      return ok({ startAt, maxResults, total: list.length, comments: slice.map((c) => renderComment(req.store, doc.issue.id, c)) });
    },
  },
  {
    method: 'POST',
    template: '/rest/api/3/issue/{issueIdOrKey}/comment',
    handler: (req) => {
      const id = req.params.issueIdOrKey ?? '';
      const c = req.store.addComment(id, bodyObject(req), req.actor);
      const doc = req.store.visibleDoc(id, req.actor);
      return ok(renderComment(req.store, doc.issue.id, c), 201);
    },
  },
  {
    method: 'POST',
    template: '/rest/api/3/issue/{issueIdOrKey}/notify',
    handler: (req) => {
      const body = bodyObject(req);
      const to = body.to;
      const hasRecipient =
        isObject(to) &&
        (to.reporter === true || to.assignee === true || to.watchers === true || to.voters === true ||
          (Array.isArray(to.users) && to.users.length > 0) || (Array.isArray(to.groups) && to.groups.length > 0) || (Array.isArray(to.groupIds) && to.groupIds.length > 0));
      if (!hasRecipient) throw badRequest('No recipients were defined for notification.');
      const doc = req.store.visibleDoc(req.params.issueIdOrKey ?? '', req.actor);
      if (!hasProjectPermission(req.actor, 'BROWSE_PROJECTS', req.store.issueProjectKey(doc.issue))) throw forbidden('You do not have permission to notify.');
      req.store.recordNotification(doc.issue.id, body, req.actor);
      return noContent;
    },
  },
  // ── project properties ──
  {
    method: 'GET',
    template: '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}',
    handler: (req) => {
      const key = req.params.propertyKey ?? '';
      return ok({ key, value: req.store.projectProperty(req.params.projectIdOrKey ?? '', key, req.actor) });
    },
  },
  {
    method: 'PUT',
    template: '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}',
    handler: (req) => {
      if (req.body === undefined) throw badRequest('The property value cannot be empty.');
      const created = req.store.setProjectProperty(req.params.projectIdOrKey ?? '', req.params.propertyKey ?? '', req.body, req.actor);
      return ok({}, created ? 201 : 200);
    },
  },
  // ── issue properties ──
  {
    method: 'GET',
    template: '/rest/api/3/issue/{issueIdOrKey}/properties',
    handler: (req) => {
      const doc = req.store.visibleDoc(req.params.issueIdOrKey ?? '', req.actor);
      return ok({
        keys: Object.keys(doc.issue.properties).map((key) => ({ key, self: `${req.store.siteUrl}/rest/api/3/issue/${doc.issue.id}/properties/${encodeURIComponent(key)}` })),
      });
    },
  },
  {
    method: 'GET',
    template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
    handler: (req) => {
      const key = req.params.propertyKey ?? '';
      return ok({ key, value: req.store.getProperty(req.params.issueIdOrKey ?? '', key, req.actor) });
    },
  },
  {
    method: 'PUT',
    template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
    handler: (req) => {
      if (req.body === undefined) throw badRequest('The property value cannot be empty.');
      const created = req.store.setProperty(req.params.issueIdOrKey ?? '', req.params.propertyKey ?? '', req.body, req.actor);
      return ok({}, created ? 201 : 200);
    },
  },
  {
    method: 'DELETE',
    template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
    handler: (req) => {
      req.store.deleteProperty(req.params.issueIdOrKey ?? '', req.params.propertyKey ?? '', req.actor);
      return noContent;
    },
  },
  // ── search ──
  {
    method: 'GET',
    template: '/rest/api/3/search/jql',
    handler: (req) => {
      const q = req.query;
      const mr = q.get('maxResults');
      return runSearch(req, {
        jql: q.get('jql') ?? '',
        nextPageToken: q.get('nextPageToken') ?? undefined,
        maxResults: mr === null ? undefined : intParam(q, 'maxResults', 50),
        fields: splitList(q.getAll('fields')),
        expand: expandSet(q.getAll('expand')),
        properties: splitList(q.getAll('properties')),
        reconcileIssues: splitList(q.getAll('reconcileIssues')).map(Number),
      });
    },
  },
  {
    method: 'POST',
    template: '/rest/api/3/search/jql',
    handler: (req) => {
      const b = bodyObject(req);
      if (b.maxResults !== undefined && !Number.isInteger(b.maxResults)) throw badRequest("'maxResults' must be an integer.");
      if (b.nextPageToken !== undefined && b.nextPageToken !== null && typeof b.nextPageToken !== 'string') throw badRequest("'nextPageToken' must be a string.");
      return runSearch(req, {
        jql: typeof b.jql === 'string' ? b.jql : '',
        nextPageToken: typeof b.nextPageToken === 'string' ? b.nextPageToken : undefined,
        maxResults: typeof b.maxResults === 'number' ? b.maxResults : undefined,
        fields: splitList(strList(b.fields, 'fields')),
        expand: expandSet(typeof b.expand === 'string' ? b.expand : ''),
        properties: splitList(strList(b.properties, 'properties')),
        reconcileIssues: Array.isArray(b.reconcileIssues) ? b.reconcileIssues.map(Number) : [],
      });
    },
  },
  {
    method: 'POST',
    template: '/rest/api/3/search/approximate-count',
    handler: (req) => {
      const b = bodyObject(req);
      return ok({ count: countMatching(req, typeof b.jql === 'string' ? b.jql : '') });
    },
  },
  {
    method: 'POST',
    template: '/rest/api/3/issue/bulkfetch',
    handler: (req) => {
      const b = bodyObject(req);
      const ids = strList(b.issueIdsOrKeys, 'issueIdsOrKeys');
      if (ids.length === 0 || ids.length > 100) throw badRequest('The number of issue IDs or keys must be between 1 and 100.');
      const sel = parseFields(splitList(strList(b.fields, 'fields')), 'navigable');
      const properties = parseProperties(splitList(strList(b.properties, 'properties')), 5);
      const expand = new Set(strList(b.expand, 'expand'));
      const found = new Map<string, IssueDocument>();
      const issueErrors: { id: string; errorMessage: string }[] = [];
      for (const id of ids) {
        const doc = req.store.doc(id);
        if (doc && canBrowse(req.actor, req.store.issueProjectKey(doc.issue))) found.set(doc.issue.id, doc);
        else issueErrors.push({ id, errorMessage: MSG.issueNotFound });
      }
      const issues = [...found.values()]
        .sort((a, b2) => Number(a.issue.id) - Number(b2.issue.id))
        .map((d) => renderIssue(req.store, d, { fields: sel, properties, expand }));
      return ok({ issues, issueErrors });
    },
  },
  // ── app field values ──
  {
    method: 'POST',
    template: '/rest/api/3/app/field/value',
    handler: (req) => {
      req.store.setAppFieldValues(parseUpdates(req.body, null), req.actor, boolParam(req.query, 'generateChangelog', true));
      return noContent;
    },
  },
  {
    method: 'PUT',
    template: '/rest/api/3/app/field/{fieldIdOrKey}/value',
    handler: (req) => {
      const fieldId = req.params.fieldIdOrKey ?? '';
      if (!req.store.field(fieldId)) throw notFound(`The custom field ${fieldId} was not found.`);
      req.store.setAppFieldValues(parseUpdates(req.body, fieldId), req.actor, boolParam(req.query, 'generateChangelog', true));
      return noContent;
    },
  },
  // ── fields, issue types, schemes ──
  {
    method: 'GET',
    template: '/rest/api/3/field',
    handler: (req) =>
      ok(
        req.store.fields().map((f) => ({
          id: f.id,
          key: f.key,
          name: f.name,
          custom: f.custom,
          orderable: f.orderable,
          navigable: f.navigable,
          searchable: f.searchable,
          clauseNames: f.clauseNames,
          schema: f.schema,
        })),
      ),
  },
  {
    method: 'GET',
    template: '/rest/api/3/issuetype',
    handler: (req) => {
      const { store, actor } = req;
      const visible = isAdmin(actor)
        ? store.issueTypes()
        : [...new Map(store.projects().filter((p) => canBrowse(actor, p.key)).flatMap((p) => store.projectIssueTypes(p)).map((t) => [t.id, t])).values()];
      return ok(visible.map((t) => issueTypeDetails(store.siteUrl, t)));
    },
  },
  {
    method: 'GET',
    template: '/rest/api/3/issuetype/{id}',
    handler: (req) => {
      const t = req.store.issueType(req.params.id ?? '');
      if (!t) throw notFound('The issue type with this ID was not found.');
      return ok(issueTypeDetails(req.store.siteUrl, t));
    },
  },
  {
    method: 'POST',
    template: '/rest/api/3/issuetype',
    handler: (req) => {
      requireAdmin(req.actor);
      const b = bodyObject(req);
      if (typeof b.name !== 'string') throw fieldErrors({ name: 'The issue type name must not be empty.' });
      if (b.type !== undefined && b.type !== 'standard' && b.type !== 'subtask') throw fieldErrors({ type: "The issue type type must be 'standard' or 'subtask'." });
      if (b.hierarchyLevel !== undefined && !Number.isInteger(b.hierarchyLevel)) throw fieldErrors({ hierarchyLevel: 'The hierarchy level must be an integer.' });
      const t = req.store.createIssueType({
        name: b.name,
        ...(typeof b.description === 'string' ? { description: b.description } : {}),
        ...(b.type === 'standard' || b.type === 'subtask' ? { type: b.type } : {}),
        ...(typeof b.hierarchyLevel === 'number' ? { hierarchyLevel: b.hierarchyLevel } : {}),
      });
      return ok(issueTypeDetails(req.store.siteUrl, t), 201);
    },
  },
  {
    method: 'GET',
    template: '/rest/api/3/issuetypescheme',
    handler: (req) => {
      requireAdmin(req.actor, 'Only Jira administrators can access issue type schemes.');
      const ids = new Set(splitList(req.query.getAll('id')));
      const q = (req.query.get('queryString') ?? '').toLowerCase();
      const list = req.store
        .issueTypeSchemes()
        .filter((s) => (ids.size === 0 || ids.has(s.id)) && (!q || s.name.toLowerCase().includes(q)))
        .map((s) => schemeJson(s));
      return ok(page(list, intParam(req.query, 'startAt', 0), intParam(req.query, 'maxResults', 50), `${req.store.siteUrl}/rest/api/3/issuetypescheme`));
    },
  },
  {
    method: 'GET',
    template: '/rest/api/3/issuetypescheme/project',
    handler: (req) => {
      requireAdmin(req.actor, 'Only Jira administrators can access issue type schemes.');
      const projectIds = splitList(req.query.getAll('projectId'));
      if (projectIds.length === 0) throw badRequest('The projectId parameter is required.');
      const bySchemeId = new Map<string, string[]>();
      for (const pid of projectIds) {
        const p = req.store.projects().find((x) => x.id === pid);
        if (!p) continue;
        bySchemeId.set(p.issueTypeSchemeId, [...(bySchemeId.get(p.issueTypeSchemeId) ?? []), p.id]);
      }
      const values = [...bySchemeId.entries()].flatMap(([sid, pids]) => {
        const s = req.store.issueTypeScheme(sid);
        return s ? [{ issueTypeScheme: schemeJson(s), projectIds: pids }] : [];
      });
      return ok(page(values, intParam(req.query, 'startAt', 0), intParam(req.query, 'maxResults', 50), `${req.store.siteUrl}/rest/api/3/issuetypescheme/project`));
    },
  },
  {
    method: 'GET',
    template: '/rest/api/3/issuetypescheme/mapping',
    handler: (req) => {
      requireAdmin(req.actor, 'Only Jira administrators can access issue type schemes.');
      const ids = new Set(splitList(req.query.getAll('issueTypeSchemeId')));
      const values = req.store
        .issueTypeSchemes()
        .filter((s) => ids.size === 0 || ids.has(s.id))
        .flatMap((s) => s.issueTypeIds.map((issueTypeId) => ({ issueTypeSchemeId: s.id, issueTypeId })));
      return ok(page(values, intParam(req.query, 'startAt', 0), intParam(req.query, 'maxResults', 50), `${req.store.siteUrl}/rest/api/3/issuetypescheme/mapping`));
    },
  },
  {
    method: 'PUT',
    template: '/rest/api/3/issuetypescheme/project',
    handler: (req) => {
      requireAdmin(req.actor, 'Only Jira administrators can access issue type schemes.');
      const b = bodyObject(req);
      if (typeof b.issueTypeSchemeId !== 'string' || typeof b.projectId !== 'string') {
        throw fieldErrors({ ...(typeof b.issueTypeSchemeId !== 'string' ? { issueTypeSchemeId: 'must not be null' } : {}), ...(typeof b.projectId !== 'string' ? { projectId: 'must not be null' } : {}) });
      }
      req.store.assignIssueTypeScheme(b.issueTypeSchemeId, b.projectId);
      return noContent;
    },
  },
  {
    method: 'PUT',
    template: '/rest/api/3/issuetypescheme/{issueTypeSchemeId}/issuetype',
    handler: (req) => {
      requireAdmin(req.actor, 'Only Jira administrators can access issue type schemes.');
      const b = bodyObject(req);
      const ids = strList(b.issueTypeIds, 'issueTypeIds');
      if (ids.length === 0) throw fieldErrors({ issueTypeIds: 'must not be empty' });
      req.store.addIssueTypesToScheme(req.params.issueTypeSchemeId ?? '', ids);
      return noContent;
    },
  },
  // ── screens ──
  {
    method: 'GET',
    template: '/rest/api/3/screens',
    handler: (req) => {
      requireAdmin(req.actor);
      const ids = new Set(splitList(req.query.getAll('id')));
      const q = (req.query.get('queryString') ?? '').toLowerCase();
      const list = req.store
        .screens()
        .filter((s) => (ids.size === 0 || ids.has(s.id)) && (!q || s.name.toLowerCase().includes(q)))
        .map((s) => ({ id: Number(s.id), name: s.name, description: s.description ?? '' }));
      return ok(page(list, intParam(req.query, 'startAt', 0), intParam(req.query, 'maxResults', 100), `${req.store.siteUrl}/rest/api/3/screens`));
    },
  },
  {
    method: 'POST',
    template: '/rest/api/3/screens/addToDefault/{fieldId}',
    handler: (req) => {
      requireAdmin(req.actor);
      req.store.addFieldToDefaultScreen(req.params.fieldId ?? '');
      return ok({});
    },
  },
  // Screens, tabs and tab fields (jira-platform-v3 OpenAPI: POST /screens, GET|POST
  // /screens/{screenId}/tabs, GET|POST /screens/{screenId}/tabs/{tabId}/fields, DELETE
  // /screens/{screenId}/tabs/{tabId}/fields/{id}); one tab per screen, see README.
  {
    method: 'POST',
    template: '/rest/api/3/screens',
    handler: (req) => {
      requireAdmin(req.actor);
      const b = bodyObject(req);
      if (typeof b.name !== 'string') throw fieldErrors({ name: 'The screen name is required.' });
      const sc = req.store.createScreen(b.name, typeof b.description === 'string' ? b.description : '');
      return ok({ id: Number(sc.id), name: sc.name, description: sc.description ?? '' }, 201);
    },
  },
  {
    method: 'GET',
    template: '/rest/api/3/screens/{screenId}/tabs',
    handler: (req) => {
      requireAdmin(req.actor);
      const sc = req.store.screenOr404(req.params.screenId ?? '');
      return ok([{ id: req.store.screenTabId(sc), name: sc.tabName ?? 'Field Tab' }]);
    },
  },
  {
    method: 'POST',
    template: '/rest/api/3/screens/{screenId}/tabs',
    handler: (req) => {
      requireAdmin(req.actor);
      const b = bodyObject(req);
      if (typeof b.name !== 'string' || !b.name.trim()) throw fieldErrors({ name: 'The tab name is required.' });
      return ok(req.store.addScreenTab(req.params.screenId ?? '', b.name.trim()));
    },
  },
  {
    method: 'GET',
    template: '/rest/api/3/screens/{screenId}/tabs/{tabId}/fields',
    handler: (req) => {
      requireAdmin(req.actor);
      return ok(req.store.tabFields(req.params.screenId ?? '', req.params.tabId ?? ''));
    },
  },
  {
    method: 'POST',
    template: '/rest/api/3/screens/{screenId}/tabs/{tabId}/fields',
    handler: (req) => {
      requireAdmin(req.actor);
      const b = bodyObject(req);
      if (typeof b.fieldId !== 'string') throw fieldErrors({ fieldId: 'The field ID is required.' });
      return ok(req.store.addTabField(req.params.screenId ?? '', req.params.tabId ?? '', b.fieldId));
    },
  },
  {
    method: 'DELETE',
    template: '/rest/api/3/screens/{screenId}/tabs/{tabId}/fields/{id}',
    handler: (req) => {
      requireAdmin(req.actor);
      req.store.removeTabField(req.params.screenId ?? '', req.params.tabId ?? '', req.params.id ?? '');
      return noContent;
    },
  },
  // ── workflows ──
  {
    method: 'GET',
    template: '/rest/api/3/jql/autocompletedata/suggestions',
    handler: async (req) => {
      const name = req.query.get('fieldName') ?? '';
      const text = req.query.get('fieldValue') ?? '';
      const field = req.store.fields().find((f) => f.clauseNames.some((c) => c.toLowerCase() === name.toLowerCase()) || f.id === name);
      const custom = field?.schema.custom ?? '';
      if (!field || !req.suggest || !custom.startsWith('ari:cloud:ecosystem::extension/')) return ok({ results: [] });
      const list = (await req.suggest({ id: field.id, name: field.name, fieldType: custom }, text, req.actor)) ?? [];
      const results = list.map((x) => (typeof x === 'string' ? { value: x, displayName: x } : { value: x.value, displayName: x.label }));
      return ok({ results });
    },
  },
  // ── JQL function precomputations (apps) ──
  {
    method: 'GET',
    template: '/rest/api/3/jql/function/computation',
    handler: (req) => {
      // "This API is only accessible to apps and apps can only inspect their own functions."
      if (req.actor.kind !== 'app') throw forbidden('Only apps can read their JQL function precomputations.');
      const keys = new Set(splitList(req.query.getAll('functionKey')));
      const list = req.store
        .precomputations()
        .filter((p) => keys.size === 0 || keys.has(p.functionKey))
        .map(precomputationJson);
      return ok(page(list, intParam(req.query, 'startAt', 0), Math.min(1000, intParam(req.query, 'maxResults', 100)), `${req.store.siteUrl}/rest/api/3/jql/function/computation`));
    },
  },
  {
    method: 'POST',
    template: '/rest/api/3/jql/function/computation',
    handler: (req) => {
      if (req.actor.kind !== 'app') throw forbidden('Only apps can update their JQL function precomputations.');
      const b = bodyObject(req);
      if (!Array.isArray(b.values)) throw fieldErrors({ values: 'must be an array' });
      const values = b.values.map((v, i) => {
        if (!isObject(v) || typeof v.id !== 'string') throw badRequest(`values[${i}] needs an 'id'.`);
        return { id: v.id, ...(typeof v.value === 'string' ? { value: v.value } : {}), ...(typeof v.error === 'string' ? { error: v.error } : {}) };
      });
      const skip = req.query.get('skipNotFoundPrecomputations') === 'true';
      const missing = req.store.updatePrecomputations(values, skip);
      return skip ? ok({ notFoundPrecomputationIDs: missing }) : noContent;
    },
  },
  {
    method: 'POST',
    template: '/rest/api/3/jql/function/computation/search',
    handler: (req) => {
      if (req.actor.kind !== 'app') throw forbidden('Only apps can read their JQL function precomputations.');
      const ids = strList(bodyObject(req).precomputationIDs, 'precomputationIDs');
      const found = req.store.precomputations().filter((p) => ids.includes(p.id));
      return ok({ precomputations: found.map(precomputationJson), notFoundPrecomputationIDs: ids.filter((id) => !found.some((p) => p.id === id)) });
    },
  },
  {
    method: 'POST',
    template: '/rest/api/3/workflows/create/validation',
    handler: (req) => {
      requireAdmin(req.actor);
      const b = bodyObject(req);
      if (!isObject(b.payload)) throw fieldErrors({ payload: 'must not be null' });
      return ok({ errors: req.store.validateWorkflowCreate(b.payload as Parameters<JiraStore['createWorkflows']>[0]) });
    },
  },
  {
    method: 'POST',
    template: '/rest/api/3/workflows',
    handler: (req) => {
      requireAdmin(req.actor);
      const b = bodyObject(req);
      const ids = new Set(b.workflowIds === undefined ? [] : strList(b.workflowIds, 'workflowIds'));
      const names = new Set(b.workflowNames === undefined ? [] : strList(b.workflowNames, 'workflowNames'));
      const list = req.store.workflows().filter((w) => ids.has(w.id) || names.has(w.name));
      const used = new Set(list.flatMap((w) => w.statuses.map((s) => s.statusId)));
      const statuses = req.store
        .statuses()
        .filter((s) => used.has(s.id))
        .map((s) => ({ id: s.id, name: s.name, statusCategory: s.statusCategory, statusReference: s.id, scope: { type: 'GLOBAL' }, description: s.description }));
      return ok({ statuses, workflows: list.map((w) => req.store.workflowJson(w)) });
    },
  },
  {
    method: 'POST',
    template: '/rest/api/3/workflows/update',
    handler: (req) => {
      requireAdmin(req.actor);
      const b = bodyObject(req);
      if (!Array.isArray(b.workflows)) throw badRequest("'workflows' must be an array.");
      return ok(req.store.updateWorkflows(b as Parameters<JiraStore['updateWorkflows']>[0]));
    },
  },
  {
    method: 'POST',
    template: '/rest/api/3/workflows/create',
    handler: (req) => {
      requireAdmin(req.actor);
      const b = bodyObject(req);
      if (b.workflows !== undefined && !Array.isArray(b.workflows)) throw badRequest("'workflows' must be an array.");
      if (b.statuses !== undefined && !Array.isArray(b.statuses)) throw badRequest("'statuses' must be an array.");
      return ok(req.store.createWorkflows(b as Parameters<JiraStore['createWorkflows']>[0]));
    },
  },
  {
    method: 'GET',
    template: '/rest/api/3/workflows/capabilities',
    handler: (req) => {
      requireAdmin(req.actor);
      const wid = req.query.get('workflowId');
      const pid = req.query.get('projectId');
      if (wid && !req.store.workflow(wid)) throw notFound(`Workflow ${wid} was not found.`);
      if (pid && !req.store.project(pid)) throw notFound(MSG.noProject(pid));
      return ok({
        connectRules: [],
        editorScope: 'GLOBAL',
        forgeRules: req.store.forgeRules().map((r) => ({ id: r.id, name: r.name, ruleKey: r.ruleKey, ruleType: r.ruleType, description: '' })),
        projectTypes: ['software', 'business', 'service_desk'],
        systemRules: SYSTEM_RULES,
        triggerRules: [],
      });
    },
  },
  {
    method: 'GET',
    template: '/rest/api/3/workflows/search',
    handler: (req) => {
      requireAdmin(req.actor);
      const q = (req.query.get('queryString') ?? '').toLowerCase();
      const scope = req.query.get('scope');
      const list = req.store
        .workflows()
        .filter((w) => (!q || w.name.toLowerCase().includes(q)) && (!scope || w.scope.type === scope))
        .map((w) => req.store.workflowJson(w));
      const startAt = Math.max(0, intParam(req.query, 'startAt', 0));
      const maxResults = Math.min(200, Math.max(1, intParam(req.query, 'maxResults', 50)));
      const values = list.slice(startAt, startAt + maxResults);
      // WorkflowSearchResponse.statuses: the statuses the returned workflows use (references are status ids).
      const used = new Set(values.flatMap((w) => (w.statuses as { statusReference: string }[]).map((x) => x.statusReference)));
      const statuses = req.store
        .statuses()
        .filter((x) => used.has(x.id))
        .map((x) => ({ id: x.id, name: x.name, statusCategory: x.statusCategory, statusReference: x.id, scope: { type: 'GLOBAL' }, description: x.description }));
      return ok({ isLast: startAt + values.length >= list.length, maxResults, startAt, total: list.length, values, statuses });
    },
  },
  {
    method: 'GET',
    template: '/rest/api/3/statuses/search',
    handler: (req) => {
      const pid = req.query.get('projectId');
      let statuses = req.store.statuses();
      if (pid) {
        // `projectId`: "The project the status is part of or null for global statuses"
        // (jira-platform-v3.json). Statuses of company-managed workflows are GLOBAL, not part of
        // a project, so for the stand-in's (company-managed) projects this answers no statuses.
        const p = req.store.projects().find((x) => x.id === pid);
        if (!p || !canBrowse(req.actor, p.key)) throw notFound(MSG.noProject(pid));
        statuses = [];
      }
      const text = (req.query.get('searchString') ?? '').toLowerCase();
      const cat = req.query.get('statusCategory');
      const list = statuses
        .filter((s) => (!text || s.name.toLowerCase().includes(text)) && (!cat || s.statusCategory === cat))
        .map((s) => ({ id: s.id, name: s.name, statusCategory: s.statusCategory, scope: { type: 'GLOBAL' }, description: s.description }));
      const startAt = Math.max(0, intParam(req.query, 'startAt', 0));
      const maxResults = Math.min(200, Math.max(1, intParam(req.query, 'maxResults', 200)));
      const values = list.slice(startAt, startAt + maxResults);
      return ok({ isLast: startAt + values.length >= list.length, maxResults, startAt, total: list.length, values, self: `${req.store.siteUrl}/rest/api/3/statuses/search` });
    },
  },
  {
    method: 'GET',
    template: '/rest/api/3/workflowscheme/project',
    handler: (req) => {
      requireAdmin(req.actor);
      const ids = splitList(req.query.getAll('projectId'));
      if (ids.length === 0) throw badRequest('The projectId parameter is required.');
      const values = ids.flatMap((pid) => {
        const ws = req.store.workflowScheme(pid);
        if (!ws) return [];
        return [
          {
            projectIds: [pid],
            workflowScheme: {
              // "If the project is associated with the `Default Workflow Scheme` no ID is returned."
              ...(ws.id !== null ? { id: Number(ws.id) } : {}),
              name: ws.name,
              description: ws.description,
              defaultWorkflow: ws.defaultWorkflow.name,
              issueTypeMappings: Object.fromEntries(ws.mappings.flatMap((m) => m.issueTypeIds.map((t) => [t, m.workflow.name]))),
              ...(ws.id !== null ? { self: `${req.store.siteUrl}/rest/api/3/workflowscheme/${ws.id}` } : {}),
            },
          },
        ];
      });
      return ok({ values });
    },
  },
  {
    method: 'PUT',
    template: '/rest/api/3/workflowscheme/project',
    handler: (req) => {
      requireAdmin(req.actor);
      const b = bodyObject(req);
      if (typeof b.projectId !== 'string') throw fieldErrors({ projectId: 'must not be null' });
      if (b.workflowSchemeId !== undefined && b.workflowSchemeId !== null && typeof b.workflowSchemeId !== 'string') throw fieldErrors({ workflowSchemeId: 'must be a string' });
      req.store.assignWorkflowScheme(b.projectId, typeof b.workflowSchemeId === 'string' ? b.workflowSchemeId : null);
      return noContent;
    },
  },
  {
    method: 'POST',
    template: '/rest/api/3/workflowscheme',
    handler: (req) => {
      requireAdmin(req.actor);
      const rec = req.store.createWorkflowScheme(bodyObject(req));
      const ws = req.store.workflowSchemeById(rec.id);
      return ok(
        {
          id: Number(rec.id),
          name: rec.name,
          description: rec.description,
          defaultWorkflow: ws?.defaultWorkflow.name,
          issueTypeMappings: Object.fromEntries((ws?.mappings ?? []).flatMap((m) => m.issueTypeIds.map((t) => [t, m.workflow.name]))),
          draft: false,
          self: `${req.store.siteUrl}/rest/api/3/workflowscheme/${rec.id}`,
        },
        201,
      );
    },
  },
  {
    method: 'POST',
    template: '/rest/api/3/workflowscheme/read',
    handler: (req) => {
      requireAdmin(req.actor);
      const b = bodyObject(req);
      const meta = (w: { id: string; name: string; description: string; version: { id: string; versionNumber: number } }) => ({ id: w.id, name: w.name, description: w.description, version: w.version });
      const schemeIds = strList(b.workflowSchemeIds, 'workflowSchemeIds');
      const projectSchemes = strList(b.projectIds, 'projectIds').flatMap((pid) => {
        const id = req.store.workflowScheme(pid)?.id;
        return id ? [id] : [];
      });
      const out = [...new Set([...schemeIds, ...projectSchemes])].flatMap((id) => {
        const ws = req.store.workflowSchemeById(id);
        if (!ws || ws.id === null) return [];
        return [
          {
            id: ws.id,
            name: ws.name,
            description: ws.description,
            scope: { type: 'GLOBAL' },
            version: ws.version,
            defaultWorkflow: meta(ws.defaultWorkflow),
            workflowsForIssueTypes: ws.mappings.map((m) => ({ issueTypeIds: m.issueTypeIds, workflow: meta(m.workflow) })),
          },
        ];
      });
      return ok(out);
    },
  },
  {
    method: 'POST',
    template: '/rest/api/3/workflowscheme/update',
    handler: (req) => {
      requireAdmin(req.actor);
      const b = bodyObject(req);
      for (const k of ['id', 'name', 'description', 'version'] as const) if (b[k] === undefined) throw fieldErrors({ [k]: 'must not be null' });
      req.store.updateWorkflowScheme({
        id: b.id,
        version: isObject(b.version) ? b.version : null,
        defaultWorkflowId: b.defaultWorkflowId,
        workflowsForIssueTypes: b.workflowsForIssueTypes,
      });
      return ok({});
    },
  },
  // ── projects ──
  {
    method: 'GET',
    template: '/rest/api/3/project',
    handler: (req) => {
      const expand = expandSet(req.query.getAll('expand'));
      return ok(req.store.projects().filter((p) => canBrowse(req.actor, p.key)).map((p) => projectJson(req.store, p, expand, false)));
    },
  },
  {
    method: 'GET',
    template: '/rest/api/3/project/search',
    handler: (req) => {
      const q = req.query;
      const keys = new Set(splitList(q.getAll('keys')).map((k) => k.toUpperCase()));
      const ids = new Set(splitList(q.getAll('id')));
      const query = (q.get('query') ?? '').toLowerCase();
      const typeKey = new Set(splitList(q.getAll('typeKey')));
      const expand = expandSet(q.getAll('expand'));
      const orderBy = q.get('orderBy') ?? 'key';
      const desc = orderBy.startsWith('-');
      const by = orderBy.replace(/^[-+]/, '') === 'name' ? 'name' : orderBy.replace(/^[-+]/, '') === 'id' ? 'id' : 'key';
      const list = req.store
        .projects()
        .filter(
          (p) =>
            canBrowse(req.actor, p.key) &&
            (keys.size === 0 || keys.has(p.key)) &&
            (ids.size === 0 || ids.has(p.id)) &&
            (!query || p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query)) &&
            (typeKey.size === 0 || typeKey.has(p.projectTypeKey)),
        )
        .sort((a, b) => (by === 'id' ? Number(a.id) - Number(b.id) : a[by].localeCompare(b[by])) * (desc ? -1 : 1))
        .map((p) => projectJson(req.store, p, expand, false));
      return ok(page(list, intParam(q, 'startAt', 0), Math.min(100, intParam(q, 'maxResults', 50)), `${req.store.siteUrl}/rest/api/3/project/search`));
    },
  },
  {
    method: 'GET',
    template: '/rest/api/3/project/{projectIdOrKey}',
    handler: (req) => {
      const p = visibleProject(req.store, req.actor, req.params.projectIdOrKey ?? '');
      return ok(projectJson(req.store, p, expandSet(req.query.getAll('expand')), true));
    },
  },
  // ── permissions ──
  {
    method: 'GET',
    template: '/rest/api/3/mypermissions',
    handler: (req) => {
      const q = req.query;
      const keys = splitList(q.getAll('permissions'));
      if (keys.length === 0) throw badRequest('The permissions parameter is required.');
      checkPermissionKeys(keys);
      let projectKey: string | null = null;
      const pk = q.get('projectKey') ?? q.get('projectId');
      const ik = q.get('issueKey') ?? q.get('issueId');
      if (ik) projectKey = req.store.issueProjectKey(req.store.visibleDoc(ik, req.actor).issue);
      else if (pk) projectKey = visibleProject(req.store, req.actor, pk).key;
      const user = req.actor.kind === 'app' ? null : req.actor.user;
      const permissions: Record<string, unknown> = {};
      for (const k of keys) {
        const info = PERMISSION_BY_KEY.get(k);
        if (info) permissions[k] = { ...info, havePermission: userHas(user, k, projectKey, req.store) };
      }
      return ok({ permissions });
    },
  },
  {
    method: 'GET',
    template: '/rest/api/3/permissions',
    handler: () => ok({ permissions: Object.fromEntries(PERMISSIONS.map((p) => [p.key, p])) }),
  },
  {
    method: 'POST',
    template: '/rest/api/3/permissions/check',
    handler: (req) => {
      const b = bodyObject(req);
      let user: SandboxUser | null = req.actor.kind === 'app' ? null : req.actor.user;
      if (typeof b.accountId === 'string' && b.accountId && (user === null || b.accountId !== user.accountId)) {
        if (!isAdmin(req.actor)) throw forbidden('Only Jira administrators can perform this operation.');
        const target = req.store.userById(b.accountId);
        if (!target) throw badRequest(`The account ID '${b.accountId}' is invalid.`);
        user = target;
      }
      const globals = strList(b.globalPermissions, 'globalPermissions');
      const projectPerms = Array.isArray(b.projectPermissions) ? b.projectPermissions : [];
      checkPermissionKeys(globals.filter((k) => k));
      const grantedGlobal = globals.filter((k) => k && PERMISSION_BY_KEY.get(k)?.type === 'GLOBAL' && userHas(user, k, null, req.store));
      const byPerm = new Map<string, { projects: Set<number>; issues: Set<number> }>();
      for (const entry of projectPerms) {
        if (!isObject(entry)) continue;
        const perms = strList(entry.permissions, 'permissions').filter((k) => k);
        if (perms.length === 0) throw badRequest('At least one project permission must be provided.');
        checkPermissionKeys(perms);
        const projects = (Array.isArray(entry.projects) ? entry.projects : []).filter((x): x is number => Number.isInteger(x));
        const issues = (Array.isArray(entry.issues) ? entry.issues : []).filter((x): x is number => Number.isInteger(x));
        if (projects.length > 1000 || issues.length > 1000) throw badRequest('A maximum of 1000 projects and 1000 issues can be checked.');
        for (const perm of perms) {
          const acc = byPerm.get(perm) ?? { projects: new Set<number>(), issues: new Set<number>() };
          for (const pid of projects) {
            const p = req.store.projects().find((x) => x.id === String(pid));
            if (p && userHas(user, perm, p.key, req.store)) acc.projects.add(pid);
          }
          for (const iid of issues) {
            const doc = req.store.doc(String(iid));
            if (doc && userHas(user, perm, req.store.issueProjectKey(doc.issue), req.store)) acc.issues.add(iid);
          }
          byPerm.set(perm, acc);
        }
      }
      return ok({
        globalPermissions: grantedGlobal,
        projectPermissions: [...byPerm.entries()].map(([permission, v]) => ({ permission, projects: [...v.projects], issues: [...v.issues] })),
      });
    },
  },
  // ── users ──
  {
    method: 'GET',
    template: '/rest/api/3/myself',
    handler: (req) => {
      if (req.actor.kind === 'app') return ok({ ...appUserDetails(req.store.siteUrl), locale: 'en_US' });
      return ok(userFull(req.store.siteUrl, req.actor.user, true));
    },
  },
  {
    method: 'GET',
    template: '/rest/api/3/mypreferences/locale',
    handler: (req) => ok({ locale: req.actor.kind === 'app' ? 'en_US' : req.actor.user.locale }),
  },
  {
    method: 'GET',
    template: '/rest/api/3/user',
    handler: (req) => {
      const id = req.query.get('accountId');
      if (!id) throw badRequest('The accountId query parameter needs to be provided.');
      const u = req.store.userById(id);
      if (!u) throw notFound(`Specified user does not exist or you do not have required permissions`);
      // Jira returns the locale unless the user's privacy settings hide it; the app may read it.
      return ok(userFull(req.store.siteUrl, u, req.actor.kind === 'app' || u.accountId === (req.actor.kind === 'user' ? req.actor.user.accountId : '')));
    },
  },
  {
    method: 'GET',
    template: '/rest/api/3/user/bulk',
    handler: (req) => {
      const ids = splitList(req.query.getAll('accountId'));
      if (ids.length === 0) throw badRequest('The accountId query parameter needs to be provided.');
      const users = ids.map((id) => req.store.userById(id)).filter((u): u is SandboxUser => !!u).map((u) => userFull(req.store.siteUrl, u, false));
      return ok(page(users, intParam(req.query, 'startAt', 0), Math.min(200, intParam(req.query, 'maxResults', 10)), `${req.store.siteUrl}/rest/api/3/user/bulk`));
    },
  },
];

function schemeJson(s: IssueTypeSchemeRecord): Record<string, unknown> {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    isDefault: s.isDefault,
    ...(s.defaultIssueTypeId ? { defaultIssueTypeId: s.defaultIssueTypeId } : {}),
  };
}

/**
 * Endpoints Jira Cloud has removed: answered 410 Gone as Jira does, so code still calling them
 * fails here as it would on a real site.
 */
export const REMOVED: { pattern: RegExp; message: string }[] = [
  {
    pattern: /^\/rest\/api\/[23]\/search\/?$/,
    message:
      'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
  },
  { pattern: /^\/rest\/api\/3\/search\/id\/?$/, message: 'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.' },
  { pattern: /^\/rest\/api\/3\/expression\/eval\/?$/, message: 'The requested API has been removed. Please use /rest/api/3/expression/evaluate.' },
];

// ───────────────────────────── router ─────────────────────────────

export interface CompiledRoute extends RouteDef {
  regex: RegExp;
  keys: string[];
}

export function compileRoutes(routes: RouteDef[]): CompiledRoute[] {
  return routes.map((r) => {
    const keys: string[] = [];
    const src = r.template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, k: string) => {
      keys.push(k);
      return '([^/]+)';
    });
    return { ...r, regex: new RegExp(`^${src}/?$`), keys };
  });
}

/** The route for a request: `match` when found, `methodNotAllowed` when only the method differs. */
export function matchRoute(
  routes: CompiledRoute[],
  method: string,
  path: string,
): { route: CompiledRoute; params: Record<string, string> } | 'methodNotAllowed' | null {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.regex.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    const params: Record<string, string> = {};
    r.keys.forEach((k, i) => {
      params[k] = decodeURIComponent(m[i + 1] ?? '');
    });
    return { route: r, params };
  }
  return pathMatched ? 'methodNotAllowed' : null;
}
