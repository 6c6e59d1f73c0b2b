import type { IncomingMessage, ServerResponse } from 'node:http';

/** Larger than any schema Glue accepts (170,000 characters) with room for JSON escaping. */
export const MAX_REGISTRY_BODY_BYTES = 1024 * 1024;

export class BodyTooLarge extends Error {}

/** The request's body, refused past `maxBytes` without reading the rest into memory. */
export async function readCappedBody(request: IncomingMessage, maxBytes = MAX_REGISTRY_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers['content-length']);
  if (declared > maxBytes) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(response: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) }).end(text);
}

/** The request's JSON body as an object; anything else is the caller's error. */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
