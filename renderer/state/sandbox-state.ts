import type { ProducerStatus } from '../../shared/contract';

export interface SandboxSlice {
  producer: ProducerStatus | null;
  setProducer(status: ProducerStatus): void;
}
