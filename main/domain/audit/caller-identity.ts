import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createStsClient, using } from '../../aws/clients';
import { classifyAwsError } from '../../aws/errors';
import { endpointOf, type ConnectionTarget } from '../connections/target';

/** The AWS identity behind a connection, or why it is not known. */
export type AuditIdentity = { account: string | null; arn: string | null; identityUnknown?: string };

/**
 * STS GetCallerIdentity, asked once per connection and remembered: every audited change names
 * its caller without a call to AWS each time. A failure is not remembered, so the next change asks again.
 */
export class CallerIdentities {
  private readonly known = new Map<string, Promise<AuditIdentity>>();

  of(key: string, target: ConnectionTarget): Promise<AuditIdentity> {
    // Only AWS has an STS to ask; a local endpoint's would answer for nobody.
    if (target.kind === 'sandbox') return Promise.resolve(unknown('the local sandbox has no AWS identity'));
    if (target.kind === 'endpoint') return Promise.resolve(unknown('a local endpoint has no STS to ask'));
    const cached = this.known.get(key);
    if (cached) return cached;
    const asked = using(createStsClient(endpointOf(target)), (sts) => sts.send(new GetCallerIdentityCommand({}))).then(
      (identity): AuditIdentity => ({ account: identity.Account ?? null, arn: identity.Arn ?? null }),
      (error: unknown): AuditIdentity => {
        this.known.delete(key);
        const failure = classifyAwsError(error);
        return unknown(`STS GetCallerIdentity failed: ${failure.name}`);
      },
    );
    this.known.set(key, asked);
    return asked;
  }
}

function unknown(reason: string): AuditIdentity {
  return { account: null, arn: null, identityUnknown: reason };
}
