import { describe, expect, it } from 'vitest';
import { loadSdk } from '../../main/aws/clients';

describe('an SDK package loaded when first used', () => {
  it('gives its exports by name, bundled (CommonJS behind `default`) or run from source', async () => {
    class Client {}
    type Package = { Client: typeof Client };
    // Bundled: what esbuild makes of a CommonJS package's dynamic import.
    expect((await loadSdk(async () => ({ default: { Client } }) as unknown as Package)).Client).toBe(Client);
    // Run from source, Node gives the names and `default`, which holds them all.
    expect((await loadSdk(async () => ({ Client, default: { Client } }) as Package)).Client).toBe(Client);
    expect((await loadSdk(async () => ({ Client }) as Package)).Client).toBe(Client);
  });
});
