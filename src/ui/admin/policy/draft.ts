/**
 * The policy editor's state: which policy is edited (site default or a project's own), the
 * draft, its version, the server's field issues after a save, and the actions on it (load,
 * save, preset, import). Sections change the draft only through `edit`.
 */
import { useCallback, useEffect, useState } from 'react';
import { call, errorText, ResolverError } from '../../shared/bridge';
import { useT } from '../../shared/i18n';
import type { FieldIssue, Policy } from '../../shared/types';
import { issuesAt } from '../issues';

export const PRESETS = ['general', 'food', 'auto-abc'] as const;
export type PresetName = (typeof PRESETS)[number];
export type EditorMessage = { kind: 'success' | 'error' | 'info'; text: string };
export type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready' };

/** A change to the draft: mutate the copy it gets, or return a new policy. */
export type Edit = (change: (draft: Policy) => Policy | void) => void;

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

export interface PolicyDraft {
  load: Load;
  draft: Policy | null;
  version: number;
  issues: FieldIssue[];
  /** Issues at a path or below it. */
  at: (path: string) => FieldIssue[];
  message: EditorMessage | null;
  setMessage: (m: EditorMessage | null) => void;
  saving: boolean;
  projectKey: string | null;
  /** Whether the project has a policy of its own (else saving creates one from the draft). */
  ownPolicy: boolean;
  switchProject: (key: string | null) => void;
  edit: Edit;
  save: () => Promise<void>;
  loadPreset: (preset: PresetName) => Promise<void>;
  importFile: (file: File) => void;
  reload: () => void;
}

export function usePolicyDraft(): PolicyDraft {
  const t = useT();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const [draft, setDraft] = useState<Policy | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [message, setMessage] = useState<EditorMessage | null>(null);
  const [saving, setSaving] = useState(false);
  const [reloads, setReloads] = useState(0);
  const [projectKey, setProjectKey] = useState<string | null>(null);
  const [ownPolicy, setOwnPolicy] = useState(true);

  useEffect(() => {
    setLoad({ status: 'loading' });
    call('policy/get', projectKey ? { projectKey } : {})
      .then((a) => {
        const own = !projectKey || a.scope === `project-${projectKey}`;
        setDraft(a.policy);
        setVersion(own ? a.version : 0);
        setOwnPolicy(own);
        setLoad({ status: 'ready' });
      })
      .catch((e: unknown) => setLoad({ status: 'error', message: errorText(e) }));
  }, [reloads, projectKey]);

  const edit: Edit = useCallback(
    (change) =>
      setDraft((d) => {
        if (!d) return d;
        const c = clone(d);
        return change(c) ?? c;
      }),
    [],
  );

  const replaceDraft = (next: Policy, text: string): void => {
    setDraft(next);
    setIssues([]);
    setMessage({ kind: 'info', text });
  };

  const save = async (): Promise<void> => {
    if (!draft) return;
    setSaving(true);
    setMessage(null);
    try {
      const r = await call('policy/save', projectKey ? { policy: draft, projectKey } : { policy: draft });
      setOwnPolicy(true);
      setVersion(r.version);
      setIssues([]);
      setMessage({ kind: 'success', text: t('polSaved', { v: r.version }) });
    } catch (e) {
      const fieldIssues = e instanceof ResolverError ? e.issues : [];
      setIssues(fieldIssues);
      setMessage({ kind: 'error', text: fieldIssues.length ? t('polInvalid') : errorText(e) });
    } finally {
      setSaving(false);
    }
  };

  const loadPreset = async (preset: PresetName): Promise<void> => {
    try {
      // The presets are validated with zod: a lazy chunk, loaded only when someone asks.
      const { presetPolicy } = await import('../../../rules/presets');
      replaceDraft(presetPolicy(preset), t('polImported'));
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    }
  };

  const importFile = (file: File): void => {
    const reader = new FileReader();
    reader.onload = () => {
      try {
        const parsed = JSON.parse(String(reader.result)) as unknown;
        const obj = parsed && typeof parsed === 'object' && 'policy' in parsed ? (parsed as { policy: unknown }).policy : parsed;
        if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new Error(t('polNotPolicy'));
        // The server validates it on save; until then the form shows what the file holds.
        replaceDraft(obj as Policy, t('polImported'));
      } catch (e) {
        setMessage({ kind: 'error', text: t('polImportBad', { e: errorText(e) }) });
      }
    };
    reader.readAsText(file);
  };

  return {
    load,
    draft,
    version,
    issues,
    at: (path) => issuesAt(issues, path),
    message,
    setMessage,
    saving,
    projectKey,
    ownPolicy,
    switchProject: (key) => {
      setMessage(null);
      setIssues([]);
      setProjectKey(key);
    },
    edit,
    save,
    loadPreset,
    importFile,
    reload: () => setReloads((n) => n + 1),
  };
}
