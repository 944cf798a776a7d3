/** The field-edit resource: the editor of the option-like complaint fields (jira:customField `edit`). */
import type { FullContext } from '@forge/bridge';
import { Surface } from '../shared/app';
import { ErrorState } from '../shared/states';
import { FieldEdit } from './FieldEdit';
import { fieldText, isOptionField, type OptionFieldKey } from './text';

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,19}$/;

interface FieldExtension {
  fieldValue?: unknown;
  fieldType?: unknown;
  fieldKey?: unknown;
  renderContext?: unknown;
  project?: { key?: unknown };
  issue?: { key?: unknown };
}

/**
 * The field's module key: the context's `moduleKey`, else the end of the field type ARI
 * (`ari:cloud:ecosystem::extension/{app}/{env}/static/{moduleKey}`) or of the field key
 * (`{appId}__{ENV}__{moduleKey}`).
 */
export function fieldKeyOf(context: Pick<FullContext, 'moduleKey' | 'extension'>): OptionFieldKey | null {
  const ext = (context.extension ?? {}) as FieldExtension;
  const candidates = [context.moduleKey, String(ext.fieldType ?? '').split('/static/').pop(), String(ext.fieldKey ?? '').split('__').pop()];
  return candidates.find(isOptionField) ?? null;
}

/**
 * The issue's project from the extension context: `project.key`, else the prefix of the issue
 * key. The browser can forge either; the resolver only answers policy options for it.
 */
export function projectKeyOf(extension: unknown): string | null {
  const ext = (extension ?? {}) as FieldExtension;
  const fromProject = typeof ext.project?.key === 'string' ? ext.project.key : null;
  if (fromProject && PROJECT_KEY.test(fromProject)) return fromProject;
  const m = typeof ext.issue?.key === 'string' ? /^([A-Z][A-Z0-9_]{0,19})-\d+$/.exec(ext.issue.key) : null;
  return m ? m[1]! : null;
}

export function FieldEditRoot(): JSX.Element {
  return (
    <Surface
      render={({ context, locale }) => {
        const fieldKey = fieldKeyOf(context);
        if (!fieldKey) return <ErrorState locale={locale} message={fieldText(locale, 'unknownField', { field: String(context.moduleKey ?? '') })} />;
        const ext = (context.extension ?? {}) as FieldExtension;
        return <FieldEdit fieldKey={fieldKey} projectKey={projectKeyOf(ext)} fieldValue={ext.fieldValue} renderContext={typeof ext.renderContext === 'string' ? ext.renderContext : undefined} />;
      }}
    />
  );
}
