import type { ChangePlan } from '../../shared/contract';
import { keySpaceShare } from '../../shared/lineage';
import { CopyButton } from '../ui/CopyButton';

/** One shard map as a bar: each open shard's share of the key space. */
function MapBar({ label, ranges }: { label: string; ranges: { start: string; end: string }[] }) {
  return (
    <div
      className="shard-bar"
      role="img"
      aria-label={`${label}: ${ranges.length} open shards, ${ranges.map((r) => `${keySpaceShare(r.start, r.end)}%`).join(', ')}`}
    >
      <span className="shard-bar__label">{label}</span>
      <span className="shard-bar__track">
        {ranges.map((r) => (
          <span
            key={r.start}
            className="shard-bar__part"
            style={{ flexGrow: keySpaceShare(r.start, r.end) }}
            title={`${r.start} – ${r.end}`}
          />
        ))}
      </span>
    </div>
  );
}

/** A planned change, before and after, with its cost, limits, blockers and the AWS CLI that does the same. */
export function PlanView({ plan }: { plan: ChangePlan }) {
  return (
    <section className="plan" aria-label="What will change">
      <p>{plan.summary}</p>
      {plan.settings.length > 0 && (
        <table className="plan__table">
          <caption className="visually-hidden">Before and after</caption>
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Now</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {plan.settings.map((s) => (
              <tr key={s.name}>
                <th scope="row">{s.name}</th>
                <td>{s.before || '—'}</td>
                <td>{s.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plan.shardsBefore && <MapBar label="Now" ranges={plan.shardsBefore} />}
      {plan.shardsAfter && <MapBar label="After" ranges={plan.shardsAfter} />}
      {plan.shardHoursPerDay && (
        <p className="muted">
          Shard-hours a day: {plan.shardHoursPerDay.before} → {plan.shardHoursPerDay.after}
        </p>
      )}
      {plan.limits.length > 0 && (
        <ul className="plain-list muted" aria-label="Limits">
          {plan.limits.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
      {plan.blockers.length > 0 && (
        <div className="notice-box" role="alert">
          {plan.blockers.map((b) => (
            <p key={b}>{b}</p>
          ))}
        </div>
      )}
      {plan.awsCli.map((command) => (
        <div key={command} className="copyable">
          <code className="code-block">{command}</code>
          <CopyButton text={command} label={`Copy ${command.split(' ').slice(0, 3).join(' ')}`} />
        </div>
      ))}
    </section>
  );
}
