// The HTTP transport: one axios instance per client, every answer checked here.
// Non-2xx answers and transport failures become typed errors, JSON bodies are
// validated with zod, and retryable failures are retried (retry.ts).
import https from 'node:https';
import type { Readable } from 'node:stream';
import { zodIssueLines } from '@rings/zod-issues';
import axios, { type AxiosInstance, type AxiosResponse, type ResponseType } from 'axios';
import type { z } from 'zod';
import type { MlflowAuth, RetryOptions } from './config';
import { errorFromResponse, errorFromTransport } from './error-mapping';
import { MlflowResponseValidationError } from './errors';
import { withRetries, type RetryListener } from './retry';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

/** Query values; arrays are sent as repeated keys (`k=a&k=b`). */
export type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

export interface HttpRequest {
  method: HttpMethod;
  /** Path below the tracking URI, e.g. `/api/2.0/mlflow/runs/get`. */
  path: string;
  query?: Query;
  /** JSON body (POST, PATCH, DELETE). */
  json?: unknown;
  /** Overrides the client's timeout. */
  timeoutMs?: number;
  /** Default true; false makes one attempt only. */
  retry?: boolean;
}

export interface TransportOptions {
  trackingUri: string;
  auth: MlflowAuth;
  timeoutMs: number;
  retry: RetryOptions;
  insecureTls: boolean;
  onRetry?: RetryListener;
}

/** The transport the API modules share. */
export interface Transport {
  readonly trackingUri: string;
  /** Send a request and validate its JSON answer with `schema`. */
  json<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<z.output<S>>;
  /** Send a request and return its body as text. */
  text(request: HttpRequest): Promise<string>;
  /** PUT a body opened afresh for every attempt; `length` is its size in bytes. */
  upload(path: string, open: () => Readable, length: number): Promise<void>;
  /** GET and hand the body stream to `consume`; a connection failure retries both. */
  download<T>(path: string, consume: (body: Readable) => Promise<T>): Promise<T>;
}

const maxErrorBodyBytes = 64 * 1024;

function authHeader(auth: MlflowAuth): Record<string, string> {
  if (auth.kind === 'bearer') return { authorization: `Bearer ${auth.token}` };
  if (auth.kind === 'basic') {
    const pair = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
    return { authorization: `Basic ${pair}` };
  }
  return {};
}

async function readErrorBody(data: unknown): Promise<string> {
  if (typeof data === 'string') return data;
  if (data === undefined || data === null || typeof (data as Readable).read !== 'function') return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of data as Readable) {
    chunks.push(Buffer.from(chunk as Buffer));
    size += (chunk as Buffer).length;
    if (size >= maxErrorBodyBytes) break; // leaving the loop destroys the stream
  }
  return Buffer.concat(chunks).toString('utf8');
}

function createAxios(options: TransportOptions): AxiosInstance {
  const secure = options.trackingUri.startsWith('https:');
  return axios.create({
    baseURL: options.trackingUri,
    headers: { ...authHeader(options.auth), 'user-agent': 'rings-mlflow-client' },
    paramsSerializer: { indexes: null },
    validateStatus: () => true,
    transformResponse: (data: unknown) => data,
    // No redirects: the follow-redirects wrapper would buffer streamed uploads in memory.
    maxRedirects: 0,
    maxBodyLength: Infinity,
    maxContentLength: Infinity,
    httpsAgent: secure && options.insecureTls ? new https.Agent({ rejectUnauthorized: false }) : undefined,
  });
}

/** Build the transport for one tracking server. */
export function createTransport(options: TransportOptions): Transport {
  const http = createAxios(options);

  async function once(
    request: HttpRequest,
    responseType: ResponseType,
    extra: { data?: unknown; headers?: Record<string, string> } = {},
  ): Promise<AxiosResponse> {
    const label = `${request.method} ${request.path}`;
    let response: AxiosResponse;
    try {
      response = await http.request({
        method: request.method,
        url: request.path,
        params: request.query,
        data: extra.data ?? request.json,
        headers: extra.headers ?? (request.json === undefined ? {} : { 'content-type': 'application/json' }),
        responseType,
        timeout: request.timeoutMs ?? options.timeoutMs,
      });
    } catch (err) {
      throw errorFromTransport(err, label, options.trackingUri);
    }
    if (response.status < 200 || response.status >= 300) {
      throw errorFromResponse(response.status, await readErrorBody(response.data), label);
    }
    return response;
  }

  function retrying<T>(request: Pick<HttpRequest, 'retry'>, attempt: () => Promise<T>): Promise<T> {
    if (request.retry === false) return attempt();
    return withRetries(attempt, options.retry, options.onRetry);
  }

  function validate<S extends z.ZodType>(request: HttpRequest, schema: S, body: string): z.output<S> {
    const label = `${request.method} ${request.path}`;
    let value: unknown;
    try {
      value = body.trim() === '' ? {} : JSON.parse(body);
    } catch (err) {
      throw new MlflowResponseValidationError(
        `${label}: the answer from ${options.trackingUri} is not JSON (${body.slice(0, 120)}). Is MLFLOW_TRACKING_URI an MLflow server?`,
        { code: 'INVALID_RESPONSE', status: 200, request: label, cause: err },
      );
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const issues = zodIssueLines(parsed.error.issues, { root: '(body)' });
    throw new MlflowResponseValidationError(
      `${label}: unexpected answer from the MLflow server at ${options.trackingUri} (is it MLflow 3.x?): ${issues.join('; ')}`,
      { code: 'INVALID_RESPONSE', status: 200, request: label, cause: parsed.error },
    );
  }

  return {
    trackingUri: options.trackingUri,
    json: (request, schema) =>
      retrying(request, async () =>
        validate(request, schema, String((await once(request, 'text')).data ?? '')),
      ),
    text: (request) => retrying(request, async () => String((await once(request, 'text')).data ?? '')),
    upload: (path, open, length) =>
      retrying({}, async () => {
        const body = open();
        const headers = { 'content-type': 'application/octet-stream', 'content-length': String(length) };
        try {
          await once({ method: 'PUT', path }, 'text', { data: body, headers });
        } finally {
          body.destroy();
        }
      }),
    download: (path, consume) =>
      retrying({}, async () => {
        const response = await once({ method: 'GET', path }, 'stream');
        const body = response.data as Readable;
        try {
          return await consume(body);
        } catch (err) {
          body.destroy();
          throw body.errored === null ? err : errorFromTransport(err, `GET ${path}`, options.trackingUri);
        }
      }),
  };
}
