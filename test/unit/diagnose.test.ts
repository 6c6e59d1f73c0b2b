import { describe, expect, it } from 'vitest';
import { diagnoseConnectionError } from '../../main/domain/connections/diagnose';

const aws = (name: string, message = 'details') => Object.assign(new Error(message), { name, $metadata: {} });
const onAws = { region: 'eu-west-1', endpoint: null, awsProfile: null, usesSso: false };

describe('diagnoseConnectionError', () => {
  it('points an expired SSO session at aws sso login for its profile', () => {
    expect(diagnoseConnectionError(aws('ExpiredTokenException'), { ...onAws, awsProfile: 'corp', usesSso: true })).toEqual({
      message: 'The SSO session for "corp" has expired.',
      fix: 'aws sso login --profile corp',
    });
  });

  it('tells invalid keys from expired ones', () => {
    expect(diagnoseConnectionError(aws('SignatureDoesNotMatch'), onAws).message).toMatch(
      /^The access key ID or secret access key is not valid/,
    );
    expect(diagnoseConnectionError(aws('ExpiredToken'), onAws).message).toMatch(/^The session token has expired/);
  });

  it('puts network and TLS causes before anything about credentials', () => {
    const tls = Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' });
    expect(diagnoseConnectionError(Object.assign(new Error('x'), { cause: tls }), { ...onAws, endpoint: 'https://k.local' }).message).toBe(
      'The TLS connection to https://k.local failed (CERT_HAS_EXPIRED): its certificate is not trusted or does not match.',
    );
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND k.local'), { code: 'ENOTFOUND' });
    expect(diagnoseConnectionError(dns, { ...onAws, endpoint: 'https://k.local' }).message).toBe(
      "The endpoint's host name could not be resolved (https://k.local).",
    );
  });

  it('says an access denial is about permissions, not about the connection', () => {
    expect(diagnoseConnectionError(aws('AccessDeniedException', 'User x is not authorized'), onAws).message).toBe(
      'The credentials work but may not make this call. AWS said: User x is not authorized',
    );
  });
});
