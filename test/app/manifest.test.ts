/**
 * The manifest, validated offline with @forge/manifest (forge lint needs a login), and held to
 * the code: every handler it names is exported from src/index.ts, every field module the code
 * maps exists, every i18n key is translated in both languages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from '@forge/manifest';
import { parse } from 'yaml';
import { APP_FIELDS, DETAILS_FIELD_KEY, LABELLED_FIELDS, labelFormatter } from '../../src/jira/fields';

const root = join(__dirname, '..', '..');
const manifestText = readFileSync(join(root, 'manifest.yml'), 'utf8');
type Module = Record<string, unknown> & { key: string };
const manifest = parse(manifestText) as { modules: Record<string, Module[]>; app: { runtime: { name: string } } };

describe('manifest.yml', () => {
  it('passes @forge/manifest full validation', async () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const result = await validate(false, join(root, 'manifest.yml'));
      const errors = (result.errors ?? []).filter((e) => e.level === 'error').map((e) => `${e.line}: ${e.message}`);
      expect(errors).toEqual([]);
      expect(result.success).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  }, 30_000);

  it('runs on a supported runtime', () => {
    expect(['nodejs22.x', 'nodejs24.x']).toContain(manifest.app.runtime.name);
  });

  it('names only handlers that src/index.ts exports', async () => {
    const index = (await import('../../src/index')) as Record<string, unknown>;
    const handlers = manifest.modules.function!.map((f) => String(f.handler));
    expect(handlers.length).toBeGreaterThan(0);
    for (const h of handlers) {
      const [file, name] = h.split('.');
      expect(file).toBe('index');
      expect(typeof index[name!]).not.toBe('undefined');
    }
  });

  it('declares every custom field the code maps, with the fixed module keys', () => {
    const keys = manifest.modules['jira:customField']!.map((m) => m.key).sort();
    const mapped = [...APP_FIELDS.map((f) => f.moduleKey), DETAILS_FIELD_KEY].sort();
    expect(keys).toEqual(mapped);
    for (const fixed of [
      'complaint-number',
      'complaint-batch',
      'complaint-shipped-quantity',
      'complaint-defect-quantity',
      'complaint-category',
      'complaint-severity',
      'complaint-department',
      'complaint-sla-state',
      'complaint-next-due',
    ]) {
      expect(keys).toContain(fixed);
    }
  });

  it('translates every i18n key in en-US and zh-CN', () => {
    const used = [...manifestText.matchAll(/i18n: ([\w.-]+)/g)].map((m) => m[1]!);
    const en = JSON.parse(readFileSync(join(root, 'locales/en-US.json'), 'utf8')) as Record<string, string>;
    const zh = JSON.parse(readFileSync(join(root, 'locales/zh-CN.json'), 'utf8')) as Record<string, string>;
    expect(used.length).toBeGreaterThan(10);
    for (const key of used) {
      expect(en[key]).toBeTruthy();
      expect(zh[key]).toBeTruthy();
    }
  });

  it('shows every option field and the SLA state through a formatter that reads the project\'s labels, also in CSV export', () => {
    const fields = manifest.modules['jira:customField']!;
    expect(LABELLED_FIELDS.sort()).toEqual(
      [
        'complaint-category', 'complaint-channel', 'complaint-class', 'complaint-department', 'complaint-disposition', 'complaint-request',
        'complaint-root-cause', 'complaint-satisfaction', 'complaint-severity', 'complaint-sla-state',
      ].sort(),
    );
    for (const key of LABELLED_FIELDS) {
      const m = fields.find((f) => f.key === key) as { view?: { formatter?: { expression?: string; export?: boolean }; resource?: string } } | undefined;
      expect({ key, expression: m?.view?.formatter?.expression, export: m?.view?.formatter?.export }).toEqual({ key, expression: labelFormatter(key), export: true });
    }
  });

  it('gives every editable option field and the details object an editor on the issue view, create and transition screens', () => {
    const fields = manifest.modules['jira:customField']!;
    const resources = (manifest as unknown as { resources: { key: string }[] }).resources.map((r) => r.key);
    for (const key of [...LABELLED_FIELDS.filter((k) => k !== 'complaint-sla-state'), DETAILS_FIELD_KEY]) {
      const m = fields.find((f) => f.key === key) as { edit?: { resource?: string; experience?: string[] }; resolver?: { function?: string } } | undefined;
      expect({ key, experience: m?.edit?.experience }).toEqual({ key, experience: ['issue-view', 'issue-create', 'issue-transition'] });
      expect(resources).toContain(m?.edit?.resource);
      expect(m?.resolver?.function).toBe('ui-resolver');
    }
    const details = fields.find((f) => f.key === DETAILS_FIELD_KEY) as { edit?: { resource?: string } };
    expect(details.edit?.resource).toBe('details-edit');
  });
});
