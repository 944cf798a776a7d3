/**
 * IssueBean rendering: `fields` selection (`*all`, `*navigable`, explicit ids, `-id` exclusions),
 * `properties` selection and the `expand` options the stand-in supports (names, schema,
 * changelog, transitions).
 */
import { badRequest } from './errors';
import type { ChangelogRecord, CommentRecord, IssueDocument, TransitionRecord } from './model';
import { statusDetails } from './render';
import type { JiraStore } from './store';

export interface FieldSelection {
  base: 'all' | 'navigable' | 'none';
  include: Set<string>;
  exclude: Set<string>;
  /** Whether `key` is returned (anything but a bare `id` request). */
  withKey: boolean;
}

/** Splits repeated / comma-separated list parameters. */
export function splitList(values: readonly (string | null | undefined)[] | undefined): string[] {
  return (values ?? []).flatMap((v) => (v ?? '').split(',')).map((s) => s.trim()).filter(Boolean);
}

/**
 * Parses a `fields` parameter. `dflt` is the operation's default: GET issue → all,
 * search/jql → none (ids only), bulkfetch → navigable. Exclusions alone start from
 * all (GET issue) or navigable (search, bulkfetch).
 */
export function parseFields(tokens: string[], dflt: 'all' | 'navigable' | 'none'): FieldSelection {
  if (tokens.length === 0) return { base: dflt, include: new Set(), exclude: new Set(), withKey: dflt !== 'none' };
  const include = new Set<string>();
  const exclude = new Set<string>();
  let base: FieldSelection['base'] = 'none';
  let onlyExclusions = true;
  let withKey = false;
  for (const t of tokens) {
    if (t.startsWith('-')) {
      exclude.add(t.slice(1));
      continue;
    }
    onlyExclusions = false;
    if (t === '*all') base = 'all';
    else if (t === '*navigable') base = base === 'all' ? 'all' : 'navigable';
    else if (t === 'id') continue;
    else if (t === 'key') withKey = true;
    else include.add(t);
  }
  if (onlyExclusions) base = dflt === 'all' ? 'all' : 'navigable';
  if (base !== 'none' || include.size > 0) withKey = true;
  return { base, include, exclude, withKey };
}

/** Whether a selection asks for nothing but id/key (search/jql's large-page case). */
export function isIdKeyOnly(sel: FieldSelection): boolean {
  return sel.base === 'none' && sel.include.size === 0;
}

export interface RenderOptions {
  fields: FieldSelection;
  /** Property keys to include; '*all' for every property. */
  properties: string[];
  expand: Set<string>;
}

const EXPAND = 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations';

export function parseProperties(tokens: string[], max: number | null): string[] {
  const keys = tokens.filter((t) => !t.startsWith('-'));
  if (max !== null && keys.filter((k) => k !== '*all').length > max) {
    throw badRequest(`A maximum of ${max} issue properties can be requested.`);
  }
  return tokens;
}

export function renderComment(store: JiraStore, issueId: string, c: CommentRecord): Record<string, unknown> {
  return {
    self: `${store.siteUrl}/rest/api/3/issue/${issueId}/comment/${c.id}`,
    id: c.id,
    author: store.userRef(c.authorId) ?? { accountId: c.authorId },
    body: c.body,
    updateAuthor: store.userRef(c.updateAuthorId) ?? { accountId: c.updateAuthorId },
    created: c.created,
    updated: c.updated,
    jsdPublic: true,
    ...(c.visibility ? { visibility: c.visibility } : {}),
    ...(c.properties ? { properties: c.properties } : {}),
  };
}

export function renderChangelog(store: JiraStore, h: ChangelogRecord): Record<string, unknown> {
  // ChangeDetails declares from/fromString/to/toString as plain strings: absent instead of null.
  const items = h.items.map((i) => Object.fromEntries(Object.entries(i).filter(([, v]) => v !== null)));
  return { id: h.id, author: store.userRef(h.authorId) ?? { accountId: h.authorId }, created: h.created, items };
}

