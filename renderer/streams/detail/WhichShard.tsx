import type { ShardFor } from '../../../shared/contract';
import type { useWhichShard } from './useWhichShard';

type Which = ReturnType<typeof useWhichShard>;

/** Each user record of an aggregate, where it would have gone put on its own. */
function UserRecordPlaces({ result }: { result: ShardFor }) {
  const aggregate = result.aggregate!;
  return (
    <div className="table-scroll which__records">
      <p>
        {aggregate.total} user records; {aggregate.elsewhere} would go to another shard than the aggregate if put on their own
        {aggregate.total > aggregate.userRecords.length ? ` (the first ${aggregate.userRecords.length} listed)` : ''}.
      </p>
      <table className="table" aria-label="User records of the aggregate">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Partition key</th>
            <th scope="col">Explicit hash key</th>
            <th scope="col">Bytes</th>
            <th scope="col">Shard on its own</th>
          </tr>
        </thead>
        <tbody>
          {aggregate.userRecords.map((r) => (
            <tr key={r.index}>
              <td className="mono">{r.index}</td>
              <td className="mono">{r.partitionKey}</td>
              <td className="mono">{r.explicitHashKey ?? '—'}</td>
              <td className="mono">{r.bytes}</td>
              <td className="mono">
                {r.shardId ?? 'no open shard'}
                {r.shardId !== result.shardId && <span className="which__elsewhere"> (elsewhere)</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AggregateFields({ which }: { which: Which }) {
  return (
    <>
      <label className="radio">
        <input type="checkbox" checked={which.isAggregate} onChange={(event) => which.setIsAggregate(event.target.checked)} />
        The record is a KPL aggregate
      </label>
      {which.isAggregate && (
        <div className="which__aggregate">
          <textarea
            className="input mono"
            aria-label="Aggregate bytes (base64)"
            placeholder="the aggregate record's bytes, base64"
            rows={3}
            value={which.aggregateText}
            disabled={which.aggregateFile !== null}
            onChange={(event) => which.setAggregateText(event.target.value)}
          />
          <label className="field">
            <span>Or a file holding it</span>
            <input type="file" aria-label="Aggregate file" onChange={(event) => which.setAggregateFile(event.target.files?.[0] ?? null)} />
          </label>
        </div>
      )}
    </>
  );
}

function Answer({ result }: { result: ShardFor }) {
  if (!result.shardId) return <span className="field__error">{result.reason}</span>;
  return (
    <>
      <span className="mono which__shard">{result.shardId}</span>
      <span className="muted mono"> hash key {result.hashKey}</span>
      {result.routedBy === 'explicit-hash-key' && result.byPartitionKey && (
        <p className="muted">
          Routed by the explicit hash key; the partition key alone would go to{' '}
          <span className="mono">{result.byPartitionKey.shardId ?? 'no open shard'}</span>.
        </p>
      )}
      {result.aggregate && <UserRecordPlaces result={result} />}
    </>
  );
}

/** The lookup form; its state lives with the detail panel so the shard map can highlight the answer. */
export function WhichShard({ which }: { which: Which }) {
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
        {which.kind === 'partition-key' && (
          <input
            className="input mono which__key"
            aria-label="Hash key that routes it (optional)"
            value={which.routingHashKey}
            onChange={(event) => which.setRoutingHashKey(event.target.value)}
            placeholder="explicit hash key that routes it (optional)"
          />
        )}
        <AggregateFields which={which} />
        <button type="submit" className="button button--primary" disabled={!which.canFind}>
          Find shard
        </button>
      </form>
      <div role="status" aria-label="Shard for key" className="which__result">
        {which.error && <span className="field__error">{which.error}</span>}
        {which.result && <Answer result={which.result} />}
      </div>
    </section>
  );
}
