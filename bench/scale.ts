/**
 * `npm run bench:scale` — the app at 1,000 / 10,000 / 100,000 complaints (issue 13).
 *
 * For each size: a fresh sandbox (the stand-in + the Forge host running the real handlers),
 * the app's own setup of QC and SV, then the complaints bulk-loaded into the stand-in's store
 * (sandbox/demo/bulk.ts: five years, two projects, states from the rules engine). Then, as the
 * live app would run them, it measures the REST calls the app makes, their bytes (request +
 * response bodies), the wall time (ms) and the stand-in's own share of it (jira ms), the
 * slowest invocation and the largest resolver answer (Forge: 25 s, 5 MB):
 *   the gadget's first page; the summary strip; the charts tab; the monthly report for one
 *   month and for a year; the Excel export's count and pages of rows (server side, 100 rows a page);
 *   one validator run; one complaint creation (user's POST → trigger → settled); the SLA
 *   sweep after 1 % of the complaints changed; complaintRepeats(3); the JQL cookbook's queries
 *   (docs/jql-cookbook.md, run as the user, one page each).
 *
 * A script that prints figures, not a timed test.
 *   npm run bench:scale                       # 1000,10000,100000
 *   npm run bench:scale -- --sizes 1000,10000 --json
 */
import '../sandbox/forge/register';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox/app';
import { bulkLoadComplaints, saveScalePolicies } from '../sandbox/demo/bulk';
import { DEMO_USERS } from '../sandbox/jira';
import { getKvsBackend } from '../sandbox/forge/kvs';
import { setLogSink } from '../src/services/log';

