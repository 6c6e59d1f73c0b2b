import { ListStreamsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { distance } from 'fastest-levenshtein';
import { classifyAwsError } from '../../../aws/errors';
import { AppError } from '../../../core/app-error';

/** Enough names to catch a typo on any ordinary account, few enough that an error answers at once. */
const MAX_NAMES = 500;
const PAGE_SIZE = 100;
const MAX_SUGGESTIONS = 3;

/**
 * The names closest to `asked`, best first: those within a few edits (a third of the name, at
 * least two), case aside, and those that contain it or that it contains ("orders" for "orders-v2").
 */
export function closestNames(asked: string, names: readonly string[], limit = MAX_SUGGESTIONS): string[] {
  const wanted = asked.toLowerCase();
  const allowed = Math.max(2, Math.floor(wanted.length / 3));
  return names
    .map((name) => {
      const lower = name.toLowerCase();
      const contains = wanted.length >= 3 && (lower.includes(wanted) || wanted.includes(lower));
      return { name, edits: distance(wanted, lower), contains };
    })
    .filter((c) => c.name !== asked && (c.edits <= allowed || c.contains))
    .sort((a, b) => a.edits - b.edits || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((c) => c.name);
}

/** The first few hundred stream names, following pagination as far as that. */
async function someStreamNames(client: KinesisClient): Promise<string[]> {
  const names: string[] = [];
  let exclusiveStart: string | undefined;
  while (names.length < MAX_NAMES) {
    const page = await client.send(new ListStreamsCommand({ Limit: PAGE_SIZE, ExclusiveStartStreamName: exclusiveStart }));
    const found = page.StreamNames ?? [];
    names.push(...found);
    if (!page.HasMoreStreams || found.length === 0) break;
    exclusiveStart = found.at(-1);
  }
  return names;
}

/**
 * A not-found from a call on stream `name`, said as a missing stream with the names the user may
 * have meant. The list is asked only here, on the failure; a stream that is there after all (the
 * not-found was about something else), or a list that cannot be had, leaves the error as it was.
 */
export async function explainMissingStream(client: KinesisClient, name: string, error: unknown): Promise<unknown> {
  if (error instanceof AppError || classifyAwsError(error).failure !== 'not-found') return error;
  try {
    const names = await someStreamNames(client);
    if (names.includes(name)) return error;
    const region = await client.config.region();
    return new AppError('not-found', `There is no stream ${name} in ${region}.`, undefined, closestNames(name, names));
  } catch {
    return error;
  }
}

/** Runs a call on stream `name`, turning its not-found into the missing-stream error above. */
export async function onStream<T>(client: KinesisClient, name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw await explainMissingStream(client, name, error);
  }
}
