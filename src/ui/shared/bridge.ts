/**
 * Calls to the app's resolver with the `ResolverResult<T>` envelope unwrapped: data on success,
 * a ResolverError (code, translated message, field issues) otherwise.
 */
import { invoke } from '@forge/bridge';
import type { FieldIssue, ResolverResult } from './types';
import type { UiApi } from '../../resolvers/ui';

/** The resolver's function keys, and each one's payload and answer (type-only, from src/resolvers/ui). */
export type CallKey = keyof UiApi;
export type CallPayload<K extends CallKey> = UiApi[K]['payload'];
export type CallAnswer<K extends CallKey> = UiApi[K]['answer'];
/** A payload every field of which is optional may be left out. */
type PayloadArgs<K extends CallKey> = Record<string, never> extends CallPayload<K> ? [payload?: CallPayload<K>] : [payload: CallPayload<K>];

export class ResolverError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ResolverError';
  }
}

function isFieldIssue(x: unknown): x is FieldIssue {
  if (!x || typeof x !== 'object') return false;
  const o = x as Record<string, unknown>;
  return typeof o.field === 'string' && typeof o.message === 'object' && o.message !== null;
}

export async function call<K extends CallKey>(key: K, ...args: PayloadArgs<K>): Promise<CallAnswer<K>> {
  type T = CallAnswer<K>;
  let answer: unknown;
  try {
    answer = await invoke<ResolverResult<T>>(key, args[0] as Record<string, unknown> | undefined);
  } catch (e) {
    throw new ResolverError('network', e instanceof Error ? e.message : String(e));
  }
  // invoke may wrap the body when metadata is requested; we never request it, but be tolerant.
  if (answer && typeof answer === 'object' && 'body' in answer && !('ok' in answer)) answer = (answer as { body: unknown }).body;
  if (!answer || typeof answer !== 'object' || !('ok' in answer)) throw new ResolverError('internal', `Unexpected answer from ${key}`);
  const r = answer as ResolverResult<T>;
  if (r.ok) return r.data;
  const issues = Array.isArray(r.error.issues) ? r.error.issues.filter(isFieldIssue) : [];
  throw new ResolverError(r.error.code, r.error.message, issues);
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
