/** Entry of the validator configuration bundle (static/validator-config). */
import '@atlaskit/css-reset';
import { mount } from '../shared/app';
import { ValidatorConfigRoot } from './ValidatorConfigRoot';

mount(<ValidatorConfigRoot />);
