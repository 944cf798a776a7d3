/** The issue panel resource. */
import { Surface } from '../shared/app';
import { viewerZone } from '../shared/datetime';
import { Panel } from './Panel';

export function PanelRoot(): JSX.Element {
  return <Surface render={({ context }) => <Panel zone={viewerZone(context.timezone)} />} />;
}
