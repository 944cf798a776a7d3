/**
 * The repository is self-contained: no code, test, script or CI step reads a path outside it (such
 * as the reading material beside the workspace), so `npm ci && npm test` works from a
 * clone anywhere. `.ci/run` runs the tests in a copy with nothing beside it; this test names the
 * offending line before that.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(__dirname, '..', '..');
const SCANNED_DIRS = ['src', 'test', 'sandbox', 'scripts', 'bench', '.ci'];
const TEXT_FILE = /\.(?:[cm]?[jt]sx?|json|ya?ml|sh)$/;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.sandbox', 'test-results', 'coverage', 'dist', 'assets']);
/** Names that stand for the repository root in path-building calls (join(root, …), resolve(ROOT, …)). */
const ROOT_NAMES = new Set(['root', 'ROOT', 'repoRoot', 'REPO_ROOT', 'rootDir', 'appRoot', '__CWD__']);

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (!SKIPPED_DIRS.has(name)) out.push(...files(p));
    } else if (TEXT_FILE.test(name) || dirname(p).endsWith(`${sep}.ci`)) {
      out.push(p);
    }
  }
  return out;
}

const outside = (p: string): boolean => {
  const rel = relative(root, p);
  return rel === '..' || rel.startsWith(`..${sep}`) || resolve(rel) === rel; // above the root, or another drive
};

/** A relative path some module resolution or fs call may resolve: as written, with the usual extensions, or as a directory. */
const existsAsModuleOrFile = (p: string): boolean =>
  ['', '.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.css'].some((ext) => existsSync(p + ext));

/**
 * The names this test looks for are assembled from parts, so that this file does not itself
 * contain the paths it forbids (`SH` is the reading-material folder beside the workspace, `WS`
 * the workspace's absolute root on the machine these issues were written on).
 */
const SH = ['sha', 'red'].join('');
const WS = ['', 'wo' + 'rk', ''].join('/');
const esc = (s: string): string => s.replace(/[/.]/g, (c) => `\\${c}`);
const WORKSPACE_PATH = new RegExp(`(?:^|[^\\w.-])${esc(WS)}(?!wt\\b)`);
const WORKSPACE_SHARED = new RegExp(`${esc(WS)}${SH}\\b`);
const SHARED_LITERAL = new RegExp(`^\\.\\./${SH}\\b`);
/** A sample text with `§` for the reading-material folder and `¶` for the workspace root. */
const x = (s: string): string => s.replace(/§/g, SH).replace(/¶/g, WS.slice(0, -1));

/**
 * Every reference in `text` (a file at `file`) to a path outside the repository, as `line: reason`.
 * Caught: absolute paths into the workspace; relative string literals (`'../…'`) that
 * leave the repository from the file's directory, or that name nothing inside it from the file's
 * directory and leave it from the root (the working directory of npm scripts); path-building calls
 * (`join`/`resolve`) from the root or from `__dirname` that climb above the root.
 */
