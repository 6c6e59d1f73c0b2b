import { z } from 'zod';
import { envelopeSchema } from './contract/errors';

/** Messages on the browser host's WebSocket; both ends validate what they receive. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call'), id: z.number().int(), channel: z.string(), input: z.unknown() }),
  z.object({ type: z.literal('subscribe'), topic: z.string() }),
  z.object({ type: z.literal('unsubscribe'), topic: z.string() }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number().int(), result: envelopeSchema }),
  z.object({ type: z.literal('event'), topic: z.string(), payload: z.unknown() }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

/** The subprotocol carries the token so it never shows in a URL or an access log. */
export const WS_PROTOCOL = 'shardscope.v1';
export const WS_TOKEN_PREFIX = 'token.';
export const WS_PATH = '/ws';
