/**
 * Sandbox replacement for `@forge/events` (3.x).
 *
 * `InvocationError`, `InvocationErrorCode` and the error classes are the real package's (pure code, re-exported).
 * `Queue.push` validates like the real client (queue name, ≤50 events, ≤200 KB, delayInSeconds 0..900) and hands the
 * events to the sandbox queue bus, which delivers them asynchronously to the consumer registered for the queue
 * (the runtime host registers manifest `consumer` modules) — at least once, honouring delayInSeconds (scaled),
 * `concurrency: { key, limit }`, and retrying on a returned InvocationError or a thrown error.
 */
import { randomUUID } from 'node:crypto';
import { validatePushEvents, validateQueueKey } from '@forge/events/out/validators';
import { JobDoesNotExistError } from '@forge/events/out/errors';
import { InvocationErrorCode } from '@forge/events/out/invocationErrorCode';

export { InvocationError } from '@forge/events/out/invocationError';
export { InvocationErrorCode } from '@forge/events/out/invocationErrorCode';
export {
  InvalidQueueNameError,
  TooManyEventsError,
  PayloadTooBigError,
  NoEventsToPushError,
  RateLimitError,
  PartialSuccessError,
  InternalServerError,
  JobDoesNotExistError,
  InvalidPushSettingsError,
  InvocationLimitReachedError,
} from '@forge/events/out/errors';
export { QueueResponse } from '@forge/events/out/queueResponse';
export type { RetryOptions } from '@forge/events/out/retryOptions';

export type Body = Record<string, unknown>;
export interface Concurrency {
  key: string;
  limit: number;
}
export interface PushEvent<T extends Body = Body> {
  body: T;
  delayInSeconds?: number;
  concurrency?: Concurrency;
}
export interface PushResult {
  jobId: string;
}
export interface RetryContext {
  retryCount: number;
  retryReason: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors @forge/events RetryContext.retryData: any
  retryData: any;
}
export interface AsyncEvent<T extends Body = Body> extends PushEvent<T> {
  queueName: string;
  jobId: string;
  eventId: string;
  retryContext?: RetryContext;
}
export type JobStats = { success: number; inProgress: number; failed: number };

/** Whatever a consumer returned: an InvocationError is the plain object { _retry: true, retryOptions }. */
export function isRetryResult(v: unknown): v is { _retry: true; retryOptions: { retryAfter?: number; retryReason?: string; retryData?: unknown } } {
  return typeof v === 'object' && v !== null && (v as { _retry?: unknown })._retry === true;
}

/** Delivers one event to the consumer of `queueName`; provided by the runtime host. */
export type QueueDeliverer = (queueName: string, event: AsyncEvent) => Promise<unknown>;

interface JobState {
  queueName: string;
  stats: JobStats;
  cancelled: boolean;
}

interface BusState {
  deliverer?: QueueDeliverer;
  /** ms per second of delayInSeconds / retryAfter (1000 = real time; 0 = immediately). */
  timeScaleMs: number;
  /** Retries after the first attempt (Forge keeps retrying for 24 h; the sandbox stops here). */
  maxRetries: number;
  jobs: Map<string, JobState>;
  pending: Set<Promise<void>>;
  running: Map<string, number>;
  waiters: Map<string, Array<() => void>>;
  log: Array<{ queueName: string; eventId: string; attempt: number; outcome: 'success' | 'retry' | 'failed' | 'dropped' }>;
}

const BUS_KEY = Symbol.for('kesu.sandbox.forge.events.bus');
function bus(): BusState {
  const g = globalThis as unknown as Record<symbol, BusState | undefined>;
  return (g[BUS_KEY] ??= {
    timeScaleMs: 1000,
    maxRetries: 4,
    jobs: new Map(),
    pending: new Set(),
    running: new Map(),
    waiters: new Map(),
    log: [],
  });
}

/** Sandbox-only: set the deliverer (the runtime host) and timing. */
export function configureQueues(options: { deliverer?: QueueDeliverer; timeScaleMs?: number; maxRetries?: number }): void {
  const b = bus();
  if (options.deliverer !== undefined) b.deliverer = options.deliverer;
  if (options.timeScaleMs !== undefined) b.timeScaleMs = options.timeScaleMs;
  if (options.maxRetries !== undefined) b.maxRetries = options.maxRetries;
}

/** Sandbox-only: resolves when every pushed event (including retries and events pushed meanwhile) is settled. */
export async function drainQueues(): Promise<void> {
  const b = bus();
  while (b.pending.size > 0) await Promise.allSettled([...b.pending]);
}

/** Sandbox-only: delivery log (for tests and the sandbox UI). */
export function queueLog(): BusState['log'] {
  return bus().log;
}

const sleep = (ms: number): Promise<void> => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : new Promise((r) => setImmediate(r)));

