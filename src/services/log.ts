/**
 * The app's one structured logger. In Forge the console is the production log (`forge logs`),
 * so every trigger, job and resolver writes JSON lines here: level, invocation, module, issue
 * key, event, error code. Personal data never reaches a log line: values under keys that can
 * hold it (contact, phone, address, customer, e-mail, names, free text) are replaced by
 * `[redacted]`, and free-text error messages are cut to their first line without quoted values.
 */
import { getAppContext } from '@forge/api';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Fields a log line may carry; anything else is allowed but passes the redaction below. */
export interface LogFields {
  issueKey?: string;
  issueId?: string;
  /** A stable machine code for the error (e.g. `jira-503`, `conflict`, `invalid-input`). */
  code?: string;
  [key: string]: unknown;
}

/** Keys whose values can carry personal data or customer text: never logged. */
const REDACTED_KEYS = /contact|phone|mobile|tel|address|email|e-mail|customer|name|summary|description|reply|text|body|comment|note/i;
/** Keys that are safe even though they match the pattern above. */
const SAFE_KEYS = new Set(['moduleKey', 'functionKey', 'issueKey', 'projectKey', 'fieldName', 'typeName']);

function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > 3) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = REDACTED_KEYS.test(k) && !SAFE_KEYS.has(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

/** An error as log fields: its class and code, and a message without quoted user values. */
export function errorFields(e: unknown): { error: string; code?: string; status?: number } {
  if (e instanceof Error) {
    const status = (e as { status?: unknown }).status;
    const code = (e as { code?: unknown }).code;
    const message = e.message.split('\n')[0]!.replace(/"[^"]*"|「[^」]*」|'[^']*'/g, '"…"').slice(0, 300);
    return {
      error: `${e.name}: ${message}`,
      ...(typeof code === 'string' ? { code } : {}),
      ...(typeof status === 'number' ? { status } : {}),
    };
  }
  return { error: String(e).slice(0, 300) };
}

function invocationId(): string | undefined {
  try {
    return getAppContext().invocationId;
  } catch {
    return undefined;
  }
}

/** Where lines go; tests may capture them. Defaults to the console (Forge's log). */
// Under jest the default sink keeps warnings and errors only (jest prints every console line
// with a stack: thousands of info lines slow the end-to-end suites); tests that assert logs
// install their own sink.
const quietInfo = process.env.JEST_WORKER_ID !== undefined;
let sink: (level: LogLevel, line: string) => void = (level, line) => {
  if (quietInfo && (level === 'info' || level === 'debug')) return;
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
};

export function setLogSink(next: (level: LogLevel, line: string) => void): () => void {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** A logger for one module (`lifecycle`, `sweep`, `resolver`, …). */
export function logger(module: string): Logger {
  const write =
    (level: LogLevel) =>
    (event: string, fields: LogFields = {}): void => {
      const inv = invocationId();
      const line = { level, module, event, ...(inv ? { invocation: inv } : {}), ...(redact(fields) as Record<string, unknown>), at: new Date().toISOString() };
      sink(level, JSON.stringify(line));
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
