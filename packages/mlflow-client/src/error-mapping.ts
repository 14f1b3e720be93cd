// Where failures enter: an HTTP answer that is not 2xx, or no answer at all,
// becomes the matching MlflowError with a message that says what to do.
import { z } from 'zod';
import {
  MlflowConnectionError,
  MlflowError,
  MlflowInvalidParameterError,
  MlflowResourceAlreadyExistsError,
  MlflowResourceDoesNotExistError,
  MlflowServerError,
  MlflowUnauthorizedError,
  MlflowUnavailableError,
} from './errors';

type MlflowErrorClass = new (...args: ConstructorParameters<typeof MlflowError>) => MlflowError;

const errorBody = z.object({ error_code: z.string().min(1), message: z.string().default('') });

const classByCode: Record<string, MlflowErrorClass> = {
  RESOURCE_ALREADY_EXISTS: MlflowResourceAlreadyExistsError,
  RESOURCE_DOES_NOT_EXIST: MlflowResourceDoesNotExistError,
  NOT_FOUND: MlflowResourceDoesNotExistError,
  ENDPOINT_NOT_FOUND: MlflowResourceDoesNotExistError,
  INVALID_PARAMETER_VALUE: MlflowInvalidParameterError,
  BAD_REQUEST: MlflowInvalidParameterError,
  UNAUTHENTICATED: MlflowUnauthorizedError,
  PERMISSION_DENIED: MlflowUnauthorizedError,
  REQUEST_LIMIT_EXCEEDED: MlflowUnavailableError,
  TEMPORARILY_UNAVAILABLE: MlflowUnavailableError,
};

function classByStatus(status: number): MlflowErrorClass {
  if (status === 404) return MlflowResourceDoesNotExistError;
  if (status === 401 || status === 403) return MlflowUnauthorizedError;
  if (status === 429 || status === 503) return MlflowUnavailableError;
  if (status >= 500) return MlflowServerError;
  if (status === 400 || status === 422) return MlflowInvalidParameterError;
  return MlflowError;
}

function hintFor(status: number, code: string, request: string): string {
  if (status === 401)
    return ' Set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD.';
  if (code === 'INVALID_HOST_HEADER') {
    return " Start the server with --allowed-hosts naming this host and port (e.g. 'mlflow:*,localhost:*').";
  }
  if (status === 503 && request.includes('mlflow-artifacts')) {
    return ' Start the server with artifact serving on (--serve-artifacts, the default).';
  }
  return '';
}

/**
 * The code of a plain-text answer. MLflow's security middleware refuses an
 * unknown Host with a 403 whose only sign is its text: the one answer read by
 * its wording, at this boundary (host-check.int.test.ts pins the real server's).
 */
function plainTextCode(status: number, text: string): string {
  return status === 403 && /invalid host header/i.test(text) ? 'INVALID_HOST_HEADER' : `HTTP_${status}`;
}

/** Parse MLflow's `{error_code, message}`; plain-text and HTML bodies become `HTTP_<status>` (or INVALID_HOST_HEADER). */
function parseErrorBody(status: number, text: string): { code: string; message: string } {
  try {
    const parsed = errorBody.safeParse(JSON.parse(text));
    if (parsed.success) return { code: parsed.data.error_code, message: parsed.data.message };
  } catch {
    // not JSON: a proxy, the security middleware or a framework error page
  }
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return {
    code: plainTextCode(status, plain),
    message: plain.length > 300 ? `${plain.slice(0, 300)}...` : plain,
  };
}

/** A non-2xx answer -> the matching MlflowError. `request` is e.g. `GET /api/2.0/mlflow/runs/get`. */
export function errorFromResponse(status: number, body: string, request: string): MlflowError {
  const { code, message } = parseErrorBody(status, body);
  const ErrorClass = classByCode[code] ?? classByStatus(status);
  const text = `${request} failed with ${status} ${code}${message ? `: ${message}` : ''}.`;
  return new ErrorClass(text + hintFor(status, code, request), { code, status, request });
}

const timeoutCodes = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** No answer (refused, reset, DNS, timeout) -> MlflowConnectionError; MlflowErrors pass through. */
export function errorFromTransport(err: unknown, request: string, trackingUri: string): MlflowError {
  if (err instanceof MlflowError) return err;
  const raw = err instanceof Error ? (err as NodeJS.ErrnoException).code : undefined;
  const code = raw !== undefined && timeoutCodes.has(raw) ? 'TIMEOUT' : (raw ?? 'CONNECTION_FAILED');
  const detail = err instanceof Error ? err.message : String(err);
  const fix =
    code === 'TIMEOUT'
      ? 'Check the server, or raise MLFLOW_HTTP_REQUEST_TIMEOUT.'
      : 'Is it running? Start one (npm run mlflow -- start) or set MLFLOW_TRACKING_URI.';
  return new MlflowConnectionError(
    `${request}: cannot reach the MLflow server at ${trackingUri} (${code}: ${detail}). ${fix}`,
    { code, request, cause: err },
  );
}
