/**
 * Structured, translated errors. Every problem names the field (a dotted path), the rule it
 * broke and a message in zh-CN and en; the English one is what the CLI prints.
 */
import type { ZodError } from 'zod';
import { both, fieldLabel, type Locale, type Localized } from './messages';

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

/** Converts a zod error into field issues with translated messages. */
export function issuesFromZod(error: ZodError, root: string): FieldIssue[] {
  return error.issues.map((zi) => {
    const segments = [root, ...zi.path.map((p) => String(p))].filter((s) => s !== '');
    const path = segments.join('.');
    const key = lastKey(zi.path);
    const name = (locale: Locale): string => describeField(path, key, locale);
    // zod's issue union is wide; read the few properties we need defensively.
    const z = zi as unknown as Record<string, unknown>;
    switch (zi.code) {
      case 'custom': {
        const p = (z.params ?? {}) as Partial<CustomIssueParams>;
        const rule = p.rule ?? 'format';
        return issue(path, rule, {
          'zh-CN': `${name('zh-CN')}：${p['zh-CN'] ?? zi.message}（规则：${rule}）`,
          en: `${name('en')}: ${p.en ?? zi.message} (rule: ${rule})`,
        });
      }
      case 'invalid_type': {
        const expected = String(z.expected ?? '');
        // zod 4 only copies the input into an issue with `reportInput`; without it, a missing
        // value shows in the message ("…, received undefined"). A wrong type is not "required".
        const missing = 'input' in z ? z.input === undefined : /received undefined$/.test(zi.message);
        if (missing) {
          return issue(path, 'required', {
            'zh-CN': `${name('zh-CN')}：必填，应为 ${expected}（规则：required）`,
            en: `${name('en')}: is required, expected ${expected} (rule: required)`,
          });
        }
        return issue(path, 'type', {
          'zh-CN': `${name('zh-CN')}：应为 ${expected} 类型（规则：type）`,
          en: `${name('en')}: must be of type ${expected} (rule: type)`,
        });
      }
      case 'too_small':
      case 'too_big': {
        const limit = String(z.minimum ?? z.maximum ?? '');
        const inclusive = z.inclusive !== false;
        const origin = String(z.origin ?? '');
        const small = zi.code === 'too_small';
        const sizeWord = origin === 'string' ? ['字符数', 'length'] : origin === 'array' ? ['项数', 'number of items'] : ['', ''];
        const op = small ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<';
        return issue(path, 'range', {
          'zh-CN': `${name('zh-CN')}：${sizeWord[0]}须 ${op} ${limit}，例如 ${limit}（规则：range）`,
          en: `${name('en')}: ${sizeWord[1] ? sizeWord[1] + ' ' : ''}must be ${op} ${limit}, e.g. ${limit} (rule: range)`,
        });
      }
      case 'invalid_format': {
        const format = String(z.format ?? 'pattern');
        const pattern = z.pattern ? ` ${String(z.pattern)}` : '';
        return issue(path, 'format', {
          'zh-CN': `${name('zh-CN')}：格式不符（${format}${pattern}）（规则：format）`,
          en: `${name('en')}: does not match the ${format} format${pattern} (rule: format)`,
        });
      }
      case 'invalid_value': {
        const values = Array.isArray(z.values) ? (z.values as unknown[]).map((v) => JSON.stringify(v)) : [];
        return issue(path, 'option', {
          'zh-CN': `${name('zh-CN')}：取值须为 ${values.join('、')} 之一（规则：option）`,
          en: `${name('en')}: must be one of ${values.join(', ')} (rule: option)`,
        });
      }
      case 'unrecognized_keys': {
        const keys = Array.isArray(z.keys) ? (z.keys as string[]) : [];
        return issue(path, 'unknown', {
          'zh-CN': `${path || '输入'}：未知字段 ${keys.join('、')}（规则：unknown）`,
          en: `${path || 'input'}: unknown field(s) ${keys.join(', ')} (rule: unknown)`,
        });
      }
      default:
        return issue(path, 'type', both((l) => `${name(l)}: ${zi.message} (rule: type)`));
    }
  });
}
