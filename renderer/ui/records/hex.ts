import { recordText, type PreviewRecord } from '../../../shared/contract';

/** A classic hex dump: offset, sixteen bytes in hex, the same bytes as ASCII. */
export function hexDump(bytes: Uint8Array, maxBytes = 4096): string {
  const lines: string[] = [];
  for (let offset = 0; offset < Math.min(bytes.length, maxBytes); offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    const hex = [...row].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  if (bytes.length > maxBytes) lines.push(`… ${bytes.length - maxBytes} more bytes`);
  return lines.join('\n');
}

export function bytesOf(record: PreviewRecord): Uint8Array {
  // A record decoded by its schema shows its JSON as text; its bytes as read come separately.
  if (record.raw !== undefined) return Uint8Array.from(atob(record.raw), (c) => c.charCodeAt(0));
  if (record.encoding === 'binary') return Uint8Array.from(atob(recordText(record)), (c) => c.charCodeAt(0));
  return new TextEncoder().encode(recordText(record));
}
