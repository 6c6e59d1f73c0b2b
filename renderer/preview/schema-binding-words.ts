import type { SchemaBinding } from '../../shared/contract';

export const bindingModes: { mode: SchemaBinding['mode']; label: string }[] = [
  { mode: 'auto', label: 'Detect: Glue Schema Registry or Confluent framing, the file for unframed records' },
  { mode: 'gsr', label: 'Glue Schema Registry framing only' },
  { mode: 'confluent', label: 'Confluent framing only' },
  { mode: 'raw-with-file', label: 'No framing: read every record with the schema file' },
  { mode: 'none', label: 'No schema decoding' },
];

const short: Record<SchemaBinding['mode'], string> = {
  auto: 'auto-detect',
  gsr: 'GSR only',
  confluent: 'Confluent only',
  'raw-with-file': 'no framing',
  none: 'off',
};

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** "auto-detect", "no framing, order.avsc (shop.Order)": a binding in a few words for a button or a list. */
export function bindingWords(binding: Pick<SchemaBinding, 'mode' | 'file'> | undefined): string {
  if (!binding) return 'auto-detect';
  const file = binding.file ? `, ${fileName(binding.file.path)}${binding.file.message ? ` (${binding.file.message})` : ''}` : '';
  return `${short[binding.mode]}${file}`;
}
