/** The admin page: setup wizard, policy editor, policy versions. */
import { useEffect, useState } from 'react';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { token } from '@atlaskit/tokens';
import { call, errorText } from '../shared/bridge';
import { useLocale, useT } from '../shared/i18n';
import { ErrorState, Loading } from '../shared/states';
import type { PolicyAnswer } from '../shared/types';
import { PolicyEditor } from './PolicyEditor';
import { SetupWizard } from './SetupWizard';

/** Versions: the server answers only the active version (no history endpoint yet). */
function Versions(): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const [state, setState] = useState<{ status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; version: number; name: string }>({ status: 'loading' });
  useEffect(() => {
    call<PolicyAnswer>('policy/get')
      .then((a) => setState({ status: 'ready', version: a.version, name: a.policy.name[locale] }))
      .catch((e: unknown) => setState({ status: 'error', message: errorText(e) }));
  }, [locale]);
  if (state.status === 'loading') return <Loading locale={locale} />;
  if (state.status === 'error') return <ErrorState locale={locale} message={state.message} />;
  return (
    <div data-testid="versions" style={{ paddingTop: token('space.150', '12px') }}>
      <p>{t('histIntro')}</p>
      <ol reversed>
        {state.version === 0 ? (
          <li data-testid="version-0">{t('histDefault')}</li>
        ) : (
          <li data-testid={`version-${state.version}`}>
            {t('polVersion', { v: state.version })} — {state.name} ({t('histCurrent')})
          </li>
        )}
      </ol>
    </div>
  );
}

export function Admin(): JSX.Element {
  const t = useT();
  const [tab, setTab] = useState(0);
  return (
    <div data-testid="admin" style={{ padding: token('space.200', '16px'), color: token('color.text', '#172B4D') }}>
      <h2 style={{ margin: `0 0 ${token('space.100', '8px')}`, font: token('font.heading.medium', '600 20px/24px sans-serif') }}>{t('adminTitle')}</h2>
      <Tabs id="admin-tabs" testId="admin-tabs" selected={tab} onChange={setTab}>
        <TabList>
          <Tab testId="tab-setup">{t('tabSetup')}</Tab>
          <Tab testId="tab-policy">{t('tabPolicy')}</Tab>
          <Tab testId="tab-versions">{t('tabHistory')}</Tab>
        </TabList>
        <TabPanel>{tab === 0 ? <SetupWizard /> : null}</TabPanel>
        <TabPanel>{tab === 1 ? <PolicyEditor /> : null}</TabPanel>
        <TabPanel>{tab === 2 ? <Versions /> : null}</TabPanel>
      </Tabs>
    </div>
  );
}
