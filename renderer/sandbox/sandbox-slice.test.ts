import { describe, expect, it } from 'vitest';
import { storeWithFakeMain } from '../../test/support/store-with-fake-main';

describe('the sandbox slice', () => {
  it("keeps the demo producer's last status", () => {
    const { store, push } = storeWithFakeMain();
    push('sandbox:producer', { running: true, recordsWritten: 10, recordsPerSecond: 5, lastError: null });
    expect(store.getState().producer).toMatchObject({ recordsWritten: 10 });
  });
});
