/** The admin page: setup wizard, policy editor, policy versions. */
import { useState } from 'react';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { token } from '@atlaskit/tokens';
import { useT } from '../shared/i18n';
import { PolicyEditor } from './PolicyEditor';
import { SetupWizard } from './SetupWizard';
import { Versions } from './Versions';

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
