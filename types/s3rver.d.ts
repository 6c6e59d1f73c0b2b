declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  interface S3rverOptions {
    silent?: boolean;
    directory: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    configureBuckets?: { name: string }[];
  }
  interface S3rverStore {
    /** Rejects (ENOENT) when the object is absent. */
    getMetadata(bucket: string, key: string): Promise<{ etag: string } & Record<string, unknown>>;
    getBucket(bucket: string): Promise<object | null>;
    listObjects(
      bucket: string,
      options: { prefix?: string; delimiter?: string; startAfter?: string; maxKeys?: number },
    ): Promise<{
      objects: { key: string; size: number; lastModifiedDate: Date; metadata: { etag: string } }[];
      commonPrefixes: string[];
      isTruncated: boolean;
    }>;
  }
  class S3rver {
    constructor(options: S3rverOptions);
    readonly store: S3rverStore;
    configureBuckets(): Promise<void>;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
  export default S3rver;
}

declare module 's3rver/lib/models/account.js' {
  /** s3rver's one account; it refuses a request signed with an access key id not registered here. */
  const account: { DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void } };
  export default account;
}
