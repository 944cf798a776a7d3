/**
 * Where each complaint property lives in Jira: the app's Forge custom fields (module keys fixed
 * in manifest.yml; a test holds the two to each other) and the `complaint-details` object field
 * for the long-tail text. Field ids (`customfield_NNNNN`) differ per site and are resolved at
 * run time from GET /rest/api/3/field.
 */
import {
  CUSTOMER_REQUESTS,
  CUSTOMER_REQUEST_LABELS,
  DISPOSITIONS,
  DISPOSITION_LABELS,
  SATISFACTIONS,
  SATISFACTION_LABELS,
  complaintIssues,
  complaintSchema,
  formatInstant,
  issuesFromZod,
  parseInstant,
  type Complaint,
  type FieldIssue,
  type Localized,
  type Policy,
} from '../rules';

export interface AppFieldSpec {
  moduleKey: string;
  /** Complaint property, or `slaState` / `nextDue` for the computed read-only fields. */
  prop: keyof Complaint | 'slaState' | 'nextDue';
  type: 'string' | 'number' | 'datetime' | 'date' | 'object';
  readOnly: boolean;
}

export const APP_FIELDS: AppFieldSpec[] = [
  { moduleKey: 'complaint-number', prop: 'complaintNumber', type: 'string', readOnly: true },
  { moduleKey: 'complaint-customer', prop: 'customer', type: 'string', readOnly: false },
  { moduleKey: 'complaint-channel', prop: 'channel', type: 'string', readOnly: false },
  { moduleKey: 'complaint-date', prop: 'complaintAt', type: 'datetime', readOnly: false },
  { moduleKey: 'complaint-registered', prop: 'registeredAt', type: 'datetime', readOnly: true },
  { moduleKey: 'complaint-part-number', prop: 'partNumber', type: 'string', readOnly: false },
  { moduleKey: 'complaint-part-name', prop: 'partName', type: 'string', readOnly: false },
  { moduleKey: 'complaint-batch', prop: 'batch', type: 'string', readOnly: false },
  { moduleKey: 'complaint-shipped-quantity', prop: 'shippedQuantity', type: 'number', readOnly: false },
  { moduleKey: 'complaint-defect-quantity', prop: 'defectQuantity', type: 'number', readOnly: false },
  { moduleKey: 'complaint-category', prop: 'category', type: 'string', readOnly: false },
  { moduleKey: 'complaint-severity', prop: 'severity', type: 'string', readOnly: false },
  { moduleKey: 'complaint-class', prop: 'class', type: 'string', readOnly: false },
  { moduleKey: 'complaint-loss', prop: 'lossAmount', type: 'number', readOnly: false },
  { moduleKey: 'complaint-department', prop: 'responsibleDepartment', type: 'string', readOnly: false },
  { moduleKey: 'complaint-root-cause', prop: 'rootCauseCategory', type: 'string', readOnly: false },
  { moduleKey: 'complaint-containment-at', prop: 'containmentAt', type: 'datetime', readOnly: false },
  { moduleKey: 'complaint-8d-at', prop: 'eightDAt', type: 'datetime', readOnly: false },
  { moduleKey: 'complaint-disposition', prop: 'disposition', type: 'string', readOnly: false },
  { moduleKey: 'complaint-satisfaction', prop: 'satisfaction', type: 'string', readOnly: false },
  { moduleKey: 'complaint-first-contact', prop: 'firstContactAt', type: 'datetime', readOnly: false },
  { moduleKey: 'complaint-order-number', prop: 'orderNumber', type: 'string', readOnly: false },
  { moduleKey: 'complaint-production-date', prop: 'productionDate', type: 'date', readOnly: false },
  { moduleKey: 'complaint-place', prop: 'complaintPlace', type: 'string', readOnly: false },
  { moduleKey: 'complaint-request', prop: 'customerRequest', type: 'string', readOnly: false },
  { moduleKey: 'complaint-request-amount', prop: 'requestedAmount', type: 'number', readOnly: false },
  { moduleKey: 'complaint-sla-state', prop: 'slaState', type: 'string', readOnly: true },
  { moduleKey: 'complaint-next-due', prop: 'nextDue', type: 'datetime', readOnly: true },
];

export const DETAILS_FIELD_KEY = 'complaint-details';

/** Complaint properties kept inside the `complaint-details` object field. */
export const DETAILS_PROPS: (keyof Complaint)[] = [
  'contact', 'specification', 'defect', 'lineStop', 'batchProblem', 'rohsReach', 'approvedBy', 'productionUnit',
  'containment', 'rootCauseOccurrence', 'rootCauseOutflow', 'actionOccurrence', 'actionOutflow', 'fmeaNumber',
  'fmeaVersion', 'requestedCompletion', 'actualCompletion', 'lateReason', 'reply', 'followUpAt', 'followUpBy',
  'remarks', 'similarParts', 'effectiveness', 'closeReason',
];

/** module key → field id (`customfield_10050`). */
export type FieldIds = Record<string, string>;

