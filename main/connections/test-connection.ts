import { ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { ConnectionTest } from '../../shared/contract';
import { diagnoseConnectionError, type DiagnosisContext } from './diagnose';
import { createClientFor, credentialsOf, type ConnectionTarget } from './target';

/**
 * Proves a connection works with the cheapest call that needs valid credentials: STS
 * GetCallerIdentity on AWS (and says who you are), ListStreams with Limit 1 on a custom endpoint.
 */
export async function testConnection(target: ConnectionTarget, context: Omit<DiagnosisContext, 'region' | 'endpoint'>): Promise<ConnectionTest> {
  const endpoint = target.kind === 'aws' ? null : target.endpoint;
  const check = endpoint ? 'kinesis:ListStreams' : 'sts:GetCallerIdentity';
  try {
    if (!endpoint) {
      const sts = new STSClient({
        region: target.region,
        credentials: credentialsOf(target),
        maxAttempts: 1,
        requestHandler: new NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout: 15_000 }),
      });
      try {
        const identity = await sts.send(new GetCallerIdentityCommand({}));
        return { ok: true, check, account: identity.Account ?? null, arn: identity.Arn ?? null, message: `Signed in as ${identity.Arn}.`, fix: null };
      } finally {
        sts.destroy();
      }
    }
    const client = createClientFor(target);
    try {
      const page = await client.send(new ListStreamsCommand({ Limit: 1 }));
      const some = (page.StreamNames?.length ?? 0) > 0;
      return { ok: true, check, account: null, arn: null, message: `${endpoint} answered${some ? '' : ' (no streams yet)'}.`, fix: null };
    } finally {
      client.destroy();
    }
  } catch (error) {
    const diagnosis = diagnoseConnectionError(error, { ...context, region: target.region, endpoint });
    return { ok: false, check, account: null, arn: null, ...diagnosis };
  }
}
