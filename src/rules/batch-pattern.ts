/**
 * The policy's batch-number pattern runs on RE2 (re2js, a port of Go's/Java's RE2): matching
 * takes time linear in the input, whatever the pattern — `^([A-Z0-9]+-?)+$` cannot hang a
 * request the way a backtracking engine does. RE2 has no look-around or back-references; a
 * pattern using them is refused when the policy is saved (policy.ts), with a translated error.
 */
import { RE2JS } from 're2js';

const compiled = new Map<string, RE2JS | null>();

/** The compiled pattern, or null when RE2 does not accept it. Cached per pattern text. */
export function compileBatchPattern(pattern: string): RE2JS | null {
  if (compiled.has(pattern)) return compiled.get(pattern) ?? null;
  let re: RE2JS | null;
  try {
    re = RE2JS.compile(pattern);
  } catch {
    re = null;
  }
  if (compiled.size > 100) compiled.clear();
  compiled.set(pattern, re);
  return re;
}

/** Whether the whole batch number matches the pattern (an invalid pattern matches nothing). */
export function batchMatches(pattern: string, batch: string): boolean {
  return compileBatchPattern(pattern)?.matches(batch) ?? false;
}
