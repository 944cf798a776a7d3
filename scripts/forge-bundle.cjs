#!/usr/bin/env node
/**
 * Packages the app's functions offline exactly as `forge deploy` does, with Forge's own bundler, and
 * checks the result. Fails (exit 1) on any bundler error or warning.
 *
 * What `forge deploy` (@forge/cli 13.x: command-line/dependency-injection.js,
 * deploy/package-upload-deploy.js, deploy/packager/runtime-bundler.js) does before uploading, and what
 * this script repeats in the repository root:
 *   configFile  = new ConfigFile(new FileSystemReader(), new FileSystemWriter())      (@forge/cli-shared)
 *   handlers    = configFile.getAppHandlers()                       — the manifest's `function` handlers
 *   i18nBundle  = new I18nResourceBundlingService().bundle(manifest.modules, manifest.translations)
 *   bundler     = getNodeBundler(logger, getWrapperProvider(...), configFile)          (@forge/bundler)
 *   bundler.bundle({ appDirectory: process.cwd(), entryPoints: getEntryPoints(handlers), i18nResourceBundle })
 * The bundler compiles with the app's own tsconfig.json (ts-loader, TSConfigInteractor) into a temporary
 * directory. The one stand-in: the Node runtime wrapper and loader, which the real wrapper provider
 * downloads from Forge's CDN (forge-node-runtime.prod-east.frontend.public.atl-paas.net); here they are
 * two placeholder scripts. They are files added beside the bundle, not part of the app's code.
 *
 * Then it checks the bundle: every `index.xxx` handler the manifest names is exported by the bundle as a
 * function (the bundle is loaded in this process, as Forge's loader would `require` it), and prints the
 * bundle size, the handler count and the i18n keys found.
 *
 * CommonJS on purpose: the bundler refuses to run without `require.main` (config/common.js), which an
 * ES-module entry point does not have — the Forge CLI itself is a CommonJS program.
 *
 * Usage: node scripts/forge-bundle.cjs [--out DIR]
 *   --out DIR  also writes the package's runtime part to DIR as `forge deploy` archives it: the bundle
 *              (index.cjs + source maps), the additional outputs (__LOCALES__/, runtime.json, the stubbed
 *              __forge__.cjs) — what the sandbox loads with SANDBOX_HANDLERS=bundle.
 */
const { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
process.chdir(root); // Forge reads manifest.yml, tsconfig.json and locales relative to the working directory

const { ConfigFile, FileSystemReader, FileSystemWriter, I18nResourceBundlingService } = require('@forge/cli-shared');
const { getNodeBundler, getEntryPoints, NODE_RUNTIME_CODE_FILE } = require('@forge/bundler');
const { I18N_INFO_FILE_NAME } = require('@forge/i18n');

const outIndex = process.argv.indexOf('--out');
const outDir = outIndex > 0 ? resolve(process.argv[outIndex + 1] ?? '') : undefined;
const problems = [];

/** @forge/cli-shared's Logger interface; a warning from the bundler (webpack) counts as an error. */
const logger = {
  traceEnabled: false,
  debugEnabled: false,
  trace() {},
  debug() {},
  info(message) {
    console.log(message);
  },
  warn(message) {
    problems.push(`warning: ${message}`);
  },
  error(error) {
    problems.push(`error: ${error instanceof Error ? error.message : String(error)}`);
  },
};

/** Stands in for NetworkWrapperProvider (the CDN download): same shape, placeholder scripts. */
const offlineWrapperProvider = {
  async getNodeRuntimeWrapper() {
    return { script: '/* Forge Node runtime wrapper: fetched from the Forge CDN by forge deploy; not offline */\n', source: 'offline-stub', version: 'offline-stub' };
  },
  async getNodeRuntimeLoader() {
    return { script: '/* Forge Node runtime loader: fetched from the Forge CDN by forge deploy; not offline */\n', source: 'offline-stub', version: 'offline-stub' };
  },
};

function dirSize(dir) {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    total += s.isDirectory() ? dirSize(p) : s.size;
  }
  return total;
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

async function main() {
  const started = Date.now();
  const configFile = new ConfigFile(new FileSystemReader(), new FileSystemWriter());
  const manifest = await configFile.readConfig();
  const handlers = await configFile.getAppHandlers();
  if (handlers.length === 0) throw new Error('manifest.yml names no function handlers');
  const i18nResourceBundle = await new I18nResourceBundlingService().bundle(manifest.modules, manifest.translations);

  const bundler = getNodeBundler(logger, offlineWrapperProvider, configFile);
  const { outputDir, additionalOutputs } = await bundler.bundle({
    appDirectory: process.cwd(),
    entryPoints: getEntryPoints(handlers),
    i18nResourceBundle,
  });

  try {
    // --- What the bundle holds
    const jsFiles = readdirSync(outputDir).filter((f) => f.endsWith('.cjs'));
    const codeBytes = jsFiles.reduce((n, f) => n + statSync(join(outputDir, f)).size, 0);
    const extraNames = [...(additionalOutputs?.keys() ?? [])];
    for (const required of [NODE_RUNTIME_CODE_FILE, 'runtime.json']) {
      if (!extraNames.includes(required)) problems.push(`error: the package lacks ${required}`);
    }

    // --- Handlers: every manifest handler is a function the bundle exports
    const missing = [];
    const modules = new Map();
    for (const { module, func } of handlers) {
      const file = join(outputDir, `${module}.cjs`);
      if (!existsSync(file)) {
        missing.push(`${module}.${func} (no ${module}.cjs in the bundle)`);
        continue;
      }
      if (!modules.has(module)) modules.set(module, require(file));
      const exported = modules.get(module)[func];
      if (typeof exported !== 'function') missing.push(`${module}.${func} (${exported === undefined ? 'not exported' : typeof exported})`);
    }
    for (const m of missing) problems.push(`error: manifest handler ${m}`);

    // --- i18n: the keys the manifest uses, and how many each locale translates
    let i18nLine = 'i18n: the manifest declares no translations';
    if (i18nResourceBundle.exists) {
      const info = JSON.parse(readFileSync(join(i18nResourceBundle.path, I18N_INFO_FILE_NAME), 'utf8'));
      const keys = Object.keys(info.translations);
      const perLocale = info.config.locales.map((locale) => {
        const n = keys.filter((k) => info.translations[k][locale]).length;
        if (n !== keys.length) problems.push(`error: locale ${locale} translates ${n} of ${keys.length} i18n keys`);
        return `${locale} ${n}/${keys.length}`;
      });
      i18nLine = `i18n keys found: ${keys.length} (${perLocale.join(', ')})`;
    }

    console.log(`forge bundle: ${jsFiles.join(', ')} ${mb(codeBytes)} (with source maps ${mb(dirSize(outputDir))})`);
    console.log(`handlers: ${handlers.length - missing.length}/${handlers.length} exported as functions (${handlers.map((h) => `${h.module}.${h.func}`).join(', ')})`);
    console.log(i18nLine);
    console.log(`stubbed: Forge runtime wrapper/loader (${NODE_RUNTIME_CODE_FILE}) — downloaded from the Forge CDN by forge deploy`);
    console.log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (outDir) {
      // The archive's layout (@forge/cli RuntimeBundler.packageCode): bundle files at the top, then the
      // additional outputs by name (a Buffer is content, a string is a file to copy).
      mkdirSync(outDir, { recursive: true });
      cpSync(outputDir, outDir, { recursive: true });
      for (const [name, content] of additionalOutputs ?? []) {
        const target = join(outDir, name);
        mkdirSync(dirname(target), { recursive: true });
        if (Buffer.isBuffer(content)) writeFileSync(target, content);
        else cpSync(content, target);
      }
      console.log(`package written to ${outDir}`);
    }
  } finally {
    rmSync(outputDir, { recursive: true, force: true });
    if (i18nResourceBundle.exists) rmSync(i18nResourceBundle.path, { recursive: true, force: true });
  }
}

main()
  .catch((error) => {
    problems.push(`error: ${error instanceof Error ? error.message : String(error)}`);
  })
  .then(() => {
    if (problems.length > 0) {
      console.error(`forge bundle FAILED (${problems.length} problem(s)):`);
      for (const p of problems) console.error(`  ${p}`);
      process.exit(1);
    }
    console.log('forge bundle: 0 errors, 0 warnings');
    process.exit(0);
  });
