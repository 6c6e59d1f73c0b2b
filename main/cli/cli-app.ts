import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import { startShardscopeApp, type ShardscopeApp } from '../app/shardscope-app';
import type { InitialConnection } from '../connections/connection-manager';
import { AppError } from '../dispatch/app-error';
import { appVersion } from './project';
import { promptLine } from './prompt';

/** Starts the app core for one CLI command, with MFA codes asked for on the terminal. */
export function startCliApp(connection: InitialConnection, host: 'browser' | 'test' = 'test'): Promise<ShardscopeApp> {
  return startShardscopeApp({
    host,
    version: appVersion(),
    connection,
    credentialOptions: { mfaCodeProvider: (serial) => promptLine(`MFA code for ${serial}: `) },
    logError: (message, error) => console.error(message, error),
  });
}

/** Runs a command body against a started app and always stops it, so the process can exit. */
export async function withCliApp<T>(connection: InitialConnection, body: (app: ShardscopeApp) => Promise<T>): Promise<T> {
  const app = await startCliApp(connection);
  try {
    return await body(app);
  } finally {
    await app.stop();
  }
}

/** The CLI goes through the same dispatcher as the UI, so both see the same answers and errors. */
export async function call<C extends CallName>(app: ShardscopeApp, channel: C, input: CallInput<C>): Promise<CallOutput<C>> {
  const result = await app.dispatch(channel, input);
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  return result.value as CallOutput<C>;
}
