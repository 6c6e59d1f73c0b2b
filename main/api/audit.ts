import type { Handlers } from '../core/dispatcher';
import type { Audit } from '../domain/audit/audit';

export function auditHandlers(audit: Audit): Pick<Handlers, 'audit:list' | 'audit:verify'> {
  return {
    'audit:list': async ({ since, connection, action, before, limit }) => {
      const all = await audit.log.list();
      const from = since ? Date.parse(since) : undefined;
      const matching = all.filter(
        (entry) =>
          (from === undefined || Date.parse(entry.at) >= from) &&
          (before === undefined || entry.line < before) &&
          (action === undefined || entry.action === action) &&
          (connection === undefined || entry.who.connection?.name === connection),
      );
      return {
        entries: matching.slice(0, limit),
        more: matching.length > limit,
        actions: distinct(all.map((entry) => entry.action)),
        connections: distinct(all.flatMap((entry) => (entry.who.connection ? [entry.who.connection.name] : []))),
        file: audit.log.file,
      };
    },
    'audit:verify': () => audit.log.verify(),
  };
}

const distinct = (names: string[]) => [...new Set(names)].sort();
