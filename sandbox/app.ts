/**
 * The whole app on one machine: the Jira Cloud stand-in, the Forge runtime host running the
 * real handlers of src/index.ts from the real manifest.yml, and the mini Jira shell, all on one
 * origin. `npm start` calls `startSandbox()`; the browser tests do too.
 *
 * On a fresh data directory it provisions the demo site the way an admin would: it registers
 * the manifest's fields, entity-property aliases and validator with the stand-in (what
 * `forge deploy` + `forge install` do on a real site), runs the app's own setup for the two
 * demo projects, saves their policies, and loads the demo complaints.
 */
import './forge/register'; // @forge/* → the sandbox shims, before any app code loads
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { makeInvocationContext } from './forge/context';
import { ForgeHost, type EventDeliveryOptions } from './forge/runtime';
import { installForgeRuntimeWrapper } from './forge/wrapper';
import { APP_USER, DEMO_USERS, JiraHttpError, forgeFieldAri, startJiraServer, type Actor, type JiraServer } from './jira';
import { objectSearchAliases, type SchemaProperty } from './jira/jql/fields';
import type { SuggestHook } from './jira/routes';
import { loadDemoSite, type DemoClock, type DemoWrite } from './demo/load';
import { createShell, refuseForeignWrite } from './shell/server';

export const ROOT = resolve(__dirname, '..');

export interface SandboxOptions {
  port?: number;
  /** Default env SANDBOX_DATA_DIR, else <repo>/.sandbox. */
  dataDir?: string;
  /** Start from scratch: drop the data directory's contents and provision the demo site again. */
  reset?: boolean;
  /** Load the demo complaints on a fresh site (default true). */
  demo?: boolean;
  /** Load only the first N demo complaints, and record the loader's writes (tests). */
  demoLimit?: number;
  demoWrites?: DemoWrite[];
  /** Product-event delivery (duplicates and late delivery can be switched on). */
  eventDelivery?: EventDeliveryOptions;
  /** Run scheduled triggers on their timers (default true). */
  schedules?: boolean;
  /** ms per second for retry back-offs and queue delays (default 1000 = real time; tests use less). */
  timeScaleMs?: number;
  log?: (message: string) => void;
}

export interface Sandbox {
  url: string;
  jira: JiraServer;
  host: ForgeHost;
  close(): Promise<void>;
}

interface ManifestShape {
  modules: Record<
    string,
    {
      key: string;
      name?: unknown;
      type?: string;
      collection?: string;
      readOnly?: boolean;
      propertyKey?: string;
      values?: { path: string; type: string; searchAlias?: string }[];
      schema?: { properties?: Record<string, SchemaProperty> };
    }[]
  >;
}

/**
 * SANDBOX_HANDLERS=bundle: the handlers Forge would run — the package Forge's own bundler builds
 * (scripts/forge-bundle.cjs, as `forge deploy`), with the real @forge/* packages compiled in, on the
 * sandbox's stand-in for Forge's runtime wrapper (forge/wrapper.ts). Otherwise src/index.ts under tsx/jest.
 */