interface FieldDefinitionLike {
  id: string;
  schema?: { custom?: string };
}

/** Finds the ids of the app's fields: their schema.custom ends with `/static/<module key>`. */
export function resolveFieldIds(definitions: FieldDefinitionLike[]): FieldIds {
  const ids: FieldIds = {};
  const keys = [...APP_FIELDS.map((f) => f.moduleKey), DETAILS_FIELD_KEY];
  for (const d of definitions) {
    const custom = d.schema?.custom ?? '';
    const key = keys.find((k) => custom.endsWith(`/static/${k}`));
    if (key) ids[key] = d.id;
  }
  return ids;
}

function toInstantText(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const ms = parseInstant(value);
  return ms === null ? null : formatInstant(ms, 'UTC').replace('+00:00', 'Z');
}

/**
 * Reads a complaint from REST issue fields. Values that do not fit the complaint schema (a
 * Jira answer we did not expect) are dropped field by field rather than failing the whole read.
 */
export function complaintFromFields(fields: Record<string, unknown>, ids: FieldIds): Complaint {
  const raw: Record<string, unknown> = {};
  for (const f of APP_FIELDS) {
    const id = ids[f.moduleKey];
    if (!id || f.prop === 'slaState' || f.prop === 'nextDue') continue;
    const v = fields[id];
    if (v === undefined || v === null) continue;
    raw[f.prop] = f.type === 'datetime' ? toInstantText(v) : v;
  }
  Object.assign(raw, detailsOf(fields, ids));
  const out: Record<string, unknown> = {};
  const shape = complaintSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;
  for (const [k, v] of Object.entries(raw)) {
    const r = shape[k]?.safeParse(v);
    if (r?.success) out[k] = r.data;
  }
  return out as Complaint;
}

/** The complaint properties the details field (one JSON object) holds, set ones only. */
function detailsOf(fields: Record<string, unknown>, ids: FieldIds): Record<string, unknown> {
  const detailsId = ids[DETAILS_FIELD_KEY];
  const details = detailsId ? fields[detailsId] : undefined;
  const out: Record<string, unknown> = {};
  if (details && typeof details === 'object') {
    for (const p of DETAILS_PROPS) {
      const v = (details as Record<string, unknown>)[p];
      if (v !== undefined && v !== null) out[p] = v;
    }
  }
  return out;
}

/**
 * What is wrong with the complaint values in REST fields (a create request, a transition's
 * `modifiedFields`): values the schema refuses (negative quantities, `2026-02-30`), option ids
 * the policy does not have, defect above shipped. Messages name the field, in both languages.
 * `only` limits the report to the given complaint properties; with `now` (epoch ms) a first
 * contact in the future is refused.
 */
export function invalidFieldValues(policy: Policy, fields: Record<string, unknown>, ids: FieldIds, only?: Set<string>, now?: number): FieldIssue[] {
  const raw: Record<string, unknown> = {};
  for (const f of APP_FIELDS) {
    const id = ids[f.moduleKey];
    if (!id || f.readOnly || !(id in fields)) continue;
    const v = fields[id];
    if (v === undefined || v === null) continue;
    // A datetime Jira could not normalise stays as typed, so the schema names it.
    raw[f.prop] = f.type === 'datetime' ? (toInstantText(v) ?? v) : v;
  }
  Object.assign(raw, detailsOf(fields, ids));
  const parsed = complaintSchema.safeParse(raw);
  const issues = parsed.success ? complaintIssues(policy, parsed.data, 'complaint', now) : issuesFromZod(parsed.error, 'complaint');
  if (!parsed.success) {
    // The values that do parse are still checked against the policy.
    issues.push(...complaintIssues(policy, complaintFromFields(fields, ids), 'complaint', now));
  }
  const prop = (i: FieldIssue): string => i.field.replace(/^complaint\./, '').split('.')[0] ?? '';
  return only ? issues.filter((i) => only.has(prop(i))) : issues;
}

/** The complaint properties a set of REST field ids carries. */
export function propsOfFields(fieldIds: string[], ids: FieldIds): Set<string> {
  const out = new Set<string>();
  for (const f of APP_FIELDS) if (ids[f.moduleKey] && fieldIds.includes(ids[f.moduleKey]!)) out.add(f.prop);
  const detailsId = ids[DETAILS_FIELD_KEY];
  if (detailsId && fieldIds.includes(detailsId)) DETAILS_PROPS.forEach((p) => out.add(p));
  return out;
}

/** The app fields (module keys) that hold the given complaint properties, in order, once each. */
export function moduleKeysOf(props: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of props) {
    const key = APP_FIELDS.find((f) => f.prop === p && !f.readOnly)?.moduleKey ?? ((DETAILS_PROPS as string[]).includes(p) ? DETAILS_FIELD_KEY : null);
    if (key && !out.includes(key)) out.push(key);
  }
  return out;
}

