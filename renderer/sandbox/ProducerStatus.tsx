import { useActiveConnection } from '../state/useActiveConnection';
import { useProducerStatus } from './useProducerStatus';

const number = new Intl.NumberFormat();

export function ProducerStatus() {
  const { connection } = useActiveConnection();
  const producer = useProducerStatus();
  if (connection?.kind !== 'sandbox') return null;
  return (
    <p className="statusbar__item" role="status" aria-label="Demo producer">
      {producer
        ? `Demo producer: ${number.format(producer.recordsWritten)} records written · ${number.format(producer.recordsPerSecond)}/s${producer.lastError ? ` · last error: ${producer.lastError}` : ''}`
        : 'Demo producer starting…'}
    </p>
  );
}
