/**
 * Formats and parses complaint numbers. The sequence itself is allocated by the app's counter
 * (a compare-and-set in storage); this module only knows the pattern, the reset period and the
 * policy's time zone, and refuses a sequence that outgrows its width instead of wrapping.
 */
import { RulesError, issue } from './errors';
import { parsePattern, type PatternToken } from './numbering-pattern';
import type { Policy } from './policy';
import { daysInMonth, toLocal, ymdOfDay } from './time';

export interface NumberParts {
  year: number;
  month?: number;
  day?: number;
  sequence: number;
}

function tokensOf(policy: Policy): PatternToken[] {
  const parsed = parsePattern(policy.numbering.pattern, policy.numbering.reset);
  if (!parsed.ok) {
    throw new RulesError('invalid-policy', [issue('policy.numbering.pattern', parsed.error.rule, parsed.error)]);
  }
  return parsed.tokens;
}

/** The counter period a registration falls in: `2026` (yearly reset) or `2026-01` (monthly). */
export function sequencePeriod(policy: Policy, registeredAt: number): string {
  const { year, month } = ymdOfDay(toLocal(registeredAt, policy.timeZone).day);
  return policy.numbering.reset === 'year' ? String(year) : `${year}-${String(month).padStart(2, '0')}`;
}

/** The largest sequence the pattern can hold (999 for {SEQ:3}). */
export function maxSequence(policy: Policy): number {
  const seq = tokensOf(policy).find((t) => t.kind === 'SEQ');
  return seq && seq.kind === 'SEQ' ? 10 ** seq.width - 1 : 0;
}

export function formatNumber(policy: Policy, registeredAt: number, sequence: number): string {
  const tokens = tokensOf(policy);
  const { year, month, date } = ymdOfDay(toLocal(registeredAt, policy.timeZone).day);
  let out = '';
  for (const t of tokens) {
    switch (t.kind) {
      case 'literal':
        out += t.text;
        break;
      case 'YYYY':
        out += String(year).padStart(4, '0');
        break;
      case 'YY':
        out += String(year % 100).padStart(2, '0');
        break;
      case 'MM':
        out += String(month).padStart(2, '0');
        break;
      case 'DD':
        out += String(date).padStart(2, '0');
        break;
      case 'SEQ': {
        const max = 10 ** t.width - 1;
        if (!Number.isInteger(sequence) || sequence < 1 || sequence > max) {
          throw new RulesError('sequence-overflow', [
            issue('sequence', 'range', {
              'zh-CN': `流水号 ${sequence} 超出 ${t.width} 位编号的范围（1–${max}），请加宽 {SEQ:n} 或更换编号规则`,
              en: `sequence ${sequence} does not fit the ${t.width}-digit number (1–${max}); widen {SEQ:n} or change the pattern`,
            }),
          ]);
        }
        out += String(sequence).padStart(t.width, '0');
        break;
      }
    }
  }
  return out;
}

export function parseNumber(policy: Policy, text: string): NumberParts {
  const tokens = tokensOf(policy);
  let pos = 0;
  const parts: Partial<NumberParts> = {};
  const bad = (): never => {
    throw new RulesError('invalid-number', [
      issue('parse', 'format', {
        'zh-CN': `"${text}" 不符合编号规则 ${policy.numbering.pattern}`,
        en: `"${text}" does not match the numbering pattern ${policy.numbering.pattern}`,
      }),
    ]);
  };
  const digits = (n: number): number => {
    const s = text.slice(pos, pos + n);
    if (s.length !== n || !/^\d+$/.test(s)) bad();
    pos += n;
    return Number(s);
  };
  for (const t of tokens) {
    switch (t.kind) {
      case 'literal':
        if (text.slice(pos, pos + t.text.length) !== t.text) bad();
        pos += t.text.length;
        break;
      case 'YYYY':
        parts.year = digits(4);
        break;
      case 'YY':
        parts.year = 2000 + digits(2);
        break;
      case 'MM':
        parts.month = digits(2);
        if (parts.month < 1 || parts.month > 12) bad();
        break;
      case 'DD':
        parts.day = digits(2);
        if (parts.day < 1 || parts.day > 31) bad();
        break;
      case 'SEQ':
        parts.sequence = digits(t.width);
        if (parts.sequence < 1) bad();
        break;
    }
  }
  if (pos !== text.length || parts.year === undefined || parts.sequence === undefined) bad();
  // A registration day that no calendar has (30 February) cannot be part of a real number.
  if (parts.month !== undefined && parts.day !== undefined && parts.day > daysInMonth(parts.year!, parts.month)) bad();
  // Key order is part of the CLI's output: year, month, day, sequence.
  return {
    year: parts.year!,
    ...(parts.month !== undefined ? { month: parts.month } : {}),
    ...(parts.day !== undefined ? { day: parts.day } : {}),
    sequence: parts.sequence!,
  };
}
