import type { PipelineAssets } from '../../../shared/contract';

/** The generated files as a list of choices, the chosen one's text read-only beside it, and the engine's notes. */
export function AssetPreview({
  assets,
  selected,
  onSelect,
}: {
  assets: PipelineAssets;
  selected: string | null;
  onSelect(path: string): void;
}) {
  const shown = assets.assets.find((a) => a.path === selected) ?? assets.assets[0];
  return (
    <section aria-labelledby="handover-files-heading" className="handover">
      <h3 id="handover-files-heading">
        {assets.assets.length} files for T = <span className="mono">{assets.startAt}</span>
      </h3>
      {assets.notes.map((note) => (
        <p key={note} className="muted">
          {note}
        </p>
      ))}
      <div className="handover__files">
        <ul className="handover__list" aria-label="Generated files">
          {assets.assets.map((asset) => (
            <li key={asset.path}>
              <button
                type="button"
                className="button button--small mono"
                aria-pressed={asset.path === shown?.path}
                onClick={() => onSelect(asset.path)}
              >
                {asset.path}
              </button>
            </li>
          ))}
        </ul>
        {shown && (
          <pre className="code-block handover__text" tabIndex={0} aria-label={`Contents of ${shown.path}`}>
            {shown.text}
          </pre>
        )}
      </div>
    </section>
  );
}
