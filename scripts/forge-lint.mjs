#!/usr/bin/env node
/**
 * Runs @forge/lint's client-side linters — the checks `forge lint` and `forge deploy` run on this
 * machine (manifest schema, handlers, scopes the code's API calls need, deprecated APIs, timeouts…) —
 * over the app's sources, offline. Fails (exit 1) on any error or approval-required finding (what
 * makes `forge deploy` stop), on any warning too (stricter than deploy: a warning such as a manifest
 * handler the code does not export is a real defect here), and when it linted no file or skipped a
 * source file.
 *
 * Same inputs as @forge/cli's LintService.run (service/lint-service.js): every file under ./src
 * (minus .gitignore'd paths, .git, node_modules) plus UI Kit resource directories, the manifest read
 * by @forge/cli-shared's ConfigFile, environment "development". @forge/lint only parses the
 * TypeScript files that the tsconfig.json `include` globs name, which is why those globs name files.
 * Offline stand-ins, nothing else:
 *  - The permission linter downloads Atlassian's OpenAPI documents to map the code's REST calls to
 *    scopes; @forge/lint's own switch (USE_LOCAL_SWAGGER + LOCAL_*_SWAGGER) points it at files
 *    instead: the vendored Jira platform document (test/fixtures/jira-openapi), and empty documents
 *    for Jira Software, Jira Service Management, Confluence (v1, v2) and Bitbucket, whose APIs the
 *    app does not call (test/app/wiring.test.ts holds every REST call to the Jira platform document).
 *  - Forge's feature-flag service, which the CLI asks for the list of deprecated runtimes: here none
 *    (test/app/manifest.test.ts holds the runtime to the supported ones).
 * Not run: the server-side linter (`forge deploy` adds it; it needs a login).
 *
 * Usage: node scripts/forge-lint.mjs
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root); // @forge/lint reads ./tsconfig.json and manifest.yml relative to the working directory

const { ConfigFile, FileSystemReader, FileSystemWriter, StatsigReader, listGitIgnoreFiles } = require('@forge/cli-shared');
const { lint, parseSourceFile, problemCount, reportLintResults } = require('@forge/lint');

/** Forge's feature flags, offline: no gate is open and no dynamic config is set (the readers' defaults). */
class OfflineStatsig extends StatsigReader {
  async checkGate() {
    return null;
  }
  async getDynamicConfig() {
    return null;
  }
}

const logger = {
  traceEnabled: false,
  debugEnabled: false,
  trace() {},
  debug() {},
  info: (message) => console.log(message),
  warn: (message) => console.log(message),
  error: (error) => console.error(error instanceof Error ? error.message : String(error)),
};

const started = Date.now();

// The OpenAPI documents the permission linter reads, from files (see the header).
const swaggerDir = mkdtempSync(join(tmpdir(), 'forge-lint-swagger-'));
process.on('exit', () => rmSync(swaggerDir, { recursive: true, force: true }));
const jiraSwagger = join(swaggerDir, 'jira-platform-v3.json');
writeFileSync(jiraSwagger, gunzipSync(readFileSync(join(root, 'test', 'fixtures', 'jira-openapi', 'jira-platform-v3.json.gz'))));
const emptySwagger = join(swaggerDir, 'empty.json');
writeFileSync(emptySwagger, JSON.stringify({ openapi: '3.0.1', paths: {} }));
Object.assign(process.env, {
  USE_LOCAL_SWAGGER: 'true',
  LOCAL_JIRA_SWAGGER: jiraSwagger,
  LOCAL_JSM_SWAGGER: emptySwagger,
  LOCAL_JSW_SWAGGER: emptySwagger,
  LOCAL_CONF_SWAGGER: emptySwagger,
  LOCAL_CONF_V2_SWAGGER: emptySwagger,
  LOCAL_BB_SWAGGER: emptySwagger,
});

const fileSystemReader = new FileSystemReader();
const configFile = new ConfigFile(fileSystemReader, new FileSystemWriter());
const exclude = [...(await listGitIgnoreFiles(fileSystemReader)), '.git', 'node_modules'];
const uiKitDirs = (await configFile.getResources(['nativeUI'])).map((r) => dirname(r.path));
const found = [...new Set((await Promise.all(['./src', ...uiKitDirs].map((d) => fileSystemReader.recursiveReadDir(d, exclude)))).flat())];
const sources = found.filter((f) => /\.[cm]?[jt]sx?$/.test(extname(f)));

const parsed = new Set();
let results;
try {
  results = await lint(found, await configFile.readConfig(), 'development', logger, new OfflineStatsig(), {
    linter: { mode: 'client-side' },
    parseFunction: async (filepath, parser, readFile) => {
      const input = await parseSourceFile(filepath, parser, readFile);
      parsed.add(relative(root, resolve(filepath)));
      return input;
    },
  });
} catch (error) {
  console.error(`forge lint FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const failures = [];
const skipped = sources.map((f) => relative(root, resolve(f))).filter((f) => !parsed.has(f));
if (parsed.size === 0) failures.push('no source file was linted (does tsconfig.json `include` name files, e.g. "src/**/*.ts"?)');
if (skipped.length > 0) failures.push(`${skipped.length} source file(s) not linted (not in tsconfig.json \`include\`?): ${skipped.join(', ')}`);

if (results.some((r) => r.size() > 0)) reportLintResults(logger, results);
const count = problemCount(results);
if (count.errors > 0) failures.push(`${count.errors} error(s)`);
if (count.warnings > 0) failures.push(`${count.warnings} warning(s)`);
if (count.approvals > 0) failures.push(`${count.approvals} finding(s) that need approval`);

console.log(
  `forge lint (client-side): ${parsed.size} of ${sources.length} source files linted, ` +
    `${count.errors} errors, ${count.warnings} warnings, ${count.approvals} approvals, ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
if (failures.length > 0) {
  console.error(`forge lint FAILED: ${failures.join('; ')}`);
  process.exit(1);
}
