/** Entry of the option field editor bundle (static/field-edit). */
import '@atlaskit/css-reset';
import { mount } from '../shared/app';
import { FieldEditRoot } from './FieldEditRoot';

mount(<FieldEditRoot />);
