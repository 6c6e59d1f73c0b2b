import { existsSync } from 'node:fs';

/**
 * The AWS CLI the tests use as an outside client: Debian's (what .ci/run installs) where it is,
 * else the one on PATH (pip's, say), which scripts/prerequisites.sh accepts as well.
 */
export const AWS_CLI = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';

/** The region as every AWS CLI version reads it: version 1 takes AWS_DEFAULT_REGION only. */
export const AWS_CLI_REGION_ENV = { AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1' };