/** REST field values for the given complaint properties (only those present in `patch`). */
export function fieldsFromComplaint(patch: Partial<Complaint>, ids: FieldIds): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of APP_FIELDS) {
    const id = ids[f.moduleKey];
    if (!id || f.prop === 'slaState' || f.prop === 'nextDue' || !(f.prop in patch)) continue;
    out[id] = patch[f.prop as keyof Complaint] ?? null;
  }
  const detailsId = ids[DETAILS_FIELD_KEY];
  const details: Record<string, unknown> = {};
  for (const p of DETAILS_PROPS) if (p in patch) details[p] = patch[p] ?? null;
  if (detailsId && Object.keys(details).length > 0) out[detailsId] = details;
  return out;
}

/** The option-like fields whose options come from the policy governing the project. */
export const POLICY_OPTION_FIELDS = {
  'complaint-channel': 'channels',
  'complaint-category': 'categories',
  'complaint-severity': 'severities',
  'complaint-class': 'severities',
  'complaint-department': 'departments',
  'complaint-root-cause': 'rootCauses',
} as const satisfies Record<string, 'channels' | 'categories' | 'severities' | 'departments' | 'rootCauses'>;

/** The option-like fields with fixed option lists (domain.md §1). */
export const FIXED_OPTION_FIELDS: Record<string, { ids: readonly string[]; labels: Record<string, Localized> }> = {
  'complaint-request': { ids: CUSTOMER_REQUESTS, labels: CUSTOMER_REQUEST_LABELS },
  'complaint-disposition': { ids: DISPOSITIONS, labels: DISPOSITION_LABELS },
  'complaint-satisfaction': { ids: SATISFACTIONS, labels: SATISFACTION_LABELS },
};

export function policyOptionList(fieldKey: string): (typeof POLICY_OPTION_FIELDS)[keyof typeof POLICY_OPTION_FIELDS] | undefined {
  return (POLICY_OPTION_FIELDS as Record<string, (typeof POLICY_OPTION_FIELDS)[keyof typeof POLICY_OPTION_FIELDS]>)[fieldKey];
}

/** The SLA state the app writes to `complaint-sla-state` (src/rules/sla ClockStatus or `none`), labelled. */
export const SLA_STATE_LABELS: Record<string, Localized> = {
  running: { 'zh-CN': '进行中', en: 'Running' },
  'at-risk': { 'zh-CN': '即将超期', en: 'At risk' },
  breached: { 'zh-CN': '已超期', en: 'Breached' },
  met: { 'zh-CN': '已达成', en: 'Met' },
  paused: { 'zh-CN': '已暂停', en: 'Paused' },
  none: { 'zh-CN': '无时限', en: 'No clock' },
};

/**
 * The project entity property holding every option field's labels for the policy that governs
 * the project: `{ "<module key>": { "<option id>": { "zh-CN": "…", "en": "…" } } }`. The
 * fields' formatters read it (`project.properties`), as the Forge docs suggest for ids that need
 * names (manifest-reference/modules/jira-custom-field, "Formatter example 2"). The app writes it
 * from the lifecycle trigger whenever it differs from the policy.
 */
export const LABELS_PROPERTY = 'complaint-labels';

/** Fields whose formatter shows a label from LABELS_PROPERTY. */
export const LABELLED_FIELDS = [...Object.keys(POLICY_OPTION_FIELDS), ...Object.keys(FIXED_OPTION_FIELDS), 'complaint-sla-state'];

interface LabelledOption {
  id: string;
  label: Localized;
}

/** The LABELS_PROPERTY value for a policy's option lists (plus the fixed lists and SLA states). */
export function fieldLabelMap(policy: Record<(typeof POLICY_OPTION_FIELDS)[keyof typeof POLICY_OPTION_FIELDS], LabelledOption[]>): Record<string, Record<string, Localized>> {
  const pick = (l: Localized): Localized => ({ 'zh-CN': l['zh-CN'], en: l.en });
  const out: Record<string, Record<string, Localized>> = {};
  for (const [field, list] of Object.entries(POLICY_OPTION_FIELDS)) {
    out[field] = Object.fromEntries((policy[list] ?? []).map((o) => [o.id, pick(o.label)]));
  }
  for (const [field, fixed] of Object.entries(FIXED_OPTION_FIELDS)) {
    out[field] = Object.fromEntries(fixed.ids.filter((id) => fixed.labels[id]).map((id) => [id, pick(fixed.labels[id]!)]));
  }
  out['complaint-sla-state'] = Object.fromEntries(Object.entries(SLA_STATE_LABELS).map(([id, l]) => [id, pick(l)]));
  return out;
}

/**
 * The `view.formatter.expression` of a labelled field (manifest.yml holds the same text; a test
 * compares them): the label of the stored id in the viewer's language, read from the project
 * property; the id itself when the property has no label for it (never an empty cell).
 * `user.locale` is an assumption recorded in docs/unverified.md.
 */
export function labelFormatter(moduleKey: string): string {
  return (
    `let l = project?.properties?.get('${LABELS_PROPERTY}')?.get('${moduleKey}')?.get(value); ` +
    `l == null ? value : (user?.locale?.slice(0, 2) == 'en' ? l.en : l['zh-CN'])`
  );
}
