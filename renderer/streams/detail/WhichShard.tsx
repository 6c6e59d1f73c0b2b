import type { useWhichShard } from './useWhichShard';

/** The lookup form; its state lives with the detail panel so the shard map can highlight the answer. */
export function WhichShard({ which }: { which: ReturnType<typeof useWhichShard> }) {
  return (
    <section className="panel detail-panel" aria-label="Which shard?">
      <header className="detail-panel__header">
        <h2>Which shard?</h2>
      </header>
      <form
        className="which"
        onSubmit={(event) => {
          event.preventDefault();
          void which.find();
        }}
      >
        <fieldset className="form__sources">
          <legend className="visually-hidden">Key type</legend>
          <label className="radio">
            <input type="radio" name="key-kind" checked={which.kind === 'partition-key'} onChange={() => which.setKind('partition-key')} />
            Partition key
          </label>
          <label className="radio">
            <input
              type="radio"
              name="key-kind"
              checked={which.kind === 'explicit-hash-key'}
              onChange={() => which.setKind('explicit-hash-key')}
            />
            Explicit hash key
          </label>
        </fieldset>
        <input
          className="input mono which__key"
          aria-label={which.kind === 'partition-key' ? 'Partition key to look up' : 'Explicit hash key to look up'}
          value={which.key}
          onChange={(event) => which.setKey(event.target.value)}
          placeholder={which.kind === 'partition-key' ? 'e.g. user-0001' : 'a number below 2^128'}
        />
        <button type="submit" className="button button--primary" disabled={which.busy || which.key === ''}>
          Find shard
        </button>
      </form>
      <div role="status" aria-label="Shard for key" className="which__result">
        {which.error && <span className="field__error">{which.error}</span>}
        {which.result &&
          (which.result.shardId ? (
            <>
              <span className="mono which__shard">{which.result.shardId}</span>
              <span className="muted mono"> hash key {which.result.hashKey}</span>
            </>
          ) : (
            <span className="field__error">{which.result.reason}</span>
          ))}
      </div>
    </section>
  );
}
