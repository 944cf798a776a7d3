/** The validator-config resource (create, edit and view of the workflow rule). */
import { Surface } from '../shared/app';
import { readSettings, ValidatorConfig } from './ValidatorConfig';

export function ValidatorConfigRoot(): JSX.Element {
  return (
    <Surface
      render={({ context, locale }) => {
        const ext = context.extension as { validatorConfig?: unknown; entryPoint?: string };
        return <ValidatorConfig initial={readSettings(ext.validatorConfig, locale)} readOnly={ext.entryPoint === 'view'} />;
      }}
    />
  );
}
