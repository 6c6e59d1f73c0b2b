import type { ConnectionRequest } from '../../../shared/contract';
import { AppError } from '../../core/app-error';
import { awsProfileSection } from './aws-profiles';
import { awsProfileCredentials, type CredentialOptions } from './credentials';
import type { ConnectionTarget } from './target';

/** How a host opens: what it asks for as plain data (its flags), or a target it made itself (a test's). */
export type InitialConnection = ConnectionRequest | ConnectionTarget;

type ProfileByName = Extract<InitialConnection, { profile: string }>;

/** A profile that is not one of ours: an AWS shared-config profile of that name, as the AWS CLI would take it. */
export async function sharedConfigTarget(initial: ProfileByName, credentialOptions?: CredentialOptions): Promise<ConnectionTarget> {
  const dynamodb = {
    ...(initial.dynamodbEndpoint ? { dynamodbEndpoint: initial.dynamodbEndpoint } : {}),
    ...(initial.glueEndpoint ? { glueEndpoint: initial.glueEndpoint } : {}),
    ...(initial.s3Endpoint ? { s3Endpoint: initial.s3Endpoint } : {}),
  };
  const section = await awsProfileSection(initial.profile);
  if (!section) throw new AppError('not-found', `There is no saved connection and no AWS profile named "${initial.profile}".`);
  const region = initial.region || section.region || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
  if (!region) throw new AppError('invalid-input', `The AWS profile "${initial.profile}" names no region.`, 'set-region');
  const credentials = awsProfileCredentials(initial.profile, credentialOptions);
  return initial.endpoint
    ? { kind: 'endpoint', endpoint: initial.endpoint, region, profile: initial.profile, credentials, ...dynamodb }
    : { kind: 'aws', region, profile: initial.profile, credentials, ...dynamodb };
}
