import { useEffect } from 'react';
import { useApi, useAppStore } from '../app/store';

/** The demo producer's last reported status, pushed by main every few seconds. */
export function useProducerStatus() {
  const api = useApi();
  const producer = useAppStore((state) => state.producer);
  const setProducer = useAppStore((state) => state.setProducer);
  useEffect(() => api.on('sandbox:producer', setProducer), [api, setProducer]);
  return producer;
}
