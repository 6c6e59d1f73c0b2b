import type { WriteTarget } from './contract';

/**
 * Where a write lands, in words every host uses alike: the local sandbox said as such, otherwise
 * the account (where known), the connection and its region, and a custom endpoint's address.
 */
export function describeWriteTarget(target: WriteTarget): string {
  if (target.kind === 'sandbox') return 'the local sandbox (on this machine, no AWS account)';
  const where = [target.region, ...(target.kind === 'endpoint' && target.endpoint ? [target.endpoint] : [])].join(', ');
  return `${target.account ? `account ${target.account}` : 'an unknown account'} on connection "${target.connection}" (${where})`;
}
