/**
 * `npm run bench` (second part) — the Custom UI's weight and the gadget's time to first rows.
 *
 * 1. Bundle sizes. Builds the UI (`node scripts/build-ui.mjs`) unless static/<surface>/assets
 *    is newer than every source it is built from (`--rebuild` forces a build), then prints each
 *    surface's first-paint JavaScript — index.js and the chunks it imports statically, i.e. what
 *    the browser must fetch before the first render — raw and gzipped, and flags the gadget
 *    against its budget (issue 6: 220 KB gzip; Excel and charts are lazy and not counted).
 * 2. Time to first rows. Starts the local sandbox on a fresh temporary data directory, opens the
 *    dashboard in headless Chromium as qe@example.com, and measures, inside the gadget's frame,
 *    the time from the frame's navigation start to the animation frame that first shows
 *    tracking rows. The first run is cold (new browser); the next ones reload the same page
 *    (warm). Prints min / median / max. The sandbox serves with `no-store` and no compression on
 *    localhost: the figures are CPU (parse, compile, render) and server time, not network time.
 *
 * A script that prints figures, not a test. Options: --runs=N (default 5), --rebuild.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../sandbox/app';

const ROOT = resolve(__dirname, '..');
const SURFACES = ['gadget', 'admin', 'panel', 'validator-config'] as const;
/** Issue 6: first-paint JavaScript, gzip. KB read as 1000 bytes (the stricter reading). */
const BUDGETS: Partial<Record<(typeof SURFACES)[number], number>> = { gadget: 220 * 1000 };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const RUNS = Math.max(1, Number(arg('runs') ?? 5) || 5);
const REBUILD = process.argv.includes('--rebuild');

const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
const ms = (n: number): string => `${n.toFixed(0)} ms`;

// ── 1. bundle sizes ────────────────────────────────────────────────────────────────────────

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, e)));
  return newest;
}

/** The build is fresh when every surface's index.js is newer than everything it is built from. */
function buildIsFresh(): boolean {
  const sources = Math.max(
    ...['src/ui', 'src/rules', 'scripts/build-ui.mjs', 'package-lock.json', 'tsconfig.json'].map((p) => newestMtime(join(ROOT, p))),
  );
  return SURFACES.every((s) => {
    const entry = join(ROOT, 'static', s, 'assets', 'index.js');
    return existsSync(entry) && statSync(entry).mtimeMs > sources;
  });
}

/**
 * The JavaScript the page needs before its first render: the entry and, transitively, the chunks
 * it imports statically (`import … from "./chunks/x.js"`, `import "./chunks/x.js"`). `import("…")`
 * calls are the lazy chunks and are not followed.
 */
function firstPaintFiles(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    const re = /(?:\bfrom\s*|\bimport\s*)["']([^"']+\.js)["']/g;
    for (const m of code.matchAll(re)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
    }
  };
  visit(entry);
  return [...seen];
}

interface SurfaceSize {
  surface: string;
  files: number;
  raw: number;
  gz: number;
}

function measureSurface(surface: string): SurfaceSize {
  const files = firstPaintFiles(join(ROOT, 'static', surface, 'assets', 'index.js'));
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const bytes = readFileSync(f);
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  return { surface, files: files.length, raw, gz };
}

