/**
 * The complaint-details editor's model, free of React: the sections and their inputs, the
 * conversion between the stored object (ISO instants with offsets) and what the form shows
 * (local wall-clock times, one similar part a line), and validation with the complaint zod
 * schema (src/rules/complaint), each problem translated and attached to its input.
 */
import { complaintSchema, type Complaint } from '../../rules/complaint';
import { issuesFromZod } from '../../rules/errors';
import { fieldLabel, type Locale } from '../../rules/messages';
import { isIsoDate, parseInstant } from '../../rules/time';
import { fromInputValue, toInputValue } from '../shared/datetime';

export type InputKind = 'text' | 'textarea' | 'bool' | 'date' | 'datetime' | 'lines';

export interface InputSpec {
  prop: keyof Complaint;
  kind: InputKind;
}

export interface SectionSpec {
  id: string;
  title: Record<Locale, string>;
  inputs: InputSpec[];
}

/** The sections of the 客诉 record's long tail, in the order of the tracking list (domain.md §1). */
export const SECTIONS: SectionSpec[] = [
  {
    id: 'intake',
    title: { 'zh-CN': '受理', en: 'Intake' },
    inputs: [
      { prop: 'defect', kind: 'textarea' },
      { prop: 'specification', kind: 'text' },
      { prop: 'contact', kind: 'text' },
      { prop: 'productionUnit', kind: 'text' },
      { prop: 'lineStop', kind: 'bool' },
      { prop: 'batchProblem', kind: 'bool' },
      { prop: 'rohsReach', kind: 'bool' },
      { prop: 'approvedBy', kind: 'text' },
      { prop: 'requestedCompletion', kind: 'date' },
    ],
  },
  { id: 'containment', title: { 'zh-CN': '围堵措施 (3D)', en: 'Containment (3D)' }, inputs: [{ prop: 'containment', kind: 'textarea' }] },
  {
    id: 'cause',
    title: { 'zh-CN': '原因与对策', en: 'Causes and actions' },
    inputs: [
      { prop: 'rootCauseOccurrence', kind: 'textarea' },
      { prop: 'actionOccurrence', kind: 'textarea' },
      { prop: 'rootCauseOutflow', kind: 'textarea' },
      { prop: 'actionOutflow', kind: 'textarea' },
    ],
  },
  {
    id: 'fmea',
    title: { 'zh-CN': 'FMEA 与类似品', en: 'FMEA and similar parts' },
    inputs: [
      { prop: 'fmeaNumber', kind: 'text' },
      { prop: 'fmeaVersion', kind: 'text' },
      { prop: 'similarParts', kind: 'lines' },
    ],
  },
  {
    id: 'reply',
    title: { 'zh-CN': '回复', en: 'Reply' },
    inputs: [
      { prop: 'reply', kind: 'textarea' },
      { prop: 'actualCompletion', kind: 'datetime' },
      { prop: 'lateReason', kind: 'textarea' },
      { prop: 'closeReason', kind: 'textarea' },
    ],
  },
  {
    id: 'follow-up',
    title: { 'zh-CN': '回访', en: 'Follow-up' },
    inputs: [
      { prop: 'followUpAt', kind: 'datetime' },
      { prop: 'followUpBy', kind: 'text' },
      { prop: 'remarks', kind: 'textarea' },
    ],
  },
];

export const MONTHS = [1, 2, 3] as const;

/** What the form holds: every input as text ('' empty; booleans 'yes' / 'no' / ''). */
export type FormState = Record<string, string>;

const effKey = (month: number, part: 'recurred' | 'note'): string => `effectiveness.${month}.${part}`;

export function labelOf(prop: string, locale: Locale): string {
  return fieldLabel(prop, locale);
}

