import { useCombobox } from 'downshift';
import { ComboboxMenu } from './ComboboxMenu';
import { keepTextOnEscape } from './keep-text-on-escape';
import { useEffect, useMemo, useState } from 'react';
import { useAppStore } from '../../state/store';
import { recentStreams, rememberStream, streamChoices } from './recent-streams';
import './stream-combobox.css';

export interface StreamComboboxProps {
  /** The accessible name; shown as the label when `visibleLabel`. */
  label: string;
  value: string;
  onChange(name: string): void;
  visibleLabel?: boolean;
  placeholder?: string;
  required?: boolean;
  /** Ties the input to a Field's hint and error. */
  describedBy?: string;
  className?: string;
}

/**
 * A stream of the active connection, picked from its list: type-ahead over the names (prefix
 * matches first), recent choices first when empty, arrows and Enter to choose, Esc to close.
 * A name can still be typed whole. Downshift gives the ARIA combobox pattern.
 */
export function StreamCombobox(props: StreamComboboxProps) {
  const rows = useAppStore((s) => s.streamRows);
  const refresh = useAppStore((s) => s.refreshStreams);
  const carry = useAppStore((s) => s.carryStream);
  useEffect(() => {
    if (rows === null) void refresh();
  }, [rows, refresh]);
  const names = useMemo(() => (rows ?? []).filter((row) => !row.gone).map((row) => row.name), [rows]);
  const [recent, setRecent] = useState(recentStreams);
  const items = useMemo(() => streamChoices(names, props.value, recent), [names, props.value, recent]);

  const combobox = useCombobox({
    items,
    inputValue: props.value,
    onInputValueChange: ({ inputValue, type }) => {
      // A choice from the list arrives through onSelectedItemChange, which also remembers it.
      if (type !== useCombobox.stateChangeTypes.ItemClick && type !== useCombobox.stateChangeTypes.InputKeyDownEnter)
        props.onChange(inputValue ?? '');
    },
    onSelectedItemChange: ({ selectedItem }) => {
      if (!selectedItem) return;
      rememberStream(selectedItem);
      setRecent(recentStreams());
      props.onChange(selectedItem);
      carry(selectedItem);
    },
    selectedItem: null,
    stateReducer: keepTextOnEscape,
  });

  return (
    <div className={`stream-combobox ${props.className ?? ''}`}>
      <label {...combobox.getLabelProps()} className={props.visibleLabel ? 'field__label' : 'visually-hidden'}>
        {props.label}
      </label>
      <input
        {...combobox.getInputProps({ 'aria-describedby': props.describedBy })}
        className="input mono"
        placeholder={props.placeholder ?? 'stream name'}
        required={props.required}
        autoComplete="off"
        spellCheck={false}
      />
      <ComboboxMenu
        combobox={combobox}
        items={items}
        itemKey={(name) => name}
        renderItem={(name) => (
          <>
            <span className="mono">{name}</span>
            {!props.value.trim() && recent.includes(name) && <span className="muted"> recent</span>}
          </>
        )}
      />
    </div>
  );
}
