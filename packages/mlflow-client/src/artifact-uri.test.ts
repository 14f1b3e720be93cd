// Artifact URIs to proxy paths, and the paths that are refused.
import { artifactSegments, parseRunsUri, proxyLocation, proxyPath } from './artifact-uri';
import { MlflowInvalidParameterError } from './errors';

describe('proxyLocation and proxyPath', () => {
  it.each([
    ['mlflow-artifacts:/1/abc/artifacts', '', '1/abc/artifacts'],
    ['mlflow-artifacts:/1/abc/artifacts', 'model/model.json', '1/abc/artifacts/model/model.json'],
    ['mlflow-artifacts:/1/abc/artifacts/', '/model/', '1/abc/artifacts/model'],
    ['mlflow-artifacts://mlflow:5000/2/r/artifacts', 'x', '2/r/artifacts/x'],
    ['mlflow-artifacts:', '', ''],
  ])('when the URI is %s and the sub-path %s, then the location is %s', (uri, sub, location) => {
    expect(proxyLocation(uri, sub)).toBe(location);
  });

  it.each([
    ['1/abc/artifacts/a b#c.txt', '/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/a%20b%23c.txt'],
    ['', '/api/2.0/mlflow-artifacts/artifacts'],
  ])('when the location is %s, then the HTTP path is %s', (location, httpPath) => {
    expect(proxyPath(location)).toBe(httpPath);
  });

  it.each([
    ['s3://bucket/1/abc/artifacts', ''],
    ['file:///tmp/mlruns/1', ''],
    ['mlflow-artifacts:/1/abc/artifacts', '../../other'],
    ['mlflow-artifacts:/1/../2', ''],
    ['mlflow-artifacts:/1/abc', 'a\\b'],
  ])('when the URI is %s with sub-path %s, then MlflowInvalidParameterError', (uri, sub) => {
    expect(() => proxyLocation(uri, sub)).toThrow(MlflowInvalidParameterError);
  });

  it('when a path has empty and dot segments, then they are dropped', () => {
    expect(artifactSegments('./a//b/.')).toEqual(['a', 'b']);
  });
});

describe('parseRunsUri', () => {
  it.each([
    ['runs:/abc123/model', { runId: 'abc123', path: 'model' }],
    ['runs:/abc123', { runId: 'abc123', path: '' }],
    ['mlflow-artifacts:/1/abc', undefined],
  ])('when the URI is %s, then it parses to %j', (uri, parsed) => {
    expect(parseRunsUri(uri)).toEqual(parsed);
  });
});