export function outsideReferences(file: string, text: string): string[] {
  const found: string[] = [];
  const dir = dirname(file);
  const ancestors: string[] = [];
  for (let d = dir; !outside(d); d = dirname(d)) ancestors.push(d);
  const shell = dirname(file).endsWith(`${sep}.ci`) || file.endsWith('.sh');
  text.split('\n').forEach((line, i) => {
    const at = `${relative(root, file)}:${i + 1}`;
    if (/^\s*(?:#|\/\/|\/?\*)/.test(line)) return; // a comment reads nothing
    if (WORKSPACE_PATH.test(line) || WORKSPACE_SHARED.test(line)) found.push(`${at}: absolute path into the workspace`);
    const literals = [...line.matchAll(/(['"`])(\.\.\/[^'"`\s$]*)\1/g)].map((m) => m[2]!);
    if (shell) literals.push(...[...line.matchAll(/(?:^|\s)(\.\.\/[^\s'"`;)]+)/g)].map((m) => m[1]!));
    for (const lit of literals) {
      const fromFile = resolve(dir, lit);
      if (outside(fromFile)) {
        found.push(`${at}: '${lit}' leaves the repository from ${relative(root, dir)}/`);
        continue;
      }
      // Relative to the working directory (npm scripts run in the root): a path-like literal that names
      // nothing in the repository from the file or any folder above it, and leaves it from the root.
      const pathLike = SHARED_LITERAL.test(lit) || /^(?:\.\.\/)+(?!\.\.\/)[^/]+\/./.test(lit);
      const inRepo = ancestors.some((a) => existsAsModuleOrFile(resolve(a, lit)) && !outside(resolve(a, lit)));
      if (pathLike && !inRepo && outside(resolve(root, lit))) found.push(`${at}: '${lit}' leaves the repository from the root`);
    }
    const code = line.replace(/process\.cwd\(\)/g, '__CWD__');
    for (const m of code.matchAll(/\b(?:join|resolve)\(([^()]*)\)/g)) {
      const args = m[1]!.split(',').map((a) => a.trim()).filter(Boolean);
      const base = args[0] === '__dirname' ? dir : ROOT_NAMES.has(args[0] ?? '') ? root : undefined;
      if (base === undefined) continue;
      const segments: string[] = [];
      for (const a of args.slice(1)) {
        const lit = /^(['"])(.*)\1$/.exec(a);
        if (!lit) break; // a computed segment: stop at what is known
        segments.push(lit[2]!);
      }
      if (outside(resolve(base, ...segments))) found.push(`${at}: ${m[0]} climbs above the repository`);
    }
  });
  return found;
}

describe('self-contained repository', () => {
  const scanned = SCANNED_DIRS.flatMap((d) => files(join(root, d)));

  it('scans the code, tests, scripts and CI of the repository', () => {
    expect(scanned.length).toBeGreaterThan(100);
    expect(scanned).toContain(join(root, '.ci', 'run'));
    expect(scanned).toContain(join(root, 'test', 'sandbox', 'jira', 'helpers.ts'));
  });

  it('reads nothing outside the repository (e.g. the reading material beside the workspace)', () => {
    const offenders = scanned.filter((f) => f !== __filename).flatMap((f) => outsideReferences(f, readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('recognises the ways a file could reach outside', () => {
    const helper = join(root, 'test', 'sandbox', 'jira', 'helpers.ts');
    const script = join(root, 'scripts', 'x.mjs');
    const refs = (file: string, text: string): number => outsideReferences(file, text).length;
    // what test/sandbox/jira/helpers.ts and test/app/wiring.test.ts used to do
    expect(refs(helper, x("join(__dirname, '..', '..', '..', '..', '§', 'jira-openapi', 'x.json')"))).toBe(1);
    expect(refs(join(root, 'test', 'app', 'wiring.test.ts'), x("const p = join(root, '..', '§', 'x.json');"))).toBe(1);
    expect(refs(script, x("readFileSync('../§/jira-openapi/jira-platform-v3.json')"))).toBe(1);
    expect(refs(script, x("readFileSync(resolve(process.cwd(), '..', '§'))"))).toBe(1);
    expect(refs(script, x("const spec = '¶/§/jira-openapi/jira-platform-v3.json';"))).toBe(1);
    expect(refs(join(root, '.ci', 'run'), x('cp -r ../§/seeds .'))).toBe(1);
    // in-repository references stay allowed
    expect(refs(join(root, 'src', 'ui', 'admin', 'Admin.tsx'), x("import { useT } from '../§/i18n';"))).toBe(0);
    expect(refs(helper, "import { startJiraServer } from '../../../sandbox/jira/server';")).toBe(0);
    expect(refs(join(root, 'test', 'app', 'x.test.ts'), "const root = join(__dirname, '..', '..');")).toBe(0);
    expect(refs(join(root, '.ci', 'run'), 'cd "$(dirname "$0")/.."')).toBe(0);
    expect(refs(join(root, '.ci', 'run'), x('# a copy with nothing beside it (no ../§, no node_modules)'))).toBe(0);
    expect(refs(join(root, 'sandbox', 'forge', 'runtime.ts'), "modules: { index: require('../src/index') }")).toBe(0);
    expect(refs(join(root, 'test', 'sandbox', 'forge', 'api.test.ts'), "for (const bad of ['../admin', 'a/b'])")).toBe(0);
    expect(refs(join(root, 'test', 'resolvers', 'fuzz.test.ts'), "fc.constantFrom('__proto__', '../../etc', '1QC')")).toBe(0);
    expect(refs(script, x("readFileSync('../../§/x.json')"))).toBe(1);
  });
});
