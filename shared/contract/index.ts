import { z } from 'zod';
import { appInfoSchema, hostLaggingSchema, producerStatusSchema } from './app';
import { runProgressSchema, runSpecSchema, runSummarySchema } from './runs';
import {
  pipelineAssetsSchema,
  pipelineRequestSchema,
  pipelineVerifyInputSchema,
  pipelineVerifySchema,
  pipelineWriteInputSchema,
} from './pipelines';
import { sessionStatusSchema } from './sessions';
import { auditListInputSchema, auditListSchema, auditVerifySchema } from './audit';
import { changePlanSchema, streamChangeSchema } from './admin';
import { planTokenResultSchema, planTokenSchema, writeTargetSchema } from './plans';
import {
  checkpointMoveApplySchema,
  checkpointMoveInputSchema,
  checkpointMovePlanSchema,
  consumersInputSchema,
  consumersReportSchema,
  consumersSampleSchema,
  leaseQuietSchema,
} from './consumers';
import {
  copyEstimateSchema,
  copyProgressSchema,
  copySpecSchema,
  putRecordInputSchema,
  putRecordResultSchema,
  sendRecordsInputSchema,
  sendRecordsResultSchema,
  writePlanSchema,
} from './writes';
import { produceFinishedSchema, producePlanSchema, produceProgressSchema, produceSpecSchema } from './produce';
import {
  redriveFindInputSchema,
  redriveFindOutputSchema,
  redrivePlanCopyInputSchema,
  redrivePlanCopyOutputSchema,
  redrivePlanExportInputSchema,
  redrivePlanExportOutputSchema,
  redriveSettleQueueInputSchema,
  redriveSettleQueueOutputSchema,
} from './redrive';
import { expressionCheckSchema, searchInputSchema, searchMatchesSchema, searchProgressSchema } from './search';
import { maskingCalls, maskingReportSchema } from './masking';
import { viewsCalls } from './views';
import { heatInputSchema, heatProgressSchema } from './heat';
import { schemaBindingListSchema, schemaBindingSchema, schemaDefinitionSchema, schemaGetInputSchema } from './schemas';
import { registrySchemaListSchema, registrySchemasInputSchema } from './write-schemas';
import { capacityEstimateSchema, capacityInputSchema, shardThrottlingInputSchema, shardThrottlingSchema } from './capacity';
import { cloudWatchSeriesSchema, metricsSampleSchema, metricsStartInputSchema } from './metrics';
import { explanationSchema, permissionCheckInputSchema, permissionReportSchema } from './permissions';
import {
  previewBatchSchema,
  previewRecordSchema,
  previewStartInputSchema,
  previewStatusSchema,
  recordKeySchema,
  sessionInputSchema,
} from './preview';
import {
  activeConnectionSchema,
  awsProfileListSchema,
  connectionListSchema,
  connectionTestSchema,
  profileViewSchema,
  saveProfileInputSchema,
} from './connections';
import {
  consumerListSchema,
  shardForInputSchema,
  shardForSchema,
  shardListSchema,
  streamDetailSchema,
  streamNameSchema,
  streamNamesPageSchema,
  streamSummariesSchema,
  SUMMARY_BATCH_LIMIT,
  tagListSchema,
} from './streams';

export * from './app';
export * from './masking';
export * from './views';
export * from './write-schemas';
export * from './connections';
export * from './errors';
export * from './permissions';
export * from './preview';
export * from './metrics';
export * from './sessions';
export * from './runs';
export * from './search';
export * from './redrive';
export * from './record-ranges';
export * from './heat';
export * from './streams';
export * from './writes';
export * from './produce';
export * from './admin';
export * from './consumers';
export * from './plans';
export * from './schemas';
export * from './pipelines';
export * from './audit';
export * from './capacity';

const noInput = z.object({}).strict();
/** A saved connection's name, or the sandbox's: looked up, so only bounded. */
const connectionNameSchema = z.string().min(1).max(64);
const byStream = z.object({ name: streamNameSchema }).strict();

/**
 * Every request the renderer can make, named `area:verb`. Main validates each input against
 * its schema before any domain code runs; the types on both sides are inferred from here.
 */
