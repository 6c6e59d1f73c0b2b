import { describe, expect, it } from 'vitest';
import { awsCliCommand, shellQuote } from '../../shared/aws-cli';

describe('awsCliCommand', () => {
  it('names the region and, where they apply, the endpoint and the AWS profile', () => {
    expect(
      awsCliCommand(
        'describe-stream-summary',
        { 'stream-name': 'orders' },
        { region: 'us-east-1', endpoint: 'http://127.0.0.1:4567', awsProfile: null },
      ),
    ).toBe('aws kinesis describe-stream-summary --stream-name orders --region us-east-1 --endpoint-url http://127.0.0.1:4567');
    expect(
      awsCliCommand(
        'describe-stream-summary',
        { 'stream-name': 'orders' },
        { region: 'eu-west-1', endpoint: null, awsProfile: 'prod reader' },
      ),
    ).toBe("aws kinesis describe-stream-summary --stream-name orders --region eu-west-1 --profile 'prod reader'");
  });

  it('quotes what a shell would split or expand', () => {
    expect(shellQuote("it's $HOME")).toBe(`'it'\\''s $HOME'`);
    expect(shellQuote('plain-name.v2')).toBe('plain-name.v2');
  });
});
