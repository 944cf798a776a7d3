/**
 * The gadget's configuration: defaults, a clean copy for the server (whose schema is strict)
 * and the edit form's validation — the same rules as `gadgetConfigSchema` in
 * src/services/tracking.ts, written out so zod stays out of the browser bundle.
 */
import { TRACKING_COLUMN_IDS } from '../../rules/tracking';
import type { TextKey } from '../shared/i18n';
import type { GadgetConfig, TrackingColumnId } from '../shared/types';

/** Columns shown when the configuration names none: the ones a quality manager scans first. */
export const DEFAULT_COLUMNS: TrackingColumnId[] = [
  'no',
  'complaintNumber',
  'customer',
  'complaintAt',
  'part',
  'defect',
  'quantity',
  'status',
  'responsibleDepartment',
  'closure',
  'requestedCompletion',
  'actualCompletion',
];

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,19}$/;
const ORDER_BY = /\border\s+by\b/i;

function isColumnId(x: unknown): x is TrackingColumnId {
  return typeof x === 'string' && (TRACKING_COLUMN_IDS as string[]).includes(x);
}

/** The stored configuration (from `extension.gadgetConfiguration`) reduced to what the server accepts. */
export function cleanConfig(raw: unknown): GadgetConfig {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const out: GadgetConfig = {};
  if (typeof o.title === 'string' && o.title.trim() && o.title.trim().length <= 100) out.title = o.title.trim();
  if (Array.isArray(o.projects)) {
    const keys = o.projects.filter((p): p is string => typeof p === 'string' && PROJECT_KEY.test(p)).slice(0, 50);
    if (keys.length) out.projects = keys;
  }
  if (typeof o.jql === 'string' && o.jql.trim() && o.jql.length <= 2000 && !ORDER_BY.test(o.jql)) out.jql = o.jql.trim();
  if (Array.isArray(o.columns)) {
    // Keep the §6 order whatever order the stored list has.
    const set = new Set(o.columns.filter(isColumnId));
    const cols = TRACKING_COLUMN_IDS.filter((c) => set.has(c));
    if (cols.length) out.columns = cols;
  }
  if (typeof o.refresh === 'number' && Number.isInteger(o.refresh) && o.refresh >= 0 && o.refresh <= 1440) out.refresh = o.refresh;
  return out;
}

export function visibleColumns(config: GadgetConfig): TrackingColumnId[] {
  const cols = (config.columns ?? []).filter(isColumnId);
  return cols.length ? TRACKING_COLUMN_IDS.filter((c) => cols.includes(c)) : DEFAULT_COLUMNS;
}

/** What the edit form holds (strings as typed). */
export interface ConfigDraft {
  title: string;
  scope: 'projects' | 'jql';
  projects: string;
  jql: string;
  columns: TrackingColumnId[];
  refresh: string;
}

export function draftFrom(config: GadgetConfig): ConfigDraft {
  return {
    title: config.title ?? '',
    scope: config.jql ? 'jql' : 'projects',
    projects: (config.projects ?? []).join(', '),
    jql: config.jql ?? '',
    columns: visibleColumns(config),
    refresh: String(config.refresh ?? 0),
  };
}

export type DraftErrors = Partial<Record<'title' | 'projects' | 'jql' | 'columns' | 'refresh', { key: TextKey; vars?: Record<string, string> }>>;

export function validateDraft(d: ConfigDraft): { ok: true; config: GadgetConfig } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const config: GadgetConfig = {};
  const title = d.title.trim();
  if (title.length > 100) errors.title = { key: 'cfgErrTitle' };
  else if (title) config.title = title;
  if (d.scope === 'projects') {
    const keys = d.projects
      .split(/[,\s，、]+/)
      .map((k) => k.trim())
      .filter((k) => k);
    const bad = keys.find((k) => !PROJECT_KEY.test(k));
    if (bad !== undefined) errors.projects = { key: 'cfgErrProject', vars: { v: bad } };
    else if (keys.length > 50) errors.projects = { key: 'cfgErrProjectsMax' };
    else if (keys.length) config.projects = [...new Set(keys)];
  } else {
    const jql = d.jql.trim();
    if (!jql) errors.jql = { key: 'cfgErrJqlEmpty' };
    else if (jql.length > 2000) errors.jql = { key: 'cfgErrJqlLong' };
    else if (ORDER_BY.test(jql)) errors.jql = { key: 'cfgErrJql' };
    else config.jql = jql;
  }
  if (d.columns.length === 0) errors.columns = { key: 'cfgErrColumns' };
  else config.columns = TRACKING_COLUMN_IDS.filter((c) => d.columns.includes(c));
  const refresh = d.refresh.trim() === '' ? 0 : Number(d.refresh);
  if (!/^\d*$/.test(d.refresh.trim()) || !Number.isInteger(refresh) || refresh < 0 || refresh > 1440) errors.refresh = { key: 'cfgErrRefresh' };
  else if (refresh > 0) config.refresh = refresh;
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, config };
}
