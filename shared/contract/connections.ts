import { z } from 'zod';

export const connectionKinds = ['sandbox', 'endpoint', 'aws'] as const;

/** What the renderer may know about the active connection: never a credential. */
export const activeConnectionSchema = z.object({
  kind: z.enum(connectionKinds),
  label: z.string(),
  region: z.string(),
  endpoint: z.string().nullable(),
});
export type ActiveConnection = z.infer<typeof activeConnectionSchema>;
