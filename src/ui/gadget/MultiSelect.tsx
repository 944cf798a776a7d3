/**
 * A light multi-select for the filter bar (ARIA 1.2 combobox + listbox), in place of
 * @atlaskit/select, whose react-select engine was a third of the gadget's first paint.
 *
 * It behaves like the Atlaskit select it replaces: click the control or press ↓ to open the
 * list, type to narrow it, click an option or press Enter to add it (the list then closes and
 * the option shows as a tag), Backspace in the empty input removes the last tag, Esc closes,
 * the clear button removes them all. Chosen options leave the list, as before. The
 * `data-testid`s are the ones @atlaskit/select derived from `testId`
 * (`<testId>-select--container`, `--control`, `--input`, `--listbox`, `--option-<i>`,
 * `--multivalue-<i>`, `--multivalue-<i>-remove`, `--clear-indicator`, `--placeholder`…).
 * The combobox/listbox behaviour is shared with field-edit's SingleSelect (../shared/listbox).
 * Styling: design tokens in ../shared/listbox.css and multi-select.css.
 */
import { useT } from '../shared/i18n';
import { ClearIndicator, Cross, DropdownIndicator, ListboxPopup, useListbox, type ListboxOption } from '../shared/listbox';
import './multi-select.css';

export type MultiOption = ListboxOption;

export interface MultiSelectProps {
  /** The input's id (the field's `<label htmlFor>`). */
  inputId: string;
  testId: string;
  options: MultiOption[];
  /** The chosen values, in the order chosen. */
  value: readonly string[];
  onChange: (values: string[]) => void;
  placeholder: string;
  /** The field's name, for the clear button's label. */
  fieldLabel: string;
}

const notSelected = (): boolean => false;

export function MultiSelect({ inputId, testId, options, value, onChange, placeholder, fieldLabel }: MultiSelectProps): JSX.Element {
  const t = useT();
  const placeholderId = `${inputId}-placeholder`;
  const remove = (v: string): void => onChange(value.filter((x) => x !== v));
  const listbox = useListbox({
    inputId,
    testId,
    candidates: options.filter((o) => !value.includes(o.value)),
    onPick: (o) => onChange([...value, o.value]),
    onEmptyBackspace: () => {
      if (value.length) remove(value[value.length - 1]!);
    },
  });
  const { open, query, tid, keepFocus } = listbox;

  const chosen = value.map((v) => options.find((o) => o.value === v)).filter((o): o is MultiOption => o !== undefined);

  return (
    <div className="kesu-select kesu-ms" data-testid={tid('container')}>
      <div className={`kesu-select-control kesu-ms-control${open ? ' kesu-ms-open' : ''}`} data-testid={tid('control')} onMouseDown={listbox.onControlMouseDown}>
        <div className="kesu-ms-values" data-testid={tid('value-container')}>
          {chosen.map((o, i) => (
            <span key={o.value} className="kesu-ms-tag" data-testid={tid(`multivalue-${i}`)}>
              <span className="kesu-ms-tag-label">{o.label}</span>
              <button
                type="button"
                tabIndex={-1}
                className="kesu-ms-tag-remove"
                aria-label={t('fRemove', { label: o.label })}
                data-testid={tid(`multivalue-${i}-remove`)}
                onMouseDown={keepFocus}
                onClick={() => remove(o.value)}
              >
                <Cross size={12} />
              </button>
            </span>
          ))}
          <span className="kesu-select-input-wrap kesu-ms-input-wrap">
            {!query && chosen.length === 0 ? (
              <span id={placeholderId} className="kesu-select-placeholder" data-testid={tid('placeholder')}>
                {placeholder}
              </span>
            ) : null}
            <input {...listbox.inputProps} className="kesu-select-input" aria-describedby={!query && chosen.length === 0 ? placeholderId : undefined} />
          </span>
        </div>
        {chosen.length ? (
          <ClearIndicator
            listbox={listbox}
            className="kesu-ms-clear"
            label={t('fClearField', { field: fieldLabel })}
            onClick={() => {
              onChange([]);
              listbox.close();
            }}
          />
        ) : null}
        <DropdownIndicator listbox={listbox} />
      </div>
      <ListboxPopup listbox={listbox} className="kesu-ms-menu" multiselectable isSelected={notSelected} noOptions={t('fNoOptions')} />
    </div>
  );
}
