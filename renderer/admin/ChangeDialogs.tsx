import { useAppStore } from '../state/store';
import { ChangeDialog } from './ChangeDialog';

/** The stream change dialog that is open, if any; a new one starts from its own fields. */
export function ChangeDialogs() {
  const dialog = useAppStore((s) => s.changeDialog);
  return dialog ? <ChangeDialog key={JSON.stringify(dialog)} dialog={dialog} /> : null;
}
