// Artifact URIs -> proxy paths. `mlflow-artifacts:/<path>` is served by the
// tracking server under /api/2.0/mlflow-artifacts/artifacts/<path>.
import { MlflowInvalidParameterError } from './errors';
import { artifactsApi } from './paths';

/** Split a relative artifact path into safe segments; `..`, empty and absolute paths are refused. */
export function artifactSegments(relative: string): string[] {
  const segments = relative.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || s.includes('\\'))) {
    throw new MlflowInvalidParameterError(`artifact path "${relative}" may not contain ".." or "\\"`, {
      code: 'INVALID_PARAMETER_VALUE',
    });
  }
  return segments;
}

/**
 * The proxy-relative location (`1/<run>/artifacts/model`, no leading slash) of
 * an `mlflow-artifacts:` URI plus an optional sub-path.
 */
export function proxyLocation(uri: string, subPath = ''): string {
  const scheme = 'mlflow-artifacts:';
  if (!uri.startsWith(scheme)) {
    throw new MlflowInvalidParameterError(
      `artifact URI "${uri}" is not served by the tracking server's proxy: only mlflow-artifacts: URIs ` +
        '(the default of `mlflow server --serve-artifacts`) and runs:/ URIs are supported',
      { code: 'INVALID_PARAMETER_VALUE' },
    );
  }
  let rest = uri.slice(scheme.length);
  // mlflow-artifacts://host:port/path names a server; this client talks to its own.
  if (rest.startsWith('//'))
    rest = rest.slice(rest.indexOf('/', 2) === -1 ? rest.length : rest.indexOf('/', 2));
  return [...artifactSegments(rest), ...artifactSegments(subPath)].join('/');
}

/** The HTTP path of one artifact (or folder) behind the proxy. */
export function proxyPath(location: string): string {
  const encoded = location.split('/').filter(Boolean).map(encodeURIComponent).join('/');
  return encoded === '' ? artifactsApi : `${artifactsApi}/${encoded}`;
}

/** `runs:/<run id>/<path>` -> its parts, or undefined for other URIs. */
export function parseRunsUri(uri: string): { runId: string; path: string } | undefined {
  const match = /^runs:\/([^/]+)\/?(.*)$/.exec(uri);
  return match === null ? undefined : { runId: match[1], path: match[2] };
}
