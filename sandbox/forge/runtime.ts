/**
 * Forge runtime host for the sandbox: loads a `manifest.yml`, resolves `function` → `handler` against given module
 * objects, and invokes them the way Forge does — resolvers (Custom UI `invoke`), product-event `trigger`s,
 * `scheduledTrigger`s, queue `consumer`s, `jira:workflowValidator` / `jira:workflowPostFunction` functions and
 * `webtrigger`s — each inside its own invocation context (AsyncLocalStorage: invocation id, user, stand-in URL,
 * secret) so the @forge/api shim calls the Jira stand-in with the right identity.
 *
 * Typical wiring (sandbox start script):
 *   import '../sandbox/forge/register';                 // @forge/* → shims (before app code is loaded)
 *   const host = await ForgeHost.load({
 *     manifestPath: 'manifest.yml',
 *     modules: { index: require('../src/index') },      // handler "index.onIssueEvent" → modules.index.onIssueEvent
 *     jiraBaseUrl: 'http://127.0.0.1:4010', secret: process.env.SANDBOX_SECRET!, dataDir: '.sandbox/forge',
 *   });
 *   host.startSchedules();
 *   jiraStandIn.onEvent((e) => void host.emitProductEvent(e));   // stand-in → triggers
 *   app.post('/__sandbox/invoke', async (req, res) => { const r = await host.handleBridgeInvoke(req.body, userOf(req)); res.status(r.status).json(r.body); });
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { configureSandbox, makeInvocationContext, runInInvocation, type InvocationContext, type ModuleKind } from './context';
import { configureKvs } from './kvs';
import type { EntityDecl } from './kvs-backend';
import { configureQueues, drainQueues, isRetryResult, type AsyncEvent } from './events';
import { configureTranslations } from './api';
import { compileFilterExpression, ExpressionParseError, type CompiledExpression } from './filter-expression';
import type { TranslationResourceContent } from './i18n-core';

// ---------------------------------------------------------------------------------------------------------------
// Manifest shapes (only what the host reads)
// ---------------------------------------------------------------------------------------------------------------
export interface ManifestFunction {
  key: string;
  handler: string;
  timeoutSeconds?: number;
}
export interface ManifestModule {
  key: string;
  function?: string;
  resolver?: { function?: string; method?: string; endpoint?: string };
  [k: string]: unknown;
}
export interface Manifest {
  app?: { id?: string; storage?: { entities?: EntityDecl[] }; [k: string]: unknown };
  modules?: Record<string, ManifestModule[] | undefined> & { function?: ManifestFunction[] };
  translations?: { resources?: Array<{ key: string; path: string }>; fallback?: { default?: string; [k: string]: string | string[] | undefined } };
  [k: string]: unknown;
}

type TriggerFilter = { ignoreSelf?: boolean; expression?: string; onError?: 'IGNORE' | 'IGNORE_AND_LOG' | 'RECEIVE' | 'RECEIVE_AND_LOG' };

// ---------------------------------------------------------------------------------------------------------------
// Host options and records
// ---------------------------------------------------------------------------------------------------------------
/** An app module object: its exports (handler functions) by name. */
export type AppModule = Record<string, unknown>;

export interface EventDeliveryOptions {
  /** Delay before the first delivery (Forge: up to 3 min). Default 0. */
  delayMs?: number;
  /** Deliver every event twice (at-least-once); the copy arrives after duplicateDelayMs. */
  duplicate?: boolean;
  duplicateDelayMs?: number;
}

