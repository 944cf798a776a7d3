/** Entry of the issue panel bundle (static/panel). */
import '@atlaskit/css-reset';
import { mount } from '../shared/app';
import { PanelRoot } from './PanelRoot';

mount(<PanelRoot />);
