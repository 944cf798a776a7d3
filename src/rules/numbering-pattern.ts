/**
 * Complaint-number patterns (单号). Tokens: {YYYY} {YY} {MM} {DD} {SEQ:n}; anything else is
 * literal text (a prefix such as `KS-`). Default (000 篇一): `{YY}{MM}{DD}{SEQ:3}`, sequence
 * within the year. 002: `{YY}{MM}{SEQ:2}`, sequence within the month.
 */
import type { CustomIssueParams } from './errors';

export type PatternToken =
  | { kind: 'literal'; text: string }
  | { kind: 'YYYY' | 'YY' | 'MM' | 'DD' }
  | { kind: 'SEQ'; width: number };

export type ParsedPattern =
  | { ok: true; tokens: PatternToken[]; reset: 'year' | 'month' }
  | { ok: false; error: CustomIssueParams };

const TOKEN_RE = /\{(YYYY|YY|MM|DD|SEQ:(\d+))\}/g;

function fail(zh: string, en: string): ParsedPattern {
  return { ok: false, error: { rule: 'format', 'zh-CN': zh, en } };
}

export function parsePattern(pattern: string, reset: 'year' | 'month'): ParsedPattern {
  const tokens: PatternToken[] = [];
  let last = 0;
  for (const m of pattern.matchAll(TOKEN_RE)) {
    const index = m.index ?? 0;
    if (index > last) tokens.push({ kind: 'literal', text: pattern.slice(last, index) });
    if (m[2] !== undefined) tokens.push({ kind: 'SEQ', width: Number(m[2]) });
    else tokens.push({ kind: m[1] as 'YYYY' | 'YY' | 'MM' | 'DD' });
    last = index + m[0].length;
  }
  if (last < pattern.length) tokens.push({ kind: 'literal', text: pattern.slice(last) });
  const example = '{YY}{MM}{DD}{SEQ:3}';
  for (const t of tokens) {
    if (t.kind === 'literal' && /[{}]/.test(t.text)) {
      return fail(
        `未知占位符 "${t.text}"，可用 {YYYY} {YY} {MM} {DD} {SEQ:n}，例如 ${example}`,
        `unknown token in "${t.text}"; use {YYYY} {YY} {MM} {DD} {SEQ:n}, e.g. ${example}`,
      );
    }
    if (t.kind === 'literal' && /\d/.test(t.text)) {
      return fail(`前缀不能含数字（"${t.text}"），例如 KS-${example}`, `literal text must not contain digits ("${t.text}"), e.g. KS-${example}`);
    }
  }
  const seqs = tokens.filter((t): t is { kind: 'SEQ'; width: number } => t.kind === 'SEQ');
  if (seqs.length !== 1) return fail(`须恰好包含一个 {SEQ:n}，例如 ${example}`, `must contain exactly one {SEQ:n}, e.g. ${example}`);
  const width = seqs[0]!.width;
  if (width < 1 || width > 9) return fail('流水号位数须在 1 到 9 之间，例如 {SEQ:3}', 'the sequence width must be 1 to 9, e.g. {SEQ:3}');
  const kinds = new Set(tokens.map((t) => t.kind));
  if (!kinds.has('YYYY') && !kinds.has('YY')) {
    return fail(`须包含年份 {YY} 或 {YYYY}，例如 ${example}`, `must contain the year {YY} or {YYYY}, e.g. ${example}`);
  }
  if (reset === 'month' && !kinds.has('MM')) {
    return fail('按月重置流水号时须包含月份 {MM}，例如 {YY}{MM}{SEQ:2}', 'a sequence that resets monthly needs the month {MM}, e.g. {YY}{MM}{SEQ:2}');
  }
  // Adjacent digit tokens are fine (fixed widths), but each date token at most once.
  for (const k of ['YYYY', 'YY', 'MM', 'DD'] as const) {
    if (tokens.filter((t) => t.kind === k).length > 1) return fail(`{${k}} 只能出现一次`, `{${k}} may appear only once`);
  }
  return { ok: true, tokens, reset };
}