export interface ForgeHostOptions {
  manifestPath: string;
  /** Handler module path (as in manifest handler "path/to/module.export") → module exports. */
  modules: Record<string, AppModule> | ((modulePath: string) => AppModule);
  jiraBaseUrl: string;
  secret: string;
  /** Persist KVS to <dataDir>/kvs.json. Omit for memory only. */
  dataDir?: string;
  /** Simulated storage latency (ms). */
  kvsLatencyMs?: number;
  /** The app's own accountId in the stand-in (events whose atlassianId equals it count as self-generated). */
  appAccountId?: string;
  cloudId?: string;
  /** Product-event delivery: delay and duplicates. Can be changed later with setEventDelivery(). */
  eventDelivery?: EventDeliveryOptions;
  /** ms per second for retryAfter / delayInSeconds (1000 = real time, 0 = immediately). Default 1000. */
  timeScaleMs?: number;
  /** Override scheduled-trigger intervals (ms) by interval name or module key, e.g. { fiveMinute: 5000 }. */
  scheduleIntervalsMs?: Record<string, number>;
  /** Unsupported filter expressions: 'ignore' (deliver as if absent, warn once) or 'throw' at load. Default 'ignore'. */
  unsupportedExpressions?: 'ignore' | 'throw';
  /** Enforce invocation time limits (25 s interactive, 55 s / timeoutSeconds async). Default true. */
  enforceTimeouts?: boolean;
  /** Called after every invocation (accounting). */
  onInvocation?: (record: InvocationRecord) => void;
  /** Logger for IGNORE_AND_LOG etc. Default console. */
  logger?: Pick<Console, 'warn' | 'error' | 'info'>;
}

export interface InvocationRecord {
  invocationId: string;
  moduleKind: ModuleKind;
  moduleKey: string;
  functionKey: string;
  accountId?: string;
  startedAt: number;
  durationMs: number;
  outcome: 'ok' | 'error' | 'retry' | 'timeout';
  error?: string;
}

export interface ResolverInvokeRequest {
  /** The UI module the call comes from (its `resolver.function` is used)… */
  moduleKey?: string;
  /** …or the manifest function key directly. */
  functionKey?: string;
  /** The resolver definition key (bridge `invoke(key, payload)`). */
  call: string;
  payload?: unknown;
  /** The authenticated user (from the host's session — never trust the browser for this). */
  accountId?: string;
  localId?: string;
  /** Module-specific extension data (issue, project, gadget config…), as view.getContext().extension. */
  extension?: Record<string, unknown>;
  /** Extra frontend context fields. */
  context?: Record<string, unknown>;
}

export interface ProductEvent {
  eventType: string;
  /** Set by the stand-in when the change was made by the app (asApp()). */
  selfGenerated?: boolean;
  atlassianId?: string;
  [k: string]: unknown;
}

export interface TriggerDelivery {
  moduleKey: string;
  copy: number;
  delivered: boolean;
  reason?: 'ignoreSelf' | 'expression' | 'expressionError';
  attempts: number;
  outcome?: InvocationRecord['outcome'];
}

export interface ValidatorRequest {
  issueKey: string;
  configuration?: unknown;
  from: string;
  to: string;
  modifiedFields?: Record<string, unknown>;
  accountId?: string;
}

const INTERVAL_MS: Record<string, number> = { fiveMinute: 5 * 60_000, hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };
const sleep = (ms: number): Promise<void> => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