/** The stored object → the form (instants in `zone`). */
export function toForm(stored: unknown, zone: string): FormState {
  const v = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const out: FormState = {};
  for (const s of SECTIONS) {
    for (const i of s.inputs) {
      const x = v[i.prop];
      if (x === null || x === undefined) out[i.prop] = '';
      else if (i.kind === 'bool') out[i.prop] = x === true ? 'yes' : x === false ? 'no' : '';
      else if (i.kind === 'datetime') out[i.prop] = toInputValue(String(x), zone) || String(x);
      else if (i.kind === 'date') out[i.prop] = typeof x === 'string' && parseInstant(x) !== null ? toInputValue(x, zone).slice(0, 10) : String(x);
      else if (i.kind === 'lines') out[i.prop] = Array.isArray(x) ? x.map(String).join('\n') : String(x);
      else out[i.prop] = String(x);
    }
  }
  const eff = Array.isArray(v.effectiveness) ? (v.effectiveness as { month?: unknown; recurred?: unknown; note?: unknown }[]) : [];
  for (const m of MONTHS) {
    const e = eff.find((x) => x.month === m);
    out[effKey(m, 'recurred')] = e ? (e.recurred === true ? 'yes' : 'no') : '';
    out[effKey(m, 'note')] = typeof e?.note === 'string' ? e.note : '';
  }
  return out;
}

export interface BuildResult {
  /** The object to store (only what is filled in), or null when a problem must be mended first. */
  value: Record<string, unknown> | null;
  /** Input key → translated problem. */
  errors: Record<string, string>;
}

/** Every property the form edits (a test holds it to src/jira/fields DETAILS_PROPS). */
export const FORM_PROPS: (keyof Complaint)[] = [...SECTIONS.flatMap((s) => s.inputs.map((i) => i.prop)), 'effectiveness'];

const detailsSchema = complaintSchema.pick(Object.fromEntries(FORM_PROPS.map((p) => [p, true])) as Partial<Record<keyof Complaint, true>>);

/** The form → the stored object, validated by the complaint schema. */
export function fromForm(form: FormState, zone: string, locale: Locale): BuildResult {
  const errors: Record<string, string> = {};
  const out: Record<string, unknown> = {};
  const say = (key: string, zh: string, en: string): void => {
    errors[key] = locale === 'zh-CN' ? zh : en;
  };
  for (const s of SECTIONS) {
    for (const i of s.inputs) {
      const raw = (form[i.prop] ?? '').trim();
      if (raw === '') continue;
      const name = labelOf(i.prop, locale);
      if (i.kind === 'bool') out[i.prop] = raw === 'yes';
      else if (i.kind === 'lines') out[i.prop] = raw.split(/[\n,，、;；]+/).map((x) => x.trim()).filter(Boolean);
      else if (i.kind === 'datetime') {
        const iso = fromInputValue(raw, zone);
        if (iso) out[i.prop] = iso;
        else say(i.prop, `${name}：「${raw}」不是有效的日期时间，例如 2026-12-03 15:03（规则：format）`, `${name}: "${raw}" is not a valid date and time, e.g. 2026-12-03 15:03 (rule: format)`);
      } else if (i.kind === 'date') {
        if (isIsoDate(raw)) out[i.prop] = raw;
        else say(i.prop, `${name}：「${raw}」不是有效的日期，例如 2026-12-03（规则：format）`, `${name}: "${raw}" is not a valid date, e.g. 2026-12-03 (rule: format)`);
      } else out[i.prop] = raw;
    }
  }
  const eff: { month: number; recurred: boolean; note?: string }[] = [];
  for (const m of MONTHS) {
    const r = form[effKey(m, 'recurred')] ?? '';
    const note = (form[effKey(m, 'note')] ?? '').trim();
    if (r === '' && note !== '') {
      say(
        effKey(m, 'recurred'),
        `效果验证第 ${m} 月：填写说明时请选择是否再发（规则：required）`,
        `Effectiveness month ${m}: choose whether it recurred when you write a note (rule: required)`,
      );
      continue;
    }
    if (r !== '') eff.push({ month: m, recurred: r === 'yes', ...(note ? { note } : {}) });
  }
  if (eff.length > 0) out.effectiveness = eff;

  const parsed = detailsSchema.safeParse(out);
  if (!parsed.success) {
    for (const issue of issuesFromZod(parsed.error, '')) {
      const [prop, index, part] = issue.field.split('.');
      const key = prop === 'effectiveness' && index !== undefined ? effKey(eff[Number(index)]?.month ?? 1, part === 'note' ? 'note' : 'recurred') : (prop ?? '');
      errors[key] ??= issue.message[locale];
    }
  }
  return { value: Object.keys(errors).length > 0 ? null : out, errors };
}

export { effKey };
