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
 * Styling: design tokens in multi-select.css.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useT } from '../shared/i18n';
import './multi-select.css';

export interface MultiOption {
  label: string;
  value: string;
}

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

function matches(option: MultiOption, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || option.label.toLowerCase().includes(q) || option.value.toLowerCase().includes(q);
}

const Chevron = (): JSX.Element => (
  <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path fill="currentColor" d="m14.53 6.03-6 6a.75.75 0 0 1-1.004.052l-.056-.052-6-6 1.06-1.06L8 10.44l5.47-5.47z" />
  </svg>
);

const Cross = ({ size }: { size: number }): JSX.Element => (
  <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path fill="currentColor" d="m12.53 4.53-3.47 3.47 3.47 3.47-1.06 1.06L8 9.06l-3.47 3.47-1.06-1.06L6.94 8 3.47 4.53l1.06-1.06L8 6.94l3.47-3.47z" />
  </svg>
);

export function MultiSelect({ inputId, testId, options, value, onChange, placeholder, fieldLabel }: MultiSelectProps): JSX.Element {
  const t = useT();
  const uid = useId();
  const listId = `${inputId}-listbox`;
  const placeholderId = `${inputId}-placeholder`;
  const optionId = (i: number): string => `${uid}-option-${i}`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const tid = (part: string): string => `${testId}-select--${part}`;

  const chosen = value.map((v) => options.find((o) => o.value === v)).filter((o): o is MultiOption => o !== undefined);
  const shown = options.filter((o) => !value.includes(o.value) && matches(o, query));
  const activeIndex = Math.min(active, shown.length - 1);

  useEffect(() => {
    if (!open || activeIndex < 0) return;
    const el = document.getElementById(optionId(activeIndex));
    if (el && typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'nearest' });
  }, [open, activeIndex]); // optionId() depends on uid only

  const openList = (): void => {
    setActive(0);
    setOpen(true);
  };
  const close = (): void => {
    setOpen(false);
    setQuery('');
  };
  const add = (o: MultiOption): void => {
    onChange([...value, o.value]);
    close();
  };
  const remove = (v: string): void => onChange(value.filter((x) => x !== v));

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.nativeEvent.isComposing) return; // an IME (pinyin) is still composing
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        e.preventDefault();
        if (!open) return openList();
        if (shown.length === 0) return;
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((activeIndex + step + shown.length) % shown.length);
        return;
      }
      case 'Home':
      case 'End':
        if (!open || shown.length === 0) return;
        e.preventDefault();
        setActive(e.key === 'Home' ? 0 : shown.length - 1);
        return;
      case 'Enter':
        if (!open) return;
        e.preventDefault();
        if (activeIndex >= 0 && shown[activeIndex]) add(shown[activeIndex]);
        return;
      case 'Escape':
        if (open || query) {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
        return;
      case 'Backspace':
        if (!query && value.length) remove(value[value.length - 1]!);
        return;
      case 'Tab':
        close();
        return;
      default:
    }
  };

  /** A click anywhere on the control (but its buttons) focuses the input and opens or closes the list. */
  const onControlMouseDown = (e: MouseEvent<HTMLDivElement>): void => {
    if (e.button !== 0 || (e.target as HTMLElement).closest('button')) return;
    if (e.target !== inputRef.current) e.preventDefault();
    inputRef.current?.focus();
    if (open) close();
    else openList();
  };
  const keepFocus = (e: MouseEvent): void => e.preventDefault();

  return (
    <div className="kesu-ms" data-testid={tid('container')}>
      <div className={`kesu-ms-control${open ? ' kesu-ms-open' : ''}`} data-testid={tid('control')} onMouseDown={onControlMouseDown}>
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
          <span className="kesu-ms-input-wrap">
            {!query && chosen.length === 0 ? (
              <span id={placeholderId} className="kesu-ms-placeholder" data-testid={tid('placeholder')}>
                {placeholder}
              </span>
            ) : null}
            <input
              ref={inputRef}
              id={inputId}
              className="kesu-ms-input"
              data-testid={tid('input')}
              type="text"
              role="combobox"
              autoComplete="off"
              spellCheck={false}
              aria-autocomplete="list"
              aria-haspopup="listbox"
              aria-expanded={open}
              aria-controls={open ? listId : undefined}
              aria-activedescendant={open && activeIndex >= 0 ? optionId(activeIndex) : undefined}
              aria-describedby={!query && chosen.length === 0 ? placeholderId : undefined}
              value={query}
              onChange={(e) => {
                setQuery(e.currentTarget.value);
                setActive(0);
                setOpen(true);
              }}
              onKeyDown={onKeyDown}
              onBlur={close}
            />
          </span>
        </div>
        {chosen.length ? (
          <button
            type="button"
            tabIndex={-1}
            className="kesu-ms-indicator kesu-ms-clear"
            aria-label={t('fClearField', { field: fieldLabel })}
            data-testid={tid('clear-indicator')}
            onMouseDown={keepFocus}
            onClick={() => {
              onChange([]);
              close();
            }}
          >
            <Cross size={14} />
          </button>
        ) : null}
        <span className="kesu-ms-indicator" aria-hidden="true" data-testid={tid('dropdown-indicator')}>
          <Chevron />
        </span>
      </div>
      {open ? (
        <ul id={listId} role="listbox" aria-multiselectable="true" className="kesu-ms-menu" data-testid={tid('listbox')} onMouseDown={keepFocus}>
          {/* Unnamed, as Atlaskit's was: the combobox (labelled by the field) owns it via aria-controls,
              and a second element named like the field would make "get by label" ambiguous. */}
          {shown.map((o, i) => (
            <li
              key={o.value}
              id={optionId(i)}
              role="option"
              aria-selected="false"
              className={`kesu-ms-option${i === activeIndex ? ' kesu-ms-active' : ''}`}
              data-testid={tid(`option-${i}`)}
              onMouseMove={() => i !== activeIndex && setActive(i)}
              onClick={() => add(o)}
            >
              {o.label}
            </li>
          ))}
          {shown.length === 0 ? (
            <li role="presentation" className="kesu-ms-empty" data-testid={tid('no-options')}>
              {t('fNoOptions')}
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