class InvocationTimeoutError extends Error {
  constructor(ms: number) {
    super(`Forge invocation timed out after ${ms} ms (FUNCTION_TIME_OUT).`);
    this.name = 'InvocationTimeoutError';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The host
// ---------------------------------------------------------------------------------------------------------------
export class ForgeHost {
  readonly manifest: Manifest;
  readonly manifestDir: string;
  readonly invocations: InvocationRecord[] = [];
  private readonly functions = new Map<string, ManifestFunction>();
  private readonly expressions = new Map<string, CompiledExpression | null>();
  /** The entity properties a trigger filter sees as `event.runtime` (set by whoever wires the host to a site). */
  runtimeResolver: ((event: ProductEvent) => Record<string, unknown>) | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pending = new Set<Promise<unknown>>();
  private eventDelivery: EventDeliveryOptions;
  private readonly logger: Pick<Console, 'warn' | 'error' | 'info'>;

  private constructor(
    private readonly options: ForgeHostOptions,
    manifest: Manifest,
  ) {
    this.manifest = manifest;
    this.manifestDir = dirname(resolvePath(options.manifestPath));
    this.eventDelivery = { ...(options.eventDelivery ?? {}) };
    this.logger = options.logger ?? console;
    for (const f of manifest.modules?.function ?? []) this.functions.set(f.key, f);
  }

  /** Load a manifest, configure the shims (stand-in URL, secret, KVS entities/persistence, queues, translations). */
  static async load(options: ForgeHostOptions): Promise<ForgeHost> {
    const manifest = parseYaml(readFileSync(options.manifestPath, 'utf8')) as Manifest;
    const host = new ForgeHost(options, manifest);
    configureSandbox({
      jiraBaseUrl: options.jiraBaseUrl,
      secret: options.secret,
      ...(options.cloudId ? { cloudId: options.cloudId } : {}),
      ...(manifest.app?.id ? { appId: String(manifest.app.id).split('/').pop() ?? 'sandbox-app' } : {}),
    });
    configureKvs({
      entities: manifest.app?.storage?.entities ?? [],
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.kvsLatencyMs !== undefined ? { latencyMs: options.kvsLatencyMs } : {}),
    });
    configureQueues({
      deliverer: (queueName, event) => host.deliverQueueEvent(queueName, event),
      timeScaleMs: options.timeScaleMs ?? 1000,
    });
    host.loadTranslations();
    host.validate();
    return host;
  }

  // ----- manifest helpers -------------------------------------------------------------------------------------
  /** Modules of one type (e.g. 'trigger', 'jira:issuePanel'). */
  modulesOf(type: string): ManifestModule[] {
    const list = this.manifest.modules?.[type];
    return Array.isArray(list) ? (list as ManifestModule[]) : [];
  }

  /** Find a module of any type by key. */
  findModule(moduleKey: string): { type: string; module: ManifestModule } | undefined {
    for (const [type, list] of Object.entries(this.manifest.modules ?? {})) {
      if (type === 'function' || !Array.isArray(list)) continue;
      const m = (list as ManifestModule[]).find((x) => x.key === moduleKey);
      if (m) return { type, module: m };
    }
    return undefined;
  }

  /** Resolve a manifest function key to its handler function ("index.onIssueEvent" → modules.index.onIssueEvent). */
  resolveHandler(functionKey: string): (...args: unknown[]) => unknown {
    const fn = this.functions.get(functionKey);
    if (!fn) throw new Error(`Manifest has no function '${functionKey}'.`);
    const dot = fn.handler.lastIndexOf('.');
    if (dot <= 0) throw new Error(`Function '${functionKey}': handler '${fn.handler}' must look like 'module.export'.`);
    const modulePath = fn.handler.slice(0, dot);
    const exportName = fn.handler.slice(dot + 1);
    const mod = typeof this.options.modules === 'function' ? this.options.modules(modulePath) : this.options.modules[modulePath];
    if (!mod) throw new Error(`Function '${functionKey}': no module '${modulePath}' was given to the host.`);
    const handler = mod[exportName];
    if (typeof handler !== 'function') throw new Error(`Function '${functionKey}': module '${modulePath}' has no exported function '${exportName}'.`);
    return handler as (...args: unknown[]) => unknown;
  }

  private validate(): void {
    for (const [type, list] of Object.entries(this.manifest.modules ?? {})) {
      if (type === 'function' || !Array.isArray(list)) continue;
      for (const m of list as ManifestModule[]) {
        const fk = m.function ?? m.resolver?.function;
        if (fk) this.resolveHandler(fk); // throws early on a bad wiring
        if (type === 'trigger') {
          for (const f of this.triggerFilters(m)) this.compileExpression(m.key, f.expression);
        }
      }
    }
  }

  private loadTranslations(): void {
    const t = this.manifest.translations;
    if (!t?.resources) return;
    const resources: Record<string, TranslationResourceContent> = {};
    for (const r of t.resources) {
      resources[r.key] = JSON.parse(readFileSync(resolvePath(this.manifestDir, r.path), 'utf8')) as TranslationResourceContent;
    }
    configureTranslations({ resources, ...(t.fallback ? { fallback: t.fallback } : {}) });
  }

  // ----- invocation core --------------------------------------------------------------------------------------
  private async invoke(
    kind: ModuleKind,
    moduleKey: string,
    functionKey: string,
    accountId: string | undefined,
    args: unknown[],
  ): Promise<{ value: unknown; record: InvocationRecord }> {
    const handler = this.resolveHandler(functionKey);
    const interactive = kind === 'resolver' || kind === 'jira:workflowValidator' || kind === 'jira:jqlFunction' || kind === 'jira:customField';
    const fnTimeout = this.functions.get(functionKey)?.timeoutSeconds;
    const limitMs = interactive ? 25_000 : kind === 'webtrigger' ? 55_000 : (fnTimeout ?? 55) * 1000;
    const startedAt = Date.now();
    const ctx: InvocationContext = makeInvocationContext({
      moduleKind: kind,
      moduleKey,
      functionKey,
      deadline: startedAt + limitMs,
      ...(accountId ? { accountId } : {}),
    });
    const record: InvocationRecord = {
      invocationId: ctx.invocationId,
      moduleKind: kind,
      moduleKey,
      functionKey,
      startedAt,
      durationMs: 0,
      outcome: 'ok',
      ...(accountId ? { accountId } : {}),
    };
    const finish = (): void => {
      record.durationMs = Date.now() - startedAt;
      this.invocations.push(record);
      this.options.onInvocation?.(record);
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      const run = runInInvocation(ctx, async () => handler(...args));
      const value =
        this.options.enforceTimeouts === false
          ? await run
          : await Promise.race([
              run,
              new Promise<never>((_, reject) => {
                timer = setTimeout(() => reject(new InvocationTimeoutError(limitMs)), limitMs);
                timer.unref();
              }),
            ]);
      if (isRetryResult(value)) record.outcome = 'retry';
      finish();
      return { value, record };
    } catch (e) {
      record.outcome = e instanceof InvocationTimeoutError ? 'timeout' : 'error';
      record.error = e instanceof Error ? e.message : String(e);
      finish();
      throw e;
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  private baseContext(moduleKey: string): Record<string, unknown> {
    const ctx = makeInvocationContext();
    return { installContext: ctx.installContext, cloudId: ctx.cloudId, moduleKey };
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p)).catch(() => undefined);
    return p;
  }

  /** Resolves when all in-flight deliveries (events, duplicates, retries, queue events) are done. */
  async drain(): Promise<void> {
    for (;;) {
      if (this.pending.size > 0) await Promise.allSettled([...this.pending]);
      await drainQueues();
      if (this.pending.size === 0) return;
    }
  }

  // ----- resolvers --------------------------------------------------------------------------------------------
  /** Run a resolver definition like Custom UI `invoke(call, payload)` from `moduleKey` (or a function key). */
  async invokeResolver(req: ResolverInvokeRequest): Promise<unknown> {
    let functionKey = req.functionKey;
    let moduleType = 'function';
    let moduleKey = req.moduleKey ?? req.functionKey ?? '';
    if (req.moduleKey) {
      const found = this.findModule(req.moduleKey);
      if (!found) throw new Error(`Manifest has no module '${req.moduleKey}'.`);
      moduleType = found.type;
      functionKey = found.module.resolver?.function;
      if (!functionKey) throw new Error(`Module '${req.moduleKey}' has no resolver.function.`);
      moduleKey = found.module.key;
    }
    if (!functionKey) throw new Error('invokeResolver needs moduleKey or functionKey.');
    const base = makeInvocationContext();
    const context = {
      ...(req.context ?? {}),
      localId: req.localId ?? `ari:cloud:ecosystem::extension/${base.appId}/${base.environmentId}/static/${moduleKey}`,
      cloudId: base.cloudId,
      moduleKey,
      environmentId: base.environmentId,
      environmentType: base.environmentType,
      accountType: req.accountId ? 'licensed' : 'unlicensed',
      extension: { type: moduleType, ...(req.extension ?? {}) },
    };
    const backendRuntimePayload = {
      ...(req.accountId ? { principal: { accountId: req.accountId } } : {}),
      installContext: base.installContext,
      license: { isActive: true, active: true, type: 'commercial' },
      installation: { ari: { installationId: base.installationId } },
    };
    const { value } = await this.invoke('resolver', moduleKey, functionKey, req.accountId, [
      { call: { functionKey: req.call, payload: req.payload ?? {} }, context },
      backendRuntimePayload,
    ]);
    return value;
  }

  /**
   * For the host's HTTP server: POST /__sandbox/invoke body `{ functionKey, payload, context: { moduleKey, localId,
   * extension } }` (what the bridge shim sends). `accountId` must come from the server's own session.
   */
  async handleBridgeInvoke(body: unknown, accountId: string | undefined): Promise<{ status: number; body: unknown }> {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const ctx = (typeof b['context'] === 'object' && b['context'] !== null ? b['context'] : {}) as Record<string, unknown>;
    if (typeof b['functionKey'] !== 'string' || typeof ctx['moduleKey'] !== 'string') {
      return { status: 400, body: { message: 'functionKey and context.moduleKey are required' } };
    }
    try {
      const { moduleKey, localId, extension, ...rest } = ctx;
      const result = await this.invokeResolver({
        moduleKey: moduleKey as string,
        call: b['functionKey'],
        payload: b['payload'],
        ...(accountId ? { accountId } : {}),
        ...(typeof localId === 'string' ? { localId } : {}),
        ...(typeof extension === 'object' && extension !== null ? { extension: extension as Record<string, unknown> } : {}),
        context: rest,
      });
      return { status: 200, body: { body: result === undefined ? null : result } };
    } catch (e) {
      return { status: 500, body: { message: e instanceof Error ? e.message : String(e) } };
    }
  }

  // ----- product-event triggers -------------------------------------------------------------------------------
  setEventDelivery(options: EventDeliveryOptions): void {
    this.eventDelivery = { ...options };
  }

  private triggerFilters(m: ManifestModule): TriggerFilter[] {
    const out: TriggerFilter[] = [];
    if (m['filter']) out.push(m['filter'] as TriggerFilter);
    const events = m['events'];
    if (Array.isArray(events)) for (const e of events) if (typeof e === 'object' && e && 'filter' in e) out.push((e as { filter: TriggerFilter }).filter);
    return out;
  }

  private compileExpression(moduleKey: string, expression: string | undefined): CompiledExpression | null {
    if (!expression) return null;
    const cacheKey = `${moduleKey}\u0000${expression}`;
    if (this.expressions.has(cacheKey)) return this.expressions.get(cacheKey) ?? null;
    let compiled: CompiledExpression | null = null;
    try {
      compiled = compileFilterExpression(expression);
    } catch (e) {
      if (!(e instanceof ExpressionParseError) || this.options.unsupportedExpressions === 'throw') throw e;
      this.logger.warn(`[forge-host] trigger '${moduleKey}': filter.expression not supported by the sandbox, ignored: ${e.message}`);
    }
    this.expressions.set(cacheKey, compiled);
    return compiled;
  }

  /** The triggers subscribed to an event type, with the filter that applies. */
  private subscribers(eventType: string): Array<{ module: ManifestModule; filter: TriggerFilter }> {
    const out: Array<{ module: ManifestModule; filter: TriggerFilter }> = [];
    for (const m of this.modulesOf('trigger')) {
      const events = Array.isArray(m['events']) ? (m['events'] as unknown[]) : [];
      for (const e of events) {
        if (e === eventType) out.push({ module: m, filter: (m['filter'] as TriggerFilter | undefined) ?? {} });
        else if (typeof e === 'object' && e !== null && (e as { eventType?: unknown }).eventType === eventType) {
          out.push({ module: m, filter: { ...((m['filter'] as TriggerFilter | undefined) ?? {}), ...((e as { filter?: TriggerFilter }).filter ?? {}) } });
        }
      }
    }
    return out;
  }

  /**
   * Deliver a product event (e.g. from the Jira stand-in) to the subscribed triggers. Resolves when every delivery —
   * including the late duplicate and retries — is done; callers may fire and forget (use drain() in tests).
   */
  emitProductEvent(event: ProductEvent): Promise<TriggerDelivery[]> {
    const selfGenerated = event.selfGenerated === true || (this.options.appAccountId !== undefined && event.atlassianId === this.options.appAccountId);
    const payload: ProductEvent = { ...event, selfGenerated };
    const opts = this.eventDelivery;
    const copies = opts.duplicate ? 2 : 1;
    const jobs: Array<Promise<TriggerDelivery>> = [];
    for (const { module, filter } of this.subscribers(event.eventType)) {
      for (let copy = 0; copy < copies; copy++) {
        const delay = (opts.delayMs ?? 0) + (copy > 0 ? (opts.duplicateDelayMs ?? 0) : 0);
        jobs.push(this.deliverToTrigger(module, filter, payload, copy, delay));
      }
    }
    return this.track(Promise.all(jobs));
  }

  private async deliverToTrigger(module: ManifestModule, filter: TriggerFilter, event: ProductEvent, copy: number, delayMs: number): Promise<TriggerDelivery> {
    const report: TriggerDelivery = { moduleKey: module.key, copy, delivered: false, attempts: 0 };
    if (filter.ignoreSelf && event.selfGenerated) return { ...report, reason: 'ignoreSelf' };
    const compiled = this.compileExpression(module.key, filter.expression);
    if (compiled) {
      const onError = filter.onError ?? 'IGNORE_AND_LOG';
      try {
        // Entity properties are read by filter expressions under `event.runtime.` (preview;
        // events-reference/product_events, "Filtering by entity properties"); they are not part
        // of the delivered payload.
        const runtime = this.runtimeResolver?.(event) ?? {};
        const r = compiled({ event: JSON.parse(JSON.stringify({ ...event, runtime })) as unknown });
        if (r !== true) return { ...report, reason: 'expression' };
      } catch (e) {
        if (onError.endsWith('_LOG')) this.logger.warn(`[forge-host] trigger '${module.key}': filter expression failed: ${e instanceof Error ? e.message : String(e)}`);
        if (onError.startsWith('IGNORE')) return { ...report, reason: 'expressionError' };
      }
    }
    await sleep(delayMs);
    const functionKey = module.function;
    if (!functionKey) throw new Error(`Trigger '${module.key}' has no function.`);
    const scale = this.options.timeScaleMs ?? 1000;
    let retryContext: Record<string, unknown> | undefined;
    for (let attempt = 0; attempt <= 4; attempt++) {
      report.attempts = attempt + 1;
      const accountId = event.selfGenerated ? undefined : event.atlassianId;
      const arg = JSON.parse(JSON.stringify({ ...event, ...(retryContext ? { retryContext } : {}) })) as unknown;
      try {
        const { value, record } = await this.invoke('trigger', module.key, functionKey, accountId, [arg, this.baseContext(module.key)]);
        report.delivered = true;
        report.outcome = record.outcome;
        if (!isRetryResult(value)) return report;
        retryContext = { retryCount: attempt + 1, retryReason: value.retryOptions.retryReason, retryData: value.retryOptions.retryData };
        if (attempt < 4) await sleep(Math.min(900, value.retryOptions.retryAfter ?? 1) * scale);
      } catch (e) {
        report.delivered = true;
        report.outcome = e instanceof InvocationTimeoutError ? 'timeout' : 'error';
        this.logger.error(`[forge-host] trigger '${module.key}' failed:`, e);
        return report; // app errors are not retried for product events
      }
    }
    return report;
  }

  // ----- scheduled triggers -----------------------------------------------------------------------------------
  /** Run a scheduled trigger now (by module key). */
  async runScheduled(moduleKey: string): Promise<unknown> {
    const m = this.modulesOf('scheduledTrigger').find((x) => x.key === moduleKey);
    if (!m?.function) throw new Error(`Manifest has no scheduledTrigger '${moduleKey}' with a function.`);
    const ctx = this.baseContext(moduleKey);
    const { value } = await this.invoke('scheduledTrigger', moduleKey, m.function, undefined, [
      { context: { cloudId: ctx['cloudId'], moduleKey }, contextToken: undefined },
      ctx,
    ]);
    return value;
  }

  /** The module keys of the manifest's scheduled triggers. */
  scheduledTriggerKeys(): string[] {
    return this.modulesOf('scheduledTrigger').map((m) => m.key);
  }

  /** Start timers for all scheduled triggers (interval from the manifest, or scheduleIntervalsMs overrides). */
  startSchedules(): void {
    for (const m of this.modulesOf('scheduledTrigger')) {
      const interval = String(m['interval'] ?? 'hour');
      const ms = this.options.scheduleIntervalsMs?.[m.key] ?? this.options.scheduleIntervalsMs?.[interval] ?? INTERVAL_MS[interval];
      if (!ms) throw new Error(`scheduledTrigger '${m.key}': unknown interval '${interval}'.`);
      const t = setInterval(() => {
        void this.track(this.runScheduled(m.key)).catch((e: unknown) => this.logger.error(`[forge-host] scheduledTrigger '${m.key}' failed:`, e));
      }, ms);
      t.unref();
      this.timers.add(t);
    }
  }

  stopSchedules(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers.clear();
  }

  // ----- workflow rules ---------------------------------------------------------------------------------------
  /** Run a lambda `jira:workflowValidator` with the documented payload; returns { result, errorMessage }. */
  async runValidator(moduleKey: string, req: ValidatorRequest): Promise<{ result: boolean; errorMessage?: string }> {
    const m = this.modulesOf('jira:workflowValidator').find((x) => x.key === moduleKey);
    if (!m) throw new Error(`Manifest has no jira:workflowValidator '${moduleKey}'.`);
    if (!m.function) throw new Error(`Validator '${moduleKey}' is expression-based; the sandbox only runs lambda validators.`);
    const configuration = typeof req.configuration === 'string' ? (JSON.parse(req.configuration) as unknown) : (req.configuration ?? {});
    const payload = {
      issue: { key: req.issueKey },
      configuration,
      transition: { from: { id: req.from }, to: { id: req.to }, ...(req.modifiedFields ? { modifiedFields: req.modifiedFields } : {}) },
    };
    try {
      const context = { ...this.baseContext(moduleKey), ...(req.accountId ? { principal: { accountId: req.accountId } } : {}) };
      const { value } = await this.invoke('jira:workflowValidator', moduleKey, m.function, req.accountId, [payload, context]);
      const v = (typeof value === 'object' && value !== null ? value : {}) as { result?: unknown; errorMessage?: unknown };
      if (typeof v.result !== 'boolean') return { result: false, errorMessage: `Validator '${moduleKey}' returned no boolean result.` };
      return { result: v.result, ...(typeof v.errorMessage === 'string' && !v.result ? { errorMessage: v.errorMessage } : {}) };
    } catch (e) {
      // A failing or timed-out validator blocks the transition.
      return { result: false, errorMessage: e instanceof Error ? e.message : String(e) };
    }
  }

  /**
   * Run a `jira:jqlFunction` as Jira does when a query uses it: the payload carries the clause
   * (field, operator, function name, arguments); the function answers `{ jql }` or `{ error }`.
   */
  async runJqlFunction(
    name: string,
    clause: { field: string; operator: string; arguments: string[] },
    accountId?: string,
  ): Promise<{ jql?: string; error?: string } | undefined> {
    const m = this.modulesOf('jira:jqlFunction').find((x) => String(x['name'] ?? '').toLowerCase() === name.toLowerCase());
    if (!m?.function) return undefined;
    const payload = { precomputationId: null, clause: { field: clause.field, type: ['issue'], operator: clause.operator, functionName: name, arguments: clause.arguments } };
    const { value } = await this.invoke('jira:jqlFunction', m.key, m.function, accountId, [payload, this.baseContext(m.key)]);
    return (typeof value === 'object' && value !== null ? value : {}) as { jql?: string; error?: string };
  }

  /** The module key of the JQL function with this name (its precomputations' function key ends with it). */
  jqlFunctionModuleKey(name: string): string | undefined {
    return this.modulesOf('jira:jqlFunction').find((x) => String(x['name'] ?? '').toLowerCase() === name.toLowerCase())?.key;
  }

  /**
   * Ask a `jira:customField`'s `searchSuggestions.function` for values, with the payload the
   * docs give (manifest-reference/modules/jira-custom-field, "Search suggestions" → Input):
   * `{fieldId, fieldType, fieldName, query, searchAlias?, user: {accountId}, context: {cloudId}}`.
   * The function "must return a list of suggestions", each a string or `{value, label}`;
   * anything else is dropped, as Jira cannot show it.
   */
  async runSearchSuggestions(
    fieldModuleKey: string,
    input: { fieldId: string; fieldType: string; fieldName: string; query: string; searchAlias?: string },
    accountId?: string,
  ): Promise<(string | { value: string; label: string })[] | null> {
    const m = this.modulesOf('jira:customField').find((x) => x.key === fieldModuleKey);
    const fn = (m?.['searchSuggestions'] as { function?: string } | undefined)?.function;
    if (!m || !fn) return null;
    const payload = {
      fieldId: input.fieldId,
      fieldType: input.fieldType,
      fieldName: input.fieldName,
      query: input.query,
      ...(input.searchAlias ? { searchAlias: input.searchAlias } : {}),
      user: { accountId: accountId ?? null },
      context: { cloudId: this.baseContext(m.key)['cloudId'] ?? null },
    };
    const { value } = await this.invoke('jira:customField', m.key, fn, accountId, [payload, this.baseContext(m.key)]);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (x): x is string | { value: string; label: string } =>
        typeof x === 'string' || (typeof x === 'object' && x !== null && typeof (x as { value?: unknown }).value === 'string' && typeof (x as { label?: unknown }).label === 'string'),
    );
  }

