import type { QueueHold } from '../../../../shared/contract/redrive';
import { countOf } from '../../../../shared/plural';
import type { ShardscopeApp } from '../../../app/shardscope-app';
import { call } from '../cli-app';
import { note } from '../output';

/**
 * Runs `work` over a redrive's records and then settles the queue messages their notices came
 * from: deleted when it completed, handed back when it failed or was stopped (`work` says which).
 */
export async function settlingQueue<T>(
  app: ShardscopeApp,
  /** The messages held, known once the plan is made inside `work`. */
  held: () => QueueHold | null,
  work: () => Promise<T>,
  completed: (result: T) => boolean,
): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (error) {
    const queue = held();
    if (queue) await settle(app, queue, false);
    throw error;
  }
  const queue = held();
  if (queue) await settle(app, queue, completed(result));
  return result;
}

async function settle(app: ShardscopeApp, queue: QueueHold, done: boolean): Promise<void> {
  const { deleted, handedBack, refused } = await call(app, 'redrive:settleQueue', { hold: queue.hold, done });
  if (deleted) note(`${countOf(deleted, 'message')} deleted from the queue`);
  if (refused) note(`not deleted: ${refused}`);
  if (handedBack) note(`${countOf(handedBack, 'message')} left in the queue (visible again now)`);
}
