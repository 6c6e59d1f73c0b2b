import type { ActiveConnection } from '../../../shared/contract';
import { ReadOnlyConnectionError } from '../../aws/read-only';

/**
 * Said before a write begins, so a read-only connection refuses at once and by name; the client
 * of a read-only connection refuses every write call as well, whatever asked for it.
 */
export function assertWritable(connection: Pick<ActiveConnection, 'label' | 'readOnly'>, action: string, stream: string): void {
  if (connection.readOnly) throw new ReadOnlyConnectionError(connection.label, action, stream);
}
