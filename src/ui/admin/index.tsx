/** Entry of the admin page bundle (static/admin). */
import '@atlaskit/css-reset';
import { mount } from '../shared/app';
import { AdminRoot } from './AdminRoot';

mount(<AdminRoot />);
