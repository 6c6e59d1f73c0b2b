import { describe, expect, it } from 'vitest';
import { cliConnection, connectionFlagWords, targetFromFlags } from '../../main/hosts/cli/connection-flags';

describe('--glue-endpoint', () => {
  it('carries the Glue endpoint into the connection asked for, beside Kinesis and DynamoDB', () => {
    expect(targetFromFlags({ endpoint: 'http://127.0.0.1:4567', glueEndpoint: 'http://127.0.0.1:4570/' }, {})).toEqual({
      kind: 'endpoint',
      endpoint: 'http://127.0.0.1:4567',
      region: 'us-east-1',
      glueEndpoint: 'http://127.0.0.1:4570',
    });
    expect(cliConnection({ profile: 'work', glueEndpoint: 'https://glue.example.com' }, 'aws')).toEqual({
      profile: 'work',
      glueEndpoint: 'https://glue.example.com',
    });
  });

  it('refuses plain http off this machine, naming the flag', () => {
    expect(() => targetFromFlags({ region: 'eu-west-1', glueEndpoint: 'http://glue.example.com' }, {})).toThrow(/^--glue-endpoint: /);
  });

  it('is written into the command a resume hint prints', () => {
    expect(connectionFlagWords({ profile: 'work', glueEndpoint: 'http://127.0.0.1:4570' })).toContain(
      '--glue-endpoint http://127.0.0.1:4570',
    );
  });
});
