// The API's errors: one code per thing a client can act on, one HTTP status per
// code. Routes throw or next() these; the error middleware turns anything into one.
import { ImageDecodeError, InvalidVersionNameError, ModelStoreError } from '@rings/ring-model/core';

/** Every error code the API answers with, and its HTTP status. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  VALIDATION_FAILED: 400,
  INVALID_VERSION_NAME: 400,
  MISSING_IMAGE: 400,
  UNEXPECTED_FIELD: 400,
  TOO_MANY_FILES: 400,
  MALFORMED_MULTIPART: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VERSION_NOT_FOUND: 404,
  NOTHING_DEPLOYED: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  DUPLICATE_FEEDBACK: 409,
  PAYLOAD_TOO_LARGE: 413,
  IMAGE_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNSUPPORTED_IMAGE_TYPE: 415,
  IMAGE_UNDECODABLE: 422,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  MODEL_NOT_READY: 503,
  OVERLOADED: 503,
  MONITORING_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const satisfies Record<string, number>;

export type ApiErrorCode = keyof typeof ERROR_STATUS;

/** An error the client gets to see: code, message, optional details and headers. */
export class ApiError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    options?: ErrorOptions & { headers?: Record<string, string> },
  ) {
    super(message, options);
    this.name = 'ApiError';
    this.status = ERROR_STATUS[code];
    this.headers = options?.headers ?? {};
  }
}

/** What express.json's errors (http-errors with a `type`) look like. */
interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(err: unknown): err is Error & BodyParserError {
  return err instanceof Error && typeof (err as Partial<BodyParserError>).type === 'string';
}

function fromBodyParser(err: Error & BodyParserError): ApiError {
  if (err.type === 'entity.parse.failed') {
    return new ApiError('INVALID_JSON', `the body is not valid JSON: ${err.message}`, undefined, {
      cause: err,
    });
  }
  if (err.type === 'entity.too.large') {
    return new ApiError('PAYLOAD_TOO_LARGE', 'the JSON body is too large', undefined, { cause: err });
  }
  if (err.status === 415)
    return new ApiError('UNSUPPORTED_MEDIA_TYPE', err.message, undefined, { cause: err });
  return new ApiError('BAD_REQUEST', err.message, undefined, { cause: err });
}

/** Map any thrown value to an ApiError; unknown errors become INTERNAL (500). */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isBodyParserError(err)) return fromBodyParser(err);
  if (err instanceof ImageDecodeError) {
    return new ApiError(err.code, err.message, undefined, { cause: err });
  }
  if (err instanceof URIError) {
    // The router could not percent-decode a path parameter (e.g. /models/%ff).
    return new ApiError('BAD_REQUEST', `${err.message}: the path is not valid percent-encoding`, undefined, {
      cause: err,
    });
  }
  if (err instanceof InvalidVersionNameError) {
    return new ApiError('INVALID_VERSION_NAME', err.message, undefined, { cause: err });
  }
  if (
    err instanceof ModelStoreError &&
    (err.code === 'VERSION_NOT_FOUND' || err.code === 'NOTHING_DEPLOYED')
  ) {
    return new ApiError(err.code, err.message, undefined, { cause: err });
  }
  return new ApiError('INTERNAL', err instanceof Error ? err.message : String(err), undefined, {
    cause: err,
  });
}