export const calls = {
  'app:info': { input: noInput, output: appInfoSchema },
  'connections:active': { input: noInput, output: activeConnectionSchema },
  'connections:list': { input: noInput, output: connectionListSchema },
  'connections:save': { input: saveProfileInputSchema.strict(), output: profileViewSchema },
  'connections:remove': { input: z.object({ name: connectionNameSchema }).strict(), output: z.object({ removed: z.boolean() }) },
  'connections:test': { input: z.object({ name: connectionNameSchema }).strict(), output: connectionTestSchema },
  'connections:activate': { input: z.object({ name: connectionNameSchema }).strict(), output: activeConnectionSchema },
  'connections:awsProfiles': { input: noInput, output: awsProfileListSchema },
  'streams:names': { input: noInput, output: streamNamesPageSchema },
  'streams:summaries': {
    input: z.object({ names: z.array(streamNameSchema).min(1).max(SUMMARY_BATCH_LIMIT) }).strict(),
    output: streamSummariesSchema,
  },
  'streams:describe': { input: byStream, output: streamDetailSchema },
  'streams:shards': { input: byStream, output: shardListSchema },
  'streams:consumers': { input: byStream, output: consumerListSchema },
  'streams:tags': { input: byStream, output: tagListSchema },
  'streams:shardFor': { input: shardForInputSchema, output: shardForSchema },
  'permissions:check': { input: permissionCheckInputSchema, output: permissionReportSchema },
  'permissions:explain': { input: byStream, output: explanationSchema },
  'preview:start': { input: previewStartInputSchema, output: z.object({ sessionId: z.string() }) },
  'preview:stop': { input: sessionInputSchema, output: z.object({ stopped: z.boolean() }) },
  'preview:pause': { input: sessionInputSchema, output: z.object({ paused: z.boolean() }) },
  'preview:resume': { input: sessionInputSchema, output: z.object({ resumed: z.boolean() }) },
  'preview:record': { input: recordKeySchema, output: previewRecordSchema },
  'metrics:start': { input: metricsStartInputSchema, output: z.object({ sessionId: z.string() }) },
  'metrics:stop': { input: sessionInputSchema, output: z.object({ stopped: z.boolean() }) },
  'metrics:cloudwatch': { input: byStream, output: cloudWatchSeriesSchema },
  'capacity:estimate': { input: capacityInputSchema, output: capacityEstimateSchema },
  'capacity:shardThrottling': { input: shardThrottlingInputSchema, output: shardThrottlingSchema },
  'runs:start': {
    input: z
      .object({
        spec: runSpecSchema,
        resume: z.boolean().default(false),
        /** Start over: the folder's run and the files it wrote are removed first (its remedy 'start-over'). */
        restart: z.boolean().default(false),
        /** A saved connection's name (or the sandbox's) to read with; absent or null: the caller's active one. */
        connection: z.string().min(1).max(64).nullable().optional(),
      })
      .strict()
      .refine((input) => !(input.resume && input.restart), {
        message: 'A run either resumes or starts over, not both.',
        path: ['restart'],
      }),
    output: z.object({ sessionId: z.string() }),
  },
  'runs:stop': { input: sessionInputSchema, output: z.object({ stopped: z.boolean() }) },
  'runs:history': { input: noInput, output: z.object({ runs: z.array(runSummarySchema) }) },
  'runs:chooseFolder': { input: noInput, output: z.object({ folder: z.string().nullable() }) },
  'search:check': { input: z.object({ expression: z.string().max(4_000) }).strict(), output: expressionCheckSchema },
  'search:start': { input: searchInputSchema, output: z.object({ sessionId: z.string() }) },
  'search:stop': { input: sessionInputSchema, output: z.object({ stopped: z.boolean() }) },
  'redrive:find': { input: redriveFindInputSchema, output: redriveFindOutputSchema },
  'redrive:planCopy': { input: redrivePlanCopyInputSchema, output: redrivePlanCopyOutputSchema },
  'redrive:planExport': { input: redrivePlanExportInputSchema, output: redrivePlanExportOutputSchema },
  'redrive:settleQueue': { input: redriveSettleQueueInputSchema, output: redriveSettleQueueOutputSchema },
  'heat:start': { input: heatInputSchema, output: z.object({ sessionId: z.string() }) },
  'heat:stop': { input: sessionInputSchema, output: z.object({ stopped: z.boolean() }) },
  'schemas:listBindings': { input: z.object({}).strict(), output: schemaBindingListSchema },
  'schemas:setBinding': { input: schemaBindingSchema, output: schemaBindingListSchema },
  'schemas:clearBinding': { input: z.object({ stream: streamNameSchema }).strict(), output: schemaBindingListSchema },
  'schemas:listRegistry': { input: registrySchemasInputSchema, output: registrySchemaListSchema },
  'schemas:get': { input: schemaGetInputSchema, output: schemaDefinitionSchema },
  'writes:planPut': { input: putRecordInputSchema, output: writePlanSchema },
  'writes:put': { input: putRecordInputSchema.extend({ token: planTokenSchema }).strict(), output: putRecordResultSchema },
  'writes:planSend': { input: sendRecordsInputSchema, output: writePlanSchema },
  'writes:send': { input: sendRecordsInputSchema.extend({ token: planTokenSchema }).strict(), output: sendRecordsResultSchema },
  'writes:planProduce': { input: produceSpecSchema, output: producePlanSchema },
  'writes:produce': {
    input: z.object({ spec: produceSpecSchema, token: planTokenSchema }).strict(),
    output: z.object({ sessionId: z.string() }),
  },
  'writes:stopProduce': { input: sessionInputSchema, output: z.object({ stopped: z.boolean() }) },
  'copies:estimate': {
    // restart is part of what is confirmed: it drops a copy's progress and sends the window again.
    input: z.object({ spec: copySpecSchema, restart: z.boolean().default(false) }).strict(),
    output: copyEstimateSchema.extend(planTokenResultSchema.shape),
  },
  'copies:start': {
    input: z
      .object({ spec: copySpecSchema, resume: z.boolean().default(false), restart: z.boolean().default(false), token: planTokenSchema })
      .strict(),
    output: z.object({ sessionId: z.string(), folder: z.string() }),
  },
  'copies:stop': { input: sessionInputSchema, output: z.object({ stopped: z.boolean() }) },
  'admin:plan': {
    input: z
      .object({
        change: streamChangeSchema,
        /** Planned to be applied now (not only shown): a read-only connection refuses it here, before it is confirmed. */
        toApply: z.boolean().default(false),
      })
      .strict(),
    output: changePlanSchema.extend(planTokenResultSchema.shape).extend({ target: writeTargetSchema }),
  },
  'admin:apply': {
    input: z.object({ change: streamChangeSchema, token: planTokenSchema }).strict(),
    output: z.object({ applied: z.boolean(), steps: z.array(z.string()), awsCli: z.array(z.string()) }),
  },
  'consumers:report': { input: consumersInputSchema, output: consumersReportSchema },
  'consumers:start': { input: consumersInputSchema, output: z.object({ sessionId: z.string() }) },
  'consumers:stop': { input: sessionInputSchema, output: z.object({ stopped: z.boolean() }) },
  'consumers:planMove': {
    input: checkpointMoveInputSchema,
    output: checkpointMovePlanSchema.extend(planTokenResultSchema.shape).extend({ target: writeTargetSchema }),
  },
  'consumers:quiet': { input: checkpointMoveInputSchema, output: leaseQuietSchema },
  'consumers:move': { input: checkpointMoveApplySchema, output: z.object({ moved: z.number().int(), plan: checkpointMovePlanSchema }) },
  'pipelines:generate': { input: pipelineRequestSchema, output: pipelineAssetsSchema },
  'pipelines:write': {
    input: pipelineWriteInputSchema,
    output: pipelineAssetsSchema.extend({ folder: z.string(), written: z.array(z.string()) }),
  },
  'pipelines:verify': { input: pipelineVerifyInputSchema, output: pipelineVerifySchema },
  'audit:list': { input: auditListInputSchema, output: auditListSchema },
  'audit:verify': { input: noInput, output: auditVerifySchema },
  ...maskingCalls,
  ...viewsCalls,
  'runs:openFolder': { input: z.object({ folder: z.string().min(1).max(4_096) }).strict(), output: z.object({ opened: z.boolean() }) },
} as const;

/** Every topic main pushes to the renderer, with its payload. */
export const events = {
  'connections:changed': activeConnectionSchema,
  'sandbox:producer': producerStatusSchema,
  'preview:records': previewBatchSchema,
  'preview:status': previewStatusSchema,
  'metrics:sample': metricsSampleSchema,
  'session:status': sessionStatusSchema,
  'run:progress': runProgressSchema,
  'search:matches': searchMatchesSchema,
  'search:progress': searchProgressSchema,
  'heat:progress': heatProgressSchema,
  'host:lagging': hostLaggingSchema,
  'copy:progress': copyProgressSchema,
  'produce:progress': produceProgressSchema,
  'produce:finished': produceFinishedSchema,
  'consumers:sample': consumersSampleSchema,
  'masking:report': maskingReportSchema,
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<C extends CallName> = z.input<Calls[C]['input']>;
export type CallOutput<C extends CallName> = z.output<Calls[C]['output']>;

export type Events = typeof events;
export type EventTopic = keyof Events;
export type EventPayload<T extends EventTopic> = z.output<Events[T]>;

export const callNames = Object.keys(calls) as CallName[];
export const eventTopics = Object.keys(events) as EventTopic[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}

export function isEventTopic(name: unknown): name is EventTopic {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
