import { createInterface } from 'node:readline';
import type { ActiveConnection, WriteTarget } from '../../../shared/contract';
import { describeWriteTarget } from '../../../shared/write-target';
import { AppError } from '../../core/app-error';
import { assertWritable } from '../../domain/writes/write-guard';
import { controlStream } from './terminal-text';

export interface WriteIntent {
  /** What will happen, e.g. "put 1 record", "produce orders.jsonl". */
  what: string;
  stream: string;
  /** The connection written with; a write planned in main was refused there already if it is read-only. */
  connection: Pick<ActiveConnection, 'kind' | 'label' | 'readOnly'>;
  /**
   * Where the write lands, as its plan named it (main/domain/writes/write-target.ts), said as every
   * host says it; a write made without a plan looks it up, and only when it is asked.
   */
  target: WriteTarget | (() => Promise<WriteTarget>);
  /** The IAM action, for the read-only refusal. */
  action: string;
  yes?: boolean;
  /** Ask even in the sandbox (stream changes). */
  always?: boolean;
  /** The answer must be the stream's name, not just yes (deletes). */
  typeName?: boolean;
}

/**
 * Every write command passes here first: a read-only connection refuses; a write to a stream
 * outside the sandbox (and any stream change, even in the sandbox) is confirmed on a terminal
 * naming the connection, account and stream, a delete by typing the stream's name, unless --yes
 * was given; without a terminal and without --yes the command refuses and names the flag.
 */
export async function confirmWrite(intent: WriteIntent): Promise<void> {
  const { connection, stream } = intent;
  assertWritable(connection, intent.action, stream);
  if ((connection.kind === 'sandbox' && !intent.always) || intent.yes) return;
  const target = typeof intent.target === 'function' ? await intent.target() : intent.target;
  const where = `stream ${stream} in ${describeWriteTarget(target)}`;
  // Records go into a stream; a change names the stream as its object ("reshard stream x …").
  const phrase = intent.always ? where : `into ${where}`;
  if (!process.stdin.isTTY || !process.stderr.isTTY)
    throw new AppError(
      'invalid-input',
      `Refusing to ${intent.what} ${phrase} without confirmation: there is no terminal to ask on. Pass --yes to go ahead.`,
    );
  const rl = createInterface({ input: process.stdin, output: controlStream(process.stderr) });
  try {
    const question = `${intent.what[0]!.toUpperCase()}${intent.what.slice(1)} ${phrase}?`;
    const answer = await new Promise<string>((resolve) =>
      rl.question(intent.typeName ? `${question} Type the stream's name to confirm: ` : `${question} [y/N] `, resolve),
    );
    const confirmed = intent.typeName ? answer.trim() === stream : /^y(es)?$/i.test(answer.trim());
    if (!confirmed) throw new AppError('invalid-input', 'Nothing was changed.');
  } finally {
    rl.close();
  }
}
