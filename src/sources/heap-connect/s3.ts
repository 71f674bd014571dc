// The Heap Connect bucket itself, through @aws-sdk/client-s3 with the standard AWS credential
// chain (environment, profiles, instance roles) and the SDK's own retries. Loaded only when an
// s3:// source is used.
import { Readable } from 'node:stream';
import { SourceError, UsageError } from '../../errors.ts';
import type { Store } from './source.ts';

export interface S3Options {
  /** An S3-compatible endpoint (MinIO, a test server): path-style addressing. */
  endpoint?: string;
  /** The environment the CLI was given: AWS_* keys and region come from it first. */
  env?: Record<string, string | undefined>;
}

export async function s3Store(url: string, options: S3Options = {}): Promise<Store> {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!m) throw new UsageError(`heap-connect: "${url}" is not an s3://bucket/prefix address`);
  const bucket = m[1]!;
  const base = m[2]!.replace(/\/?$/, m[2] ? '/' : '');
  const { S3Client, ListObjectsV2Command, GetObjectCommand } = await import('@aws-sdk/client-s3');
  const env = options.env ?? {};
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const client = new S3Client({
    ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
    // Heap Connect buckets are in us-east-1 unless said otherwise.
    region: region ?? 'us-east-1',
    // Keys in the environment first; otherwise the SDK's chain (profiles, SSO, instance roles).
    ...(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? { credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) } }
      : {}),
  });
  const fail = (what: string, e: unknown): never => {
    const err = e as Error & { name?: string; $metadata?: { httpStatusCode?: number } };
    throw new SourceError(`heap-connect: ${what} in s3://${bucket}/${base}: ${err.name ?? 'error'}${err.$metadata?.httpStatusCode ? ` (HTTP ${err.$metadata.httpStatusCode})` : ''}: ${err.message}`);
  };
  const read = async (key: string): Promise<Readable> => {
    const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: base + key }));
    if (!(res.Body instanceof Readable)) throw new Error('the object has no body');
    return res.Body;
  };
  return {
    describe: `s3://${bucket}/${base}`.replace(/\/$/, ''),
    async list(prefix) {
      const out: { key: string; modified?: number }[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: base + prefix, ContinuationToken: token })).catch((e: unknown) => fail(`cannot list ${prefix}`, e));
        for (const o of page.Contents ?? []) if (o.Key) out.push({ key: o.Key.slice(base.length), ...(o.LastModified ? { modified: o.LastModified.getTime() } : {}) });
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return out;
    },
    read,
    async text(key) {
      const chunks: Buffer[] = [];
      for await (const c of await read(key)) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
