import type {
  CallInput,
  CallOutput,
  CopyProgress,
  CopySpecInput,
  PutRecordResult,
  RegistrySchemaList,
  SendRecordsInput,
  WritePlan,
} from '../../shared/contract';
import type { QueryState } from '../api/query-state';

type CopyEstimate = CallOutput<'copies:estimate'>;

/** Which input a plan was made for: a plan for fields since edited is not the one shown. */
export function writePlanKey(input: CallInput<'writes:planPut'> | CallInput<'writes:planSend'>): string {
  return JSON.stringify(input);
}

export type PutDraft = { data: string; encoding: 'json' | 'text' | 'base64'; partitionKey: string | null };

export type RecordRef = SendRecordsInput['records'][number];

/** The write dialog open, if any: put one record, send picked records, or copy a window. */
export type WriteDialog =
  | { kind: 'put'; stream: string; draft?: PutDraft }
  | { kind: 'send'; source: string; records: RecordRef[]; target?: string }
  | { kind: 'copy'; source: string };

export interface WritesSlice {
  writeDialog: WriteDialog | null;
  /**
   * Main's plan of the put or send being confirmed, for the input it was asked for (by key): the
   * confirmation names its target, and the write is made with its token.
   */
  writePlan: { key: string; state: QueryState<WritePlan> } | null;
  putResult: QueryState<PutRecordResult> | null;
  sendResult: QueryState<{ written: number; retried: number; missing: number }> | null;
  /** The estimate shown as the copy's fields are typed. */
  copyEstimate: QueryState<CopyEstimate> | null;
  /** The estimate asked for by "Review and write…": the copy confirmed, its spec as estimated, and its token. */
  copyPlan: { key: string; spec: CopySpecInput; state: QueryState<CopyEstimate> } | null;
  copySession: string | null;
  /** The copy's source and target, to name it if it is lost. */
  copyRoute: { source: string; target: string } | null;
  copyProgress: CopyProgress | null;
  copyError: string | null;
  /** A start is on its way: the button stays busy, so a double click starts one copy. */
  copyStarting: boolean;
  /** The start found an unfinished copy of the same streams: resume it or start over. */
  copyConflict: boolean;
  /**
   * The connection's registries' schemas (Glue's, its Confluent-compatible one's subjects) for the
   * put editor's picker, by registrySchemasKey: one connection's list never stands for another's.
   */
  registrySchemas: Partial<Record<string, QueryState<RegistrySchemaList>>>;
  openWriteDialog(dialog: WriteDialog): void;
  closeWriteDialog(): void;
  planPut(input: CallInput<'writes:planPut'>): Promise<void>;
  planSend(input: CallInput<'writes:planSend'>): Promise<void>;
  /** Back from a confirmation: the plan is forgotten (main lets its token expire). */
  dropWritePlan(): void;
  /** Made with the token of the plan confirmed; main refuses a write that differs from that plan. */
  putRecord(input: CallInput<'writes:planPut'>, token: string): Promise<void>;
  sendRecords(input: CallInput<'writes:planSend'>, token: string): Promise<void>;
  estimateCopy(spec: CopySpecInput): Promise<void>;
  /** key: what the dialog's fields were (a relative "since" makes a new spec each time it is built). */
  planCopy(spec: CopySpecInput, key: string): Promise<void>;
  /** With the token of the plan confirmed, or (resuming, starting over) estimated again for one. */
  startCopy(spec: CopySpecInput, how?: { resume?: boolean; restart?: boolean; token?: string }): Promise<void>;
  stopCopy(): Promise<void>;
  receiveCopyProgress(progress: CopyProgress): void;
  loadRegistrySchemas(registry: OwnRegistry): Promise<void>;
}

/** The connection's own registries a window may list and write with. */
export type OwnRegistry = 'glue' | 'confluent';

/** Where a registry's list is kept: per connection (see selectConnectionKey) and registry. */
export const registrySchemasKey = (connectionKey: string, registry: OwnRegistry): string => `${connectionKey}|${registry}`;
