import { z } from 'zod';
import { tableNameSchema } from './consumers';
import { remedySchema } from './errors';
import { streamNameSchema } from './streams';
import { s3Encryptions, s3LocationSchema } from './runs';

export const permissionStatuses = ['granted', 'missing', 'kms-denied', 'unchecked'] as const;
export type PermissionStatus = (typeof permissionStatuses)[number];

export const permissionResultSchema = z.object({
  action: z.string(),
  required: z.boolean(),
  status: z.enum(permissionStatuses),
  /** AWS's own words for a denial, or why the action was not checked. */
  reason: z.string().nullable(),
  /** What the user can do to have it checked, worded by each host. */
  remedy: remedySchema.optional(),
  neededFor: z.string(),
});
export type PermissionResult = z.infer<typeof permissionResultSchema>;

export const policyDocumentSchema = z.object({
  Version: z.literal('2012-10-17'),
  Statement: z.array(
    z.object({ Sid: z.string().optional(), Effect: z.literal('Allow'), Action: z.array(z.string()), Resource: z.array(z.string()) }),
  ),
});
export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

export const permissionReportSchema = z.object({
  stream: z.string(),
  streamArn: z.string(),
  actions: z.array(permissionResultSchema),
  /** Grants exactly the missing actions; null when nothing is missing. */
  fixPolicy: policyDocumentSchema.nullable(),
  /** The KMS key that blocks reading, where one does. */
  kmsKey: z.string().nullable(),
  checkedAt: z.string(),
});
export type PermissionReport = z.infer<typeof permissionReportSchema>;

export const permissionCheckInputSchema = z
  .object({
    name: streamNameSchema,
    /** Writing cannot be probed without writing: only with this does the check write test records. */
    writeProbe: z.boolean().default(false),
    /** The fix policy also grants the stream-admin actions (create, reshard, retention, tags, …). */
    admin: z.boolean().default(false),
    /** KCL lease tables to check (their application names); none: the ones found by their shape. */
    leaseTables: z.array(tableNameSchema).max(20).default([]),
    /** A run's S3 output (s3://bucket/prefix/): what writing there needs is checked too. */
    to: s3LocationSchema.optional(),
    /** The run's server-side encryption: with aws:kms, what S3 needs of the key is checked too. */
    sse: z.enum(s3Encryptions).optional(),
    kmsKeyId: z.string().min(1).max(2_048).optional(),
  })
  .strict()
  .refine((input) => input.to !== undefined || (input.sse === undefined && input.kmsKeyId === undefined), {
    message: 'Encryption is checked for a run to S3: give its S3 prefix too.',
  })
  .refine((input) => input.kmsKeyId === undefined || input.sse === 'aws:kms', { message: 'A KMS key goes with aws:kms encryption.' });

export const explanationSchema = z.object({
  available: z.boolean(),
  /** Why the simulator could not be used, when it could not. */
  reason: z.string().nullable(),
  principalArn: z.string().nullable(),
  results: z.array(
    z.object({
      action: z.string(),
      decision: z.string(),
      statements: z.array(z.object({ policy: z.string(), startLine: z.number().nullable() })),
    }),
  ),
});
export type Explanation = z.infer<typeof explanationSchema>;
