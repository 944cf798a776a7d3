/** The gadget resource: the list, or its configuration form in the dashboard's edit mode. */
import { lazy, Suspense } from 'react';
import { Surface } from '../shared/app';
import { Loading } from '../shared/states';
import { cleanConfig } from './config';
import { Gadget } from './Gadget';

// The edit view is opened by the few who configure the dashboard: its form (text fields,
// checkboxes, validation) loads on demand, off the list's first paint.
const ConfigForm = lazy(() => import('./ConfigForm').then((m) => ({ default: m.ConfigForm })));

export function GadgetRoot(): JSX.Element {
  return (
    <Surface
      render={({ context, locale }) => {
        const ext = context.extension as { entryPoint?: string; gadgetConfiguration?: unknown };
        const config = cleanConfig(ext.gadgetConfiguration);
        return ext.entryPoint === 'edit' ? (
          <Suspense fallback={<Loading locale={locale} />}>
            <ConfigForm config={config} />
          </Suspense>
        ) : (
          <Gadget config={config} />
        );
      }}
    />
  );
}
