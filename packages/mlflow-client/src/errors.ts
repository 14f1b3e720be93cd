// Typed errors. Every failed call to the server throws an MlflowError (or a
// subclass) carrying MLflow's error_code (or a transport code) and the HTTP status.

/** Where a failed call went; never includes credentials. */
export interface MlflowErrorContext {
  /** MLflow's `error_code` (e.g. RESOURCE_DOES_NOT_EXIST), INVALID_HOST_HEADER, or a transport code (ECONNREFUSED, TIMEOUT, HTTP_403...). */
  code: string;
  /** HTTP status, when the server answered. */
  status?: number;
  /** e.g. `GET /api/2.0/mlflow/runs/get`. */
  request?: string;
  cause?: unknown;
}

/** Base class of every error this client throws. Branch on the subclass or on `code`. */
export class MlflowError extends Error {
  readonly code: string;
  readonly status: number | undefined;
  readonly request: string | undefined;

  constructor(message: string, context: MlflowErrorContext) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = new.target.name;
    this.code = context.code;
    this.status = context.status;
    this.request = context.request;
  }
}

/** RESOURCE_ALREADY_EXISTS: e.g. an experiment or registered model name is taken. */
export class MlflowResourceAlreadyExistsError extends MlflowError {}

/** RESOURCE_DOES_NOT_EXIST or any 404: the experiment, run, model or route is missing. */
export class MlflowResourceDoesNotExistError extends MlflowError {}

/** INVALID_PARAMETER_VALUE, BAD_REQUEST or another 400: fix the request; retrying will not help. */
export class MlflowInvalidParameterError extends MlflowError {}

/** 401/403 (UNAUTHENTICATED, PERMISSION_DENIED, or INVALID_HOST_HEADER: the server's plain-text "Invalid Host header"). */
export class MlflowUnauthorizedError extends MlflowError {}

/** 429 or 503: the server is overloaded or a feature (artifact serving) is off. Retried before it is thrown. */
export class MlflowUnavailableError extends MlflowError {}

/** Any other 5xx (INTERNAL_ERROR, NOT_IMPLEMENTED...). 500/502/504 are retried before it is thrown. */
export class MlflowServerError extends MlflowError {}

/** No answer: refused, reset, DNS failure or timeout. Retried before it is thrown. */
export class MlflowConnectionError extends MlflowError {}

/** The server answered 2xx with a body this client does not understand (a changed or wrong server). */
export class MlflowResponseValidationError extends MlflowError {}

/** ARTIFACT_TOO_LARGE: a download went past the size its caller allowed; the partial file is removed. */
export class MlflowArtifactTooLargeError extends MlflowError {}
