import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SANDBOX_CREDENTIALS } from '../connections/sandbox-host';
import { conditionalFront, type S3FrontHooks } from './s3-conditional-front';
import { listenLocally, requireLoopback, type LocalKinesis, type LocalKinesisOptions } from './kinesalite-server';

/** The bucket every sandbox has: runs and tests write here without making one. */
export const SANDBOX_BUCKET = 'shardscope-sandbox';

export interface LocalS3 extends LocalKinesis {
  bucket: string;
  hooks: S3FrontHooks;
}

/** The keys local endpoints sign with (see connections/target.ts); s3rver refuses a key it has not been told of. */
const LOCAL_KEYS = [SANDBOX_CREDENTIALS, { accessKeyId: 'LOCAL', secretAccessKey: 'LOCAL' }];

/**
 * s3rver (S3 on files) behind the conditional front, in this process and on one port. s3rver
 * keeps objects on disk only: without a data folder they go to a temporary one removed on close.
 */
export async function startLocalS3(options: LocalKinesisOptions = {}): Promise<LocalS3> {
  const host = options.host ?? '127.0.0.1';
  requireLoopback(host);
  // Loaded here, not at the top: most commands never start a sandbox, and s3rver brings koa and its parsers.
  const [{ default: S3rver }, { default: account }] = await Promise.all([import('s3rver'), import('s3rver/lib/models/account.js')]);
  // A process-wide registry in s3rver: adding the same pair again only sets it again.
  for (const key of LOCAL_KEYS) account.DUMMY_ACCOUNT.createKeyPair(key.accessKeyId, key.secretAccessKey);
  const temporary = options.dataDir ? null : await mkdtemp(path.join(tmpdir(), 'shardscope-s3-'));
  const directory = options.dataDir ?? temporary!;
  await mkdir(directory, { recursive: true });
  const removeTemporary = () => (temporary ? rm(temporary, { recursive: true, force: true }) : Promise.resolve());
  try {
    const s3rver = new S3rver({ silent: true, directory, configureBuckets: [{ name: SANDBOX_BUCKET }] });
    await s3rver.configureBuckets();
    const front = conditionalFront(s3rver, directory);
    const listening = await listenLocally(createServer(front.handle), host, options.port ?? 0);
    return {
      ...listening,
      bucket: SANDBOX_BUCKET,
      hooks: front.hooks,
      close: async () => {
        await listening.close();
        await removeTemporary();
      },
    };
  } catch (error) {
    await removeTemporary();
    throw error;
  }
}
