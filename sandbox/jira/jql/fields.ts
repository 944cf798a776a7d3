/** Resolving the field a JQL clause names: system clause names, custom fields, cf[N], entity properties and aliases. */
import { JqlError } from '../types';
import type { FieldDefinition, FieldSearchAlias, JqlContext, PropertyAlias, StoredIssue } from '../types';
import {
  dateKind,
  exactStringKind,
  fieldGetter,
  genericKind,
  issueKeyKind,
  labelsKind,
  namedKind,
  numberKind,
  optionKind,
  parentKind,
  statusCategoryKind,
  statusKind,
  textKind,
  toAtoms,
  userKind,
} from './kinds';
import type { FieldKind, Getter } from './kinds';
import { msg } from './messages';
import type { FieldRef } from './parse';
import { plainText } from './text';

export interface ResolvedField {
  /** The field as the query names it (for messages). */
  label: string;
  kind: FieldKind;
}

const f = fieldGetter;

/** Jira system clause names (lower case) → kind. */
const SYSTEM: Record<string, (ctx: JqlContext) => FieldKind> = {
  project: () => namedKind(f('project'), { keys: true }),
  issuetype: () => namedKind(f('issuetype')),
  type: () => namedKind(f('issuetype')),
  status: () => statusKind(f('status')),
  statuscategory: () => statusCategoryKind(f('status')),
  priority: () => namedKind(f('priority'), { priority: true }),
  resolution: () => namedKind(f('resolution'), { resolution: true }),
  component: () => namedKind(f('components')),
  fixversion: () => namedKind(f('fixVersions')),
  affectedversion: () => namedKind(f('versions')),
  summary: () => textKind(f('summary'), { sortable: true }),
  description: () => textKind(f('description'), { sortable: false }),
  environment: () => textKind(f('environment'), { sortable: false }),
  text: (ctx) => textKind(masterText(ctx), { sortable: false, allowed: ['~'] }),
  created: () => dateKind(f('created'), false),
  createddate: () => dateKind(f('created'), false),
  updated: () => dateKind(f('updated'), false),
  updateddate: () => dateKind(f('updated'), false),
  resolved: () => dateKind(f('resolutiondate'), false),
  resolutiondate: () => dateKind(f('resolutiondate'), false),
  duedate: () => dateKind(f('duedate'), true),
  due: () => dateKind(f('duedate'), true),
  assignee: () => userKind(f('assignee')),
  reporter: () => userKind(f('reporter')),
  creator: () => userKind(f('creator')),
  labels: () => labelsKind(f('labels')),
  key: () => issueKeyKind(),
  issuekey: () => issueKeyKind(),
  id: () => issueKeyKind(),
  issue: () => issueKeyKind(),
  parent: () => parentKind(f('parent')),
};

/** Jira clause names that exist in Jira Cloud but that this stand-in does not search. */
const JIRA_NOT_HERE = new Set(
  [
    'comment', 'sprint', 'epic link', 'epiclink', 'watcher', 'watchers', 'voter', 'votes', 'attachments',
    'filter', 'request', 'savedfilter', 'searchrequest', 'lastviewed', 'level', 'originalestimate',
    'timeoriginalestimate', 'remainingestimate', 'timeestimate', 'timespent', 'workratio', 'issuelinktype',
    'subtasks', 'category', 'worklogauthor', 'worklogcomment', 'worklogdate', 'development', 'team',
    'project.property', 'assignee.property', 'reporter.property', 'creator.property', 'watcher.property',
    'voter.property', 'status.property', 'issuetype.property', 'priority.property', 'resolution.property',
  ],
);

/** The `text` master field: summary, description, environment and the free-text custom fields. */
function masterText(ctx: JqlContext): Getter {
  const custom = ctx.fields.filter((d) => d.custom && d.schema.type === 'string').map((d) => d.id);
  const ids = ['summary', 'description', 'environment', ...custom];
  return (issue: StoredIssue) => ids.map((id) => plainText(issue.fields[id])).filter((t): t is string => t !== undefined);
}