function loadHandlers(): { index: Record<string, unknown>; cleanup: () => void } {
  if (process.env.SANDBOX_HANDLERS !== 'bundle') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after './forge/register' so @forge/* resolve to the shims
    return { index: require('../src/index') as Record<string, unknown>, cleanup: () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'forge-package-'));
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'forge-bundle.cjs'), '--out', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`SANDBOX_HANDLERS=bundle: the Forge bundle failed\n${r.stdout}${r.stderr}`);
  installForgeRuntimeWrapper(dir);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle is CommonJS, built at run time
  const index = require(join(dir, 'index.cjs')) as Record<string, unknown>;
  return { index, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function translations(): { zh: Record<string, string>; en: Record<string, string> } {
  const read = (f: string): Record<string, string> => JSON.parse(readFileSync(join(ROOT, 'locales', f), 'utf8')) as Record<string, string>;
  return { zh: read('zh-CN.json'), en: read('en-US.json') };
}

/** What `forge deploy` + `forge install` do on a real site: the manifest's modules become site objects. */
function registerManifest(jira: JiraServer, manifest: ManifestShape): void {
  const { appId, environmentId } = makeInvocationContext();
  const t = translations();
  const nameOf = (name: unknown): string => {
    const key = typeof name === 'object' && name !== null ? String((name as { i18n?: unknown }).i18n ?? '') : String(name ?? '');
    return t.zh[key] ?? t.en[key] ?? key;
  };
  for (const f of manifest.modules['jira:customField'] ?? []) {
    const rec = jira.store.registerAppField({
      appId,
      environmentId,
      key: f.key,
      name: nameOf(f.name),
      type: (f.type ?? 'string') as 'string',
      ...(f.collection === 'list' ? { collection: 'list' as const } : {}),
      ...(f.readOnly === true ? { readOnly: true } : {}),
      ...(f.type === 'object' ? { searchAliases: objectSearchAliases(f.schema) } : {}),
    });
    // JQL accepts the field's English name too (a user whose Jira speaks English types that).
    const en = t.en[typeof f.name === 'object' && f.name !== null ? String((f.name as { i18n?: unknown }).i18n ?? '') : ''];
    if (en && !rec.clauseNames.includes(en)) rec.clauseNames.push(en);
  }
  for (const m of manifest.modules['jira:entityProperty'] ?? []) {
    for (const v of m.values ?? []) {
      if (v.searchAlias) {
        jira.store.registerPropertyAlias({ alias: v.searchAlias, propertyKey: m.propertyKey ?? m.key, path: v.path, type: v.type as 'string' });
      }
    }
  }
  for (const v of manifest.modules['jira:workflowValidator'] ?? []) {
    if (!jira.store.forgeRules().some((r) => r.id.endsWith(`/static/${v.key}`))) {
      jira.store.registerForgeRule({ appId, environmentId, moduleKey: v.key, name: nameOf(v.name), ruleType: 'Validator' });
    }
  }
}

/**
 * `POST /__sandbox/schedules/<module key>/run`: runs a manifest `scheduledTrigger` now, the way
 * its timer would (same invocation, same time limit), and answers when it has finished: 200
 * `{ moduleKey, result }` with the handler's return value, 404 for an unknown key, 500
 * `{ moduleKey, error }` when the handler threw. Tests and scripts need not wait an hour.
 * Like every write to the sandbox, it passes `refuseForeignWrite` first (sandbox/shell/server.ts):
 * it needs the session cookie and is refused to a cross-site browser request.
 */
async function runScheduleOnDemand(host: ForgeHost, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const m = /^\/__sandbox\/schedules\/([A-Za-z0-9_-]+)\/run\/?$/.exec(url.pathname);
  if (!m) return false;
  const reply = (status: number, body: unknown): true => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
    return true;
  };
  if ((req.method ?? 'GET').toUpperCase() !== 'POST') return reply(405, { errorMessages: ['Use POST to run a scheduled trigger.'], errors: {} });
  const moduleKey = m[1]!;
  if (!host.scheduledTriggerKeys().includes(moduleKey)) {
    return reply(404, { errorMessages: [`The manifest has no scheduledTrigger '${moduleKey}'.`], errors: {} });
  }
  try {
    const result = await host.runScheduled(moduleKey);
    return reply(200, { moduleKey, result: result ?? null });
  } catch (e) {
    return reply(500, { moduleKey, error: e instanceof Error ? e.message : String(e) });
  }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const log = options.log ?? ((m: string) => console.log(m));
  const dataDir = resolve(options.dataDir ?? process.env.SANDBOX_DATA_DIR ?? join(ROOT, '.sandbox'));
  const jiraDir = join(dataDir, 'jira');
  const forgeDir = join(dataDir, 'forge');
  const fresh = options.reset === true || !existsSync(join(jiraDir, 'site.json'));
  if (fresh) {
    rmSync(jiraDir, { recursive: true, force: true });
    rmSync(forgeDir, { recursive: true, force: true });
  }

  // The shell needs the host, which needs the stand-in's URL: it is plugged in once both exist.
  const shell: { handler?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> } = {};
  // The stand-in's clock: real time, except while the demo loader replays history.
  const clock: DemoClock = { fixed: null };
  // Jira's precomputation of app JQL functions: `issue in complaintRepeats(3)` → the app's
  // fragment, which replaces the whole clause (the function reads `clause.operator` and answers
  // for `in` or `not in` itself: manifest-reference/modules/jql-function, "Function
  // implementation example"). Jira stores the fragment as a precomputation and reuses it for the
  // same clause until the app updates it (GET/POST /rest/api/3/jql/function/computation,
  // "Each precomputation has a `value` - the JQL fragment to replace the custom function clause
  // with", jira-platform-v3.json); the stand-in calls the app once per clause, then caches.
  const fns: { host?: ForgeHost; jira?: JiraServer } = {};
  const expandJql = async (jql: string, actor: Actor): Promise<string> => {
    const host2 = fns.host;
    const store = fns.jira?.store;
    if (!host2 || !store) return jql;
    const { appId, environmentId } = makeInvocationContext();
    let out = jql;
    for (const name of host2.jqlFunctionNames()) {
      const re = new RegExp(`\\b(issue|issuekey|key)\\s+(not\\s+in|in)\\s+${name}\\s*\\(([^)]*)\\)`, 'gi');
      const matches = [...out.matchAll(re)];
      for (const m of matches) {
        const args = (m[3] ?? '').split(',').map((a) => a.trim().replace(/^"(.*)"$/, '$1')).filter((a) => a !== '');
        const operator = /not/i.test(m[2] ?? '') ? 'not in' : 'in';
        const field = (m[1] ?? 'issue').toLowerCase();
        const functionKey = forgeFieldAri(appId, environmentId, host2.jqlFunctionModuleKey(name) ?? name);
        let pre = store.findPrecomputation(functionKey, field, operator, args);
        if (!pre) {
          const r = await host2.runJqlFunction(name, { field, operator, arguments: args }, actor.kind === 'user' ? actor.user.accountId : undefined);
          if (!r || r.error || !r.jql) throw new JiraHttpError(400, { errorMessages: [r?.error ?? `The function '${name}' did not answer.`], errors: {} });
          pre = store.addPrecomputation({ functionKey, functionName: name, field, operator, arguments: args, value: r.jql, error: null });
        }
        if (pre.error || !pre.value) throw new JiraHttpError(400, { errorMessages: [pre.error ?? `The function '${name}' has no value.`], errors: {} });
        out = out.replace(m[0], `(${pre.value})`);
      }
    }
    return out;
  };
  // Search suggestions for the app's fields, from their `searchSuggestions` functions.
  const suggest: SuggestHook = async (field, query, actor) => {
    const host2 = fns.host;
    const moduleKey = field.fieldType.split('/static/')[1];
    if (!host2 || !moduleKey) return null;
    return host2.runSearchSuggestions(moduleKey, { fieldId: field.id, fieldType: field.fieldType, fieldName: field.name, query }, actor.kind === 'user' ? actor.user.accountId : undefined);
  };
  const jira = await startJiraServer({
    expandJql,
    suggest,
    ...(options.port !== undefined ? { port: options.port } : {}),
    dataDir: jiraDir,
    reset: fresh,
    now: () => clock.fixed ?? Date.now(),
    frontend: async (req, res, url) =>
      refuseForeignWrite(req, res, url) || (fns.host ? await runScheduleOnDemand(fns.host, req, res, url) : false) || (shell.handler ? shell.handler(req, res, url) : false),
  });

  const handlers = loadHandlers();
  const app = handlers.index;
  const manifestPath = join(ROOT, 'manifest.yml');
  const host = await ForgeHost.load({
    manifestPath,
    modules: { index: app },
    jiraBaseUrl: jira.url,
    secret: jira.secret,
    dataDir: forgeDir,
    appAccountId: APP_USER.accountId,
    eventDelivery: options.eventDelivery ?? {},
    ...(options.timeScaleMs !== undefined ? { timeScaleMs: options.timeScaleMs } : {}),
    logger: { info: () => undefined, warn: (...a: unknown[]) => console.warn(...a), error: (...a: unknown[]) => console.error(...a) },
  });
  fns.host = host;
  host.runtimeResolver = (event) => {
    const fields = (event['issue'] as { fields?: { project?: { id?: unknown } } } | undefined)?.fields;
    const projectId = typeof fields?.project?.id === 'string' ? fields.project.id : null;
    return { project: { properties: projectId ? jira.store.projectProperties(projectId) : {} } };
  };
  fns.jira = jira;
  const manifest = parseYaml(readFileSync(manifestPath, 'utf8')) as ManifestShape;
  registerManifest(jira, manifest);

  const validatorKeys = (manifest.modules['jira:workflowValidator'] ?? []).map((v) => v.key);
  jira.store.onTransition = async ({ issue, transition, user, fields }) => {
    for (const v of transition.validators ?? []) {
      const key = validatorKeys.find((k) => String(v.parameters?.key ?? '').endsWith(`/static/${k}`));
      if (!key) continue;
      const r = await host.runValidator(key, {
        issueKey: issue.key,
        configuration: v.parameters?.config ?? '{}',
        from: transition.from.id,
        to: transition.to.id,
        modifiedFields: fields,
        ...(user ? { accountId: user.accountId } : {}),
      });
      if (!r.result) return { ok: false, errorMessage: r.errorMessage ?? 'The transition was refused by a workflow validator.' };
    }
    return { ok: true };
  };
  jira.store.onIssueEvent = (event) => {
    void host.emitProductEvent({ ...event });
  };

  if (fresh) {
    const started = Date.now();
    const summary = await loadDemoSite({
      jira,
      host,
      adminAccountId: DEMO_USERS.admin.accountId,
      demo: options.demo !== false,
      clock,
      ...(options.demoLimit !== undefined ? { limit: options.demoLimit } : {}),
      ...(options.demoWrites ? { writes: options.demoWrites } : {}),
    });
    log(`Provisioned the demo site in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary}`);
  }

  shell.handler = createShell({ jira, host, root: ROOT });
  if (options.schedules !== false) host.startSchedules();

  return {
    url: jira.url,
    jira,
    host,
    close: async () => {
      host.stopSchedules();
      await host.drain();
      await host.close();
      await jira.close();
      handlers.cleanup();
    },
  };
}
