import { useState } from 'react';
import { useAppStore } from '../state/store';

/**
 * The unmasked view, off by default: turning it on is confirmed first, as every view of the
 * connection then shows values in the clear (main writes it to the audit log).
 */
export function UnmaskedSwitch({ unmasked }: { unmasked: boolean }) {
  const setUnmasked = useAppStore((s) => s.setUnmasked);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const change = async (next: boolean) => {
    setBusy(true);
    try {
      await setUnmasked(next);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <div className="masking__switch">
      <label className="radio">
        <input
          type="checkbox"
          role="switch"
          aria-checked={unmasked}
          checked={unmasked}
          disabled={busy || confirming}
          onChange={(e) => (e.target.checked ? setConfirming(true) : void change(false))}
        />
        Show masked fields in the clear
      </label>
      {confirming && (
        <div className="notice-box" role="alertdialog" aria-label="Show values in the clear?" aria-describedby="unmask-warning">
          <p id="unmask-warning">
            The preview, the inspector and searches on this connection will show emails, card numbers and every other masked field as they
            are, until you switch this off or the app restarts. Anyone who sees your screen sees them. The switch is written to the audit
            log. Runs stay masked.
          </p>
          <div className="toolbar">
            <button type="button" className="button button--danger" onClick={() => void change(true)} disabled={busy} autoFocus>
              Show values in the clear
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Keep them masked
            </button>
          </div>
        </div>
      )}
      {unmasked && (
        <p className="notice-box" role="alert">
          Masking is off for this connection&apos;s views: values are shown in the clear.
        </p>
      )}
    </div>
  );
}