/** Kind of a field from its /rest/api/3/field schema. */
function kindForDefinition(def: FieldDefinition): FieldKind | undefined {
  const get = f(def.id);
  const { type, items } = def.schema;
  const custom = def.schema.custom ?? '';
  switch (type) {
    case 'string':
      // Jira's own text custom fields are full-text only; Forge and other string fields match exactly by =, contains by ~.
      if (/:(textfield|textarea)$/.test(custom)) return textKind(get, { sortable: custom.endsWith(':textfield') });
      return exactStringKind(get, true);
    case 'number':
      return numberKind(get);
    case 'datetime':
      return dateKind(get, false);
    case 'date':
      return dateKind(get, true);
    case 'user':
      return userKind(get);
    case 'option':
    case 'option-with-child':
      return optionKind(get);
    case 'status':
      return statusKind(get);
    case 'project':
      return namedKind(get, { keys: true });
    case 'priority':
      return namedKind(get, { priority: true });
    case 'issuetype':
    case 'resolution':
    case 'component':
    case 'version':
      return namedKind(get);
    case 'array':
      switch (items) {
        case 'option':
          return optionKind(get);
        case 'string':
          return labelsKind(get);
        case 'user':
          return userKind(get);
        case 'component':
        case 'version':
          return namedKind(get);
        default:
          return genericKind(get);
      }
    case 'any':
    case 'object':
    case 'json':
      return genericKind(get);
    default:
      return undefined;
  }
}

export interface SchemaProperty {
  type?: string;
  items?: { type?: string };
  searchAlias?: string;
  searchType?: string;
}

/**
 * The `searchAlias` properties of an object field's schema with their JQL types, by the rules of
 * the Forge docs (manifest-reference/modules/jira-custom-field-type, "Object type JQL search"):
 * string → string, number/integer → number, boolean → string, array → its items' type;
 * `searchType` (text, user, date) overrides; any other type is ignored.
 */
export function objectSearchAliases(schema: { properties?: Record<string, SchemaProperty> } | undefined): FieldSearchAlias[] {
  const out: FieldSearchAlias[] = [];
  for (const [path, p] of Object.entries(schema?.properties ?? {})) {
    if (!p.searchAlias) continue;
    const base = p.type === 'array' ? p.items?.type : p.type;
    const fromSchema = base === 'string' || base === 'boolean' ? 'string' : base === 'number' || base === 'integer' ? 'number' : undefined;
    const type = p.searchType === 'text' || p.searchType === 'user' || p.searchType === 'date' ? p.searchType : fromSchema;
    if (type) out.push({ alias: p.searchAlias, path, type });
  }
  return out;
}

/** Value at a dotted path of a JSON value; arrays on the way are searched element-wise (as Jira indexes them). */
export function propertyGetter(key: string, path: string[]): Getter {
  return (issue) => {
    let current: unknown[] = toAtoms(issue.properties[key]);
    for (const seg of path) {
      current = current.flatMap((v) =>
        v !== null && typeof v === 'object' && !Array.isArray(v) ? toAtoms((v as Record<string, unknown>)[seg]) : [],
      );
    }
    return current;
  };
}

/** Value of an object field's property (a dotted path); arrays on the way are searched element-wise. */
function objectFieldGetter(fieldId: string, path: string[]): Getter {
  return (issue) => {
    let current: unknown[] = toAtoms(issue.fields[fieldId]);
    for (const seg of path) {
      current = current.flatMap((v) =>
        v !== null && typeof v === 'object' && !Array.isArray(v) ? toAtoms((v as Record<string, unknown>)[seg]) : [],
      );
    }
    // A boolean schema property is a string in JQL ("true" / "false").
    return current.map((v) => (typeof v === 'boolean' ? String(v) : v));
  };
}

/**
 * `<field>.<alias>`: an object field's `searchAlias` property. Atlassian's JQL grammar reads
 * `客诉详情.rootCauseOccurrence` (or the quoted `"Complaint details.defect"`) as one field name.
 */
