/**
 * src/rules is the pure domain: no Forge runtime. Read every file and look at its imports.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', 'src', 'rules');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

/** Module specifiers of import / export-from / require / dynamic import statements. */
function specifiers(source: string): string[] {
  const out: string[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(re)) out.push(m[1]!);
  return out;
}

describe('src/rules is pure', () => {
  const list = files(ROOT);

  it('has source files to check', () => {
    expect(list.length).toBeGreaterThanOrEqual(10);
    expect(specifiers(readFileSync(join(ROOT, 'sla.ts'), 'utf8'))).toContain('./calendar');
  });

  it('no file imports @forge/*', () => {
    const offenders = list.flatMap((f) =>
      specifiers(readFileSync(f, 'utf8'))
        .filter((s) => s.startsWith('@forge/'))
        .map((s) => `${f}: ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the detector would notice one', () => {
    expect(specifiers("import { storage } from '@forge/api';\nconst x = require(\"@forge/kvs\");")).toEqual(['@forge/api', '@forge/kvs']);
  });
});
