import { useId, useState, type ChangeEvent } from 'react';
import { messageOf } from '../api/api-error';
import { useAppStore } from '../state/store';
import { MaskImportError } from './masking-slice';

/** Imports a rules file a team keeps (the JSON `mask import` reads); every bad rule is named. */
export function MaskImport() {
  const importRules = useAppStore((s) => s.importMaskRules);
  const [replace, setReplace] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [imported, setImported] = useState<string | null>(null);
  const inputId = useId();

  const read = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    if (!file) return;
    setImported(null);
    try {
      await importRules(await file.text(), replace);
      setProblems([]);
      setImported(`Imported ${file.name}.`);
    } catch (error) {
      setProblems(error instanceof MaskImportError ? error.problems : [messageOf(error)]);
    } finally {
      // The same file may be picked again once fixed.
      input.value = '';
    }
  };

  return (
    <div className="panel form" role="group" aria-label="Import masking rules">
      <h3>Import a rules file</h3>
      <p className="muted">
        JSON such as <code className="mono">{'{"rules": [{"path": "data.customer.email", "action": "hash"}]}'}</code>, at most 200 rules.
      </p>
      <div className="toolbar">
        <label className="field__label" htmlFor={inputId}>
          Rules file
        </label>
        <input id={inputId} type="file" accept=".json,application/json" onChange={(e) => void read(e)} />
        <label className="radio">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
          Replace this connection&apos;s rules
        </label>
      </div>
      {problems.length > 0 && (
        <div className="notice-box" role="alert" aria-label="The rules file was not imported">
          <p>The file was not imported; nothing changed:</p>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {imported && (
        <p className="muted" role="status">
          {imported}
        </p>
      )}
    </div>
  );
}
