/**
 * Browser shim for `@forge/bridge` used by Custom UI resources served by the sandbox host (alias `@forge/bridge` to
 * this file in the Custom UI bundler, or use forgeBridgeMapper in jest). Plain TS, no React, no Node APIs.
 *
 * Same-origin protocol with the sandbox host's HTTP server:
 *   POST /__sandbox/invoke        { functionKey, payload, context: { moduleKey, localId, extension } } → { body }
 *   GET  /__sandbox/context       → FullContext-like JSON (unless window.__FORGE_SANDBOX_CONTEXT__ is injected)
 *   GET  /__sandbox/translations  → { resources: { 'en-US': {...} }, fallback } (manifest translations)
 *   /rest/api/3/...               → proxied to the Jira stand-in as the signed-in user (requestJira)
 * view.submit/close post a message { type: 'forge-sandbox:submit' | 'forge-sandbox:close', payload } to the parent.
 * events.emit/on use a BroadcastChannel so frames on the same origin see each other's events.
 */
import { pickTranslations, translate, type TranslationResourceContent, type TranslationsConfig } from '../i18n-core';

export interface SandboxFullContext {
  accountId?: string;
  cloudId?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors @forge/bridge ExtensionData { [k: string]: any }
  extension: { [k: string]: any };
  environmentId: string;
  environmentType: 'DEVELOPMENT' | 'STAGING' | 'PRODUCTION';
  localId: string;
  locale: string;
  moduleKey: string;
  siteUrl: string;
  timezone: string;
  [k: string]: unknown;
}

/** Same name as @forge/bridge's exported type. */
export type FullContext = SandboxFullContext;

declare global {
  interface Window {
    __FORGE_SANDBOX_CONTEXT__?: SandboxFullContext;
    /** Optional base URL when the host is not the page's origin (tests). */
    __FORGE_SANDBOX_ORIGIN__?: string;
  }
}

function origin(): string {
  if (typeof window === 'undefined') return '';
  return window.__FORGE_SANDBOX_ORIGIN__ ?? window.location.origin;
}

let contextPromise: Promise<SandboxFullContext> | undefined;

async function loadContext(): Promise<SandboxFullContext> {
  if (typeof window !== 'undefined' && window.__FORGE_SANDBOX_CONTEXT__) return window.__FORGE_SANDBOX_CONTEXT__;
  const res = await fetch(`${origin()}/__sandbox/context${typeof window !== 'undefined' ? window.location.search : ''}`, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`Sandbox context unavailable (${res.status})`);
  return (await res.json()) as SandboxFullContext;
}

function getContextOnce(): Promise<SandboxFullContext> {
  contextPromise ??= loadContext();
  return contextPromise;
}

/** Sandbox-only: forget the cached context (tests). */
export function __resetSandboxBridge(): void {
  contextPromise = undefined;
  translationsPromise = undefined;
  channel?.close();
  channel = undefined;
  listeners.clear();
}

// ---------------------------------------------------------------------------------------------------------------
// invoke
// ---------------------------------------------------------------------------------------------------------------
export type InvokePayload = { [key in number | string]: unknown };

export async function invoke<T = unknown>(functionKey: string, payload?: InvokePayload): Promise<T> {
  const ctx = await getContextOnce();
  const res = await fetch(`${origin()}/__sandbox/invoke`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ functionKey, payload: payload ?? {}, context: { moduleKey: ctx.moduleKey, localId: ctx.localId, extension: ctx.extension, locale: ctx.locale } }),
  });
  const text = await res.text();
  const parsed = (text ? JSON.parse(text) : {}) as { body?: T; message?: string };
  if (!res.ok) throw new Error(parsed.message ?? `invoke('${functionKey}') failed with ${res.status}`);
  return parsed.body as T;
}

// ---------------------------------------------------------------------------------------------------------------
// requestJira (same origin → host proxies to the stand-in as the signed-in user)
// ---------------------------------------------------------------------------------------------------------------
export async function requestJira(restPath: string, fetchOptions: Omit<RequestInit, 'signal'> = {}): Promise<Response> {
  if (!restPath.startsWith('/')) throw new Error('requestJira path must start with /');
  return fetch(`${origin()}${restPath}`, { credentials: 'same-origin', ...fetchOptions });
}
export const requestConfluence = (): Promise<Response> => Promise.reject(new Error('requestConfluence is not supported in the sandbox'));
export const requestBitbucket = (): Promise<Response> => Promise.reject(new Error('requestBitbucket is not supported in the sandbox'));

// ---------------------------------------------------------------------------------------------------------------
// view
// ---------------------------------------------------------------------------------------------------------------
const closeHandlers: Array<() => Promise<void>> = [];

