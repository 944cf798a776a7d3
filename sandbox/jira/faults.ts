/**
 * Fault injection and call accounting for the Jira stand-in.
 *
 * Faults (programmatic `faults.inject(...)` / `faults.latency(...)`, or POST /__sandbox/faults):
 *   - `429` with `Retry-After` (+ X-RateLimit-Reset), `429-reset` with only `X-RateLimit-Reset`,
 *     `500`, `503` — for the next `count` matching requests, optionally only for a path prefix;
 *   - added latency (ms) for the next `count` (default: all) matching requests.
 * Only /rest/… requests are affected (never /__sandbox/…).
 *
 * Stats: REST calls and bytes (request body + response body) per module invocation, keyed by
 * the `x-sandbox-invocation` request header ('-' when absent).
 */

export type FaultKind = '429' | '429-reset' | '500' | '503';

export interface FaultSpec {
  kind: FaultKind;
  /** How many matching requests fail (default 1). */
  count?: number;
  /** Only requests whose path starts with this (e.g. '/rest/api/3/search'). */
  pathPrefix?: string;
  /** Only this HTTP method. */
  method?: string;
  /** Seconds for Retry-After / X-RateLimit-Reset (default 1). */
  retryAfterSeconds?: number;
}

export interface LatencySpec {
  ms: number;
  /** How many matching requests are delayed; unlimited when absent. */
  count?: number;
  pathPrefix?: string;
}

interface ActiveFault extends FaultSpec {
  remaining: number;
}

interface ActiveLatency extends LatencySpec {
  remaining: number;
}

export interface FaultResponse {
  status: number;
  headers: Record<string, string>;
  body: { errorMessages: string[]; errors: Record<string, string> };
}

export class Faults {
  private faults: ActiveFault[] = [];
  private latencies: ActiveLatency[] = [];
  /** How many faults have fired (by kind). */
  readonly fired: Record<FaultKind, number> = { '429': 0, '429-reset': 0, '500': 0, '503': 0 };

  constructor(private readonly now: () => number = Date.now) {}

  inject(spec: FaultSpec): this {
    if (!['429', '429-reset', '500', '503'].includes(spec.kind)) throw new Error(`unknown fault kind: ${String(spec.kind)}`);
    this.faults.push({ ...spec, remaining: spec.count ?? 1 });
    return this;
  }

  latency(spec: LatencySpec): this {
    if (!(spec.ms >= 0)) throw new Error('latency ms must be >= 0');
    this.latencies.push({ ...spec, remaining: spec.count ?? Number.POSITIVE_INFINITY });
    return this;
  }

  clear(): void {
    this.faults = [];
    this.latencies = [];
    for (const k of Object.keys(this.fired) as FaultKind[]) this.fired[k] = 0;
  }

  /** Pending faults and latencies (for GET /__sandbox/faults). */
  snapshot(): { faults: (FaultSpec & { remaining: number })[]; latencies: (LatencySpec & { remaining: number | null })[]; fired: Record<FaultKind, number> } {
    return {
      faults: this.faults.map((f) => ({ ...f })),
      latencies: this.latencies.map((l) => ({ ...l, remaining: Number.isFinite(l.remaining) ? l.remaining : null })),
      fired: { ...this.fired },
    };
  }

  private matches(spec: { pathPrefix?: string; method?: string }, method: string, path: string): boolean {
    return (!spec.pathPrefix || path.startsWith(spec.pathPrefix)) && (!spec.method || spec.method.toUpperCase() === method);
  }

  /** Delay for this request (consumes one use of each matching latency rule). */
  takeLatency(method: string, path: string): number {
    let ms = 0;
    for (const l of this.latencies) {
      if (l.remaining > 0 && this.matches(l, method, path)) {
        ms += l.ms;
        l.remaining -= 1;
      }
    }
    this.latencies = this.latencies.filter((l) => l.remaining > 0);
    return ms;
  }

  /** The fault answer for this request, if a fault is pending for it (consumes one use). */
  take(method: string, path: string): FaultResponse | null {
    const f = this.faults.find((x) => x.remaining > 0 && this.matches(x, method, path));
    if (!f) return null;
    f.remaining -= 1;
    this.faults = this.faults.filter((x) => x.remaining > 0);
    this.fired[f.kind] += 1;
    const secs = f.retryAfterSeconds ?? 1;
    switch (f.kind) {
      case '429':
      case '429-reset': {
        const headers: Record<string, string> = {
          'X-RateLimit-Limit': '100',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': new Date(this.now() + secs * 1000).toISOString(),
          'RateLimit-Reason': 'jira-quota-tenant-based',
        };
        if (f.kind === '429') headers['Retry-After'] = String(secs);
        return { status: 429, headers, body: { errorMessages: ['Rate limit exceeded.'], errors: {} } };
      }
      case '500':
        return { status: 500, headers: {}, body: { errorMessages: ['Internal server error.'], errors: {} } };
      case '503':
        return { status: 503, headers: { 'Retry-After': String(secs) }, body: { errorMessages: ['Service unavailable. Please try again later.'], errors: {} } };
    }
  }
}

export interface InvocationStats {
  calls: number;
  requestBytes: number;
  responseBytes: number;
  /** Answers with status >= 400. */
  errors: number;
  /** The stand-in's own time answering these calls (request read to response sent), in ms. */
  ms: number;
  /** Calls per route, e.g. 'POST /rest/api/3/search/jql'. */
  byRoute: Record<string, number>;
}

export const NO_INVOCATION = '-';

export class Stats {
  private readonly data = new Map<string, InvocationStats>();

  record(invocation: string | undefined, route: string, requestBytes: number, responseBytes: number, status: number, ms = 0): void {
    const key = invocation || NO_INVOCATION;
    const s = this.data.get(key) ?? { calls: 0, requestBytes: 0, responseBytes: 0, errors: 0, ms: 0, byRoute: {} };
    s.calls += 1;
    s.ms += ms;
    s.requestBytes += requestBytes;
    s.responseBytes += responseBytes;
    if (status >= 400) s.errors += 1;
    s.byRoute[route] = (s.byRoute[route] ?? 0) + 1;
    this.data.set(key, s);
  }

  /** Stats of one invocation (zeros when it made no call). */
  get(invocation: string): InvocationStats {
    const s = this.data.get(invocation);
    return s ? structuredClone(s) : { calls: 0, requestBytes: 0, responseBytes: 0, errors: 0, ms: 0, byRoute: {} };
  }

  /** All invocations. */
  all(): Record<string, InvocationStats> {
    return Object.fromEntries([...this.data.entries()].map(([k, v]) => [k, structuredClone(v)]));
  }

  total(): InvocationStats {
    const t: InvocationStats = { calls: 0, requestBytes: 0, responseBytes: 0, errors: 0, ms: 0, byRoute: {} };
    for (const s of this.data.values()) {
      t.calls += s.calls;
      t.requestBytes += s.requestBytes;
      t.responseBytes += s.responseBytes;
      t.errors += s.errors;
      t.ms += s.ms;
      for (const [r, n] of Object.entries(s.byRoute)) t.byRoute[r] = (t.byRoute[r] ?? 0) + n;
    }
    return t;
  }

  reset(invocation?: string): void {
    if (invocation === undefined) this.data.clear();
    else this.data.delete(invocation);
  }
}
