import autocannon from 'autocannon';
import { BenchError } from './errors';

/** One bounded load run against a server on 127.0.0.1. */
export interface LoadOptions {
  url: string;
  connections: number;
  /** stop after this many seconds... */
  durationSeconds: number;
  /** ...or this many requests, whichever comes first */
  maxRequests: number;
  body: Buffer;
  contentType: string;
  /** requests per second from all connections together (default: as fast as answered) */
  ratePerSecond?: number;
}

/** What one load run measured. */
export interface LoadResult {
  /** 2xx responses */
  ok: number;
  /** connection errors, timeouts and non-2xx responses */
  failed: number;
  seconds: number;
  /** 2xx responses per second */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** responses per HTTP status, plus "errors" and "timeouts" when any */
  statuses: Record<string, number>;
}

/** A multipart/form-data body with one file field, as curl -F "image=@file.png" sends it. */
export function multipartImage(
  bytes: Buffer,
  field = 'image',
  filename = 'compound.png',
): {
  body: Buffer;
  contentType: string;
} {
  const boundary = 'ringsbenchboundary7d1f3a';
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
    'Content-Type: image/png\r\n\r\n';
  return {
    body: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Run autocannon (POST, keep-alive) with both a time and a request bound. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const host = new URL(options.url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') {
    throw new BenchError('INVALID_OPTIONS', `load goes to 127.0.0.1 only, not ${host}`);
  }
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    body: options.body,
    headers: { 'content-type': options.contentType },
    connections: options.connections,
    duration: options.durationSeconds,
    maxOverallRequests: options.maxRequests,
    ...(options.ratePerSecond ? { overallRate: options.ratePerSecond } : {}),
    timeout: 30,
  });
  const ok = result['2xx'];
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = stat.count ?? 0;
  if (result.errors > 0) statuses.errors = result.errors;
  if (result.timeouts > 0) statuses.timeouts = result.timeouts;
  const seconds = result.duration;
  return {
    ok,
    failed: result.errors + result.non2xx,
    seconds,
    rps: seconds > 0 ? ok / seconds : 0,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    statuses,
  };
}
