import { useEffect, useState } from 'react';
import { selectConnectionKey } from '../state/connection-state';
import { useAppStore } from '../state/store';
import { bindingWords } from './schema-binding-words';
import { SchemaBindingDialog } from './SchemaBindingDialog';

/** The preview's "Schema" control: the stream's binding in a few words, and the dialog that changes it. */
export function SchemaBindingButton({ stream }: { stream: string }) {
  const bindings = useAppStore((state) => state.schemaBindings);
  const load = useAppStore((state) => state.loadSchemaBindings);
  const connection = useAppStore(selectConnectionKey);
  const [open, setOpen] = useState(false);
  // Bindings are per connection: another connection's are not this one's.
  useEffect(() => {
    if (connection) void load();
  }, [connection, load]);
  const name = stream.trim();
  const bound = bindings?.status === 'ok' ? bindings.data.find((binding) => binding.stream === name) : undefined;
  const words = bindings?.status === 'ok' ? bindingWords(bound) : '…';
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={!name}
        title={name ? `How ${name}'s records are decoded` : 'Choose a stream first'}
        onClick={() => setOpen(true)}
      >
        Schema: {words}
      </button>
      {open && <SchemaBindingDialog stream={name} onClose={() => setOpen(false)} />}
    </>
  );
}
