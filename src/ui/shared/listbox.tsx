/**
 * The combobox + listbox engine shared by the light selects (gadget/MultiSelect, field-edit/
 * SingleSelect): ARIA 1.2 editable combobox whose input owns a popup listbox.
 *
 * `useListbox` holds the open/query/active state and the behaviour: click the control or press
 * ↓ to open, type to narrow (label or value), ↑/↓/Home/End to move, Enter or a click to pick,
 * Esc closes (and clears the query), Tab and blur close; keys are ignored while an IME (pinyin)
 * is composing. `ListboxPopup` renders the open list, and `ClearIndicator`/`DropdownIndicator`
 * the control's buttons. `data-testid`s follow @atlaskit/select's (`<testId>-select--<part>`).
 *
 * Styling: listbox.css (classes `kesu-select-*`), which each select's own stylesheet @imports,
 * so that it lands in the surface's index.css ahead of the select's own rules. This module
 * imports no CSS: the build marks src/ui/shared side-effect free (scripts/build-ui.mjs).
 */
import { useEffect, useId, useRef, useState, type ChangeEvent, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';

export interface ListboxOption {
  label: string;
  value: string;
}

/** Does the option match what the user typed (its label or its value, case-insensitively)? */
export function matchesQuery(option: ListboxOption, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || option.label.toLowerCase().includes(q) || option.value.toLowerCase().includes(q);
}

export interface UseListboxArgs<O extends ListboxOption> {
  /** The input's id (the field's `<label htmlFor>`); the listbox's id derives from it. */
  inputId: string;
  testId: string;
  /** The options the list may show; those matching the query are shown. */
  candidates: readonly O[];
  /** An option was picked (click or Enter); the list closes afterwards. */
  onPick: (option: O) => void;
  /** The option active when the list opens (default: the first). */
  initialActive?: () => number;
  /** Backspace in the empty input. */
  onEmptyBackspace?: () => void;
}

export interface Listbox<O extends ListboxOption> {
  open: boolean;
  query: string;
  /** The candidates matching the query. */
  shown: O[];
  /** Index of the active option in `shown` (-1 when none is shown). */
  activeIndex: number;
  setActive: (index: number) => void;
  listId: string;
  optionId: (index: number) => string;
  /** `<testId>-select--<part>` */
  tid: (part: string) => string;
  inputRef: RefObject<HTMLInputElement>;
  close: () => void;
  pick: (option: O) => void;
  /** A click anywhere on the control (but its buttons) focuses the input and opens or closes the list. */
  onControlMouseDown: (e: MouseEvent<HTMLDivElement>) => void;
  /** For mousedown on the popup and buttons: keep the focus in the input. */
  keepFocus: (e: MouseEvent) => void;
  /** The combobox attributes and handlers for the `<input>`. */
  inputProps: {
    ref: RefObject<HTMLInputElement>;
    id: string;
    'data-testid': string;
    type: 'text';
    role: 'combobox';
    autoComplete: 'off';
    spellCheck: false;
    'aria-autocomplete': 'list';
    'aria-haspopup': 'listbox';
    'aria-expanded': boolean;
    'aria-controls': string | undefined;
    'aria-activedescendant': string | undefined;
    value: string;
    onChange: (e: ChangeEvent<HTMLInputElement>) => void;
    onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
    onBlur: () => void;
  };
}

export function useListbox<O extends ListboxOption>({ inputId, testId, candidates, onPick, initialActive, onEmptyBackspace }: UseListboxArgs<O>): Listbox<O> {
  const uid = useId();
  const listId = `${inputId}-listbox`;
  const optionId = (i: number): string => `${uid}-option-${i}`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const tid = (part: string): string => `${testId}-select--${part}`;

  const shown = candidates.filter((o) => matchesQuery(o, query));
  const activeIndex = Math.min(active, shown.length - 1);

  useEffect(() => {
    if (!open || activeIndex < 0) return;
    const el = document.getElementById(optionId(activeIndex));
    if (el && typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'nearest' });
  }, [open, activeIndex]); // optionId() depends on uid only

  const openList = (): void => {
    setActive(initialActive ? initialActive() : 0);
    setOpen(true);
  };
  const close = (): void => {
    setOpen(false);
    setQuery('');
  };
  const pick = (o: O): void => {
    onPick(o);
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
      case 'Backspace':
        if (!query) onEmptyBackspace?.();
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

  return {
    open,
    query,
    shown,
    activeIndex,
    setActive,
    listId,
    optionId,
    tid,
    inputRef,
    close,
    pick,
    onControlMouseDown,
    keepFocus,
    inputProps: {
      ref: inputRef,
      id: inputId,
      'data-testid': tid('input'),
      type: 'text',
      role: 'combobox',
      autoComplete: 'off',
      spellCheck: false,
      'aria-autocomplete': 'list',
      'aria-haspopup': 'listbox',
      'aria-expanded': open,
      'aria-controls': open ? listId : undefined,
      'aria-activedescendant': open && activeIndex >= 0 ? optionId(activeIndex) : undefined,
      value: query,
      onChange: (e) => {
        setQuery(e.currentTarget.value);
        setActive(0);
        setOpen(true);
      },
      onKeyDown,
      onBlur: close,
    },
  };
}

export interface ListboxPopupProps<O extends ListboxOption> {
  listbox: Listbox<O>;
  /** Extra class for the `<ul>` (besides `kesu-select-menu`). */
  className?: string;
  multiselectable?: boolean;
  isSelected: (option: O) => boolean;
  /** Put each option's value in `data-value`. */
  dataValue?: boolean;
  /** Shown when no option matches. */
  noOptions: string;
}

/** The open list (nothing while closed). */
export function ListboxPopup<O extends ListboxOption>({ listbox, className, multiselectable, isSelected, dataValue, noOptions }: ListboxPopupProps<O>): JSX.Element | null {
  const { open, shown, activeIndex, setActive, listId, optionId, tid, pick, keepFocus } = listbox;
  if (!open) return null;
  return (
    <ul
      id={listId}
      role="listbox"
      aria-multiselectable={multiselectable ? 'true' : undefined}
      className={`kesu-select-menu${className ? ` ${className}` : ''}`}
      data-testid={tid('listbox')}
      onMouseDown={keepFocus}
    >
      {/* Unnamed, as Atlaskit's was: the combobox (labelled by the field) owns it via aria-controls,
          and a second element named like the field would make "get by label" ambiguous. */}
      {shown.map((o, i) => (
        <li
          key={o.value}
          id={optionId(i)}
          role="option"
          aria-selected={isSelected(o)}
          className={`kesu-select-option${i === activeIndex ? ' kesu-select-active' : ''}`}
          data-testid={tid(`option-${i}`)}
          data-value={dataValue ? o.value : undefined}
          onMouseMove={() => i !== activeIndex && setActive(i)}
          onClick={() => pick(o)}
        >
          {o.label}
        </li>
      ))}
      {shown.length === 0 ? (
        <li role="presentation" className="kesu-select-empty" data-testid={tid('no-options')}>
          {noOptions}
        </li>
      ) : null}
    </ul>
  );
}

export const Chevron = (): JSX.Element => (
  <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path fill="currentColor" d="m14.53 6.03-6 6a.75.75 0 0 1-1.004.052l-.056-.052-6-6 1.06-1.06L8 10.44l5.47-5.47z" />
  </svg>
);

export const Cross = ({ size }: { size: number }): JSX.Element => (
  <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path fill="currentColor" d="m12.53 4.53-3.47 3.47 3.47 3.47-1.06 1.06L8 9.06l-3.47 3.47-1.06-1.06L6.94 8 3.47 4.53l1.06-1.06L8 6.94l3.47-3.47z" />
  </svg>
);

/** The control's clear button (`--clear-indicator`): out of the tab order, keeps the focus in the input. */
export function ClearIndicator({ listbox, label, className, onClick }: { listbox: Pick<Listbox<ListboxOption>, 'tid' | 'keepFocus'>; label: string; className?: string; onClick: () => void }): JSX.Element {
  return (
    <button
      type="button"
      tabIndex={-1}
      className={`kesu-select-indicator kesu-select-clear${className ? ` ${className}` : ''}`}
      aria-label={label}
      data-testid={listbox.tid('clear-indicator')}
      onMouseDown={listbox.keepFocus}
      onClick={onClick}
    >
      <Cross size={14} />
    </button>
  );
}

/** The control's chevron (`--dropdown-indicator`), decorative. */
export function DropdownIndicator({ listbox }: { listbox: Pick<Listbox<ListboxOption>, 'tid'> }): JSX.Element {
  return (
    <span className="kesu-select-indicator" aria-hidden="true" data-testid={listbox.tid('dropdown-indicator')}>
      <Chevron />
    </span>
  );
}
