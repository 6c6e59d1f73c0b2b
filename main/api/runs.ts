import { randomUUID } from 'node:crypto';
import { AppError } from '../core/app-error';
import type { Handlers } from '../core/dispatcher';
import type { ReaderSource } from '../domain/connections/reader-source';
import type { SchemaSource } from '../domain/connections/schema-source';
import type { SessionRegistry } from '../core/sessions/session-registry';
import type { RunHistory } from '../domain/runs/run-history';
import { openableRunFolder } from '../domain/runs/openable-folder';
import { RunSession } from '../domain/runs/run-session';
import type { ConnectionManager } from '../domain/connections/connection-manager';
import { runConnectionOf } from '../domain/runs/run-connection';
import { s3ClientFor } from '../domain/runs/run-targets';
import { describeTarget } from '../domain/connections/target';
import type { Masking } from '../domain/connections/masking-source';
import { payloadLoader } from './redrive-notices';

/**
 * What only a desktop host can do: a native folder dialog, and showing a folder in the file
 * manager. openFolder is given only a run's folder from the history that is a directory.
 */
export interface FolderHost {
  chooseFolder?(): Promise<string | null>;
  openFolder?(folder: string): Promise<void>;
}

type RunCalls = Pick<Handlers, 'runs:start' | 'runs:stop' | 'runs:history' | 'runs:chooseFolder' | 'runs:openFolder'>;

export function runHandlers(
  connections: ConnectionManager,
  sessions: SessionRegistry,
  reading: ReaderSource,
  history: RunHistory,
  host: FolderHost,
  /** The app's data folder: runs into S3 spool their parts under it. */
  dataDir: string,
  schemaSource?: SchemaSource,
  masking?: Masking,
): RunCalls {
  return {
    'runs:start': async ({ spec, resume, restart, connection }, owner) => {
      const target = await connections.targetNamed(connection ?? null, owner);
      // run.json states the rules the run applies and those that exempt runs; a resume keeps its own.
      // A run on a named connection reads that connection's data: its rules and hash key apply.
      const on = connection ? describeTarget(target) : undefined;
      const read = await masking?.forRead(owner, spec.stream, spec.masking, 'run', on);
      const session = new RunSession(randomUUID(), owner, {
        ...reading(owner, spec.stream, connection ? target : undefined),
        spec: read ? { ...spec, masking: { rules: read.applied, exempt: read.exempt } } : spec,
        masking: masking && ((rules) => masking.maskerFor(owner, rules, on)),
        // The caller's bindings: a run again on another connection decodes with them too.
        schemas: await schemaSource?.(owner, spec.stream),
        resume,
        restart,
        connection: runConnectionOf(target),
        places: { dataDir, connection: describeTarget(target), s3Client: () => s3ClientFor(target) },
        onFinished: (summary) => history.add(summary),
        payloads: payloadLoader(connections, owner),
      });
      await sessions.start(session);
      return { sessionId: session.id };
    },
    'runs:stop': async ({ sessionId }, owner) => ({ stopped: await sessions.stop(sessionId, owner, 'run') }),
    'runs:history': async () => ({ runs: await history.list() }),
    'runs:chooseFolder': async () => {
      if (!host.chooseFolder) throw new AppError('unavailable', 'There is no folder dialog in the browser: type the folder’s full path.');
      return { folder: await host.chooseFolder() };
    },
    'runs:openFolder': async ({ folder }) => {
      if (!host.openFolder) throw new AppError('unavailable', 'Only the desktop app can open a folder.');
      await host.openFolder(await openableRunFolder(history, folder));
      return { opened: true };
    },
  };
}