function bundleSizes(): SurfaceSize[] {
  if (REBUILD || !buildIsFresh()) {
    const started = Date.now();
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-ui.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) {
      process.stderr.write(r.stdout + r.stderr);
      throw new Error('npm run build:ui failed');
    }
    console.log(`Built the UI (node scripts/build-ui.mjs) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } else {
    console.log('Reusing static/*/assets: newer than src/ui, src/rules, the build script and package-lock.json (--rebuild to build anyway).');
  }
  const sizes = SURFACES.map(measureSurface);
  console.log('\nFirst-paint JavaScript (entry + static imports; lazy chunks excluded)\n');
  console.log('surface            files        raw        gzip   budget');
  for (const s of sizes) {
    const budget = BUDGETS[s.surface as (typeof SURFACES)[number]];
    const verdict = budget === undefined ? '' : s.gz <= budget ? `≤ ${budget / 1000} KB: ok (${((budget - s.gz) / 1000).toFixed(1)} KB to spare)` : `> ${budget / 1000} KB: OVER BUDGET by ${((s.gz - budget) / 1000).toFixed(1)} KB`;
    console.log(`${s.surface.padEnd(18)} ${String(s.files).padStart(5)} ${kib(s.raw).padStart(12)} ${kib(s.gz).padStart(11)}   ${verdict}`);
  }
  return sizes;
}

// ── 2. time to first rows ──────────────────────────────────────────────────────────────────

declare global {
  interface Window {
    __kesuFirstRows?: { dom: number; painted: number };
  }
}

/**
 * Runs in every frame before its own scripts: notes (ms since the frame's navigation start) when
 * the first tracking row enters the DOM, and the next animation frame, which paints it.
 */
function watchFirstRows(): void {
  if (!document.location.pathname.startsWith('/ui/gadget/')) return;
  const selector = '[data-testid^="tracking-row-"]';
  const observer = new MutationObserver(() => {
    if (!document.querySelector(selector)) return;
    observer.disconnect();
    const dom = performance.now();
    requestAnimationFrame(() => {
      window.__kesuFirstRows = { dom, painted: performance.now() };
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

interface Run {
  painted: number;
  dom: number;
  domContentLoaded: number;
  jsBytes: number;
}

async function gadgetFrame(page: Page): Promise<Frame> {
  const el = await page.waitForSelector('[data-testid=gadget-frame]', { timeout: 30_000 });
  const frame = await el.contentFrame();
  if (!frame) throw new Error('the gadget frame has no document');
  return frame;
}

async function measureRun(page: Page, url: string, first: boolean): Promise<Run> {
  if (first) await page.goto(url, { waitUntil: 'commit' });
  else await page.reload({ waitUntil: 'commit' });
  const frame = await gadgetFrame(page);
  await frame.waitForFunction(() => window.__kesuFirstRows !== undefined, undefined, { timeout: 60_000, polling: 50 });
  return frame.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const js = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.name.endsWith('.js') && r.name.includes('/ui/gadget/'));
    return {
      painted: window.__kesuFirstRows!.painted,
      dom: window.__kesuFirstRows!.dom,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? NaN,
      jsBytes: js.reduce((n, r) => n + (r.encodedBodySize || r.transferSize || 0), 0),
    };
  });
}

function stats(xs: number[]): { min: number; median: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { min: s[0]!, median, max: s[s.length - 1]! };
}

async function timeToFirstRows(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kesu-ui-bench-'));
  let sandbox: Sandbox | undefined;
  let browser: Browser | undefined;
  try {
    const provisioning = Date.now();
    sandbox = await startSandbox({ port: 0, dataDir, reset: true, schedules: false, log: () => {} });
    console.log(`\nSandbox provisioned in ${((Date.now() - provisioning) / 1000).toFixed(1)} s at ${sandbox.url}`);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.addCookies([{ name: 'sandbox_user', value: 'qe@example.com', url: sandbox.url }]);
    await context.addInitScript(watchFirstRows);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measureRun(page, `${sandbox.url}/`, i === 0));
    const rows = await (await gadgetFrame(page)).locator('[data-testid^="tracking-row-"]').count();
    await context.close();

    console.log(`\nGadget: frame navigation start → first tracking rows painted (${RUNS} runs, qe@example.com, ${rows} rows on the first page)\n`);
    runs.forEach((r, i) =>
      console.log(
        `  run ${i + 1} ${i === 0 ? '(cold)' : '(warm)'}  rows painted ${ms(r.painted).padStart(7)}   rows in DOM ${ms(r.dom).padStart(7)}   DOMContentLoaded ${ms(r.domContentLoaded).padStart(7)}   gadget JS loaded (incl. lazy chunks) ${kib(r.jsBytes)}`,
      ),
    );
    const all = stats(runs.map((r) => r.painted));
    console.log(`\n  rows painted, all runs: min ${ms(all.min)} / median ${ms(all.median)} / max ${ms(all.max)}`);
    if (runs.length > 1) {
      const warm = stats(runs.slice(1).map((r) => r.painted));
      console.log(`  cold ${ms(runs[0]!.painted)}; warm: min ${ms(warm.min)} / median ${ms(warm.median)} / max ${ms(warm.max)}`);
    }
    if (errors.length) console.log(`  page errors: ${errors.join(' | ')}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await sandbox?.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  bundleSizes();
  await timeToFirstRows();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
