import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { Locator, Page } from '@playwright/test';
import { createKinesisClient } from '../../main/aws/clients';

/** A client of the test's own for a sandbox endpoint (any access key works there). */
export const sandboxClient = (endpoint: string): KinesisClient =>
  createKinesisClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });

/** The sandbox the page's host runs, found where a user finds it: the AWS CLI command of an open stream's detail. */
export async function sandboxClientShownIn(scope: Page | Locator): Promise<KinesisClient> {
  const cli = await scope.getByRole('region', { name: 'AWS CLI' }).locator('code').textContent();
  const endpoint = /--endpoint-url (\S+)/.exec(cli ?? '')?.[1];
  if (!endpoint) throw new Error(`the AWS CLI command names no endpoint: ${cli ?? '(none)'}`);
  return sandboxClient(endpoint);
}
