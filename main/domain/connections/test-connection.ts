import { ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createStsClient } from '../../aws/clients';
import type { ConnectionTest } from '../../../shared/contract';
import { diagnoseConnectionError, type DiagnosisContext } from './diagnose';
import { createClientFor, endpointOf, type ConnectionTarget } from './target';

/**
 * Proves a connection works with the cheapest call that needs valid credentials: STS
 * GetCallerIdentity on AWS (and says who you are), ListStreams with Limit 1 on a custom endpoint.
 */
export async function testConnection(
  target: ConnectionTarget,
  context: Omit<DiagnosisContext, 'region' | 'endpoint'>,
): Promise<ConnectionTest> {
  const endpoint = target.kind === 'aws' ? null : target.endpoint;
  const check = endpoint ? 'kinesis:ListStreams' : 'sts:GetCallerIdentity';
  try {
    if (!endpoint) {
      const sts = createStsClient(endpointOf(target));
      try {
        const identity = await sts.send(new GetCallerIdentityCommand({}));
        return {
          ok: true,
          check,
          account: identity.Account ?? null,
          arn: identity.Arn ?? null,
          message: `Signed in as ${identity.Arn}.`,
          fix: null,
        };
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