const ROOT = resolve(__dirname, '..');
const argv = process.argv.slice(2);
const argValue = (name: string): string | undefined => {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = argv[i]!;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
};
const JSON_OUT = argv.includes('--json');
const SIZES = (argValue('sizes') ?? '1000,10000,100000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
const log = (m: string): void => {
  if (!JSON_OUT) console.log(m);
  else process.stderr.write(`${m}\n`);
};

export interface Figure {
  figure: string;
  size: number;
  calls: number;
  bytes: number;
  ms: number;
  /** The stand-in's own time answering those calls. */
  standInMs: number;
  /** The slowest single invocation (Forge: 25 s for resolvers, validators, JQL functions). */
  maxInvocationMs: number;
  /** The largest resolver answer in bytes (Forge: 5 MB). */
  maxAnswerBytes: number;
  /** App invocations behind the figure (0 for a search a user makes in Jira). */
  invocations: number;
  note?: string;
}

const ADMIN = DEMO_USERS.admin.accountId;
const GADGET = 'complaint-tracking-gadget';

/** The cookbook's queries: every ```jql block of docs/jql-cookbook.md (placeholders skipped). */
function cookbookQueries(): string[] {
  const text = readFileSync(join(ROOT, 'docs', 'jql-cookbook.md'), 'utf8');
  return [...text.matchAll(/```jql\n([\s\S]*?)```/g)].map((m) => m[1]!.trim()).filter((q) => q && !/[<>]{2}|\{\{/.test(q));
}

async function measureSize(size: number): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kesu-scale-'));
  const figures: Figure[] = [];
  let sb: Sandbox | undefined;
  try {
    const t0 = Date.now();
    sb = await startSandbox({ port: 0, dataDir, reset: true, demo: false, schedules: false, log: () => undefined });
    const { jira, host } = sb;
    const policies = await saveScalePolicies(host, ADMIN);
    const loaded = bulkLoadComplaints(jira, { count: size, policies });
    // The load held the event loop: let sockets the server closed meanwhile be noticed before reuse.
    await new Promise((r) => setTimeout(r, 100));
    log(`\n[${size}] sandbox up in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${loaded.count} complaints loaded in ${(loaded.ms / 1000).toFixed(1)} s (open ${loaded.open}; ${Object.entries(loaded.byProject).map(([k, v]) => `${k} ${v}`).join(', ')})`);

    const measure = async (figure: string, fn: () => Promise<unknown>, extraInvocations: string[] = []): Promise<unknown> => {
      const before = host.invocations.length;
      const t = performance.now();
      let answer: unknown;
      let maxAnswerBytes = 0;
      const answers: unknown[] = [];
      try {
        answer = await fn();
      } catch (e) {
        answer = { error: e instanceof Error ? e.message : String(e) };
      }
      await host.drain();
      const ms = performance.now() - t;
      const records = host.invocations.slice(before);
      let calls = 0;
      let bytes = 0;
      let standInMs = 0;
      let maxInvocationMs = 0;
      for (const id of [...records.map((r) => r.invocationId), ...extraInvocations]) {
        const s = jira.stats.get(id);
        calls += s.calls;
        bytes += s.requestBytes + s.responseBytes;
        standInMs += s.ms;
      }
      for (const r of records) maxInvocationMs = Math.max(maxInvocationMs, r.durationMs);
      answers.push(answer);
      for (const a of Array.isArray(answer) ? answer : answers) maxAnswerBytes = Math.max(maxAnswerBytes, Buffer.byteLength(JSON.stringify(a ?? null)));
      const failed = records.filter((r) => r.outcome !== 'ok');
      const err = (answer as { ok?: boolean; error?: { message?: string } } | null)?.ok === false ? (answer as { error?: { message?: string } }).error?.message : undefined;
      const note = failed.length ? `${failed.length} invocation(s) ${failed.map((f) => f.outcome).join(',')}` : err;
      const f: Figure = { figure, size, calls, bytes, ms: Math.round(ms), standInMs: Math.round(standInMs), maxInvocationMs, maxAnswerBytes: records.length ? maxAnswerBytes : 0, invocations: records.length, ...(note ? { note } : {}) };
      figures.push(f);
      log(`  ${figure.padEnd(44)} ${String(calls).padStart(6)} calls ${String(bytes).padStart(11)} B ${String(f.ms).padStart(7)} ms (stand-in ${f.standInMs} ms)${note ? `  ! ${note}` : ''}`);
      return answer;
    };
    const resolver = (call: string, payload: unknown): Promise<unknown> =>
      host.invokeResolver({ moduleKey: GADGET, call, payload, accountId: ADMIN, context: { locale: 'zh-CN' } });

    const query = { config: {}, filters: {} };
    await measure('gadget: first page', () => resolver('tracking/page', { query: { ...query, pageSize: 25 }, offset: 0 }));
    await measure('gadget: summary strip', () => resolver('tracking/summary', { query }));
    await measure('gadget: charts tab', () => resolver('stats/charts', { query }));
    await measure('monthly report: one month (2026-11)', () => resolver('stats/report', { query, range: { from: '2026-11', to: '2026-11' } }));
    await measure('monthly report: a year (2025)', () => resolver('stats/report', { query, range: { from: '2025-01', to: '2025-12' } }));

    // The export reads every row, 100 a page, following nextPageToken (one resolver call a page).
    let exported = 0;
    await measure('excel export: count + pages of 100 rows', async () => {
      await resolver('tracking/count', { query }); // the progress bar's total
      let token: string | undefined;
      let largest: unknown = null;
      let largestSize = 0;
      for (;;) {
        const a = (await resolver('tracking/page', { query: { ...query, pageSize: 100, ...(token ? { nextPageToken: token } : {}) }, offset: exported })) as {
          ok: boolean;
          data?: { rows: unknown[]; nextPageToken: string | null };
        };
        if (!a.ok || !a.data) return a;
        exported += a.data.rows.length;
        const s = JSON.stringify(a).length;
        if (s > largestSize) [largest, largestSize] = [a, s];
        if (!a.data.nextPageToken || a.data.rows.length === 0) return [largest];
        token = a.data.nextPageToken;
      }
    });
    figures[figures.length - 1]!.note = `${exported} rows`;

    // One validator run: an open complaint moved on to its next status.
    const candidate = jira.store.allIssues().find((i) => (i.fields.status as { name?: string } | undefined)?.name === '调查中');
    const transitions = candidate ? jira.store.availableTransitions(candidate) : [];
    const to = transitions.find((t) => t.type === 'DIRECTED') ?? transitions[0];
    await measure('validator run', async () =>
      candidate && to
        ? host.runValidator('complaint-rules-validator', {
            issueKey: candidate.key,
            configuration: '{}',
            from: (candidate.fields.status as { id: string }).id,
            to: to.to,
            accountId: ADMIN,
          })
        : { error: 'no open complaint to validate' },
    );

    // One creation as a user, through REST; the trigger runs until the complaint is settled.
    const ids = Object.fromEntries(jira.store.fields().filter((f) => f.schema.custom?.includes('/static/complaint-')).map((f) => [f.schema.custom!.split('/static/')[1]!, f.id]));
    await measure('creation (trigger to settled state)', async () => {
      const r = await fetch(`${jira.url}/rest/api/3/issue`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from('qe@example.com:x').toString('base64')}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          fields: {
            project: { key: 'QC' },
            issuetype: { name: '客诉' },
            summary: 'bench: bearing noise',
            [ids['complaint-customer']!]: '上汽通用',
            [ids['complaint-part-number']!]: '6204-2RS',
            [ids['complaint-category']!]: 'quality',
            [ids['complaint-date']!]: new Date().toISOString(),
          },
        }),
      });
      return r.json();
    });

    // 1 % of the complaints changed since the last sweep (their triggers already ran): the
    // sweep must not need them; then the hourly sweep.
    const all = jira.store.allIssues();
    const step = Math.max(1, Math.floor(all.length / Math.max(1, Math.round(size / 100))));
    const stamp = new Date().toISOString().replace('Z', '+0000');
    for (let i = 0; i < all.length; i += step) all[i]!.fields.updated = stamp;
    jira.store.flushImports(); // a change the store did not make itself: its searches must see it
    await measure('sla sweep (1 % changed)', () => host.runScheduled('complaint-sla-sweep'));

    await measure('complaintRepeats(3) function', () => host.runJqlFunction('complaintRepeats', { field: 'issue', operator: 'in', arguments: ['3'] }, ADMIN));

    // The cookbook's queries, as the user in Jira's search (first page); JQL functions expand
    // through the app (counted) as in Jira.
    let n = 0;
    for (const jql of cookbookQueries()) {
      const inv = `bench-cookbook-${size}-${n++}`;
      await measure(
        `jql: ${jql.length > 38 ? `${jql.slice(0, 37)}…` : jql}`,
        async () => {
          const r = await fetch(`${jira.url}/rest/api/3/search/jql`, {
            method: 'POST',
            headers: { Authorization: `Basic ${Buffer.from('admin@example.com:x').toString('base64')}`, 'Content-Type': 'application/json', 'x-sandbox-invocation': inv },
            body: JSON.stringify({ jql, maxResults: 50, fields: ['summary', 'status'] }),
          });
          const body = (await r.json()) as { issues?: unknown[]; errorMessages?: string[] };
          return r.ok ? { ok: true, rows: body.issues?.length ?? 0 } : { ok: false, error: { message: body.errorMessages?.join('; ') ?? String(r.status) } };
        },
        [inv],
      );
    }
  } finally {
    await sb?.close();
    await getKvsBackend().flush();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}

