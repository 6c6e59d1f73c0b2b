import type { UseComboboxReturnValue } from 'downshift';
import type { ReactNode } from 'react';

/** The list under a picker's field: the options while it is open, the highlighted one marked. */
export function ComboboxMenu<T>({
  combobox,
  items,
  itemKey,
  renderItem,
}: {
  combobox: Pick<UseComboboxReturnValue<T>, 'isOpen' | 'getMenuProps' | 'getItemProps' | 'highlightedIndex'>;
  items: readonly T[];
  itemKey(item: T): string;
  renderItem(item: T): ReactNode;
}) {
  const { isOpen, getMenuProps, getItemProps, highlightedIndex } = combobox;
  return (
    <ul
      {...getMenuProps()}
      className={isOpen && items.length > 0 ? 'stream-combobox__menu' : 'stream-combobox__menu stream-combobox__menu--closed'}
    >
      {isOpen &&
        items.map((item, index) => (
          <li
            key={itemKey(item)}
            {...getItemProps({ item, index })}
            className={highlightedIndex === index ? 'stream-combobox__item stream-combobox__item--active' : 'stream-combobox__item'}
          >
            {renderItem(item)}
          </li>
        ))}
    </ul>
  );
}
