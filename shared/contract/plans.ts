import { z } from 'zod';

/**
 * The token main returns with a plan; a change that destroys or rewrites data names the plan the
 * user confirmed by it. Required here, so a call without one never reaches a handler.
 */
export const planTokenSchema = z
  .string({ error: 'A change is applied only with the token of the plan that was confirmed: plan it first.' })
  .max(43, 'This is not a plan token.')
  .regex(/^[A-Za-z0-9_-]{43}$/, 'This is not a plan token.');
export type PlanToken = z.infer<typeof planTokenSchema>;

export const planTokenResultSchema = z.object({ token: planTokenSchema });

/**
 * Where a planned write or change lands, as every host's confirmation names it: the connection,
 * its kind (the local sandbox is said as such), region, endpoint, and the AWS account where known.
 */
export const writeTargetSchema = z.object({
  kind: z.enum(['sandbox', 'endpoint', 'aws']),
  connection: z.string(),
  region: z.string(),
  endpoint: z.string().nullable(),
  /** From the stream's ARN, or for a stream not made yet on AWS, the caller's account; null when neither is known. */
  account: z.string().nullable(),
});
export type WriteTarget = z.infer<typeof writeTargetSchema>;
