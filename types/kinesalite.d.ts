declare module 'kinesalite' {
  import type { Server } from 'node:http';
  interface KinesaliteOptions {
    path?: string;
    ssl?: boolean;
    createStreamMs?: number;
    deleteStreamMs?: number;
    updateStreamMs?: number;
    shardLimit?: number;
  }
  function kinesalite(options?: KinesaliteOptions): Server;
  export default kinesalite;
}

// Loaded only to correct kinesalite (main/domain/sandbox/kinesalite-fixes.ts), which types what it uses.
declare module 'kinesalite/actions/getShardIterator.js' {
  const action: unknown;
  export default action;
}
declare module 'kinesalite/db/index.js' {
  const db: unknown;
  export default db;
}
