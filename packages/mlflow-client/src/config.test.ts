// readMlflowConfig: defaults, auth precedence as the official clients have it,
// and one "VARIABLE: message" line per bad value.
import { MlflowConfigError, readMlflowConfig } from './config';

describe('readMlflowConfig', () => {
  it('when nothing is set, then the defaults apply', () => {
    expect(readMlflowConfig({})).toEqual({
      trackingUri: 'http://127.0.0.1:5000',
      auth: { kind: 'none' },
      timeoutMs: 120_000,
      retry: { maxRetries: 5, initialDelayMs: 500, maxDelayMs: 30_000 },
      insecureTls: false,
    });
  });

  it('when values are set, then seconds become milliseconds and a trailing slash is dropped', () => {
    const config = readMlflowConfig({
      MLFLOW_TRACKING_URI: 'https://mlflow.example.com/prefix/',
      MLFLOW_HTTP_REQUEST_TIMEOUT: '2.5',
      MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0',
      MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR: '1',
      MLFLOW_TRACKING_INSECURE_TLS: 'true',
    });
    expect(config).toMatchObject({
      trackingUri: 'https://mlflow.example.com/prefix',
      timeoutMs: 2500,
      retry: { maxRetries: 0, initialDelayMs: 1000 },
      insecureTls: true,
    });
  });

  it.each([
    [
      { MLFLOW_TRACKING_TOKEN: 'tok', MLFLOW_TRACKING_USERNAME: 'u', MLFLOW_TRACKING_PASSWORD: 'p' },
      { kind: 'bearer', token: 'tok' },
    ],
    [
      { MLFLOW_TRACKING_USERNAME: 'u', MLFLOW_TRACKING_PASSWORD: 'p' },
      { kind: 'basic', username: 'u', password: 'p' },
    ],
    [{ MLFLOW_TRACKING_USERNAME: 'u' }, { kind: 'basic', username: 'u', password: '' }],
    [{ MLFLOW_TRACKING_TOKEN: '' }, { kind: 'none' }],
  ])('when the environment is %j, then auth is %j', (env, auth) => {
    expect(readMlflowConfig(env).auth).toEqual(auth);
  });

  it.each([
    [
      { MLFLOW_TRACKING_URI: 'file:///tmp/mlruns' },
      'MLFLOW_TRACKING_URI: must be an http:// or https:// URL',
    ],
    [{ MLFLOW_TRACKING_URI: '127.0.0.1:5000' }, 'MLFLOW_TRACKING_URI: must be an http:// or https:// URL'],
    [{ MLFLOW_HTTP_REQUEST_TIMEOUT: 'soon' }, 'MLFLOW_HTTP_REQUEST_TIMEOUT:'],
    [{ MLFLOW_HTTP_REQUEST_MAX_RETRIES: '99' }, 'MLFLOW_HTTP_REQUEST_MAX_RETRIES:'],
    [{ MLFLOW_TRACKING_INSECURE_TLS: 'maybe' }, 'MLFLOW_TRACKING_INSECURE_TLS:'],
    [
      { MLFLOW_TRACKING_PASSWORD: 'p' },
      'MLFLOW_TRACKING_USERNAME: is required when MLFLOW_TRACKING_PASSWORD is set',
    ],
  ])('when the environment is %j, then it throws naming the variable', (env, line) => {
    const err = (() => {
      try {
        readMlflowConfig(env);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(MlflowConfigError);
    expect((err as MlflowConfigError).issues.join('\n')).toContain(line);
  });
});
