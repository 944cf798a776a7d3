/** The gadget resource: the list, or its configuration form in the dashboard's edit mode. */
import { Surface } from '../shared/app';
import { cleanConfig } from './config';
import { ConfigForm } from './ConfigForm';
import { Gadget } from './Gadget';

export function GadgetRoot(): JSX.Element {
  return (
    <Surface
      render={({ context }) => {
        const ext = context.extension as { entryPoint?: string; gadgetConfiguration?: unknown };
        const config = cleanConfig(ext.gadgetConfiguration);
        return ext.entryPoint === 'edit' ? <ConfigForm config={config} /> : <Gadget config={config} />;
      }}
    />
  );
}