function resolveObjectAlias(name: string, ctx: JqlContext): ResolvedField[] {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return [];
  const fieldName = name.slice(0, dot).toLowerCase();
  const aliasName = name.slice(dot + 1).toLowerCase();
  const cf = /^cf\[(\d+)\]$/.exec(fieldName);
  const out: ResolvedField[] = [];
  for (const def of ctx.fields) {
    const named = cf ? def.id === `customfield_${cf[1] ?? ''}` : def.name.toLowerCase() === fieldName || def.clauseNames.some((c) => c.toLowerCase() === fieldName);
    const alias = named ? def.searchAliases?.find((a) => a.alias.toLowerCase() === aliasName) : undefined;
    if (alias) out.push({ label: name, kind: kindForAlias(alias, objectFieldGetter(def.id, alias.path.split('.').filter((s) => s !== ''))) });
  }
  return out;
}

function kindForAlias(alias: Pick<PropertyAlias | FieldSearchAlias, 'type'>, get: Getter): FieldKind {
  switch (alias.type) {
    case 'string':
      return exactStringKind(get, false);
    case 'text':
      return textKind(get, { sortable: true });
    case 'number':
      return numberKind(get);
    case 'date':
      return dateKind(get, false);
    case 'user':
      return userKind(get);
  }
}

function samePath(a: string, b: string[]): boolean {
  return a.split('.').filter((s) => s !== '').join('.') === b.join('.');
}

/** All fields the clause name refers to (custom fields sharing a name are searched together, as Jira does). */
export function resolveField(ref: FieldRef, ctx: JqlContext): ResolvedField[] {
  const label = ref.name;
  const l = ref.name.toLowerCase();

  if (ref.property) {
    if (l !== 'issue.property') {
      if (JIRA_NOT_HERE.has(l)) throw new JqlError([msg.fieldNotSupported(ref.text)]);
      throw new JqlError([msg.fieldMissing(ref.text)]);
    }
    const { key, path } = ref.property;
    const fullLabel = `issue.property[${key}]${path.map((p) => `.${p}`).join('')}`;
    const get = propertyGetter(key, path);
    const alias = ctx.propertyAliases.find((a) => a.propertyKey === key && samePath(a.path, path));
    return [{ label: fullLabel, kind: alias ? kindForAlias(alias, get) : genericKind(get) }];
  }

  const system = SYSTEM[l];
  if (system) return [{ label, kind: system(ctx) }];

  const cf = /^cf\[(\d+)\]$/i.exec(ref.name.trim());
  if (cf) {
    const id = `customfield_${cf[1] ?? ''}`;
    const def = ctx.fields.find((d) => d.id === id || (d.custom && d.schema.customId === Number(cf[1])));
    if (!def) throw new JqlError([msg.fieldMissing(ref.name)]);
    const kind = kindForDefinition(def);
    if (!kind) throw new JqlError([msg.fieldNotSupported(ref.name)]);
    return [{ label, kind }];
  }

  const alias = ctx.propertyAliases.find((a) => a.alias.toLowerCase() === l);
  if (alias) {
    const path = alias.path.split('.').filter((s) => s !== '');
    return [{ label, kind: kindForAlias(alias, propertyGetter(alias.propertyKey, path)) }];
  }

  const defs = ctx.fields.filter(
    (d) => d.searchable !== false && (d.name.toLowerCase() === l || d.clauseNames.some((c) => c.toLowerCase() === l)),
  );
  if (defs.length > 0) {
    const resolved: ResolvedField[] = [];
    for (const def of defs) {
      const kind = kindForDefinition(def);
      if (!kind) throw new JqlError([msg.fieldNotSupported(ref.name)]);
      resolved.push({ label, kind });
    }
    return resolved;
  }

  const objectAlias = resolveObjectAlias(ref.name, ctx);
  if (objectAlias.length > 0) return objectAlias;

  if (JIRA_NOT_HERE.has(l)) throw new JqlError([msg.fieldNotSupported(ref.name)]);
  throw new JqlError([msg.fieldMissing(ref.name)]);
}
