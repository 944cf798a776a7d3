/**
 * A light single select (ARIA 1.2 editable combobox + listbox), the single-choice sibling of
 * the gadget's MultiSelect: click the control or press ↓ to open the list, type to narrow it
 * (label or id), ↑/↓/Home/End to move, Enter or a click to choose (the list closes and the
 * choice shows in the control), Esc closes, the clear button chooses nothing. The chosen option
 * stays in the list, marked `aria-selected`. `data-testid`s follow @atlaskit/select's
 * (`<testId>-select--control`, `--input`, `--listbox`, `--option-<i>`, `--single-value`,
 * `--clear-indicator`, `--placeholder`). The combobox/listbox behaviour is shared with the
 * gadget's MultiSelect (../shared/listbox). Styling: design tokens in ../shared/listbox.css
 * and single-select.css.
 */
import { ClearIndicator, DropdownIndicator, ListboxPopup, useListbox, type ListboxOption } from '../shared/listbox';
import './single-select.css';

export type SelectOption = ListboxOption;

export interface SingleSelectProps {
  /** The input's id (the field's `<label htmlFor>`). */
  inputId: string;
  testId: string;
  options: SelectOption[];
  value: string | null;
  onChange: (value: string | null) => void;
  placeholder: string;
  noOptions: string;
  /** The clear button's accessible name. */
  clearLabel: string;
  /** Id of an element describing the field (an error or hint). */
  describedBy?: string;
  invalid?: boolean;
  autoFocus?: boolean;
}

export function SingleSelect({ inputId, testId, options, value, onChange, placeholder, noOptions, clearLabel, describedBy, invalid = false, autoFocus = false }: SingleSelectProps): JSX.Element {
  const valueId = `${inputId}-value`;
  const chosen = options.find((o) => o.value === value) ?? null;
  const listbox = useListbox({
    inputId,
    testId,
    candidates: options,
    onPick: (o) => onChange(o.value),
    // Start on the chosen option, as a native select does.
    initialActive: () => Math.max(0, chosen ? options.findIndex((o) => o.value === chosen.value) : 0),
  });
  const { query, tid } = listbox;

  return (
    <div className="kesu-select kesu-ss" data-testid={tid('container')}>
      <div className={`kesu-select-control kesu-ss-control${invalid ? ' kesu-ss-invalid' : ''}`} data-testid={tid('control')} onMouseDown={listbox.onControlMouseDown}>
        <span className="kesu-select-input-wrap kesu-ss-input-wrap">
          {!query && chosen ? (
            <span id={valueId} className="kesu-select-value" data-testid={tid('single-value')}>
              {chosen.label}
            </span>
          ) : null}
          {!query && !chosen ? (
            <span id={valueId} className="kesu-select-placeholder" data-testid={tid('placeholder')}>
              {placeholder}
            </span>
          ) : null}
          <input
            {...listbox.inputProps}
            className="kesu-select-input"
            autoFocus={autoFocus}
            aria-describedby={[query ? null : valueId, describedBy].filter(Boolean).join(' ') || undefined}
            aria-invalid={invalid || undefined}
          />
        </span>
        {chosen ? (
          <ClearIndicator
            listbox={listbox}
            label={clearLabel}
            onClick={() => {
              onChange(null);
              listbox.close();
              listbox.inputRef.current?.focus();
            }}
          />
        ) : null}
        <DropdownIndicator listbox={listbox} />
      </div>
      <ListboxPopup listbox={listbox} className="kesu-ss-menu" isSelected={(o) => o.value === value} dataValue noOptions={noOptions} />
    </div>
  );
}
