/** Entry of the gadget bundle (static/gadget). */
import '@atlaskit/css-reset';
import './print.css';
import { mount } from '../shared/app';
import { GadgetRoot } from './GadgetRoot';

mount(<GadgetRoot />);
