// Error mapping: MLflow's JSON error codes, bare statuses and the non-JSON
// answers (plain-text 403/503, HTML error pages) become typed errors.
import { errorFromResponse, errorFromTransport } from './error-mapping';
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

const json = (code: string, message = 'm') => JSON.stringify({ error_code: code, message });
const request = 'GET /api/2.0/mlflow/runs/get';

describe('errorFromResponse', () => {
  it.each([
    [400, json('RESOURCE_ALREADY_EXISTS'), MlflowResourceAlreadyExistsError, 'RESOURCE_ALREADY_EXISTS'],
    [404, json('RESOURCE_DOES_NOT_EXIST'), MlflowResourceDoesNotExistError, 'RESOURCE_DOES_NOT_EXIST'],
    [400, json('INVALID_PARAMETER_VALUE'), MlflowInvalidParameterError, 'INVALID_PARAMETER_VALUE'],
    [400, json('BAD_REQUEST'), MlflowInvalidParameterError, 'BAD_REQUEST'],
    [401, json('UNAUTHENTICATED'), MlflowUnauthorizedError, 'UNAUTHENTICATED'],
    [403, json('PERMISSION_DENIED'), MlflowUnauthorizedError, 'PERMISSION_DENIED'],
    [429, json('REQUEST_LIMIT_EXCEEDED'), MlflowUnavailableError, 'REQUEST_LIMIT_EXCEEDED'],
    [503, json('TEMPORARILY_UNAVAILABLE'), MlflowUnavailableError, 'TEMPORARILY_UNAVAILABLE'],
    [500, json('INTERNAL_ERROR'), MlflowServerError, 'INTERNAL_ERROR'],
    [409, json('RESOURCE_CONFLICT'), MlflowError, 'RESOURCE_CONFLICT'],
    [
      403,
      'Invalid Host header - possible DNS rebinding attack detected',
      MlflowUnauthorizedError,
      'INVALID_HOST_HEADER',
    ],
    [403, 'Cross-origin request blocked', MlflowUnauthorizedError, 'HTTP_403'],
    [503, 'Service Unavailable', MlflowUnavailableError, 'HTTP_503'],
    [
      404,
      '<!doctype html><title>404 Not Found</title><h1>Not Found</h1>',
      MlflowResourceDoesNotExistError,
      'HTTP_404',
    ],
    [502, '<html><body>Bad Gateway</body></html>', MlflowServerError, 'HTTP_502'],
    [400, '', MlflowInvalidParameterError, 'HTTP_400'],
    [418, '{"unexpected": true}', MlflowError, 'HTTP_418'],
  ])('when %i answers %s, then %p with code %s', (status, body, ErrorClass, code) => {
    const err = errorFromResponse(status, body, request);
    expect(err).toBeInstanceOf(ErrorClass);
    expect(err).toMatchObject({ code, status, request, name: ErrorClass.name });
    expect(err.message).toContain(request);
  });

  it('when the body is an HTML page, then the message keeps its text, not its tags', () => {
    const err = errorFromResponse(404, '<html><h1>Not Found</h1><p>No such URL</p></html>', request);
    expect(err.message).toContain('Not Found No such URL');
    expect(err.message).not.toContain('<h1>');
  });

  it.each([
    [403, 'Invalid Host header - possible DNS rebinding attack detected', request, /--allowed-hosts/],
    [401, '', request, /MLFLOW_TRACKING_TOKEN/],
    [503, 'Service Unavailable', 'GET /api/2.0/mlflow-artifacts/artifacts/1/x', /--serve-artifacts/],
  ])('when %i answers %s, then the message says how to fix it', (status, body, req, hint) => {
    expect(errorFromResponse(status, body, req).message).toMatch(hint);
  });
});

describe('errorFromTransport', () => {
  const withCode = (code: string) => Object.assign(new Error(`failed ${code}`), { code });

  it.each([
    ['ECONNREFUSED', 'ECONNREFUSED'],
    ['ECONNRESET', 'ECONNRESET'],
    ['ECONNABORTED', 'TIMEOUT'],
    ['ETIMEDOUT', 'TIMEOUT'],
  ])('when the socket fails with %s, then MlflowConnectionError with code %s', (raw, code) => {
    const err = errorFromTransport(withCode(raw), request, 'http://127.0.0.1:5000');
    expect(err).toBeInstanceOf(MlflowConnectionError);
    expect(err).toMatchObject({ code, status: undefined });
    expect(err.cause).toBeInstanceOf(Error);
  });

  it('when the failure is already an MlflowError, then it passes through unchanged', () => {
    const original = new MlflowServerError('x', { code: 'INTERNAL_ERROR', status: 500 });
    expect(errorFromTransport(original, request, 'http://h')).toBe(original);
  });
});
