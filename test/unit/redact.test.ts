import { describe, expect, it } from 'vitest';
import { describeForLog, redactNamedSecrets, redactSecrets } from '../../main/security/redact';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD' + 'a'.repeat(300) + '==';
const SIGNATURE = 'fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024';

describe('redactSecrets', () => {
  it('removes what AWS quotes back in an InvalidSignatureException', () => {
    const message = `The request signature we calculated does not match the signature you provided. The Canonical String for this request should have been
'POST
/

content-type:application/x-amz-json-1.1
host:kinesis.us-east-1.amazonaws.com
x-amz-date:20261128T080000Z
x-amz-security-token:${TOKEN}

content-type;host;x-amz-date;x-amz-security-token
${SIGNATURE}'`;
    const out = redactSecrets(message);
    expect(out).not.toContain(TOKEN.slice(0, 40));
    expect(out).toContain('x-amz-security-token:[redacted]');
    expect(out).toContain('The request signature we calculated does not match');
  });

  it('removes headers, query parameters and key-value pairs that carry credentials', () => {
    const cases = [
      `Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261128/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=${SIGNATURE}`,
      `https://kinesis.example/?X-Amz-Credential=AKIA%2F20261128&X-Amz-Signature=${SIGNATURE}&X-Amz-Security-Token=${encodeURIComponent(TOKEN)}`,
      `{"secretAccessKey":"${SECRET}","sessionToken":"${TOKEN}"}`,
      `aws_secret_access_key = ${SECRET}\naws_session_token=${TOKEN}`,
      `a bare key ${SECRET} and a bare token ${TOKEN}`,
    ];
    for (const text of cases) {
      const out = redactSecrets(text);
      expect(out, text).not.toContain(SECRET);
      expect(out, text).not.toContain(TOKEN.slice(0, 40));
      expect(out, text).not.toContain(SIGNATURE);
    }
  });

  it("removes a schema registry's bearer token or password, which has no shape of its own", () => {
    const secret = 'eyJhbGciOi.registry-token_42';
    const basic = Buffer.from(`reader:${secret}`).toString('base64');
    for (const text of [`{"authorization":"Bearer ${secret}"}`, `Authorization: Basic ${basic}`, `{"registrySecret":"${secret}"}`]) {
      const out = redactSecrets(text);
      expect(out, text).not.toContain(secret);
      expect(out, text).not.toContain(basic);
      expect(out, text).toContain('[redacted]');
    }
  });

  it('leaves what users need: ARNs, stream names, shard ids, sequence numbers, access key ids', () => {
    const text =
      'User: arn:aws:iam::123456789012:user/reader is not authorized to perform: kinesis:GetRecords on resource: arn:aws:kinesis:us-east-1:123456789012:stream/orders-2026 ' +
      'shardId-000000000003 at 49658765498765498765498765498765498765498765498765498765 (key AKIAIOSFODNN7EXAMPLE, md5 9e107d9d372bb6826bd81d3542a419d6)';
    expect(redactSecrets(text)).toBe(text);
  });

  it('redacts every credential a header or field names from any text, in any case, and leaves other text as it is', () => {
    const named = [
      `Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261128/us-east-1/kinesis/aws4_request, Signature=${SIGNATURE}`,
      `https://kinesis.example/?X-AMZ-CREDENTIAL=AKIA%2F20261128&X-Amz-Signature=${SIGNATURE}&x-amz-security-token=${encodeURIComponent(TOKEN)}`,
      `{"SecretAccessKey":"${SECRET}","SESSIONTOKEN":"${TOKEN}"}`,
      `aws_secret_access_key = ${SECRET}\nAWS_SESSION_TOKEN=${TOKEN}`,
    ];
    for (const text of named) {
      const out = redactNamedSecrets(text);
      expect(out, text).not.toContain(SECRET);
      expect(out, text).not.toContain(TOKEN.slice(0, 40));
      expect(out, text).not.toContain(SIGNATURE);
    }
    const plain = ['shardId-000000000003', '2026-12-06T10:00:00.000Z', `a bare key ${SECRET}`];
    for (const text of plain) expect(redactNamedSecrets(text)).toBe(text);
  });

  it('redacts a logged error and its stack', () => {
    const error = new Error(`bad token x-amz-security-token: ${TOKEN}`);
    expect(describeForLog(error)).not.toContain(TOKEN.slice(0, 40));
    expect(describeForLog(error)).toMatch(/^Error: bad token/);
  });
});
