/** The issue panel resource. */
import { Surface } from '../shared/app';
import { Panel } from './Panel';

export function PanelRoot(): JSX.Element {
  return <Surface render={() => <Panel />} />;
}