  /** The names of the manifest's JQL functions. */
  jqlFunctionNames(): string[] {
    return this.modulesOf('jira:jqlFunction').map((m) => String(m['name'] ?? '')).filter((n) => n !== '');
  }

  /** Run a `jira:workflowPostFunction` function (after a transition) with the documented payload fields. */
  async runPostFunction(moduleKey: string, payload: Record<string, unknown>): Promise<unknown> {
    const m = this.modulesOf('jira:workflowPostFunction').find((x) => x.key === moduleKey);
    if (!m?.function) throw new Error(`Manifest has no jira:workflowPostFunction '${moduleKey}' with a function.`);
    const accountId = typeof payload['atlassianId'] === 'string' ? payload['atlassianId'] : undefined;
    const { value } = await this.invoke('jira:workflowPostFunction', moduleKey, m.function, accountId, [payload, this.baseContext(moduleKey)]);
    return value;
  }

  // ----- web triggers -----------------------------------------------------------------------------------------
  async runWebTrigger(
    moduleKey: string,
    request: { method: string; path: string; body?: string; headers?: Record<string, string[]>; queryParameters?: Record<string, string[]> },
  ): Promise<unknown> {
    const m = this.modulesOf('webtrigger').find((x) => x.key === moduleKey);
    if (!m?.function) throw new Error(`Manifest has no webtrigger '${moduleKey}' with a function.`);
    const base = this.baseContext(moduleKey);
    const { value } = await this.invoke('webtrigger', moduleKey, m.function, undefined, [
      { body: '', headers: {}, queryParameters: {}, ...request },
      { installContext: base['installContext'] },
    ]);
    return value;
  }

  // ----- queues -----------------------------------------------------------------------------------------------
  private async deliverQueueEvent(queueName: string, event: AsyncEvent): Promise<unknown> {
    const m = this.modulesOf('consumer').find((x) => x['queue'] === queueName);
    if (!m) throw new Error(`Manifest has no consumer for queue '${queueName}'.`);
    const base = this.baseContext(m.key);
    if (m.function) {
      const { value } = await this.invoke('consumer', m.key, m.function, undefined, [event, base]);
      return value;
    }
    if (m.resolver?.function && m.resolver.method) {
      // Older style: consumer → resolver definition `method`, payload = event body.
      const { value } = await this.invoke('consumer', m.key, m.resolver.function, undefined, [
        { call: { functionKey: m.resolver.method, payload: event.body, jobId: event.jobId }, context: { ...base, ...event } },
        { installContext: base['installContext'] },
      ]);
      return value;
    }
    throw new Error(`Consumer '${m.key}' has neither function nor resolver.function/method.`);
  }

  /** Stop timers and wait for in-flight work. */
  async close(): Promise<void> {
    this.stopSchedules();
    await this.drain();
  }
}
