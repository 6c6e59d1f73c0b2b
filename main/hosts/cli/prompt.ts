import { createInterface } from 'node:readline';
import { AppError } from '../../core/app-error';
import { controlStream } from './terminal-text';

/** Asks one question on the terminal; a script without a terminal gets a clear error instead of a hang. */
export async function promptLine(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new AppError('credentials', `${question.trim()} needed, but there is no terminal to ask on.`);
  const rl = createInterface({ input: process.stdin, output: controlStream(process.stderr) });
  try {
    return (await new Promise<string>((resolve) => rl.question(question, resolve))).trim();
  } finally {
    rl.close();
  }
}

/**
 * Reads secret lines from standard input, never from arguments (which land in shell history
 * and the process list). On a terminal each is asked for with echo off.
 */
export async function readSecretLines(questions: string[]): Promise<string[]> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks)
      .toString('utf8')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .slice(0, questions.length);
  }
  const answers: string[] = [];
  for (const question of questions) answers.push(await readHidden(question));
  return answers;
}

function readHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          finish();
          resolve(value.trim());
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new AppError('invalid-input', 'Cancelled.'));
          return;
        }
        value = char === '\u007f' ? value.slice(0, -1) : value + char;
      }
    };
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}
