import type { CallInput, CallName, CallOutput, ReadBudget } from '../../../shared/contract';
import { startShardscopeApp, type InitialConnection, type ShardscopeApp } from '../../app/shardscope-app';
import { AppError } from '../../core/app-error';
import { nobody, type SessionOwner } from '../../core/sessions/session-owner';
import { appVersion } from './project';
import { isForcedReadOnly } from './output';
import { promptLine } from './prompt';

/** Starts the app core for one CLI command, with MFA codes asked for on the terminal. */
export function startCliApp(
  connection: InitialConnection,
  host: 'browser' | 'cli' = 'cli',
  readBudget?: Partial<ReadBudget>,
): Promise<ShardscopeApp> {
  return startShardscopeApp({
    host,
    readBudget,
    readOnly: isForcedReadOnly(),
    version: appVersion(),
    connection,
    credentialOptions: { mfaCodeProvider: (serial) => promptLine(`MFA code for ${serial}: `) },
    logError: (message, error) => console.error(message, error),
  });
}

/** Runs a command body against a started app and always stops it, so the process can exit. */
export async function withCliApp<T>(
  connection: InitialConnection,
  body: (app: ShardscopeApp) => Promise<T>,
  readBudget?: Partial<ReadBudget>,
): Promise<T> {
  const app = await startCliApp(connection, 'cli', readBudget);
  try {
    return await body(app);
  } finally {
    await app.stop();
  }
}

/** The CLI goes through the same dispatcher as the UI, so both see the same answers and errors. */
export async function call<C extends CallName>(
  app: ShardscopeApp,
  channel: C,
  input: CallInput<C>,
  caller: SessionOwner = nobody,
): Promise<CallOutput<C>> {
  const result = await app.dispatch(channel, input, caller);
  if (!result.ok) {
    // A terminal has no form to point at: each problem is said with the field it is about.
    const issues = (result.error.issues ?? []).map((issue) => `\n  ${issue.path}: ${issue.message}`).join('');
    throw new AppError(result.error.code, result.error.message + issues, result.error.remedy, result.error.suggestions);
  }
  return result.value as CallOutput<C>;
}
