import type { MiddlewareStack } from '@smithy/types';

/**
 * Calls that only look: everything else (PutRecord(s), CreateStream, SplitShard, tags, consumers,
 * and whatever AWS adds next) changes something and is refused on a read-only connection. An
 * allow-list, so a call this file has never heard of is a write until someone says otherwise.
 */
export function isReadOnlyCall(commandName: string): boolean {
  // Scan, Query and BatchGetItem are DynamoDB's reads (a lease table is read, never written, unless a checkpoint is moved).
  // Head is S3's metadata read (HeadObject, HeadBucket).
  // An SQS message received is only hidden for its visibility timeout, and handing it back
  // (ChangeMessageVisibility) shows it again: neither loses a notice. DeleteMessage does, so it is a write.
  return (
    /^(Describe|List|Get|BatchGet|Head)[A-Z]/.test(commandName) ||
    ['SubscribeToShard', 'Scan', 'Query', 'ReceiveMessage', 'ChangeMessageVisibility'].includes(commandName)
  );
}

/** The action a command performs, as IAM and the user name it: PutRecordsCommand → PutRecords. */
export const actionOf = (commandName: string) => commandName.replace(/Command$/, '');

/** Thrown in main, below every handler, for a write on a connection marked read-only. */
export class ReadOnlyConnectionError extends Error {
  override readonly name = 'ReadOnlyConnectionError';

  constructor(
    readonly connection: string,
    readonly action: string,
    stream?: string | null,
  ) {
    super(
      // How to make it writable is each host's to say (the error's remedy), in its own terms.
      `"${connection}" is a read-only connection: Shardscope will not call ${action}${stream ? ` on ${stream}` : ''}.`,
    );
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyClient = { middlewareStack: MiddlewareStack<any, any> };

/** Each guarded client's connection and question, so a client made from it can carry the same guard. */
const guards = new WeakMap<AnyClient, { connection: string; stillReadOnly: () => boolean }>();

/**
 * The last line of the read-only guard: every client of a connection that is read-only refuses,
 * before signing, any call that is not a read. Handlers check first to say so early; this holds
 * even if one forgets. It asks at each call, so a connection made read-only stops a running writer.
 */
export function refuseWrites(
  // Any SDK client: Kinesis, and DynamoDB for lease tables; the guard reads only the command's name and input.
  client: AnyClient,
  connection: string,
  stillReadOnly: () => boolean = () => true,
): void {
  guards.set(client, { connection, stillReadOnly });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const action = actionOf(context.commandName ?? '');
      if (!isReadOnlyCall(action) && stillReadOnly()) {
        const input = args.input as { StreamName?: string; TableName?: string; Bucket?: string; Key?: string };
        const stream = input.StreamName ?? input.TableName ?? (input.Bucket ? `s3://${input.Bucket}/${input.Key ?? ''}` : null);
        throw new ReadOnlyConnectionError(connection, action, stream);
      }
      return next(args);
    },
    { step: 'initialize', name: 'shardscopeReadOnlyGuard', priority: 'high' },
  );
}

/** Puts on `to` the guard `from` has, if any: a client made from a guarded one refuses the same writes. */
export function copyReadOnlyGuard(from: AnyClient, to: AnyClient): void {
  const guard = guards.get(from);
  if (guard) refuseWrites(to, guard.connection, guard.stillReadOnly);
}
