import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message as the stand-in keeps it: hidden until `visibleAt`, deletable with its latest receipt handle only. */
interface QueuedMessage {
  id: string;
  body: string;
  visibleAt: number;
  receiptHandle: string | null;
  receives: number;
}

export interface LocalSqs {
  /** A queue URL on the stand-in; its path names the queue, as SQS's do. */
  queueUrl(name: string): string;
  send(queueUrl: string, body: string): void;
  /** The queue's messages, visible or not, in the order sent. */
  messages(queueUrl: string): readonly Readonly<QueuedMessage>[];
  /** Each call the stand-in answered, by its X-Amz-Target operation. */
  calls: { operation: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/**
 * A loopback stand-in for SQS speaking its JSON protocol (AWSJsonProtocol_1.0, X-Amz-Target
 * AmazonSQS.Operation), the three calls a reader of failure notices makes: ReceiveMessage with a
 * visibility timeout, DeleteMessage and ChangeMessageVisibility. No fake of the client: the real
 * @aws-sdk/client-sqs talks to it over HTTP, checking the MD5 of each body as it does on AWS.
 */
export async function startLocalSqs(): Promise<LocalSqs> {
  const queues = new Map<string, QueuedMessage[]>();
  const queueOf = (url: unknown) => queues.get(new URL(String(url)).pathname);
  const calls: LocalSqs['calls'] = [];

  const answer = (res: http.ServerResponse, status: number, body: unknown, errorCode?: string) => {
    const payload = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': Buffer.byteLength(payload),
      ...(errorCode ? { 'x-amzn-query-error': `${errorCode};Sender` } : {}),
    });
    res.end(payload);
  };
  const fault = (res: http.ServerResponse, type: string, message: string) =>
    answer(res, 400, { __type: `com.amazonaws.sqs#${type}`, message }, `AWS.SimpleQueueService.${type}`);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').replace(/^AmazonSQS\./, '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      calls.push({ operation, body });
      const queue = queueOf(body.QueueUrl);
      if (!queue) return fault(res, 'QueueDoesNotExist', 'The specified queue does not exist.');
      const now = Date.now();
      const byHandle = () => queue.find((m) => m.receiptHandle !== null && m.receiptHandle === body.ReceiptHandle);
      if (operation === 'ReceiveMessage') {
        const max = Number(body.MaxNumberOfMessages ?? 1);
        const visibility = Number(body.VisibilityTimeout ?? 30);
        const taken = queue.filter((m) => m.visibleAt <= now).slice(0, max);
        for (const message of taken) {
          message.visibleAt = now + visibility * 1000;
          message.receiptHandle = randomUUID();
          message.receives++;
        }
        return answer(res, 200, {
          Messages: taken.map((m) => ({ MessageId: m.id, ReceiptHandle: m.receiptHandle, MD5OfBody: md5(m.body), Body: m.body })),
        });
      }
      if (operation === 'DeleteMessage') {
        const message = byHandle();
        if (!message) return fault(res, 'ReceiptHandleIsInvalid', 'The receipt handle is not valid.');
        queue.splice(queue.indexOf(message), 1);
        return answer(res, 200, {});
      }
      if (operation === 'ChangeMessageVisibility') {
        const message = byHandle();
        if (!message) return fault(res, 'ReceiptHandleIsInvalid', 'The receipt handle is not valid.');
        message.visibleAt = now + Number(body.VisibilityTimeout) * 1000;
        return answer(res, 200, {});
      }
      return fault(res, 'UnsupportedOperation', `The stand-in does not answer ${operation}.`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    calls,
    queueUrl: (name) => {
      const pathname = `/000000000000/${name}`;
      if (!queues.has(pathname)) queues.set(pathname, []);
      return `${base}${pathname}`;
    },
    send: (url, body) => queueOf(url)!.push({ id: randomUUID(), body, visibleAt: 0, receiptHandle: null, receives: 0 }),
    messages: (url) => queueOf(url) ?? [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
