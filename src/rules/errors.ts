/**
 * Structured, translated errors. Every problem names the field (a dotted path), the rule it
 * broke and a message in zh-CN and en; the English one is what the CLI prints.
 */
import type { ZodError } from 'zod';
import { textsFor } from './dictionary';
import { fieldLabel, joinList, type Locale, type Localized } from './messages';

export interface FieldIssue {
  /** Dotted path of the field, e.g. `complaint.defectQuantity` or `policy.clocks.2.duration`. */
  field: string;
  /** Rule id: required, range, format, type, option, reference, unique, matrix… */
  rule: string;
  message: Localized;
}

export class RulesError extends Error {
  constructor(
    /** Stable machine-readable code: invalid-input, invalid-policy, sequence-overflow… */
    readonly code: string,
    readonly issues: FieldIssue[],
    summary?: string,
  ) {
    super(summary ?? issues.map((i) => i.message.en).join('; '));
    this.name = 'RulesError';
  }

  localized(locale: Locale): string {
    return this.issues.map((i) => i.message[locale]).join(locale === 'zh-CN' ? '；' : '; ') || this.message;
  }
}

export function issue(field: string, rule: string, message: Localized): FieldIssue {
  return { field, rule, message };
}

/** Custom zod issues carry their rule and both messages in `params`. */
export interface CustomIssueParams {
  rule: string;
  'zh-CN': string;
  en: string;
}

function lastKey(path: PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const k = path[i];
    if (typeof k === 'string') return k;
  }
  return '';
}

function describeField(path: string, key: string, locale: Locale): string {
  const label = fieldLabel(key, locale);
  return label === key ? path : `${label} (${path})`;
}

/** Converts a zod error into field issues with translated messages (texts `zod…` of the dictionary). */
export function issuesFromZod(error: ZodError, root: string): FieldIssue[] {
  return error.issues.map((zi) => {
    const segments = [root, ...zi.path.map((p) => String(p))].filter((s) => s !== '');
    const path = segments.join('.');
    const key = lastKey(zi.path);
    const field = (locale: Locale): string => describeField(path, key, locale);
    // zod's issue union is wide; read the few properties we need defensively.
    const z = zi as unknown as Record<string, unknown>;
    switch (zi.code) {
      case 'custom': {
        const p = (z.params ?? {}) as Partial<CustomIssueParams>;
        const rule = p.rule ?? 'format';
        return issue(path, rule, textsFor('zodCustom', (l) => ({ field: field(l), message: p[l] ?? zi.message, rule })));
      }
      case 'invalid_type': {
        const expected = String(z.expected ?? '');
        // zod 4 only copies the input into an issue with `reportInput`; without it, a missing
        // value shows in the message ("…, received undefined"). A wrong type is not "required".
        const missing = 'input' in z ? z.input === undefined : /received undefined$/.test(zi.message);
        return missing
          ? issue(path, 'required', textsFor('zodRequired', (l) => ({ field: field(l), expected })))
          : issue(path, 'type', textsFor('zodType', (l) => ({ field: field(l), expected })));
      }
      case 'too_small':
      case 'too_big': {
        const limit = String(z.minimum ?? z.maximum ?? '');
        const inclusive = z.inclusive !== false;
        const origin = String(z.origin ?? '');
        const small = zi.code === 'too_small';
        const size: Localized = origin === 'string' ? { 'zh-CN': '字符数', en: 'length ' } : origin === 'array' ? { 'zh-CN': '项数', en: 'number of items ' } : { 'zh-CN': '', en: '' };
        const op = small ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<';
        return issue(path, 'range', textsFor('zodRange', (l) => ({ field: field(l), size: size[l], op, limit })));
      }
      case 'invalid_format': {
        const format = String(z.format ?? 'pattern');
        const pattern = z.pattern ? ` ${String(z.pattern)}` : '';
        return issue(path, 'format', textsFor('zodFormat', (l) => ({ field: field(l), format, pattern })));
      }
      case 'invalid_value': {
        const values = Array.isArray(z.values) ? (z.values as unknown[]).map((v) => JSON.stringify(v)) : [];
        return issue(path, 'option', textsFor('zodOption', (l) => ({ field: field(l), values: joinList(values, l) })));
      }
      case 'unrecognized_keys': {
        const keys = Array.isArray(z.keys) ? (z.keys as string[]) : [];
        return issue(path, 'unknown', textsFor('zodUnknown', (l) => ({ field: path || (l === 'zh-CN' ? '输入' : 'input'), keys: joinList(keys, l) })));
      }
      default:
        return issue(path, 'type', textsFor('zodOther', (l) => ({ field: field(l), message: zi.message })));
    }
  });
}
