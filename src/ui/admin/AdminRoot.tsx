/** The admin page resource. */
import { Surface } from '../shared/app';
import { Admin } from './Admin';

export function AdminRoot(): JSX.Element {
  return <Surface render={() => <Admin />} />;
}
