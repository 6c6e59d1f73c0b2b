import type { SliceCreator } from '../state/store';
import type { SandboxSlice } from '../state/sandbox-state';

export const createSandboxSlice: SliceCreator<SandboxSlice> = () => (set) => ({
  producer: null,
  setProducer(producer) {
    set({ producer });
  },
});
