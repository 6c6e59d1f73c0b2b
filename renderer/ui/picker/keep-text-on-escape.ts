import { useCombobox, type UseComboboxState, type UseComboboxStateChangeOptions } from 'downshift';

const { InputKeyDownEscape, ControlledPropUpdatedSelectedItem } = useCombobox.stateChangeTypes;

/**
 * The picker's text is the form's value. Downshift would erase it on Esc once the menu is closed,
 * and again when it syncs the text to the selection (which our pickers pin at null, so a choice
 * made earlier "changes" back to nothing): in a form, Esc means "close the list", never "erase
 * the name I chose, typed or pasted".
 */
export function keepTextOnEscape<T>(
  state: UseComboboxState<T>,
  { type, changes }: UseComboboxStateChangeOptions<T>,
): Partial<UseComboboxState<T>> {
  return type === InputKeyDownEscape || type === ControlledPropUpdatedSelectedItem ? { ...changes, inputValue: state.inputValue } : changes;
}