/**
 * A transition as GET /issue/{key}/transitions answers it. With `expand=transitions.fields` a
 * transition with a screen lists the screen's fields (FieldMetadata by field id), as Jira does.
 */
export function renderTransition(store: JiraStore, t: TransitionRecord, withFields = false): Record<string, unknown> {
  const to = store.status(t.to);
  const screen = withFields && t.screenId ? store.screens().find((s) => s.id === t.screenId) : undefined;
  const fields = screen
    ? Object.fromEntries(
        screen.fieldIds.flatMap((id) => {
          const f = store.field(id);
          return f ? [[id, { required: false, schema: f.schema, name: f.name, key: f.key, operations: ['set'] }]] : [];
        }),
      )
    : undefined;
  return {
    id: t.id,
    name: t.name,
    to: to ? statusDetails(store.siteUrl, to) : { id: t.to },
    hasScreen: !!t.screenId,
    isGlobal: t.type === 'GLOBAL',
    isInitial: t.type === 'INITIAL',
    isAvailable: true,
    isConditional: t.conditions.length > 0,
    looped: false,
    ...(fields ? { fields } : {}),
  };
}

/** Names of the issue fields a selection returns, in /field order. */
function selectedFieldIds(store: JiraStore, sel: FieldSelection): string[] {
  const out: string[] = [];
  for (const f of store.fields()) {
    if (f.id === 'issuekey' || f.id === 'statusCategory') continue;
    const inBase = sel.base === 'all' || (sel.base === 'navigable' && f.navigable);
    if ((inBase || sel.include.has(f.id) || sel.include.has(f.key)) && !sel.exclude.has(f.id) && !sel.exclude.has(f.key)) out.push(f.id);
  }
  return out;
}

export function renderIssue(store: JiraStore, doc: IssueDocument, opts: RenderOptions): Record<string, unknown> {
  const { issue } = doc;
  const out: Record<string, unknown> = { expand: EXPAND, id: issue.id };
  if (!opts.fields.withKey && opts.properties.length === 0 && opts.expand.size === 0) return { id: issue.id };
  out.self = `${store.siteUrl}/rest/api/3/issue/${issue.id}`;
  out.key = issue.key;
  const ids = selectedFieldIds(store, opts.fields);
  if (ids.length > 0 || opts.fields.base !== 'none') {
    const fields: Record<string, unknown> = {};
    for (const id of ids) {
      if (id === 'comment') {
        fields.comment = {
          comments: doc.comments.map((c) => renderComment(store, issue.id, c)),
          self: `${store.siteUrl}/rest/api/3/issue/${issue.id}/comment`,
          maxResults: doc.comments.length,
          total: doc.comments.length,
          startAt: 0,
        };
      } else {
        fields[id] = issue.fields[id] ?? null;
      }
    }
    out.fields = fields;
    if (opts.expand.has('names')) {
      out.names = Object.fromEntries(ids.map((id) => [id, store.field(id)?.name ?? id]));
    }
    if (opts.expand.has('schema')) {
      out.schema = Object.fromEntries(ids.map((id) => [id, store.field(id)?.schema ?? { type: 'any' }]));
    }
  }
  if (opts.properties.length > 0) {
    const all = opts.properties.includes('*all');
    const excluded = new Set(opts.properties.filter((p) => p.startsWith('-')).map((p) => p.slice(1)));
    out.properties = Object.fromEntries(
      Object.entries(issue.properties).filter(([k]) => (all || opts.properties.includes(k)) && !excluded.has(k)),
    );
  }
  if (opts.expand.has('changelog')) {
    const histories = [...doc.changelog].reverse().map((h) => renderChangelog(store, h));
    out.changelog = { startAt: 0, maxResults: histories.length, total: histories.length, histories };
  }
  if (opts.expand.has('transitions')) {
    out.transitions = store.availableTransitions(issue).map((t) => renderTransition(store, t));
  }
  return out;
}
