import { useState, type ChangeEvent } from 'react';
import { MAX_NOTICE_TEXT, MAX_NOTICE_TEXT_FILES } from '../../shared/contract';
import { useAppStore } from '../state/store';
import { count } from '../ui/format';

/**
 * Invocation-record files picked in the window: read here as text (a browser gives main no path)
 * and parsed and checked in main. Too many or too large is said before anything is sent.
 */
export function NoticeFilePicker() {
  const open = useAppStore((s) => s.openFailures);
  const [error, setError] = useState<string | null>(null);
  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    // The same files picked again are read again: their notices may have grown.
    input.value = '';
    if (files.length === 0) return;
    const bytes = files.reduce((sum, file) => sum + file.size, 0);
    if (files.length > MAX_NOTICE_TEXT_FILES) return setError(`Pick at most ${count(MAX_NOTICE_TEXT_FILES)} files at once.`);
    if (bytes > MAX_NOTICE_TEXT)
      return setError(`These files hold ${count(bytes)} bytes; at most ${count(MAX_NOTICE_TEXT)} are read at once. Pick fewer at a time.`);
    setError(null);
    try {
      const texts = await Promise.all(files.map(async (file) => ({ name: file.name, text: await file.text() })));
      await open({ kind: 'files', texts });
    } catch (failure) {
      setError(`The files could not be read: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  };
  return (
    <>
      <label className="button failures__pick">
        Open notice files…
        <input
          type="file"
          className="visually-hidden"
          multiple
          accept=".json,.jsonl,.ndjson,application/json"
          onChange={(event) => void pick(event)}
        />
      </label>
      {error && (
        <p className="field__error failures__pick-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
