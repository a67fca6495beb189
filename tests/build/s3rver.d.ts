// The part of s3rver's API the deploy tests use (the package ships no types).
declare module 's3rver' {
  import { EventEmitter } from 'node:events';

  interface S3rverOptions {
    port?: number;
    address?: string;
    silent?: boolean;
    directory: string;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  /** An S3 event notification: one record per object put, copied or deleted. */
  interface S3rverEvent {
    Records: { eventName: string; s3: { object: { key: string } } }[];
  }

  export default class S3rver extends EventEmitter {
    constructor(options: S3rverOptions);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
    on(event: 'event', listener: (event: S3rverEvent) => void): this;
  }
}
