/**
 * Holds the code, the manifest and Atlassian's REST contract to each other, by reading the
 * sources: every resolver key the screens call is defined on the server; every Jira REST call
 * the app makes goes through `route` to a path and method that exist in the published OpenAPI
 * spec; every scope those operations (and the storage) need is declared in manifest.yml; the
 * domain and the UI bundles stay free of the Forge runtime packages they must not import.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { readJiraOpenApi } from '../fixtures/jira-openapi';

const root = join(__dirname, '..', '..');

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (ext.test(name)) out.push(p);
  }
  return out;
}

const backend = files(join(root, 'src'), /\.ts$/).filter((f) => !f.includes(`${join('src', 'ui')}`));
const ui = files(join(root, 'src', 'ui'), /\.tsx?$/);
const read = (f: string): string => readFileSync(f, 'utf8');

interface RestCall {
  file: string;
  method: string;
  path: string;
}

/** Every `jira<…>(actor, route`…`, { method: … })` call of the backend. */
function restCalls(): RestCall[] {
  const out: RestCall[] = [];
  for (const f of backend) {
    const text = read(f);
    const re = /jira(?:<[^()]*?>)?\(\s*(?:'user'|'app'|\w+)\s*,\s*route`([^`]*)`\s*(?:,\s*\{([\s\S]*?)\})?\s*,?\s*\)/g;
    for (const m of text.matchAll(re)) {
      const method = /method:\s*'([A-Z]+)'/.exec(m[2] ?? '')?.[1] ?? 'GET';
      out.push({ file: relative(root, f), method, path: (m[1] ?? '').split('?')[0]! });
    }
  }
  return out;
}

describe('code ↔ manifest ↔ REST contract', () => {
  const spec = readJiraOpenApi<{
    paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
  }>();
  const manifest = parse(read(join(root, 'manifest.yml'))) as { permissions: { scopes: string[] } };
  const calls = restCalls();

  it('finds the REST calls of the backend', () => {
    expect(calls.length).toBe((backend.map(read).join("\n").match(/route`\//g) ?? []).length);
  });

  it('sends every Jira REST call through route to a path and method of the OpenAPI spec', () => {
    const templates = Object.keys(spec.paths).map((p) => ({ p, re: new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`) }));
    const missing: string[] = [];
    for (const c of calls) {
      const concrete = c.path.replace(/\$\{[^}]+\}/g, 'X');
      const match = templates.find((t) => t.re.test(concrete) && spec.paths[t.p]?.[c.method.toLowerCase()]);
      if (!match) missing.push(`${c.method} ${c.path} (${c.file})`);
    }
    expect(missing).toEqual([]);
    // No path is built from a plain string (Forge refuses those at run time).
    for (const f of backend) expect(read(f)).not.toMatch(/requestJira\(\s*['"`]\/rest/);
  });

  it('declares every scope the called operations and the storage need', () => {
    const declared = new Set(manifest.permissions.scopes);
    const templates = Object.keys(spec.paths).map((p) => ({ p, re: new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`) }));
    const needed = new Set<string>();
    for (const c of calls) {
      const concrete = c.path.replace(/\$\{[^}]+\}/g, 'X');
      const t = templates.find((x) => x.re.test(concrete) && spec.paths[x.p]?.[c.method.toLowerCase()]);
      const op = t ? spec.paths[t.p]?.[c.method.toLowerCase()] : undefined;
      const oauth = (op?.security ?? []).find((s) => 'OAuth2' in s)?.OAuth2 ?? [];
      // An operation lists alternative scopes; one declared is enough.
      if (oauth.length > 0 && !oauth.some((s) => declared.has(s))) needed.add(`${oauth.join('|')} for ${c.method} ${c.path}`);
    }
    if (backend.some((f) => read(f).includes("from '@forge/kvs'"))) {
      if (!declared.has('storage:app')) needed.add('storage:app for @forge/kvs');
    }
    expect([...needed]).toEqual([]);
  });

  it('defines a server resolver for every key the screens invoke', () => {
    const defined = new Set<string>();
    for (const f of backend) for (const m of read(f).matchAll(/\b(?:resolver\.)?define\(\s*'([^']+)'/g)) defined.add(m[1]!);
    const invoked = new Set<string>();
    for (const f of ui) for (const m of read(f).matchAll(/\bcall(?:<[^()]*?>)?\(\s*'([^']+)'/g)) invoked.add(m[1]!);
    expect(invoked.size).toBeGreaterThanOrEqual(5);
    expect([...invoked].filter((k) => !defined.has(k))).toEqual([]);
  });

  it('keeps the Forge backend runtime out of the screens and everything Forge out of the domain', () => {
    for (const f of ui) expect(read(f)).not.toMatch(/from '@forge\/(api|kvs|resolver|events)'/);
    for (const f of files(join(root, 'src', 'rules'), /\.ts$/)) expect(read(f)).not.toMatch(/from '@forge\//);
  });
});
