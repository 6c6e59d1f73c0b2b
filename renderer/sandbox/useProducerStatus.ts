import { useAppStore } from '../state/store';

/** The demo producer's last reported status, pushed by main every few seconds into the store. */
export function useProducerStatus() {
  return useAppStore((state) => state.producer);
}
