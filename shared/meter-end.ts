import type { StartPosition } from './contract';
import type { ReadEndSpec } from './positions';

/**
 * Why an end cannot end a meter, or null when it can. A meter that starts at the newest record
 * reads only what is written from then on: it is at the tip at once, so caught-up or a moment
 * already past would end it before it measured anything. From an older start both make sense
 * (how fast a backlog is read). Shared, so a host can say the problem in its own words before it asks.
 */
export function meterEndProblem(
  position: StartPosition,
  until: ReadEndSpec,
  now = Date.now(),
): 'caught-up-at-once' | 'end-already-past' | null {
  if (position.type !== 'LATEST') return null;
  if (until.type === 'caught-up') return 'caught-up-at-once';
  return Date.parse(until.time) <= now ? 'end-already-past' : null;
}
