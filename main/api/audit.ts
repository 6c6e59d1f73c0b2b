import type { Handlers } from '../core/dispatcher';
import type { Audit } from '../domain/audit/audit';

export function auditHandlers(audit: Audit): Pick<Handlers, 'audit:list' | 'audit:verify'> {
  return {
    'audit:list': async ({ since, limit }) => ({
      entries: (await audit.log.list(since ? new Date(since) : undefined)).slice(0, limit),
      file: audit.log.file,
    }),
    'audit:verify': () => audit.log.verify(),
  };
}
