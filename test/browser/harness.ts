/**
 * What the browser tests share: the built UI, one sandbox per test file (demo site in a temp
 * dir), Chromium from Debian (/usr/bin/chromium, never a downloaded browser), a browser context
 * per signed-in user, REST and resolver calls as a user, and screenshots in test-results/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../sandbox/app';

export const ROOT = resolve(__dirname, '..', '..');
export const RESULTS = join(ROOT, 'test-results');
export const VIEWPORT = { width: 1280, height: 900 } as const;

export type DemoEmail = 'admin@example.com' | 'qe@example.com' | 'sales@example.com';

/** Builds the Custom UI once (static/<surface>/assets is build output, git-ignored). */
export function ensureUiBuilt(): void {
  const surfaces = ['gadget', 'admin', 'panel', 'field-edit', 'details-edit'];
  if (surfaces.every((s) => existsSync(join(ROOT, 'static', s, 'assets', 'index.js')))) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-ui.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build:ui failed:\n${r.stdout}\n${r.stderr}`);
}

export interface Site {
  sandbox: Sandbox;
  browser: Browser;
  url: string;
  /** Browser contexts opened by the file (closed with the site). */
  contexts: BrowserContext[];
  close(): Promise<void>;
}

/** A fresh demo site and a Chromium for one test file. */
export async function openSite(): Promise<Site> {
  ensureUiBuilt();
  mkdirSync(RESULTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'kesu-browser-'));
  let sandbox: Sandbox | undefined;
  let browser: Browser | undefined;
  try {
    [sandbox, browser] = await Promise.all([
      startSandbox({ port: 0, dataDir: dir, reset: true, schedules: false, log: () => undefined }),
      chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      }),
    ]);
  } catch (e) {
    await browser?.close();
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const sb = sandbox;
  const br = browser;
  const contexts: BrowserContext[] = [];
  return {
    sandbox: sb,
    browser: br,
    url: sb.url,
    contexts,
    close: async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await br.close().catch(() => undefined);
      await sb.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface UserPage {
  context: BrowserContext;
  page: Page;
  /** Errors the page's scripts threw (any frame). */
  errors: string[];
}

/** A browser context signed in as `email` (the shell's session cookie) with one page. */
export async function signIn(site: Site, email: DemoEmail, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<UserPage> {
  const context = await site.browser.newContext({ viewport: VIEWPORT, acceptDownloads: true, colorScheme: options.colorScheme ?? 'light', locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  site.contexts.push(context);
  await context.addCookies([{ name: 'sandbox_user', value: email, url: site.url }]);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** The app frame whose URL is /ui/<surface>/… (for computed styles and evaluate). */
export function appFrame(page: Page, surface: 'gadget' | 'admin' | 'panel'): Frame {
  const f = page.frames().find((x) => new URL(x.url()).pathname.startsWith(`/ui/${surface}/`));
  if (!f) throw new Error(`no ${surface} frame on ${page.url()}`);
  return f;
}

export async function shot(page: Page, name: string): Promise<string> {
  const path = join(RESULTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

const basic = (email: string): string => `Basic ${Buffer.from(`${email}:browser-test`).toString('base64')}`;

/** Jira REST as a user (HTTP basic, like curl -u). */
export async function rest<T = unknown>(site: Site, email: DemoEmail, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const r = await fetch(`${site.url}${path}`, {
    method,
    headers: { Authorization: basic(email), Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/**
 * A resolver call the way a frame of the app makes it: POST /__sandbox/invoke with the
 * session cookie of `email` (the shell runs it as that user).
 */
export async function invoke<T>(site: Site, email: DemoEmail, moduleKey: string, functionKey: string, payload: unknown, extension?: Record<string, unknown>): Promise<Envelope<T>> {
  const r = await fetch(`${site.url}/__sandbox/invoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: `sandbox_user=${encodeURIComponent(email)}` },
    body: JSON.stringify({ functionKey, payload, context: { moduleKey, ...(extension ? { extension } : {}) } }),
  });
  if (!r.ok) throw new Error(`invoke ${functionKey} → ${r.status}: ${await r.text()}`);
  return ((await r.json()) as { body: Envelope<T> }).body;
}

export function fieldId(site: Site, moduleKey: string): string {
  const f = site.sandbox.jira.store.fields().find((x) => x.schema.custom?.endsWith(`/static/${moduleKey}`));
  if (!f) throw new Error(`no field ${moduleKey}`);
  return f.id;
}

/** Issue keys a JQL search finds for a user (first page, up to `max`). */
export async function search(site: Site, email: DemoEmail, jql: string, max = 50): Promise<{ key: string; status: string }[]> {
  const r = await rest<{ issues?: { key: string; fields: { status?: { name?: string } } }[] }>(site, email, 'POST', '/rest/api/3/search/jql', { jql, maxResults: max, fields: ['status'] });
  if (r.status !== 200) throw new Error(`search ${jql} → ${r.status}: ${JSON.stringify(r.body)}`);
  return (r.body.issues ?? []).map((i) => ({ key: i.key, status: i.fields.status?.name ?? '' }));
}

export async function approximateCount(site: Site, email: DemoEmail, jql: string): Promise<number> {
  const r = await rest<{ count: number }>(site, email, 'POST', '/rest/api/3/search/approximate-count', { jql });
  if (r.status !== 200) throw new Error(`approximate-count ${jql} → ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body.count;
}

/** Polls `read` until `done(value)` holds; answers the last value (the caller asserts on it). */
export async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000, intervalMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, intervalMs));
    value = await read();
  }
  return value;
}
