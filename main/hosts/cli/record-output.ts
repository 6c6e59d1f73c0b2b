import { stringify } from 'csv-stringify/sync';
import { Option, type Command } from 'commander';
import { recordText, type PreviewRecord } from '../../../shared/contract';
import { recordJsonWith, type RecordJson } from '../../../shared/record-json';
import { AppError } from '../../core/app-error';
import { note } from './output';
import { compileQuery, type RecordQuery } from './record-query';
import { StreamingTable, tableCell } from './record-table';
import { terminalJson, visible } from './terminal-text';

export const OUTPUT_FORMATS = ['text', 'jsonl', 'json', 'table', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface OutputFlags {
  output: OutputFormat;
  json?: boolean;
  query?: string;
}

/** --output, --json (its old name for jsonl) and --query, worded once for tail and search. */
export function withOutputFlags(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--output <format>',
        'text (a line per record), jsonl (a JSON object per line), json (one JSON array), table (aligned columns), csv (RFC 4180, with a header)',
      )
        .choices(OUTPUT_FORMATS)
        .default('text'),
    )
    .option('--json', 'the same as --output jsonl')
    .option(
      '--query <expression>',
      'a JSONata expression over each record as --output json prints it, e.g. data.orderId or {"key": partitionKey, "total": data.total}; prints its result instead',
    );
}

/**
 * A record as the session sent it, whole (its wholeRecords input): the JSON value, the text, or
 * base64 of the bytes.
 */
export type PrintedRecord = PreviewRecord;

/** A record's data on one line, at most 500 characters, controls escaped. */
function bodyText(record: PrintedRecord): string {
  let body: string;
  if (record.encoding === 'binary') {
    const bytes = Buffer.from(recordText(record), 'base64');
    body = `(binary, ${bytes.length} bytes) ${bytes.subarray(0, 48).toString('hex')}`;
  } else body = recordText(record);
  return visible(body.replace(/[\t\n ]+/g, ' ').slice(0, 500));
}

/** A preview record's JSON: its json value, its text, or base64 of its bytes (which text already holds). */
function recordJson(record: PrintedRecord): RecordJson {
  return recordJsonWith(record, record.encoding === 'json' ? record.json : recordText(record));
}

/** One line per record; its key and body may hold anything, so both are shown through visible(). */
export function textLine(record: PrintedRecord): string {
  const sub = record.subSequenceNumber !== null ? `/${record.subSequenceNumber}` : '';
  return `${record.arrivalTime} ${record.shardId} ${record.sequenceNumber}${sub} ${visible(record.partitionKey)}  ${bodyText(record)}`;
}

const RECORD_COLUMNS = [
  'arrivalTime',
  'shardId',
  'sequenceNumber',
  'subSequenceNumber',
  'partitionKey',
  'size',
  'compression',
  'encoding',
  'data',
];
const TABLE_COLUMNS = ['arrivalTime', 'shardId', 'sequenceNumber', 'partitionKey', 'data'];

/** The columns of a query's results, from the first: an object's keys, or one column of values. */
function columnsOf(value: unknown): string[] | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : null;
}

function csvCell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'boolean' ? String(value) : (value as string | number);
}

/**
 * Prints records as --output and --query say. jsonl, json and csv are data for a pipe: each is
 * escaped as its format requires and nothing else (JSON with \u escapes for what a terminal would
 * act on, csv quoted by csv-stringify); text and table are for a person and go through visible().
 * A record --query fails on is skipped and counted (see summary), so the output stays one result
 * per line that parses.
 */
export class RecordPrinter {
  private readonly query: RecordQuery | null;
  private readonly format: OutputFormat;
  private columns: string[] | null = null;
  private table: StreamingTable | null = null;
  private printed = 0;
  private closed = false;
  private failed = { count: 0, first: '' };

  constructor(
    flags: OutputFlags,
    private readonly out: NodeJS.WritableStream = process.stdout,
  ) {
    if (flags.json && flags.output !== 'text' && flags.output !== 'jsonl')
      throw new AppError('invalid-input', `--json is --output jsonl: drop one of --json and --output ${flags.output}.`);
    this.format = flags.json ? 'jsonl' : flags.output;
    this.query = flags.query !== undefined ? compileQuery(flags.query) : null;
  }

  /** Prints one record; false when the output is full and the caller should wait for 'drain'. */
  async print(record: PrintedRecord): Promise<boolean> {
    if (this.closed) return true;
    let value: unknown;
    if (this.query) {
      const result = await this.query(recordJson(record));
      if (!result.ok) {
        this.failed.count++;
        this.failed.first ||= `${record.shardId}/${record.sequenceNumber}: ${result.reason}`;
        return true;
      }
      value = result.value;
    } else if (this.format !== 'text' && this.format !== 'table') value = recordJson(record);
    const text = this.render(record, value);
    this.printed++;
    return this.out.write(text);
  }

  private render(record: PrintedRecord, value: unknown): string {
    switch (this.format) {
      case 'jsonl':
        return `${terminalJson(value)}\n`;
      case 'json':
        return `${this.printed === 0 ? '[\n' : ',\n'}${terminalJson(value)}`;
      case 'text':
        return `${this.query ? terminalJson(value) : textLine(record)}\n`;
      case 'csv':
        return this.csvRow(value);
      case 'table':
        return this.tableRow(record, value);
    }
  }

  private csvRow(value: unknown): string {
    let header = '';
    if (!this.columns) {
      this.columns = this.query ? (columnsOf(value) ?? ['value']) : RECORD_COLUMNS;
      header = stringify([this.columns]);
    }
    const cells = this.cellsOf(value, this.columns, (name) => (value as Record<string, unknown>)[name]);
    return header + stringify([cells.map(csvCell)]);
  }

  private tableRow(record: PrintedRecord, value: unknown): string {
    if (!this.columns) this.columns = this.query ? (columnsOf(value) ?? ['value']) : TABLE_COLUMNS;
    this.table ??= new StreamingTable(this.columns);
    const sub = record.subSequenceNumber !== null ? `/${record.subSequenceNumber}` : '';
    const recordCells: Record<string, unknown> = {
      arrivalTime: record.arrivalTime,
      shardId: record.shardId,
      sequenceNumber: `${record.sequenceNumber}${sub}`,
      partitionKey: record.partitionKey,
      data: bodyText(record),
    };
    const pick = this.query ? (name: string) => (value as Record<string, unknown>)[name] : (name: string) => recordCells[name];
    return this.table.row(this.cellsOf(value, this.columns, pick).map(tableCell));
  }

  /** A row's values: one per column; a result that is not an object fills the one column. */
  private cellsOf(value: unknown, columns: string[], pick: (name: string) => unknown): unknown[] {
    if (this.query && columnsOf(value) === null) return columns.length === 1 && columns[0] === 'value' ? [value] : columns.map(() => null);
    return columns.map(pick);
  }

  /** Ends the output: a JSON array is closed however the read ended (a limit, the end, Ctrl+C), so it always parses. */
  finish(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.format === 'json') this.out.write(this.printed === 0 ? '[]\n' : '\n]\n');
    if (this.failed.count)
      note(`--query failed on ${this.failed.count} record${this.failed.count === 1 ? '' : 's'}, left out (first: ${this.failed.first})`);
  }
}
