import type { ProducerStatus } from '../../shared/contract';
import type { SliceCreator } from '../app/store';

export interface SandboxSlice {
  producer: ProducerStatus | null;
  setProducer(status: ProducerStatus): void;
}

export const createSandboxSlice: SliceCreator<SandboxSlice> = () => (set) => ({
  producer: null,
  setProducer(producer) {
    set({ producer });
  },
});
