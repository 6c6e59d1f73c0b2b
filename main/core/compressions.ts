import { runCompressions, runFormats, type RunCompression, type RunFormat } from '../../shared/contract/runs';
import { nodeAtLeast } from './node-version';

/** The first Node whose zlib has zstd, which Parquet's ZSTD codec is written with. */
export const ZSTD_SINCE_NODE = '22.15.0';

/**
 * The compressions each format can be written with on a Node of this version, the format's
 * default first. Every host offers exactly these: the app's Runs form and the CLI's --compression.
 */
export function supportedCompressions(nodeVersion: string = process.versions.node): Record<RunFormat, RunCompression[]> {
  const table = {} as Record<RunFormat, RunCompression[]>;
  for (const format of runFormats) {
    table[format] =
      format === 'parquet'
        ? ['snappy', ...(nodeAtLeast(nodeVersion, ZSTD_SINCE_NODE) ? (['zstd'] as const) : []), 'none']
        : ['none', 'gzip'];
  }
  return table;
}

const formatNames: Record<RunFormat, string> = { jsonl: 'JSON Lines', csv: 'CSV', parquet: 'Parquet' };

/** "gzip or none for JSON Lines and CSV; snappy (default), zstd or none for Parquet", from the table. */
export function compressionHelp(table: Record<RunFormat, RunCompression[]> = supportedCompressions()): string {
  const wording = (format: RunFormat) => {
    const [first, ...rest] = table[format];
    const listed = [`${first} (default)`, ...rest];
    return `${listed.slice(0, -1).join(', ')} or ${listed.at(-1)}`;
  };
  const groups = new Map<string, RunFormat[]>();
  for (const format of runFormats) groups.set(wording(format), [...(groups.get(wording(format)) ?? []), format]);
  return [...groups].map(([words, formats]) => `${words} for ${formats.map((f) => formatNames[f]).join(' and ')}`).join('; ');
}

/**
 * Why a compression cannot be written, for the format when one is given (else for every format),
 * on this Node: null when it can. Says which Node zstd needs, since upgrading is the way to it.
 */
export function compressionRefusal(compression: string, format?: RunFormat, nodeVersion: string = process.versions.node): string | null {
  const table = supportedCompressions(nodeVersion);
  const allowed = format ? table[format] : [...new Set(runFormats.flatMap((f) => table[f]))];
  if ((allowed as string[]).includes(compression)) return null;
  const known = (runCompressions as readonly string[]).includes(compression);
  const why =
    compression === 'zstd' && !nodeAtLeast(nodeVersion, ZSTD_SINCE_NODE)
      ? `zstd needs Node ${ZSTD_SINCE_NODE} or newer; this is Node ${nodeVersion}. `
      : known
        ? `${formatNames[format!]} cannot be compressed with ${compression}. `
        : `There is no compression ${compression}. `;
  return `${why}Use ${compressionHelp(table)}.`;
}
