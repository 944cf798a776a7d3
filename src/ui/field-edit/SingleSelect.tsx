/**
 * A light single select (ARIA 1.2 editable combobox + listbox), the single-choice sibling of
 * the gadget's MultiSelect: click the control or press ↓ to open the list, type to narrow it
 * (label or id), ↑/↓/Home/End to move, Enter or a click to choose (the list closes and the
 * choice shows in the control), Esc closes, the clear button chooses nothing. The chosen option
 * stays in the list, marked `aria-selected`. `data-testid`s follow @atlaskit/select's
 * (`<testId>-select--control`, `--input`, `--listbox`, `--option-<i>`, `--single-value`,
 * `--clear-indicator`, `--placeholder`). Styling: design tokens in single-select.css.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import './single-select.css';

export interface SelectOption {
  label: string;
  value: string;
}

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

function matches(option: SelectOption, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || option.label.toLowerCase().includes(q) || option.value.toLowerCase().includes(q);
}

const Chevron = (): JSX.Element => (
  <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path fill="currentColor" d="m14.53 6.03-6 6a.75.75 0 0 1-1.004.052l-.056-.052-6-6 1.06-1.06L8 10.44l5.47-5.47z" />
  </svg>
);

const Cross = (): JSX.Element => (
  <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path fill="currentColor" d="m12.53 4.53-3.47 3.47 3.47 3.47-1.06 1.06L8 9.06l-3.47 3.47-1.06-1.06L6.94 8 3.47 4.53l1.06-1.06L8 6.94l3.47-3.47z" />
  </svg>
);

export function SingleSelect({ inputId, testId, options, value, onChange, placeholder, noOptions, clearLabel, describedBy, invalid = false, autoFocus = false }: SingleSelectProps): JSX.Element {
  const uid = useId();
  const listId = `${inputId}-listbox`;
  const valueId = `${inputId}-value`;
  const optionId = (i: number): string => `${uid}-option-${i}`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const tid = (part: string): string => `${testId}-select--${part}`;

  const chosen = options.find((o) => o.value === value) ?? null;
  const shown = options.filter((o) => matches(o, query));
  const activeIndex = Math.min(active, shown.length - 1);

  useEffect(() => {
    if (!open || activeIndex < 0) return;
    const el = document.getElementById(optionId(activeIndex));
    if (el && typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'nearest' });
  }, [open, activeIndex]); // optionId() depends on uid only

  const openList = (): void => {
    // Start on the chosen option, as a native select does.
    const at = chosen ? options.findIndex((o) => o.value === chosen.value) : 0;
    setActive(Math.max(0, at));
    setOpen(true);
  };
  const close = (): void => {
    setOpen(false);
    setQuery('');
  };
  const pick = (o: SelectOption): void => {
    onChange(o.value);
    close();
  };

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
        if (activeIndex >= 0 && shown[activeIndex]) pick(shown[activeIndex]);
        return;
      case 'Escape':
        if (open || query) {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
        return;
      case 'Tab':
        close();
        return;
      default:
    }
  };

  const onControlMouseDown = (e: MouseEvent<HTMLDivElement>): void => {
    if (e.button !== 0 || (e.target as HTMLElement).closest('button')) return;
    if (e.target !== inputRef.current) e.preventDefault();
    inputRef.current?.focus();
    if (open) close();
    else openList();
  };
  const keepFocus = (e: MouseEvent): void => e.preventDefault();

  return (
    <div className="kesu-ss" data-testid={tid('container')}>
      <div className={`kesu-ss-control${invalid ? ' kesu-ss-invalid' : ''}`} data-testid={tid('control')} onMouseDown={onControlMouseDown}>
        <span className="kesu-ss-input-wrap">
          {!query && chosen ? (
            <span id={valueId} className="kesu-ss-value" data-testid={tid('single-value')}>
              {chosen.label}
            </span>
          ) : null}
          {!query && !chosen ? (
            <span id={valueId} className="kesu-ss-placeholder" data-testid={tid('placeholder')}>
              {placeholder}
            </span>
          ) : null}
          <input
            ref={inputRef}
            id={inputId}
            className="kesu-ss-input"
            data-testid={tid('input')}
            type="text"
            role="combobox"
            autoComplete="off"
            spellCheck={false}
            autoFocus={autoFocus}
            aria-autocomplete="list"
            aria-haspopup="listbox"
            aria-expanded={open}
            aria-controls={open ? listId : undefined}
            aria-activedescendant={open && activeIndex >= 0 ? optionId(activeIndex) : undefined}
            aria-describedby={[query ? null : valueId, describedBy].filter(Boolean).join(' ') || undefined}
            aria-invalid={invalid || undefined}
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
        {chosen ? (
          <button
            type="button"
            tabIndex={-1}
            className="kesu-ss-indicator kesu-ss-clear"
            aria-label={clearLabel}
            data-testid={tid('clear-indicator')}
            onMouseDown={keepFocus}
            onClick={() => {
              onChange(null);
              close();
              inputRef.current?.focus();
            }}
          >
            <Cross />
          </button>
        ) : null}
        <span className="kesu-ss-indicator" aria-hidden="true" data-testid={tid('dropdown-indicator')}>
          <Chevron />
        </span>
      </div>
      {open ? (
        <ul id={listId} role="listbox" className="kesu-ss-menu" data-testid={tid('listbox')} onMouseDown={keepFocus}>
          {shown.map((o, i) => (
            <li
              key={o.value}
              id={optionId(i)}
              role="option"
              aria-selected={o.value === value}
              className={`kesu-ss-option${i === activeIndex ? ' kesu-ss-active' : ''}`}
              data-testid={tid(`option-${i}`)}
              data-value={o.value}
              onMouseMove={() => i !== activeIndex && setActive(i)}
              onClick={() => pick(o)}
            >
              {o.label}
            </li>
          ))}
          {shown.length === 0 ? (
            <li role="presentation" className="kesu-ss-empty" data-testid={tid('no-options')}>
              {noOptions}
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
