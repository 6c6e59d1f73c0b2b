import { useEffect, useState } from 'react';

/** Copies text to the clipboard and says so for a moment. */
export function CopyButton({ text, label, visibleLabel = 'Copy' }: { text: string; label: string; visibleLabel?: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      className="button button--small"
      aria-label={label}
      onClick={() =>
        navigator.clipboard.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      {copied === null ? visibleLabel : copied ? 'Copied' : 'Copy failed'}
    </button>
  );
}
