import { z } from 'zod';
import { envelopeSchema } from './contract/errors';
import { MAX_LEASE_KEY_LENGTH, MAX_MOVE_LEASES, MAX_RAW_CHECKPOINT_LENGTH } from './contract/consumers';
import { MAX_PUT_TEXT } from './contract/writes';

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
/**
 * A browser cannot see why a WebSocket upgrade was refused, so a page whose socket failed asks
 * here (token in TOKEN_CHECK_HEADER): 204 for the right token, 401 for a wrong one. No answer at
 * all means the host is gone.
 */
export const TOKEN_CHECK_PATH = '/token-check';
export const TOKEN_CHECK_HEADER = 'x-shardscope-token';

/** JSON writes a control character as `\u00XX`: no character of a string costs more than this. */
const MAX_JSON_BYTES_PER_CHARACTER = 6;
/** A call's other fields (stream name, partition key, hash key, channel, id) escaped the same way. */
const CALL_ENVELOPE_BYTES = 4 * 1024;
/** A lease's field names, counter, sequence number and punctuation, beside its key and checkpoint text. */
const LEASE_ENTRY_OVERHEAD_BYTES = 256;
/** A checkpoint move repeats every lease of its plan: the longest keys and checkpoint texts, escaped at worst. */
const MAX_MOVE_BYTES =
  MAX_MOVE_LEASES * ((MAX_LEASE_KEY_LENGTH + MAX_RAW_CHECKPOINT_LENGTH) * MAX_JSON_BYTES_PER_CHARACTER + LEASE_ENTRY_OVERHEAD_BYTES);
/**
 * The largest frame a tab may send: the largest call the contract accepts (a put of the longest
 * record text, or a checkpoint move of the most leases), escaped at worst. A smaller limit would
 * close the socket (and end every session the tab owns) for a call that is valid.
 */
export const MAX_CLIENT_FRAME_BYTES = Math.max(MAX_PUT_TEXT * MAX_JSON_BYTES_PER_CHARACTER, MAX_MOVE_BYTES) + CALL_ENVELOPE_BYTES;