function postToParent(type: string, payload?: unknown): void {
  if (typeof window === 'undefined') return;
  const target = window.parent && window.parent !== window ? window.parent : window;
  target.postMessage({ type, payload }, '*');
}

export const view = {
  getContext: (): Promise<SandboxFullContext> => getContextOnce(),
  submit: async (payload?: unknown): Promise<void> => postToParent('forge-sandbox:submit', payload),
  close: async (payload?: unknown): Promise<void> => {
    for (const h of closeHandlers) await h();
    postToParent('forge-sandbox:close', payload);
  },
  onClose: async (handler: () => Promise<void>): Promise<void> => {
    closeHandlers.push(handler);
  },
  open: async (): Promise<void> => postToParent('forge-sandbox:open'),
  refresh: async (payload?: unknown): Promise<void> => postToParent('forge-sandbox:refresh', payload),
  changeWindowTitle: async (title: string): Promise<void> => {
    if (typeof document !== 'undefined') document.title = title;
  },
  emitReadyEvent: async (): Promise<void> => postToParent('forge-sandbox:ready'),
  theme: {
    enable: async (): Promise<void> => {
      if (typeof document === 'undefined') return;
      const dark = typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches;
      document.documentElement.setAttribute('data-color-mode', dark ? 'dark' : 'light');
      document.documentElement.setAttribute('data-theme', dark ? 'dark:dark light:light' : 'light:light dark:dark');
    },
  },
  createHistory: (): Promise<never> => Promise.reject(new Error('view.createHistory is not supported in the sandbox')),
};

// ---------------------------------------------------------------------------------------------------------------
// events (cross-frame via BroadcastChannel)
// ---------------------------------------------------------------------------------------------------------------
export type Subscription = { unsubscribe: () => void };
type Listener = (payload?: unknown) => unknown;
const listeners = new Map<string, Set<Listener>>();
let channel: BroadcastChannel | undefined;

function getChannel(): BroadcastChannel | undefined {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  channel = new BroadcastChannel('forge-sandbox-events');
  channel.onmessage = (m: MessageEvent<{ event: string; payload?: unknown }>) => dispatch(m.data.event, m.data.payload);
  // Node (tests) has BroadcastChannel too: do not keep the process alive for it.
  (channel as unknown as { unref?: () => void }).unref?.();
  return channel;
}

function dispatch(event: string, payload?: unknown): void {
  for (const l of listeners.get(event) ?? []) void l(payload);
}

async function emit(event: string, payload?: unknown): Promise<void> {
  dispatch(event, payload);
  getChannel()?.postMessage({ event, payload });
}

async function on(event: string, callback: Listener): Promise<Subscription> {
  getChannel();
  const set = listeners.get(event) ?? new Set<Listener>();
  set.add(callback);
  listeners.set(event, set);
  return { unsubscribe: () => set.delete(callback) };
}

export const events = { emit, on, emitPublic: emit, onPublic: on };

// ---------------------------------------------------------------------------------------------------------------
// i18n
// ---------------------------------------------------------------------------------------------------------------
let translationsPromise: Promise<TranslationsConfig> | undefined;

function loadTranslations(): Promise<TranslationsConfig> {
  translationsPromise ??= fetch(`${origin()}/__sandbox/translations`, { credentials: 'same-origin' }).then(async (r) =>
    r.ok ? ((await r.json()) as TranslationsConfig) : { resources: {} },
  );
  return translationsPromise;
}

export type TranslationFunction = (i18nKey: string, defaultValue?: string) => string;

async function localeOrContext(locale?: string | null): Promise<string> {
  return locale ?? (await getContextOnce()).locale ?? 'en-US';
}

export const i18n = {
  getTranslations: async (locale?: string | null, options?: { fallback: boolean }): Promise<{ locale: string; translations: TranslationResourceContent | null }> =>
    pickTranslations(await loadTranslations(), await localeOrContext(locale), options?.fallback ?? true),
  createTranslationFunction: async (locale?: string | null): Promise<TranslationFunction> => {
    const config = await loadTranslations();
    const l = await localeOrContext(locale);
    return (key, defaultValue) => translate(config, l, key, defaultValue);
  },
  resetTranslationsCache: (): void => {
    translationsPromise = undefined;
  },
};

// Flags and router: minimal no-op stand-ins so UI code runs.
export const showFlag = (options: { id: string | number; title?: string; description?: string }): { close: () => Promise<void> } => {
  postToParent('forge-sandbox:flag', options);
  return { close: async () => undefined };
};
export const router = {
  navigate: async (url: string): Promise<void> => postToParent('forge-sandbox:navigate', url),
  open: async (url: string): Promise<void> => postToParent('forge-sandbox:open-url', url),
  reload: async (): Promise<void> => postToParent('forge-sandbox:reload'),
};