function table(figures: Figure[]): string {
  const sizes = [...new Set(figures.map((f) => f.size))];
  const names = [...new Set(figures.map((f) => f.figure))];
  const head = ['figure'.padEnd(44), ...sizes.map((s) => `${s.toLocaleString('en')}: calls     bytes      ms  jira ms`.padStart(44))].join(' │');
  const lines = [head, '─'.repeat(head.length)];
  for (const name of names) {
    const cells = sizes.map((s) => {
      const f = figures.find((x) => x.figure === name && x.size === s);
      if (!f) return ''.padStart(44);
      return `${String(f.calls).padStart(12)} ${String(f.bytes).padStart(10)} ${String(f.ms).padStart(8)} ${String(f.standInMs).padStart(8)}`;
    });
    lines.push([name.padEnd(44), ...cells.map((c) => c.padStart(44))].join(' │'));
  }
  lines.push('');
  lines.push('Limits at the largest size: app invocations, the slowest one (Forge: 25 s), the largest answer (5 MB):');
  const last = sizes[sizes.length - 1];
  for (const f of figures.filter((x) => x.size === last && x.invocations > 0)) {
    lines.push(`  ${f.figure.padEnd(44)} ${String(f.invocations).padStart(5)} inv. ${String(f.maxInvocationMs).padStart(7)} ms ${String(f.maxAnswerBytes).padStart(10)} B${f.note ? `  (${f.note})` : ''}`);
  }
  lines.push('(The cookbook\'s searches run as the user in Jira; their only app invocation is the JQL function\'s.)');
  return lines.join('\n');
}

async function main(): Promise<void> {
  // The app's structured log (one line per numbered complaint, per sweep step…) is not the
  // bench's output: errors go to stderr, the rest is dropped.
  setLogSink((level, line) => {
    if (level === 'error') process.stderr.write(`${line}\n`);
  });
  if (SIZES.length === 0) throw new Error('--sizes: a comma-separated list of positive whole numbers');
  const started = Date.now();
  const figures: Figure[] = [];
  for (const size of SIZES) figures.push(...(await measureSize(size)));
  if (JSON_OUT) {
    console.log(JSON.stringify(figures));
  } else {
    console.log(`\nREST calls, bytes (request + response bodies), wall ms and the stand-in's own ms, per size (${((Date.now() - started) / 1000).toFixed(0)} s in all)\n`);
    console.log(table(figures));
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
