import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startShardscopeApp, type ShardscopeApp, type ShardscopeAppOptions } from '../../main/app/shardscope-app';
import { createOwner, type ClosableOwner } from '../../main/core/sessions/session-owner';
import type { EventPayload, EventTopic } from '../../shared/contract';

export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'shardscope-home-'));
}

/** The real app core, with its own empty data folder so no test sees a user's profiles. */
export function startTestApp(options: Partial<ShardscopeAppOptions> = {}): Promise<ShardscopeApp> {
  return startShardscopeApp({ host: 'test', version: '0.0.0-test', dataDir: tempDataDir(), ...options });
}

export interface RecordingOwner extends ClosableOwner {
  /** Every event delivered to this owner, in order. */
  received: { topic: EventTopic; payload: unknown }[];
  of<T extends EventTopic>(topic: T): EventPayload<T>[];
}

/** A session owner that keeps what it is sent, as a transport would deliver it. */
export function recordingOwner(id = `test-${Math.random().toString(36).slice(2)}`): RecordingOwner {
  const received: RecordingOwner['received'] = [];
  const owner = createOwner(id, (topic, payload) => received.push({ topic, payload }));
  return Object.assign(owner, {
    received,
    of: <T extends EventTopic>(topic: T) => received.filter((e) => e.topic === topic).map((e) => e.payload as EventPayload<T>),
  });
}
