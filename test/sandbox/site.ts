/**
 * The shared scaffolding of the end-to-end sandbox tests: one sandbox (the real manifest and
 * handlers on the Jira stand-in) started in a throw-away data directory before the file's tests
 * and closed after them, a REST call as a user (Basic e-mail auth, as the stand-in accepts any
 * token), and the id Jira gave one of the app's custom fields.
 *
 * `useSandbox` registers the file's `beforeAll`/`afterAll` where it is called: a hook the file
 * declares before it runs before the start (a log sink), one declared after runs on the started
 * sandbox (a policy to save, complaints to create).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/app';

export interface Site {
  /** The started sandbox (read it inside hooks and tests; it forwards to the running one). */
  sandbox: Sandbox;
  /** A REST call as `email`: the status and the JSON answer (undefined when empty). */
  rest<T = unknown>(email: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** The field id of the app's custom field `moduleKey` on this site. */
  fieldId(moduleKey: string): string;
}

/** `Authorization` for a user by e-mail (the stand-in accepts any API token). */
export const basic = (email: string): string => `Basic ${Buffer.from(`${email}:token`).toString('base64')}`;

/** The shell's session cookie for a user (what its sign-in sets); every write to the sandbox's own endpoints needs it. */
export const sessionCookie = (email: string): string => `sandbox_user=${encodeURIComponent(email)}`;

/**
 * Start a fresh sandbox for this test file (no scheduled triggers, quiet) with `options` on top;
 * `prefix` names its temporary data directory.
 */
export function useSandbox(prefix: string, options: Omit<SandboxOptions, 'port' | 'dataDir' | 'reset'> = {}): Site {
  let running: Sandbox | undefined;
  let dir: string | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    running = await startSandbox({ schedules: false, log: () => undefined, ...options, port: 0, dataDir: dir, reset: true });
  });

  afterAll(async () => {
    await running?.close();
    await new Promise((r) => setTimeout(r, 100)); // the KVS file's last deferred write
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const current = (): Sandbox => {
    if (!running) throw new Error('the sandbox is not started: use it inside a hook or a test');
    return running;
  };
  // The files read `sandbox.url`, `sandbox.jira`, `sandbox.host` at run time, after beforeAll.
  const sandbox = new Proxy({} as Sandbox, { get: (_target, key) => Reflect.get(current(), key) as unknown });

  async function rest<T = unknown>(email: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const r = await fetch(`${current().url}${path}`, {
      method,
      headers: { Authorization: basic(email), Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  function fieldId(moduleKey: string): string {
    const f = current().jira.store.fields().find((x) => x.schema.custom?.endsWith(`/static/${moduleKey}`));
    if (!f) throw new Error(`no field ${moduleKey}`);
    return f.id;
  }

  return { sandbox, rest, fieldId };
}
