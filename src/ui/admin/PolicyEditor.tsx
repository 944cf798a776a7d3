/**
 * The policy editor: which policy (site default or a project's own), a toolbar (preset, JSON
 * export/import, save) and the sections (./policy/sections). The state lives in the draft
 * hook (./policy/draft.ts); the list edits and their cascades are pure functions in
 * src/rules/policy-edit.ts. The server validates on save (`policy/save`) and its field issues
 * appear next to the section their path names.
 */
import { useMemo, useRef, useState } from 'react';
import Button from '@atlaskit/button';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { downloadBlob } from '../shared/download';
import { useLocale, useT } from '../shared/i18n';
import { ErrorState, Loading } from '../shared/states';
import { Issues } from './issues';
import { PRESETS, usePolicyDraft, type PolicyDraft, type PresetName } from './policy/draft';
import { SECTIONS } from './policy/sections';
import { SectionFrame, selectStyle } from './policy/widgets';

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,19}$/;

function ScopeBar({ state }: { state: PolicyDraft }): JSX.Element {
  const t = useT();
  const [input, setInput] = useState('');
  const { projectKey, ownPolicy } = state;
  return (
    <div data-testid="policy-scope-bar" style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100', '8px'), alignItems: 'center', marginBottom: token('space.100', '8px') }}>
      <label htmlFor="policy-scope">{t('polScopeOf')}</label>
      <input
        id="policy-scope"
        data-testid="policy-scope"
        placeholder={t('polScopeHint')}
        value={input}
        onChange={(e) => setInput(e.currentTarget.value.toUpperCase())}
        style={{ ...selectStyle, width: 260 }}
      />
      <Button
        testId="policy-scope-apply"
        onClick={() => {
          const key = input.trim();
          if (key && !PROJECT_KEY.test(key)) {
            state.setMessage({ kind: 'error', text: t('polScopeBadKey') });
            return;
          }
          state.switchProject(key || null);
        }}
      >
        {t('polScopeSwitch')}
      </Button>
      <span data-testid="policy-scope-label">{projectKey ? t(ownPolicy ? 'polScopeOwn' : 'polScopeInherited', { key: projectKey }) : t('polScopeSite')}</span>
    </div>
  );
}

function Toolbar({ state }: { state: PolicyDraft }): JSX.Element {
  const t = useT();
  const [preset, setPreset] = useState<PresetName>('general');
  const fileInput = useRef<HTMLInputElement>(null);
  const { draft, version, saving } = state;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100', '8px'), alignItems: 'center' }}>
      <strong data-testid="policy-version">{t('polVersion', { v: version })}</strong>
      <span style={{ flex: '1 1 auto' }} />
      <label htmlFor="policy-preset">{t('polPreset')}</label>
      <select id="policy-preset" data-testid="policy-preset" style={selectStyle} value={preset} onChange={(e) => setPreset(e.currentTarget.value as PresetName)}>
        {PRESETS.map((x) => (
          <option key={x} value={x}>
            {x}
          </option>
        ))}
      </select>
      <Button testId="policy-preset-load" title={t('polPresetWarn')} onClick={() => void state.loadPreset(preset)}>
        {t('polPresetApply')}
      </Button>
      <Button testId="policy-export" onClick={() => downloadBlob(new Blob([JSON.stringify(draft, null, 2)], { type: 'application/json' }), `complaint-policy-v${version}.json`)}>
        {t('polExport')}
      </Button>
      <Button testId="policy-import-button" onClick={() => fileInput.current?.click()}>
        {t('polImport')}
      </Button>
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        data-testid="policy-import"
        aria-label={t('polImport')}
        style={{ display: 'none' }}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          if (f) state.importFile(f);
          e.currentTarget.value = '';
        }}
      />
      <Button testId="policy-save" appearance="primary" isDisabled={saving} onClick={() => void state.save()}>
        {saving ? t('polSaving') : t('polSave')}
      </Button>
    </div>
  );
}

export function PolicyEditor(): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const state = usePolicyDraft();
  const { load, draft, issues, at, message } = state;
  const other = useMemo(() => issues.filter((i) => !SECTIONS.some((s) => s.paths.some((p) => i.field === p || i.field.startsWith(`${p}.`)))), [issues]);

  if (load.status === 'loading') return <Loading locale={locale} />;
  if (load.status === 'error' || !draft) return <ErrorState locale={locale} message={load.status === 'error' ? load.message : ''} onRetry={state.reload} />;

  return (
    <div data-testid="policy-editor" style={{ paddingTop: token('space.150', '12px'), maxWidth: 1100 }}>
      <ScopeBar state={state} />
      <Toolbar state={state} />
      {message ? (
        <div data-testid="policy-message" data-kind={message.kind} style={{ marginTop: token('space.100', '8px') }}>
          <SectionMessage appearance={message.kind === 'success' ? 'success' : message.kind === 'error' ? 'error' : 'information'}>{message.text}</SectionMessage>
        </div>
      ) : null}
      {other.length ? (
        <div style={{ marginTop: token('space.100', '8px') }}>
          <strong>{t('polOtherIssues')}</strong>
          <Issues list={other} testId="issues-other" />
        </div>
      ) : null}
      {SECTIONS.map(({ id, title, paths, Component }) => (
        <SectionFrame key={id} id={id} title={title(t, locale)} issues={paths.flatMap(at)}>
          <Component policy={draft} edit={state.edit} issues={issues} at={at} projectKey={state.projectKey} />
        </SectionFrame>
      ))}
    </div>
  );
}
