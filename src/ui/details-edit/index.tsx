/** Entry of the complaint-details editor bundle (static/details-edit). */
import '@atlaskit/css-reset';
import type { FullContext } from '@forge/bridge';
import { mount, Surface } from '../shared/app';
import { viewerZone } from '../shared/datetime';
import { DetailsEdit } from './DetailsEdit';

interface FieldExtension {
  fieldValue?: unknown;
  renderContext?: unknown;
}

export function DetailsEditRoot(): JSX.Element {
  return (
    <Surface
      render={({ context }: { context: FullContext }) => {
        const ext = (context.extension ?? {}) as FieldExtension;
        return <DetailsEdit fieldValue={ext.fieldValue} zone={viewerZone(context.timezone)} renderContext={typeof ext.renderContext === 'string' ? ext.renderContext : undefined} />;
      }}
    />
  );
}

mount(<DetailsEditRoot />);
