import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for AWS STS on loopback, speaking its real wire protocol (query in, XML out), so
 * credential chains resolve and connection tests run end to end without the internet. It knows
 * which access key signed each request from the SigV4 Authorization header.
 */
export interface FakeSts {
  endpoint: string;
  /** Access key IDs that signed each request, in order. */
  signers: string[];
  addUser(accessKeyId: string, arn: string): void;
  /** Requests signed with this key fail as AWS fails them. */
  reject(accessKeyId: string, code: 'InvalidClientTokenId' | 'ExpiredToken'): void;
  close(): Promise<void>;
}

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** Optional IAM actions on the same server (point AWS_ENDPOINT_URL_IAM here), e.g. the policy simulator. */
export type FakeIamHandler = (params: URLSearchParams, signer: string) => Promise<[number, string]>;

export async function startFakeSts(account = '123456789012', options: { iam?: FakeIamHandler } = {}): Promise<FakeSts> {
  const arns = new Map<string, string>();
  const rejected = new Map<string, string>();
  const signers: string[] = [];

  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const params = new URLSearchParams(body);
      const signer = /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? '';
      signers.push(signer);
      const xml = (status: number, text: string) => res.writeHead(status, { 'Content-Type': 'text/xml' }).end(text);
      const rejection = rejected.get(signer) ?? (arns.has(signer) ? null : 'InvalidClientTokenId');
      if (rejection) {
        const message =
          rejection === 'ExpiredToken'
            ? 'The security token included in the request is expired'
            : 'The security token included in the request is invalid.';
        return xml(
          rejection === 'ExpiredToken' ? 400 : 403,
          `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${rejection}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
        );
      }
      if (options.iam && ['SimulatePrincipalPolicy', 'GetRole'].includes(params.get('Action') ?? '')) {
        void options.iam(params, signer).then(([status, text]) => xml(status, text));
        return;
      }
      switch (params.get('Action')) {
        case 'GetCallerIdentity':
          return xml(
            200,
            `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult><Arn>${arns.get(signer)}</Arn><UserId>AIDATEST</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
          );
        case 'AssumeRole': {
          const roleArn = params.get('RoleArn') ?? '';
          const session = params.get('RoleSessionName') ?? 'session';
          const role = roleArn.split('/').at(-1);
          const key = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
          const assumed = `arn:aws:sts::${account}:assumed-role/${role}/${session}`;
          arns.set(key, assumed);
          const expiration = new Date(Date.now() + 3600_000).toISOString();
          return xml(
            200,
            `<AssumeRoleResponse xmlns="${NS}"><AssumeRoleResult><Credentials><AccessKeyId>${key}</AccessKeyId><SecretAccessKey>${randomBytes(20).toString('hex')}</SecretAccessKey><SessionToken>${randomBytes(32).toString('hex')}</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><Arn>${assumed}</Arn><AssumedRoleId>AROATEST:${session}</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>`,
          );
        }
        default:
          return xml(
            400,
            `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>unsupported</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
          );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    signers,
    addUser: (accessKeyId, arn) => arns.set(accessKeyId, arn),
    reject: (accessKeyId, code) => rejected.set(accessKeyId, code),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