async function acquire(key: string, limit: number): Promise<void> {
  const b = bus();
  while ((b.running.get(key) ?? 0) >= limit) {
    await new Promise<void>((r) => {
      const list = b.waiters.get(key) ?? [];
      list.push(r);
      b.waiters.set(key, list);
    });
  }
  b.running.set(key, (b.running.get(key) ?? 0) + 1);
}

function release(key: string): void {
  const b = bus();
  b.running.set(key, Math.max(0, (b.running.get(key) ?? 1) - 1));
  const next = b.waiters.get(key)?.shift();
  next?.();
}

async function deliver(queueName: string, jobId: string, event: PushEvent): Promise<void> {
  const b = bus();
  const job = b.jobs.get(jobId);
  if (!job) return;
  await sleep((event.delayInSeconds ?? 0) * b.timeScaleMs);
  const eventId = randomUUID();
  let retryContext: RetryContext | undefined;
  for (let attempt = 0; ; attempt++) {
    if (job.cancelled) {
      job.stats.inProgress--;
      b.log.push({ queueName, eventId, attempt, outcome: 'dropped' });
      return;
    }
    const deliverer = b.deliverer;
    if (!deliverer) throw new Error(`No consumer host is configured for queue '${queueName}' (configureQueues({ deliverer })).`);
    const asyncEvent: AsyncEvent = {
      ...event,
      queueName,
      jobId,
      eventId,
      ...(retryContext ? { retryContext } : {}),
    };
    let retryAfter = 0;
    let reason: string = InvocationErrorCode.FUNCTION_RETRY_REQUEST;
    let retryData: unknown;
    let ok = false;
    if (event.concurrency) await acquire(event.concurrency.key, event.concurrency.limit);
    try {
      const result = await deliverer(queueName, asyncEvent);
      if (isRetryResult(result)) {
        retryAfter = result.retryOptions.retryAfter ?? 1;
        reason = result.retryOptions.retryReason ?? reason;
        retryData = result.retryOptions.retryData;
      } else ok = true;
    } catch {
      reason = InvocationErrorCode.FUNCTION_PLATFORM_UNKNOWN_ERROR;
      retryAfter = Math.min(900, 2 ** attempt);
    } finally {
      if (event.concurrency) release(event.concurrency.key);
    }
    if (ok) {
      job.stats.inProgress--;
      job.stats.success++;
      b.log.push({ queueName, eventId, attempt, outcome: 'success' });
      return;
    }
    if (attempt >= b.maxRetries) {
      job.stats.inProgress--;
      job.stats.failed++;
      b.log.push({ queueName, eventId, attempt, outcome: 'failed' });
      return;
    }
    b.log.push({ queueName, eventId, attempt, outcome: 'retry' });
    retryContext = { retryCount: attempt + 1, retryReason: reason, retryData };
    await sleep(retryAfter * b.timeScaleMs);
  }
}

export class JobProgress {
  constructor(
    private readonly queueParams: { key: string },
    private readonly id: string,
  ) {}

  private job(): JobState {
    const job = bus().jobs.get(this.id);
    if (!job || job.queueName !== this.queueParams.key) {
      throw new JobDoesNotExistError(`The job ${this.id} was not found for the queue ${this.queueParams.key}.`);
    }
    return job;
  }

  async getStats(): Promise<JobStats> {
    return { ...this.job().stats };
  }

  async cancel(): Promise<void> {
    this.job().cancelled = true;
  }
}

export class Queue<T extends Body = Body> {
  constructor(private readonly queueParams: { key: string }) {
    validateQueueKey(queueParams.key);
  }

  async push(events: PushEvent<T> | PushEvent<T>[]): Promise<PushResult> {
    const valid = validatePushEvents(events);
    const b = bus();
    const jobId = randomUUID();
    b.jobs.set(jobId, { queueName: this.queueParams.key, stats: { success: 0, inProgress: valid.length, failed: 0 }, cancelled: false });
    for (const ev of valid) {
      // The body crosses a JSON boundary, as in Forge.
      const copy = JSON.parse(JSON.stringify(ev)) as PushEvent;
      const p: Promise<void> = deliver(this.queueParams.key, jobId, copy)
        .catch((e: unknown) => console.error('[sandbox queue]', e))
        .finally(() => b.pending.delete(p));
      b.pending.add(p);
    }
    return { jobId };
  }

  getJob(jobId: string): JobProgress {
    return new JobProgress(this.queueParams, jobId);
  }

  async cancel(jobId: string): Promise<void> {
    await this.getJob(jobId).cancel();
  }

  async getStats(jobId: string): Promise<JobStats> {
    return this.getJob(jobId).getStats();
  }
}

export interface AppEvent {
  key: string;
}
export const appEvents = {
  async publish(_events: AppEvent | AppEvent[]): Promise<{ type: 'success'; failedEvents: [] }> {
    return { type: 'success', failedEvents: [] };
  },
};
