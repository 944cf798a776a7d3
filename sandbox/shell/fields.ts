/**
 * How the shell shows and edits the app's fields: the way a Jira site does, from what
 * manifest.yml declares. A value is shown through the field's `view.formatter.expression`
 * (evaluated with sandbox/jira/expression.ts over `value`, `user`, `issue`, `project` with its
 * entity properties, `fieldId`), dates in the viewer's time zone and language, and a field with
 * an `edit.resource` is edited by hosting that resource (Custom UI) in a frame with the render
 * context of the screen (issue-view, issue-create, issue-transition). Jira's own default editors
 * (text, number, datetime) stand in for the rest.
 * Docs: manifest-reference/modules/jira-custom-field (Formatter, Rendering, Experience).
 */
import type { JiraServer } from '../jira';
import type { SandboxUser } from '../jira/types';
import { evaluateJiraExpression } from '../jira/expression';
import { displayDateTime, displayDate, viewerZone } from '../../src/ui/shared/datetime';
import type { ShellLocale } from './html';

export interface CustomFieldModule {
  key: string;
  name?: string | { i18n?: string };
  type?: string;
  readOnly?: boolean;
  view?: { formatter?: { expression?: string; export?: boolean } };
  edit?: { resource?: string; experience?: string[] };
}

export interface ShellField {
  /** customfield_NNNNN */
  id: string;
  moduleKey: string;
  name: string;
  type: string;
  readOnly: boolean;
  formatter?: string;
  /** The Custom UI resource that edits the field, by experience. */
  editResource?: string;
  editExperiences: string[];
}

/**
 * The app's fields in manifest order, with their site ids. `translate` gives a field's name in
 * the viewer's language from the manifest's i18n key (Jira shows translated names of Forge
 * fields, docs: manifest-reference/modules/jira-custom-field, i18n object).
 */
export function shellFields(jira: JiraServer, modules: CustomFieldModule[], translate?: (i18nKey: string) => string | undefined): ShellField[] {
  const out: ShellField[] = [];
  for (const m of modules) {
    const def = jira.store.fields().find((f) => f.schema.custom?.endsWith(`/static/${m.key}`));
    if (!def) continue;
    out.push({
      id: def.id,
      moduleKey: m.key,
      name: (typeof m.name === 'object' && m.name.i18n ? translate?.(m.name.i18n) : undefined) ?? def.name,
      type: m.type ?? 'string',
      readOnly: m.readOnly === true,
      ...(m.view?.formatter?.expression ? { formatter: m.view.formatter.expression } : {}),
      ...(m.edit?.resource ? { editResource: m.edit.resource } : {}),
      editExperiences: m.edit?.experience ?? [],
    });
  }
  return out;
}

export const localeOf = (u: SandboxUser): ShellLocale => (/^zh/i.test(u.locale) ? 'zh-CN' : 'en');

export interface DisplayContext {
  jira: JiraServer;
  user: SandboxUser;
  issue: { id?: string; key?: string; projectKey: string };
}

/** A field value as Jira shows it to `user` (string; '' for no value). */
export function displayValue(f: ShellField, value: unknown, ctx: DisplayContext): string {
  if (value === null || value === undefined || value === '') return '';
  const locale = localeOf(ctx.user);
  if (f.formatter) {
    try {
      const project = ctx.jira.store.project(ctx.issue.projectKey);
      const out = evaluateJiraExpression(f.formatter, {
        value,
        fieldId: f.id,
        user: { accountId: ctx.user.accountId, displayName: ctx.user.displayName, locale: ctx.user.locale, timeZone: ctx.user.timeZone },
        issue: { id: ctx.issue.id ? Number(ctx.issue.id) : null, key: ctx.issue.key ?? null },
        project: project ? { id: Number(project.id), key: project.key, name: project.name, properties: ctx.jira.store.projectProperties(project.key) } : null,
      });
      if (out !== null && out !== undefined) return typeof out === 'string' ? out : String(out);
    } catch {
      // A failing formatter: Jira falls back to the stored value.
    }
  }
  const zone = viewerZone(ctx.user.timeZone);
  if (f.type === 'datetime' && typeof value === 'string') return displayDateTime(value, zone, locale);
  if (f.type === 'date' && typeof value === 'string') return displayDate(value, locale);
  if (typeof value === 'number') return value.toLocaleString(locale === 'zh-CN' ? 'zh-CN' : 'en-US');
  if (typeof value === 'object') {
    const v = value as { displayName?: unknown; name?: unknown; value?: unknown };
    if (typeof v.displayName === 'string') return v.displayName;
    if (typeof v.name === 'string') return v.name;
    if (typeof v.value === 'string') return v.value;
    return JSON.stringify(value);
  }
  return String(value);
}
