import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const BASE_KEY = 'AKIABASEPROFILE00001';
export const PROCESS_KEY = 'AKIAPROCESSPROFILE01';
export const EXPIRED_KEY = 'ASIAEXPIREDSESSION01';

/**
 * A temporary HOME with ~/.aws/config and ~/.aws/credentials covering static keys, an
 * assume-role chain through source_profile, credential_process, and SSO with an expired token.
 */
export function makeAwsHome(): string {
  const home = mkdtempSync(path.join(tmpdir(), 'shardscope-awshome-'));
  const aws = path.join(home, '.aws');
  mkdirSync(path.join(aws, 'sso', 'cache'), { recursive: true });

  const processScript = path.join(home, 'print-credentials.sh');
  writeFileSync(processScript, `#!/bin/sh\necho '{"Version":1,"AccessKeyId":"${PROCESS_KEY}","SecretAccessKey":"process-secret-value"}'\n`);
  chmodSync(processScript, 0o755);

  writeFileSync(
    path.join(aws, 'credentials'),
    [
      '[base]',
      `aws_access_key_id = ${BASE_KEY}`,
      'aws_secret_access_key = base-secret-value',
      '',
      '[expired]',
      `aws_access_key_id = ${EXPIRED_KEY}`,
      'aws_secret_access_key = expired-secret-value',
      'aws_session_token = expired-session-token',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(aws, 'config'),
    [
      '[profile base]',
      'region = eu-west-1',
      '',
      '[profile chained]',
      'role_arn = arn:aws:iam::123456789012:role/KinesisReader',
      'source_profile = base',
      'region = eu-west-1',
      '',
      '[profile proc]',
      `credential_process = ${processScript}`,
      'region = us-west-2',
      '',
      '[profile sso-dev]',
      'sso_session = corp',
      'sso_account_id = 123456789012',
      'sso_role_name = Reader',
      'region = us-east-1',
      '',
      '[sso-session corp]',
      'sso_start_url = https://corp.awsapps.com/start',
      'sso_region = us-east-1',
      'sso_registration_scopes = sso:account:access',
      '',
    ].join('\n'),
  );
  // An SSO token that expired long ago, with nothing to refresh it: `aws sso login` is the fix.
  const cacheName = createHash('sha1').update('corp').digest('hex');
  writeFileSync(
    path.join(aws, 'sso', 'cache', `${cacheName}.json`),
    JSON.stringify({
      accessToken: 'expired-sso-token',
      expiresAt: '2020-01-01T00:00:00Z',
      region: 'us-east-1',
      startUrl: 'https://corp.awsapps.com/start',
    }),
  );
  return home;
}
