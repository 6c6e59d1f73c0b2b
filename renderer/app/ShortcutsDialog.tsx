import { Dialog } from '../ui/Dialog';
import { shortcuts } from '../ui/shortcuts';

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <dl className="pairs" aria-label="Keyboard shortcuts">
        {shortcuts.map((s) => (
          <div key={s.keys} className="pairs__row">
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{s.does}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
